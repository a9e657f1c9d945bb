// The 18 connector types the emulator executes, checked against what Kibana's source says (each
// schema module cites its file): the typed result of each type and sub-action, the params rules the
// schemas add (PagerDuty's dedupKey, Opsgenie's and JSM's responders, Jira without `handshake`), the
// decoding of the data Kibana's executors return, and which updates could silently drop secrets.
import { assert, describe, expectTypeOf, it } from "@effect/vitest"
import { Redacted, Schema } from "effect"
import { Connector } from "../../src/index.js"
import type { ParamsOf, ResultOf, UpdateInputOf } from "../../src/schemas/Connector.js"

const s = Redacted.make
const url = "https://service.example.com"

describe("typed results, per type and sub-action", () => {
  it("are what Kibana's executors return as data", () => {
    expectTypeOf<ResultOf<".index">>().toEqualTypeOf<Connector.IndexBulkResponse>()
    expectTypeOf<ResultOf<".server-log">>().toEqualTypeOf<void>()
    expectTypeOf<ResultOf<".webhook">>().toEqualTypeOf<string | undefined>()
    expectTypeOf<ResultOf<".slack">>().toEqualTypeOf<{ readonly text: string }>()
    expectTypeOf<ResultOf<".teams">>().toEqualTypeOf<{ readonly text: string }>()
    expectTypeOf<ResultOf<".torq">>().toEqualTypeOf<string>()
    expectTypeOf<ResultOf<".pagerduty">>().toEqualTypeOf<typeof Connector.PagerDutyResult.Type>()
    expectTypeOf<ResultOf<".xmatters">>().toEqualTypeOf<typeof Connector.XmattersResult.Type>()
    expectTypeOf<ResultOf<".xmatters">["severity"]>().toEqualTypeOf<string>()
    type OpsgenieCreate = ResultOf<".opsgenie", { subAction: "createAlert"; subActionParams: { message: string } }>
    expectTypeOf<OpsgenieCreate>().toEqualTypeOf<typeof Connector.OpsgenieAlertResult.Type>()
    type JsmClose = ResultOf<
      ".jira-service-management",
      { subAction: "closeAlert"; subActionParams: { alias: string } }
    >
    expectTypeOf<JsmClose>().toEqualTypeOf<typeof Connector.OpsgenieAlertResult.Type>()
    type JiraPush = ResultOf<
      ".jira",
      { subAction: "pushToService"; subActionParams: { incident: { summary: string } } }
    >
    expectTypeOf<JiraPush>().toEqualTypeOf<Connector.PushResult>()
    type JiraFields = ResultOf<".jira", { subAction: "getFields"; subActionParams: {} }>
    expectTypeOf<JiraFields[string]["required"]>().toEqualTypeOf<boolean>()
    type SnClose = ResultOf<
      ".servicenow",
      { subAction: "closeIncident"; subActionParams: { incident: { externalId: string } } }
    >
    expectTypeOf<SnClose>().toEqualTypeOf<Connector.PushResult | null>()
    type SnGetIncident = ResultOf<".servicenow", { subAction: "getIncident"; subActionParams: { externalId: string } }>
    expectTypeOf<SnGetIncident>().toEqualTypeOf<{}>()
    type SirPush = ResultOf<
      ".servicenow-sir",
      { subAction: "pushToService"; subActionParams: { incident: { short_description: string } } }
    >
    expectTypeOf<SirPush>().toEqualTypeOf<Connector.PushResult>()
    expectTypeOf<ResultOf<".tines", { subAction: "stories" }>>().toEqualTypeOf<typeof Connector.TinesStories.Type>()
    type D3Run = ResultOf<".d3security", { subAction: "run"; subActionParams: {} }>
    expectTypeOf<D3Run>().toEqualTypeOf<{ readonly refid: string }>()
    type XsoarRun = ResultOf<
      ".xsoar",
      { subAction: "run"; subActionParams: { name: string; createInvestigation: boolean; severity: number } }
    >
    expectTypeOf<XsoarRun>().toEqualTypeOf<{}>()
    expectTypeOf<ResultOf<".xsoar", { subAction: "getPlaybooks" }>>().toEqualTypeOf<
      typeof Connector.XsoarPlaybooks.Type
    >()
    type Invoke = ResultOf<".gen-ai", { subAction: "invokeAI"; subActionParams: { messages: [] } }>
    expectTypeOf<Invoke["usage"]["total_tokens"]>().toEqualTypeOf<number>()
  })

  it("decode the data Kibana sends", () => {
    const decode = (schema: Schema.Schema.AnyNoContext, data: unknown) => Schema.decodeUnknownSync(schema)(data)
    const t = Connector.connectorTypes
    // `.webhook` returns the body it sent, nothing when there was none
    assert.strictEqual(decode(t[".webhook"].result, "{\"a\":1}"), "{\"a\":1}")
    assert.isUndefined(decode(t[".webhook"].result, undefined))
    // `.servicenow` closeIncident: Kibana's `data ?? {}` when no incident matched
    assert.isNull(decode(t[".servicenow"].results.closeIncident, {}))
    const pushed = { id: "sys1", title: "INC1", url: `${url}/nav_to.do`, pushedDate: "2026-01-01T00:00:00.000Z" }
    assert.deepStrictEqual(decode(t[".servicenow"].results.closeIncident, pushed), pushed)
    assert.throws(() => decode(t[".servicenow"].results.closeIncident, { id: "sys1", title: "INC1" }))
    assert.deepStrictEqual(decode(t[".servicenow-sir"].results.getIncident, {}), {})
    // `.jira` getFields: GetFieldsByIssueTypeResponse
    const fields = {
      summary: { name: "Summary", required: true, allowedValues: [], defaultValue: {}, schema: { type: "string" } },
      labels: {
        name: "Labels",
        required: false,
        allowedValues: [],
        defaultValue: {},
        schema: { type: "array", items: "string" }
      }
    }
    assert.deepStrictEqual(decode(t[".jira"].results.getFields, fields), fields)
    // `.pagerduty`: the Events API's answer, dedup_key renamed
    assert.deepStrictEqual(
      decode(t[".pagerduty"].result, { status: "success", message: "Event processed", dedup_key: "k" }),
      { status: "success", message: "Event processed", dedupKey: "k" }
    )
    // `.gen-ai` invokeAI without usage is not what Kibana's InvokeAIActionResponseSchema allows
    assert.throws(() => decode(t[".gen-ai"].results.invokeAI, { message: "hi" }))
  })
})

describe("params rules from Kibana's schemas", () => {
  it("compile where Kibana accepts and fail where it refuses", () => {
    const ok: Array<unknown> = [
      { eventAction: "resolve", dedupKey: "disk-1" } satisfies ParamsOf<".pagerduty">,
      { summary: "s", dedupKey: "disk-1" } satisfies ParamsOf<".pagerduty">,
      {
        subAction: "createAlert",
        subActionParams: {
          message: "m",
          responders: [{ name: "ops", type: "team" }, { username: "a@b", type: "user" }]
        }
      } satisfies ParamsOf<".opsgenie">,
      { subAction: "test", subActionParams: { webhookUrl: `${url}/w`, body: "{}" } } satisfies ParamsOf<".tines">,
      {
        subAction: "run",
        subActionParams: { name: "n", playbookId: null, createInvestigation: false, severity: 2, body: null }
      } satisfies ParamsOf<".xsoar">,
      {
        subAction: "invokeAI",
        subActionParams: {
          messages: [{ role: "user", content: "hi" }],
          tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
          tool_choice: { type: "function", function: { name: "f" } }
        }
      } satisfies ParamsOf<".gen-ai">
    ]
    // dprint-ignore
    const bad: Array<unknown> = [
      // @ts-expect-error .pagerduty: resolve needs the dedupKey of the event it closes
      { eventAction: "resolve" } satisfies ParamsOf<".pagerduty">,
      // @ts-expect-error .jira: Kibana's executor refuses handshake
      { subAction: "handshake", subActionParams: {} } satisfies ParamsOf<".jira">,
      // @ts-expect-error .jira-service-management: responders by id only
      { subAction: "createAlert", subActionParams: { message: "m", responders: [{ name: "ops", type: "team" }] } } satisfies ParamsOf<".jira-service-management">,
      // @ts-expect-error .opsgenie: only users have a username
      { subAction: "createAlert", subActionParams: { message: "m", responders: [{ username: "a", type: "team" }] } } satisfies ParamsOf<".opsgenie">,
      // @ts-expect-error .webhook: one credential shape at a time (Kibana: "must specify one of the following schemas")
      { connectorTypeId: ".webhook", name: "w", config: { url }, secrets: { user: "u", password: s("p"), clientSecret: s("c") } } satisfies UpdateInputOf<".webhook">,
      // @ts-expect-error .xmatters: user and password, or the flow URL, not both
      { connectorTypeId: ".xmatters", name: "x", config: { usesBasic: false }, secrets: { secretsUrl: s(url), user: "u", password: s("p") } } satisfies UpdateInputOf<".xmatters">,
      // @ts-expect-error .servicenow: basic credentials or OAuth ones, not both
      { connectorTypeId: ".servicenow", name: "sn", config: { apiUrl: url }, secrets: { username: "u", password: s("p"), privateKey: s("k") } } satisfies UpdateInputOf<".servicenow">,
      // @ts-expect-error .servicenow: OAuth keys need isOAuth
      { connectorTypeId: ".servicenow", name: "sn", config: { apiUrl: url, clientId: "c" }, secrets: { username: "u", password: s("p") } } satisfies UpdateInputOf<".servicenow">,
      // @ts-expect-error .gen-ai: a tool is a function
      { subAction: "invokeAI", subActionParams: { messages: [], tools: [{ type: "retrieval" }] } } satisfies ParamsOf<".gen-ai">
    ]
    assert.lengthOf(ok, 6)
    assert.lengthOf(bad, 9)
  })

  it("runtime checks match Kibana's refinements", () => {
    const encode = (id: keyof typeof Connector.connectorTypes, params: unknown) =>
      Schema.encodeUnknownEither(Connector.connectorTypes[id].params as Schema.Schema.AnyNoContext)(params)._tag
    assert.strictEqual(
      encode(".jira-service-management", { subAction: "createAlert", subActionParams: { message: "x".repeat(15001) } }),
      "Left"
    )
    for (const id of [".opsgenie", ".jira-service-management"] as const) {
      // longer than the service's 130 is fine: Kibana truncates
      assert.strictEqual(
        encode(id, { subAction: "createAlert", subActionParams: { message: "x".repeat(131) } }),
        "Right"
      )
    }
    assert.strictEqual(encode(".opsgenie", { subAction: "createAlert", subActionParams: { message: "   " } }), "Left")
    assert.strictEqual(
      encode(".jira", { subAction: "pushToService", subActionParams: { incident: { summary: "s", labels: ["a b"] } } }),
      "Left"
    )
    assert.strictEqual(encode(".pagerduty", { dedupKey: "x".repeat(256) }), "Left")
    const label = Schema.encodeUnknownEither(Connector.connectorTypes[".jira"].params)({
      subAction: "pushToService",
      subActionParams: { incident: { summary: "s", labels: ["disk full"] } }
    })
    assert.include(label._tag === "Left" ? label.left.message : "", "The label disk full cannot contain spaces")
    assert.strictEqual(
      encode(".email", { to: ["a@b"], subject: "s", message: "m", replyTo: Array(11).fill("a@b") }),
      "Left"
    )
  })
})

describe("safe update: an empty secrets object never reaches Kibana", () => {
  // Minimal update inputs of the 16 of the 18 types that hold secrets (`.index` and `.server-log` have none).
  const updates = {
    ".webhook": { connectorTypeId: ".webhook", name: "w", config: { url } },
    ".email": {
      connectorTypeId: ".email",
      name: "e",
      config: { from: "a@example.com", hasAuth: false, host: "smtp", port: 25 }
    },
    ".slack": { connectorTypeId: ".slack", name: "s" },
    ".teams": { connectorTypeId: ".teams", name: "t" },
    ".pagerduty": { connectorTypeId: ".pagerduty", name: "pd" },
    ".opsgenie": { connectorTypeId: ".opsgenie", name: "og", config: { apiUrl: url } },
    ".jira-service-management": { connectorTypeId: ".jira-service-management", name: "jsm", config: { apiUrl: url } },
    ".jira": { connectorTypeId: ".jira", name: "j", config: { apiUrl: url, projectKey: "OPS" } },
    ".servicenow": { connectorTypeId: ".servicenow", name: "sn", config: { apiUrl: url } },
    ".servicenow-sir": { connectorTypeId: ".servicenow-sir", name: "sir", config: { apiUrl: url } },
    ".xmatters": { connectorTypeId: ".xmatters", name: "x", config: { usesBasic: false } },
    ".tines": { connectorTypeId: ".tines", name: "ti", config: { url } },
    ".torq": { connectorTypeId: ".torq", name: "tq", config: { webhookIntegrationUrl: "https://hooks.torq.io/v1/x" } },
    ".d3security": { connectorTypeId: ".d3security", name: "d3", config: { url } },
    ".xsoar": { connectorTypeId: ".xsoar", name: "xs", config: { url } },
    ".gen-ai": { connectorTypeId: ".gen-ai", name: "ai", config: { apiProvider: "OpenAI", apiUrl: url } }
  } as const

  it("is refused for every type, `.webhook` included, where it would wipe or be rejected", () => {
    for (const [id, input] of Object.entries(updates)) {
      const encoded = Schema.encodeUnknownEither(Connector.UpdateConnectorInput)({ ...input, secrets: {} })
      // `.email` without auth (not Exchange) needs no secrets: Kibana's validateConnector accepts `{}` and
      // nothing stored is lost
      assert.strictEqual(encoded._tag, id === ".email" ? "Right" : "Left", id)
      assert.strictEqual(Schema.encodeUnknownEither(Connector.UpdateConnectorInput)(input)._tag, "Left", id)
    }
  })

  it("webhook secrets are one credential shape at a time, as Kibana's validator wants", () => {
    const encode = (secrets: unknown) =>
      Schema.encodeUnknownEither(Connector.UpdateConnectorInput)({ ...updates[".webhook"], secrets })._tag
    assert.strictEqual(encode({ user: "u", password: s("p"), secretHeaders: s({ "x-k": "v" }) }), "Right")
    assert.strictEqual(encode({ crt: s("c"), key: s("k"), password: s("p") }), "Right")
    assert.strictEqual(encode({ pfx: s("x") }), "Right")
    assert.strictEqual(encode({ clientSecret: s("c") }), "Right")
    assert.strictEqual(encode({ user: "u", password: s("p"), clientSecret: s("c") }), "Left")
    assert.strictEqual(encode({ crt: s("c"), key: s("k"), pfx: s("x") }), "Left")
    assert.strictEqual(encode({ clientSecret: s("c"), password: s("p") }), "Left")
  })

  it("no secrets on purpose is `noSecrets`, and compiles only where a type may have none", () => {
    const webhook: UpdateInputOf<".webhook"> = { ...updates[".webhook"], secrets: Connector.noSecrets }
    const email: UpdateInputOf<".email"> = { ...updates[".email"], secrets: Connector.noSecrets }
    // @ts-expect-error .slack cannot be without its webhook URL
    const slack: UpdateInputOf<".slack"> = { ...updates[".slack"], secrets: Connector.noSecrets }
    // @ts-expect-error .webhook: `{}` is not a set of webhook secrets
    const empty: UpdateInputOf<".webhook"> = { ...updates[".webhook"], secrets: {} }
    assert.deepStrictEqual(Schema.encodeSync(Connector.UpdateConnectorInput)(webhook), {
      connector_type_id: ".webhook",
      name: "w",
      config: { url },
      secrets: {}
    })
    assert.isDefined([email, slack, empty, s])
  })
})
