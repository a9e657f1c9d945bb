// Every typed connector type against the emulator (issue-10's catalog) and its vendor simulators:
// created (ensured) through the library, executed with typed params, the result decoded per type or
// sub-action.
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as SimulatorsModule from "../../src/emulator/simulators/Simulators.js"
import { Simulators } from "../../src/emulator/simulators/Simulators.js"
import * as SmtpSink from "../../src/emulator/simulators/SmtpSink.js"
import * as Connectors from "../../src/services/Connectors.js"
import { KibanaTest } from "../../src/testing.js"

const s = Redacted.make

// `.slack_api` calls a fixed Slack URL in Kibana: the emulator's `slackApiUrl` points it at the simulator
const TestLayer = Layer.unwrapEffect(
  Effect.map(
    Simulators,
    (simulators) => KibanaTest.layer({ emulator: { slackApiUrl: `${simulators.urlOf("slack-api")}api/` } })
  )
).pipe(Layer.provideMerge(Layer.merge(SimulatorsModule.layer(), SmtpSink.layer())))

const lastBody = (vendor: Parameters<Simulators.Service["received"]>[0]) =>
  Effect.gen(function*() {
    const received = yield* (yield* Simulators).received(vendor)
    assert.isAbove(received.length, 0, `${vendor} received nothing`)
    return received[received.length - 1]!
  })

layer(TestLayer, { excludeTestServices: true })("typed connectors against the emulator", (it) => {
  describe("executed against their simulators", () => {
    it.effect(".index writes documents and decodes the bulk response", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".index",
          name: "typed index",
          config: { index: "typed" }
        })
        const bulk = yield* connectors.executeTyped(connector, { documents: [{ message: "m" }] })
        assert.strictEqual(bulk.items[0]!.create.status, 201)
        assert.lengthOf(yield* (yield* KibanaEmulator).documents("typed"), 1)
      }))

    it.effect(".server-log logs the line", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const { connector } = yield* connectors.ensure({ connectorTypeId: ".server-log", name: "typed log" })
        yield* connectors.executeTyped(connector, { message: "typed line", level: "warn" })
        const log = yield* (yield* KibanaEmulator).serverLog
        assert.isTrue(log.some((entry) => entry.message.includes("typed line")))
      }))

    it.effect(".webhook posts the body with basic auth and secret headers", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".webhook",
          name: "typed webhook",
          config: { url: `${simulators.urlOf("torq")}webhook/typed`, method: "post" },
          secrets: { user: "hook", password: s("hook-pw"), secretHeaders: s({ "x-secret": "v" }) }
        })
        // Kibana's webhook executor returns the body it sent, not the service's answer
        const sent = yield* connectors.executeTyped(connector, { body: "{\"hello\":\"webhook\"}" })
        assert.strictEqual(sent, "{\"hello\":\"webhook\"}")
        const received = yield* lastBody("torq")
        assert.deepStrictEqual(received.body, { hello: "webhook" })
        assert.strictEqual(received.headers["x-secret"], "v")
        assert.strictEqual(received.headers["authorization"], `Basic ${btoa("hook:hook-pw")}`)
      }))

    it.effect(".email sends through SMTP and decodes the transport's answer", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const sink = yield* SmtpSink.SmtpSink
        yield* sink.reset
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".email",
          name: "typed email",
          config: { from: "alerts@example.com", host: sink.host, port: sink.port },
          secrets: { user: "mailer", password: s("smtp-pw") }
        })
        const info = yield* connectors.executeTyped(connector, {
          to: ["ops@example.com"],
          subject: "Disk full",
          message: "on db-1"
        })
        assert.deepStrictEqual((info as { readonly accepted?: unknown }).accepted, ["ops@example.com"])
        const [mail] = yield* sink.received
        assert.strictEqual(mail?.user, "mailer")
        assert.deepStrictEqual(mail?.to, ["ops@example.com"])
      }))

    it.effect(".slack and .teams post the message", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const slack = yield* connectors.ensure({
          connectorTypeId: ".slack",
          name: "typed slack",
          secrets: { webhookUrl: s(`${simulators.urlOf("slack")}services/T0/B0/X`) }
        })
        const slackAnswer = yield* connectors.executeTyped(slack.connector, { message: "hello slack" })
        assert.deepStrictEqual(slackAnswer, { text: "ok" })
        assert.deepStrictEqual((yield* lastBody("slack")).body, { text: "hello slack" })
        const teams = yield* connectors.ensure({
          connectorTypeId: ".teams",
          name: "typed teams",
          secrets: { webhookUrl: s(`${simulators.urlOf("teams")}webhook`) }
        })
        const teamsSent = yield* connectors.executeTyped(teams.connector, { message: "hello teams" })
        assert.deepStrictEqual(teamsSent, { text: "hello teams" })
        assert.deepStrictEqual((yield* lastBody("teams")).body, { text: "hello teams" })
      }))

    it.effect(".pagerduty triggers an event and decodes the dedup key", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".pagerduty",
          name: "typed pagerduty",
          config: { apiUrl: `${simulators.urlOf("pagerduty")}v2/enqueue` },
          secrets: { routingKey: s("routing-key-1") }
        })
        const result = yield* connectors.executeTyped(connector, {
          eventAction: "trigger",
          summary: "disk full",
          severity: "critical",
          dedupKey: "disk-1"
        })
        assert.strictEqual(result.dedupKey, "disk-1")
        const received = yield* lastBody("pagerduty")
        assert.strictEqual(received.headers["x-routing-key"], "routing-key-1")
        assert.strictEqual((received.body as Record<string, unknown>).event_action, "trigger")
        // closing needs the dedupKey (the params type requires it) and sends nothing else
        const resolved = yield* connectors.executeTyped(connector, { eventAction: "resolve", dedupKey: "disk-1" })
        assert.strictEqual(resolved.dedupKey, "disk-1")
        assert.deepStrictEqual((yield* lastBody("pagerduty")).body, { event_action: "resolve", dedup_key: "disk-1" })
      }))

    it.effect(".opsgenie and .jira-service-management create and close alerts", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        for (
          const [connectorTypeId, vendor] of [[".opsgenie", "opsgenie"], [
            ".jira-service-management",
            "jira-service-management"
          ]] as const
        ) {
          const { connector } = yield* connectors.ensure({
            connectorTypeId,
            name: `typed ${vendor}`,
            config: { apiUrl: simulators.urlOf(vendor) },
            secrets: { apiKey: s("genie") }
          })
          const created = yield* connectors.executeTyped(connector, {
            subAction: "createAlert",
            subActionParams: { message: "CPU high", alias: "cpu-1", priority: "P2" }
          })
          assert.isString(created.requestId)
          assert.strictEqual((yield* lastBody(vendor)).headers["authorization"], "GenieKey genie")
          const closed = yield* connectors.executeTyped(connector, {
            subAction: "closeAlert",
            subActionParams: { alias: "cpu-1" }
          })
          assert.isString(closed.result)
        }
      }))

    it.effect(".jira pushes an issue and decodes its id and URL", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".jira",
          name: "typed jira",
          config: { apiUrl: simulators.urlOf("jira").replace(/\/$/, ""), projectKey: "OPS" },
          secrets: { email: "bot@example.com", apiToken: s("jira-token") }
        })
        const pushed = yield* connectors.executeTyped(connector, {
          subAction: "pushToService",
          subActionParams: { incident: { summary: "Disk full", labels: ["disk"] } }
        })
        assert.isString(pushed.id)
        assert.include(pushed.url, "/browse/")
        const issue = yield* connectors.executeTyped(connector, {
          subAction: "issue",
          subActionParams: { id: pushed.id }
        })
        // the simulator does not keep issues: it answers every lookup with its own summary
        assert.deepStrictEqual(issue, { id: pushed.id, key: pushed.title, title: "simulated issue" })
        const created = (yield* (yield* Simulators).received("jira")).find((request) => request.method === "POST")
        assert.strictEqual((created?.body as { fields: { summary: string } }).fields.summary, "Disk full")
      }))

    it.effect(".servicenow and .servicenow-sir push incidents and decode their id and URL", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        for (const connectorTypeId of [".servicenow", ".servicenow-sir"] as const) {
          const { connector } = yield* connectors.ensure({
            connectorTypeId,
            name: `typed ${connectorTypeId}`,
            config: { apiUrl: simulators.urlOf("servicenow").replace(/\/$/, ""), usesTableApi: true },
            secrets: { username: "admin", password: s("sn-pw") }
          })
          const pushed = yield* connectors.executeTyped(connector, {
            subAction: "pushToService",
            subActionParams: { incident: { short_description: "Disk full" } }
          })
          assert.isString(pushed.id)
          assert.isString(pushed.url)
          assert.isString(pushed.title)
        }
      }))

    it.effect(".gen-ai invokeAI decodes the message and usage", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".gen-ai",
          name: "typed openai",
          config: { apiProvider: "OpenAI", apiUrl: `${simulators.urlOf("openai")}v1/chat/completions` },
          secrets: { apiKey: s("sk-test") }
        })
        const answer = yield* connectors.executeTyped(connector, {
          subAction: "invokeAI",
          subActionParams: { messages: [{ role: "user", content: "Say hi" }] }
        })
        assert.isString(answer.message)
        assert.isNumber(answer.usage?.total_tokens)
        assert.strictEqual((yield* lastBody("openai")).headers["authorization"], "Bearer sk-test")
      }))

    it.effect(".torq, .xmatters and .d3security post the event", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const torq = yield* connectors.ensure({
          connectorTypeId: ".torq",
          name: "typed torq",
          config: { webhookIntegrationUrl: `${simulators.urlOf("torq").replace("127.0.0.1", "localhost")}webhook/t` },
          secrets: { token: s("torq-token") }
        })
        const torqSent = yield* connectors.executeTyped(torq.connector, { body: "{\"alert\":\"torq\"}" })
        assert.strictEqual(torqSent, "{\"alert\":\"torq\"}")
        assert.deepStrictEqual((yield* lastBody("torq")).body, { alert: "torq" })
        const xmatters = yield* connectors.ensure({
          connectorTypeId: ".xmatters",
          name: "typed xmatters",
          config: { usesBasic: true, configUrl: simulators.urlOf("xmatters") },
          secrets: { user: "x", password: s("x-pw") }
        })
        const payload = yield* connectors.executeTyped(xmatters.connector, { severity: "high", ruleName: "disk" })
        assert.deepStrictEqual(payload, { severity: "high", ruleName: "disk" })
        assert.strictEqual(((yield* lastBody("xmatters")).body as Record<string, unknown>).ruleName, "disk")
        const d3 = yield* connectors.ensure({
          connectorTypeId: ".d3security",
          name: "typed d3",
          config: { url: simulators.urlOf("d3security") },
          secrets: { token: s("d3-token") }
        })
        const d3Answer = yield* connectors.executeTyped(d3.connector, {
          subAction: "run",
          subActionParams: { body: "{\"a\":1}" }
        })
        assert.isString(d3Answer.refid)
        assert.strictEqual((yield* lastBody("d3security")).headers["d3key"], "d3-token")
      }))
  })

  describe("listing sub-actions against their simulators", () => {
    it.effect(".tines stories and .xsoar getPlaybooks decode their lists", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const tines = yield* connectors.ensure({
          connectorTypeId: ".tines",
          name: "typed tines",
          config: { url: simulators.urlOf("tines").replace(/\/$/, "") },
          secrets: { email: "a@example.com", token: s("tines-token") }
        })
        const stories = yield* connectors.executeTyped(tines.connector, { subAction: "stories" })
        assert.isAbove(stories.stories.length, 0)
        assert.isString(stories.stories[0]!.name)
        assert.isBoolean(stories.incompleteResponse)
        const xsoar = yield* connectors.ensure({
          connectorTypeId: ".xsoar",
          name: "typed xsoar",
          config: { url: simulators.urlOf("xsoar").replace(/\/$/, "") },
          secrets: { apiKey: s("xsoar-key") }
        })
        const playbooks = yield* connectors.executeTyped(xsoar.connector, { subAction: "getPlaybooks" })
        assert.isAbove(playbooks.playbooks.length, 0)
        assert.isString(playbooks.playbooks[0]!.id)
        // XSOAR `run` returns nothing, which Kibana sends as `{}`
        const ran = yield* connectors.executeTyped(xsoar.connector, {
          subAction: "run",
          subActionParams: { name: "Disk full", createInvestigation: false, severity: 2 }
        })
        assert.deepStrictEqual(ran, {})
        const webhooks = yield* connectors.executeTyped(tines.connector, {
          subAction: "webhooks",
          subActionParams: { storyId: stories.stories[0]!.id }
        })
        assert.isBoolean(webhooks.incompleteResponse)
        assert.lengthOf(webhooks.webhooks, 1)
        const webhook = webhooks.webhooks[0]!
        assert.strictEqual(webhook.storyId, stories.stories[0]!.id)
        // a listed webhook runs as listed: Kibana posts to `<url>/webhook/<path>/<secret>`
        yield* connectors.executeTyped(tines.connector, { subAction: "run", subActionParams: { webhook, body: "{}" } })
        const posted = yield* lastBody("tines")
        assert.strictEqual(posted.path, `/webhook/${webhook.path}/${webhook.secret}`)
      }))

    it.effect(".bedrock signs invokeAI with SigV4 and decodes the message", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".bedrock",
          name: "typed bedrock",
          config: { apiUrl: simulators.urlOf("bedrock").slice(0, -1) },
          secrets: { accessKey: s("AKIATYPED"), secret: s("typed-secret") }
        })
        const result = yield* connectors.executeTyped(connector, {
          subAction: "invokeAI",
          subActionParams: { messages: [{ role: "user", content: "hi" }], maxTokens: 100 }
        })
        assert.strictEqual(result.message, "Hello from the simulator")
        assert.strictEqual(result.usage?.output_tokens, 5)
        const received = yield* lastBody("bedrock")
        assert.match(received.headers["authorization"]!, /^AWS4-HMAC-SHA256 Credential=AKIATYPED\//)
        assert.deepInclude(received.body as object, { max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
      }))

    it.effect(".gemini gets a token for the service account and decodes invokeAI", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".gemini",
          name: "typed gemini",
          config: { apiUrl: simulators.urlOf("gemini").slice(0, -1), gcpRegion: "us-central1", gcpProjectID: "p" },
          secrets: {
            credentialsJson: s(JSON.stringify({
              type: "service_account",
              private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
              client_email: "typed@p.iam.gserviceaccount.com",
              token_uri: `${simulators.urlOf("google-oauth")}token`
            }))
          }
        })
        const result = yield* connectors.executeTyped(connector, {
          subAction: "invokeAI",
          subActionParams: { messages: [{ role: "user", content: "hi" }] }
        })
        assert.strictEqual(result.message, "Hello from the simulator")
        assert.strictEqual(result.usageMetadata?.totalTokenCount, 15)
        assert.strictEqual((yield* lastBody("google-oauth")).path, "/token")
        const received = yield* lastBody("gemini")
        assert.strictEqual(
          received.path,
          "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent"
        )
        assert.deepStrictEqual((received.body as { contents: unknown }).contents, [{
          role: "user",
          parts: [{ text: "hi" }]
        }])
      }))

    it.effect(".mcp lists and calls tools with bearer auth", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".mcp",
          name: "typed mcp",
          config: { serverUrl: simulators.urlOf("mcp"), authType: "bearer" },
          secrets: { token: s("mcp-token") }
        })
        const tested = yield* connectors.executeTyped(connector, { subAction: "test", subActionParams: {} })
        assert.isTrue(tested.connected)
        const listed = yield* connectors.executeTyped(connector, { subAction: "listTools", subActionParams: {} })
        assert.deepStrictEqual(listed.tools.map((tool) => tool.name), ["echo"])
        const called = yield* connectors.executeTyped(connector, {
          subAction: "callTool",
          subActionParams: { name: "echo", arguments: { text: "typed" } }
        })
        assert.deepStrictEqual(called.content, [{ type: "text", text: "typed" }])
        const received = yield* lastBody("mcp")
        assert.strictEqual(received.headers["authorization"], "Bearer mcp-token")
        assert.deepInclude(received.body as object, { method: "tools/call" })
      }))

    it.effect(".sentinelone finds the agent and isolates it, with the token as a query parameter", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".sentinelone",
          name: "typed s1",
          config: { url: simulators.urlOf("sentinelone").slice(0, -1) },
          secrets: { token: s("s1-typed-token") }
        })
        const agents = yield* connectors.executeTyped(connector, {
          subAction: "getAgents",
          subActionParams: { uuid: "typed-agent" }
        })
        assert.strictEqual(agents.data[0]!.networkStatus, "connected")
        const isolated = yield* connectors.executeTyped(connector, {
          subAction: "isolateHost",
          subActionParams: { uuid: "typed-agent" }
        })
        assert.strictEqual(isolated.data.affected, 1)
        const received = yield* lastBody("sentinelone")
        assert.strictEqual(received.path, "/web/api/v2.1/agents/actions/disconnect")
        assert.strictEqual(received.query["APIToken"], "s1-typed-token")
        assert.deepStrictEqual(received.body, { filter: { ids: agents.data[0]!.id } })
      }))

    it.effect(".crowdstrike contains hosts with a fresh OAuth2 token", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".crowdstrike",
          name: "typed crowdstrike",
          config: { url: simulators.urlOf("crowdstrike").slice(0, -1) },
          secrets: { clientId: "typed-client", clientSecret: s("typed-secret") }
        })
        const result = yield* connectors.executeTyped(connector, {
          subAction: "hostActions",
          subActionParams: { command: "contain", ids: ["device-9"], actionParameters: { note: "typed" } }
        })
        assert.deepStrictEqual(result.resources.map((resource) => resource.id), ["device-9"])
        const received = yield* lastBody("crowdstrike")
        assert.strictEqual(received.path, "/devices/entities/devices-actions/v2")
        assert.deepStrictEqual(received.query, { action_name: "contain" })
        assert.match(received.headers["authorization"]!, /^Bearer falcon-/)
        assert.deepStrictEqual(received.body, {
          ids: ["device-9"],
          action_parameters: [{ name: "note", value: "typed" }]
        })
      }))

    it.effect(".microsoft_defender_endpoint isolates a machine with an Entra ID token", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".microsoft_defender_endpoint",
          name: "typed defender",
          config: {
            clientId: "typed-app",
            tenantId: "entra",
            oAuthServerUrl: simulators.url,
            oAuthScope: "https://securitycenter.onmicrosoft.com/windowsatpservice/.default",
            apiUrl: simulators.urlOf("defender").slice(0, -1)
          },
          secrets: { clientSecret: s("typed-secret") }
        })
        const action = yield* connectors.executeTyped(connector, {
          subAction: "isolateHost",
          subActionParams: { id: "machine-7", comment: "typed isolation" }
        })
        assert.deepInclude(action, { type: "Isolate", machineId: "machine-7", status: "Pending" })
        const list = yield* connectors.executeTyped(connector, {
          subAction: "getAgentList",
          subActionParams: { healthStatus: "Active" }
        })
        assert.deepInclude(list, { page: 1, pageSize: 20, total: 1 })
        const token = yield* lastBody("entra")
        assert.strictEqual(new URLSearchParams(String(token.body)).get("client_id"), "typed-app")
        assert.strictEqual((yield* lastBody("defender")).query["$filter"], "healthStatus eq 'Active'")
      }))
  })

  describe("incident-management and Slack Web API types against their simulators", () => {
    it.effect(".slack_api posts a message and validates a channel, decoding Slack's answers", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".slack_api",
          name: "typed slack api",
          config: { allowedChannels: [{ id: "C1", name: "#ops" }] },
          secrets: { token: s("xoxb-1") }
        })
        const posted = yield* connectors.executeTyped(connector, {
          subAction: "postMessage",
          subActionParams: { channelNames: ["#ops"], text: "hi" }
        })
        assert.isTrue(posted.ok)
        assert.strictEqual(posted.channel, "#ops")
        const received = yield* lastBody("slack-api")
        assert.strictEqual(received.headers["authorization"], "Bearer xoxb-1")
        assert.deepStrictEqual(received.body, { channel: "#ops", text: "hi" })
        const valid = yield* connectors.executeTyped(connector, {
          subAction: "validChannelId",
          subActionParams: { channelId: "C1" }
        })
        assert.strictEqual(valid.channel.id, "C1")
      }))

    it.effect(".servicenow-itom adds an event and lists choices", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".servicenow-itom",
          name: "typed itom",
          config: { apiUrl: simulators.urlOf("servicenow").replace(/\/$/, "") },
          secrets: { username: "u", password: s("p") }
        })
        const added = yield* connectors.executeTyped(connector, {
          subAction: "addEvent",
          subActionParams: { severity: "1", source: "kibana" }
        })
        assert.deepStrictEqual(added, {})
        assert.deepStrictEqual((yield* lastBody("servicenow")).body, {
          records: [{ severity: "1", source: "kibana", message_key: "{{rule.id}}:{{alert.id}}" }]
        })
        const choices = yield* connectors.executeTyped(connector, {
          subAction: "getChoices",
          subActionParams: { fields: ["severity"] }
        })
        assert.strictEqual(choices[0]!.element, "severity")
      }))

    it.effect(".resilient pushes an incident and lists incident types", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".resilient",
          name: "typed resilient",
          config: { apiUrl: simulators.urlOf("resilient").replace(/\/$/, ""), orgId: "201" },
          secrets: { apiKeyId: "id", apiKeySecret: s("k") }
        })
        const pushed = yield* connectors.executeTyped(connector, {
          subAction: "pushToService",
          subActionParams: { incident: { name: "Disk full", severityCode: 5 } }
        })
        assert.strictEqual(pushed.title, pushed.id)
        assert.isTrue(pushed.url.endsWith(`/#incidents/${pushed.id}`))
        const created = yield* lastBody("resilient")
        assert.strictEqual(created.headers["authorization"], `Basic ${btoa("id:k")}`)
        assert.deepInclude(created.body as object, { name: "Disk full", severity_code: { id: 5 } })
        const types = yield* connectors.executeTyped(connector, { subAction: "incidentTypes", subActionParams: {} })
        assert.deepStrictEqual(types[0], { id: "17", name: "Malware" })
      }))

    it.effect(".swimlane pushes a record with the mapped fields", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".swimlane",
          name: "typed swimlane",
          config: {
            apiUrl: simulators.urlOf("swimlane").replace(/\/$/, ""),
            appId: "app",
            connectorType: "all",
            mappings: { ruleNameConfig: { id: "f1", key: "rule", name: "Rule", fieldType: "text" } }
          },
          secrets: { apiToken: s("t") }
        })
        const pushed = yield* connectors.executeTyped(connector, {
          subAction: "pushToService",
          subActionParams: { incident: { ruleName: "disk" } }
        })
        assert.isTrue(pushed.url.endsWith(`/record/app/${pushed.id}`))
        const received = yield* lastBody("swimlane")
        assert.strictEqual(received.headers["private-token"], "t")
        assert.deepStrictEqual(received.body, { applicationId: "app", values: { f1: "disk" } })
        // Kibana stores the mappings left out as null: ensuring the same input again changes nothing
        const again = yield* connectors.ensure({
          connectorTypeId: ".swimlane",
          name: "typed swimlane",
          config: {
            apiUrl: simulators.urlOf("swimlane").replace(/\/$/, ""),
            appId: "app",
            connectorType: "all",
            mappings: { ruleNameConfig: { id: "f1", key: "rule", name: "Rule", fieldType: "text" } }
          },
          secrets: { apiToken: s("t") }
        })
        assert.strictEqual(again.outcome, "unchanged")
      }))

    it.effect(".cases-webhook renders its templates, pushes the case and decodes its id, title and URL", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const base = simulators.urlOf("cases-webhook")
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".cases-webhook",
          name: "typed cases webhook",
          config: {
            createIncidentUrl: `${base}issue`,
            createIncidentJson: "{\"fields\":{\"summary\":{{{case.title}}}}}",
            createIncidentResponseKey: "id",
            getIncidentUrl: `${base}issue/{{{external.system.id}}}`,
            getIncidentResponseExternalTitleKey: "key",
            viewIncidentUrl: `${base}browse/{{{external.system.title}}}`,
            updateIncidentUrl: `${base}issue/{{{external.system.id}}}`,
            updateIncidentJson: "{\"fields\":{\"summary\":{{{case.title}}}}}"
          },
          secrets: { user: "bot", password: s("pw") }
        })
        const pushed = yield* connectors.executeTyped(connector, {
          subAction: "pushToService",
          subActionParams: { incident: { title: "Disk full" } }
        })
        assert.strictEqual(pushed.title, `CASE-${pushed.id}`)
        assert.isTrue(pushed.url.endsWith(`/browse/CASE-${pushed.id}`))
        const created = (yield* (yield* Simulators).received("cases-webhook")).find((r) => r.method === "POST")
        assert.deepStrictEqual(created?.body, { fields: { summary: "Disk full" } })
        assert.strictEqual(created?.headers["authorization"], `Basic ${btoa("bot:pw")}`)
      }))

    it.effect(".thehive pushes a case and creates an alert", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const simulators = yield* Simulators
        const { connector } = yield* connectors.ensure({
          connectorTypeId: ".thehive",
          name: "typed thehive",
          config: { url: simulators.urlOf("thehive").replace(/\/$/, "") },
          secrets: { apiKey: s("k") }
        })
        const pushed = yield* connectors.executeTyped(connector, {
          subAction: "pushToService",
          subActionParams: {
            incident: { title: "t", description: "d" },
            comments: [{ comment: "c", commentId: "c1" }]
          }
        })
        assert.strictEqual(pushed.title, "t")
        assert.isTrue(pushed.url.endsWith(`/cases/${pushed.id}/details`))
        assert.strictEqual(pushed.comments?.[0]?.commentId, "c1")
        const alert = yield* connectors.executeTyped(connector, {
          subAction: "createAlert",
          subActionParams: { title: "a", description: "d", type: "t", source: "s", sourceRef: "r" }
        })
        assert.deepStrictEqual(alert, {})
        const received = yield* lastBody("thehive")
        assert.strictEqual(received.path, "/api/v1/alert")
        assert.strictEqual(received.headers["authorization"], "Bearer k")
      }))
  })

  describe(".inference against the emulator's Elasticsearch inference endpoints", () => {
    const ensureInference = (name: string, taskType: string) =>
      Effect.flatMap(Connectors.Connectors, (connectors) =>
        connectors.ensure({
          connectorTypeId: ".inference",
          name,
          config: { provider: "openai", taskType, inferenceId: name },
          secrets: { providerSecrets: s({ api_key: "k" }) }
        }))

    it.effect("completion, rerank, embeddings and unified completion decode Kibana's data", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const completion = yield* ensureInference("typed-completion", "completion")
        assert.deepStrictEqual(
          yield* connectors.executeTyped(completion.connector, {
            subAction: "completion",
            subActionParams: { input: "hi" }
          }),
          [{ result: "Emulated completion of: hi" }]
        )
        const rerank = yield* ensureInference("typed-rerank", "rerank")
        const ranked = yield* connectors.executeTyped(rerank.connector, {
          subAction: "rerank",
          subActionParams: { input: ["blue", "red"], query: "red" }
        })
        assert.deepStrictEqual(ranked.map(({ index, score }) => [index, score]), [[1, 1], [0, 0]])
        const dense = yield* ensureInference("typed-dense", "text_embedding")
        const [vector] = yield* connectors.executeTyped(dense.connector, {
          subAction: "text_embedding",
          subActionParams: { input: "cats", inputType: "ingest" }
        })
        assert.lengthOf(vector!.embedding, 8)
        const sparse = yield* ensureInference("typed-sparse", "sparse_embedding")
        const [weights] = yield* connectors.executeTyped(sparse.connector, {
          subAction: "sparse_embedding",
          subActionParams: { input: "red fox" }
        })
        assert.deepStrictEqual(Object.keys(weights!.embedding as object), ["red", "fox"])
        const chat = yield* ensureInference("typed-chat", "chat_completion")
        const message = yield* connectors.executeTyped(chat.connector, {
          subAction: "unified_completion",
          subActionParams: { body: { messages: [{ role: "user", content: "hello" }] } }
        })
        assert.strictEqual(message.choices[0]!.message.content, "Emulated completion of: hello")
        assert.strictEqual(message.id, "chatcmpl-typed-chat")
      }))

    it.effect("an endpoint of another task type is an execution error naming Elasticsearch's reason", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const { connector } = yield* ensureInference("typed-mismatch", "rerank")
        const error = yield* Effect.flip(
          connectors.executeTyped(connector, { subAction: "completion", subActionParams: { input: "hi" } })
        )
        assert.strictEqual(error._tag, "KibanaExecutionError")
        assert.include(
          (error as { readonly serviceMessage?: string }).serviceMessage,
          "Incompatible task_type, the requested type [completion] does not match the model type [rerank]"
        )
      }))
  })

  it.effect("bad params for a typed call are a KibanaInputError naming the field, and nothing is sent", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const { connector } = yield* connectors.ensure({
        connectorTypeId: ".index",
        name: "typed index bad params",
        config: { index: "typed-bad" }
      })
      const error = yield* Effect.flip(
        connectors.executeTyped(connector, { documents: "nope" } as never)
      )
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.include(error.message, "documents")
      assert.lengthOf(yield* (yield* KibanaEmulator).documents("typed-bad"), 0)
    }))
})
