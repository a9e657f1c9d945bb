// Every typed connector type against the emulator (issue-10's catalog) and its vendor simulators:
// created (ensured) through the library, executed with typed params, the result decoded per type or
// sub-action. Where the emulator does not emulate a type's execution it says so with an execution
// error, and the test asserts that honest failure instead of a result.
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as SimulatorsModule from "../../src/emulator/simulators/Simulators.js"
import { Simulators } from "../../src/emulator/simulators/Simulators.js"
import * as SmtpSink from "../../src/emulator/simulators/SmtpSink.js"
import type { TypedConnectorTypeId } from "../../src/schemas/Connector.js"
import * as Connectors from "../../src/services/Connectors.js"
import { KibanaTest } from "../../src/testing.js"

const s = Redacted.make

const TestLayer = Layer.mergeAll(KibanaTest.layer(), SimulatorsModule.layer(), SmtpSink.layer())

const lastBody = (vendor: Parameters<Simulators.Service["received"]>[0]) =>
  Effect.gen(function*() {
    const received = yield* (yield* Simulators).received(vendor)
    assert.isAbove(received.length, 0, `${vendor} received nothing`)
    return received[received.length - 1]!
  })

const notEmulated = (connectorTypeId: TypedConnectorTypeId) => (error: { readonly _tag: string }) => {
  assert.strictEqual(error._tag, "KibanaExecutionError", connectorTypeId)
  assert.include((error as { readonly serviceMessage?: string }).serviceMessage, "does not call the service")
}

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
  })

  describe("created and executed where the emulator does not call the service", () => {
    it.effect("every remaining type is created through the library, and its typed call fails honestly", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const url = "https://vendor.example.com"
        const cases = [
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".slack_api",
              name: "typed slack api",
              secrets: { token: s("xoxb-1") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "postMessage",
                subActionParams: { channelIds: ["C1"], text: "hi" }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".slack_api"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".servicenow-itom",
              name: "typed itom",
              config: { apiUrl: url },
              secrets: { username: "u", password: s("p") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, { subAction: "addEvent", subActionParams: { severity: "1" } })
          ).pipe(Effect.flip, Effect.map(notEmulated(".servicenow-itom"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".resilient",
              name: "typed resilient",
              config: { apiUrl: url, orgId: "201" },
              secrets: { apiKeyId: "id", apiKeySecret: s("k") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "pushToService",
                subActionParams: { incident: { name: "Disk full" } }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".resilient"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".swimlane",
              name: "typed swimlane",
              config: { apiUrl: url, appId: "app", connectorType: "all", mappings: {} },
              secrets: { apiToken: s("t") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "pushToService",
                subActionParams: { incident: { ruleName: "disk" } }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".swimlane"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".cases-webhook",
              name: "typed cases webhook",
              config: {
                createIncidentUrl: `${url}/issue`,
                createIncidentJson: "{\"fields\":{\"summary\":{{{case.title}}}}}",
                createIncidentResponseKey: "id",
                getIncidentUrl: `${url}/issue/{{{external.system.id}}}`,
                getIncidentResponseExternalTitleKey: "key",
                viewIncidentUrl: `${url}/browse/{{{external.system.title}}}`,
                updateIncidentUrl: `${url}/issue/{{{external.system.id}}}`,
                updateIncidentJson: "{\"fields\":{\"summary\":{{{case.title}}}}}",
                hasAuth: false
              }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "pushToService",
                subActionParams: { incident: { title: "Disk full" } }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".cases-webhook"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".thehive",
              name: "typed thehive",
              config: { url },
              secrets: { apiKey: s("k") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "pushToService",
                subActionParams: { incident: { title: "t", description: "d" } }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".thehive"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".bedrock",
              name: "typed bedrock",
              config: { apiUrl: url },
              secrets: { accessKey: s("a"), secret: s("s") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "invokeAI",
                subActionParams: { messages: [{ role: "user", content: "hi" }] }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".bedrock"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".gemini",
              name: "typed gemini",
              config: { apiUrl: url, gcpRegion: "us-central1", gcpProjectID: "p" },
              secrets: { credentialsJson: s("{}") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "invokeAI",
                subActionParams: { messages: [{ role: "user", parts: [{ text: "hi" }] }] }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".gemini"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".inference",
              name: "typed inference",
              config: { provider: "openai", taskType: "completion", inferenceId: "typed-inference" },
              secrets: { providerSecrets: s({ api_key: "k" }) }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, { subAction: "completion", subActionParams: { input: "hi" } })
          ).pipe(Effect.flip, Effect.map(notEmulated(".inference"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".mcp",
              name: "typed mcp",
              config: { serverUrl: `${url}/mcp`, authType: "bearer" },
              secrets: { token: s("t") }
            }),
            ({ connector }) => connectors.executeTyped(connector, { subAction: "listTools" })
          ).pipe(Effect.flip, Effect.map(notEmulated(".mcp"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".sentinelone",
              name: "typed s1",
              config: { url },
              secrets: { token: s("t") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, { subAction: "isolateHost", subActionParams: { uuid: "u" } })
          ).pipe(Effect.flip, Effect.map(notEmulated(".sentinelone"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".crowdstrike",
              name: "typed crowdstrike",
              config: { url },
              secrets: { clientId: "c", clientSecret: s("s") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, { subAction: "getAgentDetails", subActionParams: { ids: ["a"] } })
          ).pipe(Effect.flip, Effect.map(notEmulated(".crowdstrike"))),
          Effect.flatMap(
            connectors.ensure({
              connectorTypeId: ".microsoft_defender_endpoint",
              name: "typed defender",
              config: {
                clientId: "c",
                tenantId: "t",
                oAuthServerUrl: "https://login.microsoftonline.com",
                oAuthScope: "https://securitycenter.onmicrosoft.com/windowsatpservice/.default",
                apiUrl: "https://api.securitycenter.microsoft.com"
              },
              secrets: { clientSecret: s("s") }
            }),
            ({ connector }) =>
              connectors.executeTyped(connector, {
                subAction: "isolateHost",
                subActionParams: { id: "m", comment: "c" }
              })
          ).pipe(Effect.flip, Effect.map(notEmulated(".microsoft_defender_endpoint")))
        ]
        yield* Effect.all(cases)
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
