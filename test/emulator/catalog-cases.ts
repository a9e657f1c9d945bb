import { assert } from "@effect/vitest"
import type * as Simulators from "../../src/emulator/simulators/Simulators.js"
import { bodyObject } from "../../src/emulator/simulators/Simulators.js"
import { incidentCatalogCases } from "./catalog-cases-incidents.js"

type Url = (vendor: Simulators.VendorName) => string

/** One execution of a type that reaches a simulator. */
export interface CatalogExecution {
  readonly name: string
  readonly vendor: Simulators.VendorName
  readonly params: unknown
  /** How many requests Kibana's executor sends for it. */
  readonly requests: number
  /** Checks the first request the vendor received (method, path, auth, body). */
  readonly expectRequest: (request: Simulators.ReceivedRequest) => void
  /** Checks `data` of the ok answer. */
  readonly expectData: (data: any) => void
  /** Checks an error answer (`status` is the vendor's status, undefined when it did not answer). */
  readonly expectError: (answer: any, context: { readonly status: number | undefined }) => void
}

/** What the catalog test checks for one connector type. */
export interface CatalogCase {
  readonly typeId: string
  readonly config: (url: Url) => Record<string, unknown>
  readonly secrets: (url: Url) => Record<string, unknown>
  /** The config Kibana stores and answers (defaults filled). */
  readonly storedConfig: (url: Url) => Record<string, unknown>
  readonly requiredConfig: ReadonlyArray<string>
  /** The reason when a required config key is missing, where it is not `Field "<key>": Required`. */
  readonly missingConfigReason?: Readonly<Record<string, string>>
  readonly requiredSecrets: ReadonlyArray<string>
  readonly executions: ReadonlyArray<CatalogExecution>
  readonly rejectedParams: ReadonlyArray<{
    readonly name: string
    readonly params: unknown
    readonly message: string
    /** `<id>` stands for the connector id. */
    readonly serviceMessage?: string
  }>
}

// The sub-action framework's errors (actions/server/sub_action_framework/executor.ts)
export const subActionFailure = "an error occurred while running the action"

export const unknownSubAction = (typeId: string, name: string) => ({
  name: "an unknown sub-action",
  params: { subAction: "nope", subActionParams: {} },
  message: subActionFailure,
  serviceMessage:
    `Sub action "nope" is not registered. Connector id: <id>. Connector name: ${name}. Connector type: ${typeId}`
})

export const subActionHttpError = (answer: any, { status }: { readonly status: number | undefined }) => {
  assert.strictEqual(answer.message, subActionFailure)
  assert.match(answer.service_message, new RegExp(`^Status code: ${status ?? "undefined"}\\. Message: `))
  assert.isTrue(answer.retry)
}

const opsgenieLike = (
  typeId: string,
  name: string,
  vendor: "opsgenie" | "jira-service-management",
  path: string,
  moreRejectedParams: CatalogCase["rejectedParams"] = []
): CatalogCase => ({
  typeId,
  config: (url) => ({ apiUrl: url(vendor) }),
  secrets: () => ({ apiKey: "genie-key-123" }),
  storedConfig: (url) => ({ apiUrl: url(vendor) }),
  requiredConfig: ["apiUrl"],
  requiredSecrets: ["apiKey"],
  executions: [{
    name: "createAlert",
    vendor,
    params: { subAction: "createAlert", subActionParams: { message: "x".repeat(140), alias: "a", priority: "P1" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, path)
      assert.strictEqual(request.headers.authorization, "GenieKey genie-key-123")
      // Kibana truncates the message to Opsgenie's 130 characters
      assert.deepStrictEqual(bodyObject(request), { message: "x".repeat(130), alias: "a", priority: "P1" })
    },
    expectData: (data) => {
      assert.strictEqual(data.result, "Request will be processed")
      assert.isString(data.requestId)
    },
    expectError: subActionHttpError
  }, {
    name: "closeAlert",
    vendor,
    params: { subAction: "closeAlert", subActionParams: { alias: "a b", note: "done" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, `${path}/a%20b/close`)
      assert.deepStrictEqual(request.query, { identifierType: "alias" })
      assert.deepStrictEqual(bodyObject(request), { note: "done" })
    },
    expectData: (data) => assert.strictEqual(data.result, "Request will be processed"),
    expectError: subActionHttpError
  }],
  rejectedParams: [
    unknownSubAction(typeId, name),
    {
      name: "a whitespace message",
      params: { subAction: "createAlert", subActionParams: { message: "  " } },
      message: subActionFailure
    },
    {
      name: "no subAction",
      params: {},
      message: "error validating action params: Field \"subAction\": Required"
    },
    ...moreRejectedParams
  ]
})

// Torq only accepts its own hosts, or localhost
const torqUrl = (url: Url) => url("torq").replace("127.0.0.1", "localhost")

const torq: CatalogCase = {
  typeId: ".torq",
  config: (url) => ({ webhookIntegrationUrl: torqUrl(url) }),
  secrets: () => ({ token: "torq-token-123" }),
  storedConfig: (url) => ({ webhookIntegrationUrl: torqUrl(url) }),
  requiredConfig: ["webhookIntegrationUrl"],
  requiredSecrets: ["token"],
  executions: [{
    name: "with a JSON body",
    vendor: "torq",
    params: { body: "{\"alert\":\"fired\"}" },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.headers["x-torq-token"], "torq-token-123")
      assert.deepStrictEqual(request.body, { alert: "fired" })
    },
    expectData: (data) => assert.strictEqual(data, "{\"alert\":\"fired\"}"),
    expectError: (answer, { status }) => {
      if (status === undefined) {
        assert.strictEqual(answer.message, "error triggering Torq workflow, request failed")
      } else if (status >= 500) {
        assert.strictEqual(answer.message, "error triggering Torq workflow, retry later")
        assert.strictEqual(answer.service_message, `[${status}] Internal Server Error: simulated ${status}`)
        assert.isTrue(answer.retry)
      } else {
        assert.strictEqual(answer.message, "error triggering Torq workflow, invalid response")
        assert.strictEqual(answer.service_message, `[${status}] Bad Request: simulated ${status}`)
      }
    }
  }],
  rejectedParams: [
    { name: "no body", params: {}, message: "error validating action params: Field \"body\": Required" },
    { name: "a body that is not JSON", params: { body: "{" }, message: "error triggering Torq workflow, invalid body" }
  ]
}

const xmatters: CatalogCase = {
  typeId: ".xmatters",
  config: (url) => ({ configUrl: url("xmatters") }),
  secrets: () => ({ user: "xm-user", password: "xm-password-123" }),
  storedConfig: (url) => ({ configUrl: url("xmatters"), usesBasic: true }),
  requiredConfig: [],
  requiredSecrets: [],
  executions: [{
    name: "an alert",
    vendor: "xmatters",
    params: { severity: "", ruleName: "r1", signalId: "s1" },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(
        request.headers.authorization,
        `Basic ${Buffer.from("xm-user:xm-password-123").toString("base64")}`
      )
      // an empty severity is sent as High
      assert.deepStrictEqual(request.body, { severity: "High", ruleName: "r1", signalId: "s1" })
    },
    expectData: (data) => assert.deepStrictEqual(data, { severity: "High", ruleName: "r1", signalId: "s1" }),
    expectError: (answer, { status }) => {
      if (status === undefined) assert.strictEqual(answer.message, "Error triggering xMatters workflow")
      else if (status >= 500) {
        assert.strictEqual(answer.message, `Error triggering xMatters flow: http status ${status}, retry later`)
        assert.isTrue(answer.retry)
      } else assert.strictEqual(answer.message, `Error triggering xMatters flow: unexpected status ${status}`)
    }
  }],
  rejectedParams: [
    { name: "no severity", params: {}, message: "error validating action params: Field \"severity\": Required" }
  ]
}

const d3security: CatalogCase = {
  typeId: ".d3security",
  config: (url) => ({ url: url("d3security") }),
  secrets: () => ({ token: "d3-token-123" }),
  storedConfig: (url) => ({ url: url("d3security") }),
  requiredConfig: ["url"],
  requiredSecrets: ["token"],
  executions: [{
    name: "run",
    vendor: "d3security",
    params: { subAction: "run", subActionParams: { body: "{\"a\":1}", severity: "high", eventType: "alert" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.headers.d3key, "d3-token-123")
      assert.deepStrictEqual(request.body, {
        hits: { hits: { _source: { rawData: { a: 1 }, "event.type": "alert", "kibana.alert.severity": "high" } } }
      })
    },
    expectData: (data) => assert.isString(data.refid),
    expectError: (answer, context) => {
      subActionHttpError(answer, context)
      const expected = context.status === undefined
        ? "Unknown API Error"
        : `API Error: ${context.status} - ${context.status === 400 ? "Bad Request" : "Internal Server Error"}`
      assert.strictEqual(answer.service_message, `Status code: ${context.status}. Message: ${expected}`)
    }
  }],
  rejectedParams: [unknownSubAction(".d3security", "D3 Security")]
}

const openai: CatalogCase = {
  typeId: ".gen-ai",
  config: (url) => ({ apiProvider: "OpenAI", apiUrl: `${url("openai")}v1/chat/completions` }),
  secrets: () => ({ apiKey: "sk-openai-123" }),
  storedConfig: (url) => ({
    apiProvider: "OpenAI",
    apiUrl: `${url("openai")}v1/chat/completions`,
    defaultModel: "gpt-4.1"
  }),
  requiredConfig: ["apiUrl"],
  // `apiProvider` picks a member of a zod union: without apiUrl no member passes, and zod reports them all
  missingConfigReason: {
    apiUrl: "3 errors:\n [1]: Field \"apiProvider\": Invalid enum value. Expected 'Azure OpenAI', received 'OpenAI', " +
      "Invalid enum value. Expected 'Other', received 'OpenAI';\n [2]: Field \"apiUrl\": Required, Required, Required;" +
      "\n [3]: Field \"defaultModel\": Required"
  },
  requiredSecrets: [],
  executions: [{
    name: "run",
    vendor: "openai",
    params: { subAction: "run", subActionParams: { body: "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/v1/chat/completions")
      assert.strictEqual(request.headers.authorization, "Bearer sk-openai-123")
      assert.deepStrictEqual(request.body, {
        messages: [{ role: "user", content: "hi" }],
        stream: false,
        model: "gpt-4.1"
      })
    },
    expectData: (data) => {
      assert.strictEqual(data.object, "chat.completion")
      assert.strictEqual(data.choices[0].message.role, "assistant")
      assert.deepStrictEqual(Object.keys(data.usage), ["prompt_tokens", "completion_tokens", "total_tokens"])
    },
    expectError: subActionHttpError
  }, {
    name: "invokeAI",
    vendor: "openai",
    params: {
      subAction: "invokeAI",
      subActionParams: { messages: [{ role: "user", content: "hi" }], model: "gpt-4o" }
    },
    requests: 1,
    expectRequest: (request) => assert.strictEqual(bodyObject(request).model, "gpt-4o"),
    expectData: (data) => {
      assert.strictEqual(data.message, "Hello from the simulator")
      assert.strictEqual(data.usage.total_tokens, 15)
    },
    expectError: subActionHttpError
  }],
  rejectedParams: [
    unknownSubAction(".gen-ai", "OpenAI"),
    {
      name: "invokeAI without messages",
      params: { subAction: "invokeAI", subActionParams: {} },
      message: subActionFailure
    }
  ]
}

const jiraError = (answer: any, { status }: { readonly status: number | undefined }) => {
  assert.strictEqual(answer.message, subActionFailure)
  const reason = status === undefined
    ? /\. Reason: unknown: errorResponse was null$/
    : new RegExp(`Error: Request failed with status code ${status}\\. Reason: simulated ${status}$`)
  assert.match(answer.service_message, /^\[Action\]\[Jira\]: Unable to create incident\. Error: /)
  assert.match(answer.service_message, reason)
}

const jira: CatalogCase = {
  typeId: ".jira",
  config: (url) => ({ apiUrl: url("jira"), projectKey: "CK" }),
  secrets: () => ({ email: "me@example.com", apiToken: "jira-token-123" }),
  storedConfig: (url) => ({ apiUrl: url("jira"), projectKey: "CK" }),
  requiredConfig: ["apiUrl", "projectKey"],
  requiredSecrets: ["email", "apiToken"],
  executions: [{
    name: "pushToService",
    vendor: "jira",
    params: {
      subAction: "pushToService",
      subActionParams: {
        incident: { summary: "Disk\nfull ", issueType: "10006", labels: ["disk"] },
        comments: [{ comment: "first look", commentId: "c1" }, { comment: "", commentId: "c2" }]
      }
    },
    requests: 3,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/rest/api/2/issue")
      assert.strictEqual(
        request.headers.authorization,
        `Basic ${Buffer.from("me@example.com:jira-token-123").toString("base64")}`
      )
      assert.deepStrictEqual(request.body, {
        fields: { summary: "Disk, full", project: { key: "CK" }, issuetype: { id: "10006" }, labels: ["disk"] }
      })
    },
    expectData: (data) => {
      assert.match(data.title, /^CK-\d+$/)
      assert.match(data.url, new RegExp(`/jira/browse/${data.title}$`))
      assert.isString(data.pushedDate)
      // Kibana skips the empty comment and leaves out Jira's comment id
      assert.deepStrictEqual(data.comments, [{ commentId: "c1", pushedDate: data.comments[0].pushedDate }])
      assert.isString(data.comments[0].pushedDate)
    },
    expectError: jiraError
  }],
  rejectedParams: [
    {
      name: "an incident without summary",
      params: { subAction: "pushToService", subActionParams: { incident: {} } },
      message: "error validating action params: Field \"subActionParams.incident.summary\": Required"
    },
    {
      name: "handshake (Kibana's executor refuses it)",
      params: { subAction: "handshake", subActionParams: {} },
      message: subActionFailure,
      serviceMessage: "[Action][ExternalService] subAction handshake not implemented."
    },
    {
      name: "an unknown sub-action",
      params: { subAction: "nope", subActionParams: {} },
      message: "error validating action params: Field \"subAction\": Invalid discriminator value. Expected " +
        "'getFields' | 'getIncident' | 'handshake' | 'pushToService' | 'issueTypes' | 'fieldsByIssueType' | 'issues' | 'issue'"
    }
  ]
}

const serviceNow: CatalogCase = {
  typeId: ".servicenow",
  config: (url) => ({ apiUrl: url("servicenow") }),
  secrets: () => ({ username: "admin", password: "sn-password-123" }),
  storedConfig: (url) => ({
    apiUrl: url("servicenow"),
    isOAuth: false,
    userIdentifierValue: null,
    clientId: null,
    jwtKeyId: null,
    usesTableApi: true
  }),
  requiredConfig: ["apiUrl"],
  requiredSecrets: [],
  executions: [{
    name: "pushToService",
    vendor: "servicenow",
    params: {
      subAction: "pushToService",
      subActionParams: {
        incident: { short_description: "Disk full" },
        comments: [{ comment: "look", commentId: "c1" }]
      }
    },
    requests: 4,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/api/now/v2/table/incident")
      assert.strictEqual(
        request.headers.authorization,
        `Basic ${Buffer.from("admin:sn-password-123").toString("base64")}`
      )
      assert.deepStrictEqual(request.body, {
        short_description: "Disk full",
        description: null,
        category: null,
        subcategory: null,
        correlation_id: "{{rule.id}}:{{alert.id}}",
        correlation_display: null,
        severity: null,
        urgency: null,
        impact: null,
        caller_id: "admin",
        opened_by: "admin"
      })
    },
    expectData: (data) => {
      assert.match(data.title, /^INC\d{7}$/)
      assert.match(data.url, new RegExp(`/servicenow/nav_to\\.do\\?uri=incident\\.do\\?sys_id=${data.id}$`))
      assert.match(data.pushedDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/)
      assert.deepStrictEqual(data.comments, [{ commentId: "c1", pushedDate: data.pushedDate }])
    },
    expectError: (answer, { status }) => {
      assert.strictEqual(answer.message, subActionFailure)
      assert.match(answer.service_message, /^\[Action\]\[ServiceNow\]: Unable to create incident\. Error: /)
      if (status !== undefined) {
        assert.include(
          answer.service_message,
          `Request failed with status code ${status} Reason: simulated ${status}: simulated [status=${status}] [method=post] [endpoint=table]`
        )
      }
    }
  }],
  rejectedParams: [
    {
      name: "an incident without short_description",
      params: { subAction: "pushToService", subActionParams: { incident: {} } },
      message: "error validating action params: Field \"subActionParams.incident.short_description\": Required"
    }
  ]
}

const statusTextError = (answer: any, { status }: { readonly status: number | undefined }) => {
  assert.strictEqual(answer.message, subActionFailure)
  const expected = status === undefined
    ? /^Status code: undefined\. Message: AxiosError: /
    : new RegExp(
      `^Status code: ${status}\\. Message: API Error: ${status === 400 ? "Bad Request" : "Internal Server Error"}$`
    )
  assert.match(answer.service_message, expected)
}

const tines: CatalogCase = {
  typeId: ".tines",
  config: (url) => ({ url: url("tines").slice(0, -1) }),
  secrets: () => ({ email: "me@example.com", token: "tines-token-123" }),
  storedConfig: (url) => ({ url: url("tines").slice(0, -1) }),
  requiredConfig: ["url"],
  requiredSecrets: ["email", "token"],
  executions: [{
    name: "stories",
    vendor: "tines",
    params: { subAction: "stories" },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/api/v1/stories")
      assert.deepStrictEqual(request.query, { per_page: "500" })
      assert.strictEqual(request.headers["x-user-email"], "me@example.com")
      assert.strictEqual(request.headers["x-user-token"], "tines-token-123")
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        stories: [{ id: 1, name: "Simulated story", published: true }],
        incompleteResponse: false
      }),
    expectError: statusTextError
  }, {
    name: "run",
    vendor: "tines",
    params: {
      subAction: "run",
      subActionParams: { webhook: { id: 2, name: "hook", storyId: 1, path: "p1", secret: "s1" }, body: "{\"a\":1}" }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/webhook/p1/s1")
      assert.deepStrictEqual(request.body, { a: 1 })
    },
    expectData: (data) => assert.deepStrictEqual(data, {}),
    expectError: statusTextError
  }],
  rejectedParams: [
    unknownSubAction(".tines", "Tines"),
    { name: "run without body", params: { subAction: "run", subActionParams: {} }, message: subActionFailure }
  ]
}

const xsoar: CatalogCase = {
  typeId: ".xsoar",
  config: (url) => ({ url: url("xsoar").slice(0, -1) }),
  secrets: () => ({ apiKey: "xsoar-key-123" }),
  storedConfig: (url) => ({ url: url("xsoar").slice(0, -1) }),
  requiredConfig: ["url"],
  requiredSecrets: ["apiKey"],
  executions: [{
    name: "run",
    vendor: "xsoar",
    params: {
      subAction: "run",
      subActionParams: {
        name: "Disk full",
        createInvestigation: true,
        severity: 2,
        body: "{\"details\":\"d\",\"name\":\"x\"}"
      }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/incident")
      assert.strictEqual(request.headers.authorization, "xsoar-key-123")
      assert.deepStrictEqual(request.body, {
        details: "d",
        name: "Disk full",
        playbookId: null,
        createInvestigation: true,
        severity: 2,
        isRuleSeverity: false
      })
    },
    expectData: (data) => assert.deepStrictEqual(data, {}),
    expectError: statusTextError
  }, {
    name: "getPlaybooks",
    vendor: "xsoar",
    params: { subAction: "getPlaybooks", subActionParams: null },
    requests: 1,
    expectRequest: (request) => assert.strictEqual(request.path, "/playbook/search"),
    expectData: (data) => assert.deepStrictEqual(data.playbooks, [{ id: "playbook0", name: "Simulated playbook" }]),
    expectError: statusTextError
  }],
  rejectedParams: [
    unknownSubAction(".xsoar", "XSOAR"),
    { name: "run without name", params: { subAction: "run", subActionParams: {} }, message: subActionFailure }
  ]
}

const pagerduty: CatalogCase = {
  typeId: ".pagerduty",
  config: (url) => ({ apiUrl: `${url("pagerduty")}v2/enqueue` }),
  secrets: () => ({ routingKey: "pd-routing-key-123" }),
  storedConfig: (url) => ({ apiUrl: `${url("pagerduty")}v2/enqueue` }),
  requiredConfig: [],
  requiredSecrets: ["routingKey"],
  executions: [{
    name: "a trigger",
    vendor: "pagerduty",
    params: { summary: "CPU high", severity: "critical", dedupKey: "k1" },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/v2/enqueue")
      assert.strictEqual(request.headers["x-routing-key"], "pd-routing-key-123")
      assert.deepInclude(request.body, { event_action: "trigger", dedup_key: "k1" })
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, { status: "success", message: "Event processed", dedup_key: "k1" }),
    expectError: (answer, { status }) => {
      if (status === undefined) assert.strictEqual(answer.message, "error posting pagerduty event")
      else if (status >= 500) {
        assert.strictEqual(answer.message, `error posting pagerduty event: http status ${status}, retry later`)
      } else assert.strictEqual(answer.message, `error posting pagerduty event: unexpected status ${status}`)
    }
  }],
  rejectedParams: [{
    name: "resolve without dedupKey",
    params: { eventAction: "resolve" },
    message: "error validating action params: DedupKey is required when eventAction is \"resolve\""
  }]
}

const teams: CatalogCase = {
  typeId: ".teams",
  config: () => ({}),
  secrets: (url) => ({ webhookUrl: `${url("teams")}webhookb2/secret-path-123` }),
  storedConfig: () => ({}),
  requiredConfig: [],
  requiredSecrets: ["webhookUrl"],
  executions: [{
    name: "a message",
    vendor: "teams",
    params: { message: "hello" },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/webhookb2/secret-path-123")
      assert.deepStrictEqual(request.body, { text: "hello" })
    },
    expectData: (data) => assert.deepStrictEqual(data, { text: "hello" }),
    expectError: (answer, { status }) => {
      if (status === undefined) assert.strictEqual(answer.message, "error posting to Microsoft Teams, unexpected error")
      else if (status >= 500) assert.strictEqual(answer.message, "error posting a Microsoft Teams message, retry later")
      else {
        assert.strictEqual(answer.message, "error posting to Microsoft Teams, invalid response")
        assert.strictEqual(answer.service_message, `[${status}] Bad Request`)
      }
    }
  }],
  rejectedParams: [{
    name: "an empty message",
    params: { message: "" },
    message: "error validating action params: Field \"message\": String must contain at least 1 character(s)"
  }]
}

const slack: CatalogCase = {
  typeId: ".slack",
  config: () => ({}),
  secrets: (url) => ({ webhookUrl: `${url("slack")}services/T1/B1/secret-123` }),
  storedConfig: () => ({}),
  requiredConfig: [],
  requiredSecrets: ["webhookUrl"],
  executions: [{
    name: "a message",
    vendor: "slack",
    params: { message: "hello" },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/services/T1/B1/secret-123")
      assert.deepStrictEqual(request.body, { text: "hello" })
    },
    expectData: (data) => assert.deepStrictEqual(data, { text: "ok" }),
    expectError: (answer, { status }) => {
      if (status === undefined) {
        assert.strictEqual(answer.message, "error posting slack message")
        assert.match(answer.service_message, /^A request error occurred: /)
      } else if (status >= 500) assert.strictEqual(answer.message, "error posting a slack message, retry later")
      else assert.strictEqual(answer.message, `unexpected http response from slack: ${status} Bad Request`)
    }
  }],
  rejectedParams: [{
    name: "no message",
    params: {},
    message: "error validating action params: Field \"message\": Required"
  }]
}

export const catalogCases: ReadonlyArray<CatalogCase> = [
  pagerduty,
  teams,
  slack,
  xsoar,
  tines,
  serviceNow,
  jira,
  opsgenieLike(".opsgenie", "Opsgenie", "opsgenie", "/v2/alerts"),
  opsgenieLike(
    ".jira-service-management",
    "Jira Service Management",
    "jira-service-management",
    "/jsm/ops/integration/v2/alerts",
    // unlike Opsgenie, JSM names responders by id only
    [{
      name: "a responder by name",
      params: {
        subAction: "createAlert",
        subActionParams: { message: "m", responders: [{ name: "ops", type: "team" }] }
      },
      message: subActionFailure
    }]
  ),
  torq,
  xmatters,
  d3security,
  openai,
  ...incidentCatalogCases
]
