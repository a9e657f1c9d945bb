// Catalog cases of the incident-management and Slack Web API types (issue 10): what Kibana's executors
// send (elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/
// {slack_api,thehive,resilient,swimlane,cases_webhook,servicenow_itom}/) and how they report failures.
import { assert } from "@effect/vitest"
import type { CatalogCase } from "./catalog-cases.js"

// the sub-action framework's error (actions/server/sub_action_framework/executor.ts)
const subActionFailure = "an error occurred while running the action"

const unknownSubAction = (typeId: string, name: string) => ({
  name: "an unknown sub-action",
  params: { subAction: "nope", subActionParams: {} },
  message: subActionFailure,
  serviceMessage:
    `Sub action "nope" is not registered. Connector id: <id>. Connector name: ${name}. Connector type: ${typeId}`
})

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

const statusText = (status: number) => status === 400 ? "Bad Request" : "Internal Server Error"

const slackApiError = (answer: any, { status }: { readonly status: number | undefined }) => {
  if (status === undefined) {
    assert.strictEqual(answer.message, "error posting slack message")
    assert.isString(answer.service_message)
  } else if (status >= 500) {
    assert.strictEqual(answer.message, "error posting a slack message, retry later")
    assert.isTrue(answer.retry)
  } else assert.strictEqual(answer.message, `unexpected http response from slack: ${status} Bad Request`)
}

const slackApi: CatalogCase = {
  typeId: ".slack_api",
  config: () => ({ allowedChannels: [{ id: "C0123", name: "#general" }] }),
  secrets: () => ({ token: "xoxb-token-123" }),
  storedConfig: () => ({ allowedChannels: [{ id: "C0123", name: "#general" }] }),
  requiredConfig: [],
  requiredSecrets: ["token"],
  executions: [{
    name: "postMessage",
    vendor: "slack-api",
    params: { subAction: "postMessage", subActionParams: { channelIds: ["C0123"], text: "hello" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/api/chat.postMessage")
      assert.strictEqual(request.headers.authorization, "Bearer xoxb-token-123")
      assert.deepStrictEqual(request.body, { channel: "C0123", text: "hello" })
    },
    expectData: (data) => {
      assert.isTrue(data.ok)
      assert.strictEqual(data.channel, "C0123")
      assert.strictEqual(data.message.text, "hello")
    },
    expectError: slackApiError
  }, {
    name: "postBlockkit",
    vendor: "slack-api",
    params: {
      subAction: "postBlockkit",
      subActionParams: { channelNames: ["#general"], text: "{\"blocks\":[{\"type\":\"divider\"}]}" }
    },
    requests: 1,
    expectRequest: (request) =>
      assert.deepStrictEqual(request.body, { channel: "#general", blocks: [{ type: "divider" }] }),
    expectData: (data) => assert.isTrue(data.ok),
    expectError: slackApiError
  }, {
    name: "validChannelId",
    vendor: "slack-api",
    params: { subAction: "validChannelId", subActionParams: { channelId: "C0123" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/api/conversations.info")
      assert.deepStrictEqual(request.query, { channel: "C0123" })
    },
    expectData: (data) => assert.strictEqual(data.channel.id, "C0123"),
    expectError: slackApiError
  }],
  rejectedParams: [
    {
      name: "a channel outside the allowed list",
      params: { subAction: "postMessage", subActionParams: { channelIds: ["C999"], text: "hi" } },
      message: "error posting slack message",
      serviceMessage: "One or more provided channels are not included in the allowed channels list"
    },
    {
      name: "no channel",
      params: { subAction: "postMessage", subActionParams: { text: "hi" } },
      message: "error posting slack message",
      serviceMessage: "One of channels, channelIds, or channelNames is required and cannot be empty"
    },
    {
      name: "an unknown channel id (Slack's ok: false)",
      params: { subAction: "validChannelId", subActionParams: { channelId: "X1" } },
      message: "error posting slack message",
      serviceMessage: "channel_not_found"
    },
    {
      name: "a channel name without #",
      params: { subAction: "postMessage", subActionParams: { channelNames: ["general"], text: "hi" } },
      message:
        "error validating action params: Field \"subActionParams.channelNames.0\": Channel name must start with #"
    }
  ]
}

const theHiveError = (answer: any, { status }: { readonly status: number | undefined }) => {
  assert.strictEqual(answer.message, subActionFailure)
  assert.strictEqual(
    answer.service_message,
    status === undefined
      ? "Status code: undefined. Message: Unknown API Error"
      : `Status code: ${status}. Message: API Error: BadRequest - simulated ${status}`
  )
}

const theHive: CatalogCase = {
  typeId: ".thehive",
  config: (url) => ({ url: url("thehive").slice(0, -1), organisation: "ops" }),
  secrets: () => ({ apiKey: "hive-key-123" }),
  storedConfig: (url) => ({ url: url("thehive").slice(0, -1), organisation: "ops" }),
  requiredConfig: ["url"],
  requiredSecrets: ["apiKey"],
  executions: [{
    name: "pushToService",
    vendor: "thehive",
    params: {
      subAction: "pushToService",
      subActionParams: {
        incident: { title: "Disk full", description: "on db-1", tags: ["disk"] },
        comments: [{ comment: "first look", commentId: "c1" }]
      }
    },
    requests: 2,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/api/v1/case")
      assert.strictEqual(request.headers.authorization, "Bearer hive-key-123")
      assert.strictEqual(request.headers["x-organisation"], "ops")
      assert.deepStrictEqual(request.body, {
        title: "Disk full",
        description: "on db-1",
        severity: null,
        tlp: null,
        tags: ["disk"]
      })
    },
    expectData: (data) => {
      assert.strictEqual(data.title, "Disk full")
      assert.match(data.url, new RegExp(`/thehive/cases/${data.id}/details$`))
      assert.deepStrictEqual(data.comments, [{ commentId: "c1", pushedDate: data.pushedDate }])
    },
    expectError: theHiveError
  }, {
    name: "createAlert",
    vendor: "thehive",
    params: {
      subAction: "createAlert",
      subActionParams: {
        title: "CPU high",
        description: "d",
        type: "external",
        source: "kibana",
        sourceRef: "rule-1",
        body: "{\"tags\":[\"from-body\"]}"
      }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/api/v1/alert")
      assert.deepStrictEqual(request.body, {
        title: "CPU high",
        description: "d",
        type: "external",
        source: "kibana",
        sourceRef: "rule-1",
        severity: null,
        isRuleSeverity: false,
        tlp: null,
        tags: ["from-body"]
      })
    },
    expectData: (data) => assert.deepStrictEqual(data, {}),
    expectError: theHiveError
  }, {
    name: "pushToService of an existing case",
    vendor: "thehive",
    params: {
      subAction: "pushToService",
      subActionParams: { incident: { title: "Disk full", description: "d", externalId: "~42", severity: 3 } }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "PATCH")
      assert.strictEqual(request.path, "/api/v1/case/~42")
      assert.deepStrictEqual(request.body, { title: "Disk full", description: "d", severity: 3, tlp: null, tags: null })
    },
    expectData: (data) => {
      assert.strictEqual(data.id, "~42")
      assert.strictEqual(data.title, "Disk full")
      assert.match(data.url, /\/thehive\/cases\/~42\/details$/)
      assert.notProperty(data, "comments")
    },
    expectError: theHiveError
  }],
  rejectedParams: [
    unknownSubAction(".thehive", "TheHive"),
    {
      name: "an incident without title",
      params: { subAction: "pushToService", subActionParams: { incident: { description: "d" } } },
      message: subActionFailure
    }
  ]
}

const resilientError = (what: string) => (answer: any, { status }: { readonly status: number | undefined }) => {
  assert.strictEqual(answer.message, subActionFailure)
  assert.strictEqual(
    answer.service_message,
    status === undefined
      ? `[Action][IBM Resilient]: ${what}. Error: Status code: undefined. Message: Unknown API Error.`
      : `[Action][IBM Resilient]: ${what}. Error: Status code: ${status}. Message: API Error: simulated ${status}.`
  )
}

const resilient: CatalogCase = {
  typeId: ".resilient",
  config: (url) => ({ apiUrl: url("resilient").slice(0, -1), orgId: "201" }),
  secrets: () => ({ apiKeyId: "key-id", apiKeySecret: "key-secret-123" }),
  storedConfig: (url) => ({ apiUrl: url("resilient").slice(0, -1), orgId: "201" }),
  requiredConfig: ["apiUrl", "orgId"],
  requiredSecrets: ["apiKeyId", "apiKeySecret"],
  executions: [{
    name: "pushToService",
    vendor: "resilient",
    params: {
      subAction: "pushToService",
      subActionParams: {
        incident: { name: "Disk full", description: "on db-1", severityCode: 5, incidentTypes: [17] },
        comments: [{ comment: "first look", commentId: "c1" }]
      }
    },
    requests: 2,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/rest/orgs/201/incidents")
      assert.deepStrictEqual(request.query, { text_content_output_format: "objects_convert" })
      assert.strictEqual(request.headers.authorization, basic("key-id", "key-secret-123"))
      const { discovered_date, ...body } = request.body as Record<string, unknown>
      assert.isNumber(discovered_date)
      assert.deepStrictEqual(body, {
        name: "Disk full",
        description: { format: "html", content: "on db-1" },
        incident_type_ids: [{ id: 17 }],
        severity_code: { id: 5 }
      })
    },
    expectData: (data) => {
      assert.match(data.id, /^\d+$/)
      assert.strictEqual(data.title, data.id)
      assert.match(data.url, new RegExp(`/resilient/#incidents/${data.id}$`))
      assert.deepStrictEqual(data.comments, [{ commentId: "c1", pushedDate: data.pushedDate }])
    },
    expectError: resilientError("Unable to create incident")
  }, {
    name: "incidentTypes",
    vendor: "resilient",
    params: { subAction: "incidentTypes", subActionParams: {} },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/rest/orgs/201/types/incident/fields/incident_type_ids")
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, [{ id: "17", name: "Malware" }, { id: "21", name: "Denial of Service" }]),
    expectError: resilientError("Unable to get incident types")
  }, {
    name: "pushToService of an existing incident",
    vendor: "resilient",
    params: {
      subAction: "pushToService",
      subActionParams: { incident: { name: "Disk full", externalId: "1001", description: "now" } }
    },
    // read the incident, read the fields, PATCH the changes, read it again
    requests: 4,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/rest/orgs/201/incidents/1001")
      assert.deepStrictEqual(request.query, { text_content_output_format: "objects_convert" })
    },
    expectData: (data) => {
      assert.strictEqual(data.id, "1001")
      assert.match(data.url, /\/resilient\/#incidents\/1001$/)
    },
    expectError: (answer, { status }) => {
      const inner = status === undefined
        ? "Status code: undefined. Message: Unknown API Error."
        : `Status code: ${status}. Message: API Error: simulated ${status}.`
      assert.strictEqual(answer.message, subActionFailure)
      assert.strictEqual(
        answer.service_message,
        "[Action][IBM Resilient]: Unable to update incident with id 1001. Error: " +
          `[Action][IBM Resilient]: Unable to get incident with id 1001. Error: ${inner}.`
      )
    }
  }],
  rejectedParams: [
    unknownSubAction(".resilient", "IBM Resilient"),
    {
      name: "an incident without name",
      params: { subAction: "pushToService", subActionParams: { incident: {} } },
      message: subActionFailure
    }
  ]
}

const swimlaneMappings = {
  ruleNameConfig: { id: "f-rule", key: "rule-name", name: "Rule name", fieldType: "text" },
  severityConfig: { id: "f-sev", key: "severity", name: "Severity", fieldType: "numeric" },
  commentsConfig: { id: "f-comments", key: "comments", name: "Comments", fieldType: "comments" }
}

const swimlane: CatalogCase = {
  typeId: ".swimlane",
  config: (url) => ({
    apiUrl: url("swimlane").slice(0, -1),
    appId: "app1",
    connectorType: "all",
    mappings: swimlaneMappings
  }),
  secrets: () => ({ apiToken: "swim-token-123" }),
  storedConfig: (url) => ({
    apiUrl: url("swimlane").slice(0, -1),
    appId: "app1",
    connectorType: "all",
    mappings: {
      alertIdConfig: null,
      caseIdConfig: null,
      caseNameConfig: null,
      descriptionConfig: null,
      ...swimlaneMappings
    }
  }),
  requiredConfig: ["apiUrl", "appId", "connectorType", "mappings"],
  requiredSecrets: ["apiToken"],
  executions: [{
    name: "pushToService",
    vendor: "swimlane",
    params: {
      subAction: "pushToService",
      subActionParams: {
        incident: { ruleName: "disk", severity: "high", alertId: "a1" },
        comments: [{ comment: "first look", commentId: "c1" }]
      }
    },
    requests: 2,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/api/app/app1/record")
      assert.strictEqual(request.headers["private-token"], "swim-token-123")
      // "high" is not a number: a numeric field gets 0
      assert.deepStrictEqual(request.body, { applicationId: "app1", values: { "f-rule": "disk", "f-sev": 0 } })
    },
    expectData: (data) => {
      assert.match(data.title, /^SIM-\d+$/)
      assert.match(data.url, new RegExp(`/swimlane/record/app1/${data.id}$`))
      assert.strictEqual(data.comments[0].commentId, "c1")
    },
    expectError: (answer, { status }) => {
      assert.strictEqual(answer.message, subActionFailure)
      const prefix = "[Action][Swimlane]: Unable to create record in application with id app1. "
      if (status === undefined) assert.include(answer.service_message, `${prefix}Status: 500. Error: `)
      else {
        assert.strictEqual(
          answer.service_message,
          `${prefix}Status: ${status}. Error: Request failed with status code ${status}. ` +
            `Reason: simulated ${status} (1000)`
        )
      }
    }
  }, {
    name: "pushToService of an existing record",
    vendor: "swimlane",
    params: { subAction: "pushToService", subActionParams: { incident: { ruleName: "disk", externalId: "rec1" } } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "PATCH")
      assert.strictEqual(request.path, "/api/app/app1/record/rec1")
      assert.deepStrictEqual(request.body, { applicationId: "app1", id: "rec1", values: { "f-rule": "disk" } })
    },
    expectData: (data) => {
      assert.strictEqual(data.id, "rec1")
      assert.match(data.url, /\/swimlane\/record\/app1\/rec1$/)
    },
    expectError: (answer, { status }) => {
      assert.strictEqual(answer.message, subActionFailure)
      assert.include(
        answer.service_message,
        `[Action][Swimlane]: Unable to update record in application with id app1. Status: ${status ?? 500}. Error: `
      )
    }
  }],
  rejectedParams: [{
    name: "an unknown sub-action",
    params: { subAction: "nope", subActionParams: {} },
    message:
      "error validating action params: Field \"subAction\": Invalid discriminator value. Expected 'pushToService'"
  }]
}

const casesWebhookConfig = (url: (vendor: "cases-webhook") => string) => {
  const base = url("cases-webhook")
  return {
    createIncidentUrl: `${base}issue`,
    createIncidentJson: "{\"fields\":{\"summary\":{{{case.title}}},\"labels\":{{{case.tags}}}}}",
    createIncidentResponseKey: "id",
    getIncidentUrl: `${base}issue/{{{external.system.id}}}`,
    getIncidentResponseExternalTitleKey: "key",
    viewIncidentUrl: `${base}browse/{{{external.system.title}}}`,
    updateIncidentUrl: `${base}issue/{{{external.system.id}}}`,
    updateIncidentJson: "{\"fields\":{\"summary\":{{{case.title}}}}}",
    createCommentUrl: `${base}issue/{{{external.system.id}}}/comment`,
    createCommentMethod: "post",
    createCommentJson: "{\"body\":{{{case.comment}}}}"
  }
}

const casesWebhook: CatalogCase = {
  typeId: ".cases-webhook",
  config: casesWebhookConfig,
  secrets: () => ({ user: "bot", password: "hook-pw-123" }),
  storedConfig: (url) => ({
    ...casesWebhookConfig(url),
    createIncidentMethod: "post",
    getIncidentMethod: "get",
    getIncidentJson: null,
    updateIncidentMethod: "put",
    headers: null,
    hasAuth: true
  }),
  requiredConfig: [
    "createIncidentUrl",
    "createIncidentJson",
    "createIncidentResponseKey",
    "getIncidentUrl",
    "getIncidentResponseExternalTitleKey",
    "viewIncidentUrl",
    "updateIncidentUrl",
    "updateIncidentJson"
  ],
  requiredSecrets: [],
  executions: [{
    name: "pushToService",
    vendor: "cases-webhook",
    params: {
      subAction: "pushToService",
      subActionParams: {
        incident: { title: "Disk \"full\"", tags: ["disk"] },
        comments: [{ comment: "first look", commentId: "c1" }, { comment: "", commentId: "c2" }]
      }
    },
    requests: 3,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/issue")
      assert.strictEqual(request.headers.authorization, basic("bot", "hook-pw-123"))
      assert.deepStrictEqual(request.body, { fields: { summary: "Disk \"full\"", labels: ["disk"] } })
    },
    expectData: (data) => {
      assert.match(data.id, /^\d+$/)
      assert.strictEqual(data.title, `CASE-${data.id}`)
      assert.match(data.url, new RegExp(`/cases-webhook/browse/CASE-${data.id}$`))
      // the empty comment is skipped
      assert.deepStrictEqual(data.comments, [{ commentId: "c1", pushedDate: data.pushedDate }])
    },
    expectError: (answer, { status }) => {
      assert.strictEqual(answer.message, subActionFailure)
      const prefix = "[Action][Webhook - Case Management]: Unable to create case. Error: "
      if (status === undefined) assert.isTrue(answer.service_message.startsWith(prefix), answer.service_message)
      else {
        assert.strictEqual(
          answer.service_message,
          `${prefix}Request failed with status code ${status}. ` +
            `{"errorMessages":["simulated ${status}"],"errors":{}} Reason: ${statusText(status)}`
        )
      }
    }
  }, {
    name: "pushToService of an existing case",
    vendor: "cases-webhook",
    params: { subAction: "pushToService", subActionParams: { incident: { title: "Disk full", externalId: "10042" } } },
    // PUT the update (204), GET the case for its title
    requests: 2,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, "/issue/10042")
      assert.deepStrictEqual(request.body, { fields: { summary: "Disk full" } })
    },
    expectData: (data) => {
      assert.strictEqual(data.id, "10042")
      assert.strictEqual(data.title, "CASE-10042")
      assert.match(data.url, /\/cases-webhook\/browse\/CASE-10042$/)
    },
    expectError: (answer, { status }) => {
      assert.strictEqual(answer.message, subActionFailure)
      const prefix = "[Action][Webhook - Case Management]: Unable to update case with id 10042. Error: "
      if (status === undefined) assert.isTrue(answer.service_message.startsWith(prefix), answer.service_message)
      else {
        assert.strictEqual(
          answer.service_message,
          `${prefix}Request failed with status code ${status}. ` +
            `{"errorMessages":["simulated ${status}"],"errors":{}} Reason: ${statusText(status)}`
        )
      }
    }
  }],
  rejectedParams: [{
    name: "an incident without title",
    params: { subAction: "pushToService", subActionParams: { incident: {} } },
    message: "error validating action params: Field \"subActionParams.incident.title\": Required"
  }]
}

const serviceNowItom: CatalogCase = {
  typeId: ".servicenow-itom",
  config: (url) => ({ apiUrl: url("servicenow").slice(0, -1) }),
  secrets: () => ({ username: "admin", password: "sn-password-123" }),
  storedConfig: (url) => ({
    apiUrl: url("servicenow").slice(0, -1),
    isOAuth: false,
    userIdentifierValue: null,
    clientId: null,
    jwtKeyId: null
  }),
  requiredConfig: ["apiUrl"],
  requiredSecrets: [],
  executions: [{
    name: "addEvent",
    vendor: "servicenow",
    params: {
      subAction: "addEvent",
      subActionParams: { source: "kibana", severity: "2", node: null, time_of_event: "1700000000000" }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/api/global/em/jsonv2")
      assert.strictEqual(request.headers.authorization, basic("admin", "sn-password-123"))
      assert.deepStrictEqual(request.body, {
        records: [{
          source: "kibana",
          severity: "2",
          message_key: "{{rule.id}}:{{alert.id}}",
          time_of_event: "2023-11-14 22:13:20"
        }]
      })
    },
    expectData: (data) => assert.deepStrictEqual(data, {}),
    expectError: (answer, { status }) => {
      assert.strictEqual(answer.message, subActionFailure)
      const prefix = "[Action][ServiceNow]: Unable to add event. Error: "
      if (status === undefined) assert.isTrue(answer.service_message.startsWith(prefix), answer.service_message)
      else {
        assert.strictEqual(
          answer.service_message,
          `${prefix}Request failed with status code ${status} Reason: simulated ${status}: simulated`
        )
      }
    }
  }, {
    name: "getChoices",
    vendor: "servicenow",
    params: { subAction: "getChoices", subActionParams: { fields: ["severity"] } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/api/now/table/sys_choice")
      assert.deepStrictEqual(request.query, {
        sysparm_query: "name=task^ORname=em_event^element=severity^language=en",
        sysparm_fields: "label,value,dependent_value,element"
      })
    },
    expectData: (data) => assert.deepInclude(data[0], { value: "1", element: "severity" }),
    expectError: (answer) => {
      assert.strictEqual(answer.message, subActionFailure)
      assert.match(answer.service_message, /^\[Action\]\[ServiceNow\]: Unable to get choices\. Error: /)
    }
  }],
  rejectedParams: [{
    name: "an unknown sub-action",
    params: { subAction: "nope", subActionParams: {} },
    message: "error validating action params: Field \"subAction\": Invalid discriminator value. Expected " +
      "'addEvent' | 'getChoices'"
  }]
}

/** The incident-management and Slack Web API cases of the catalog test. */
export const incidentCatalogCases: ReadonlyArray<CatalogCase> = [
  slackApi,
  theHive,
  resilient,
  swimlane,
  casesWebhook,
  serviceNowItom
]
