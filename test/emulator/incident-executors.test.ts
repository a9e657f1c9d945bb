// What the incident-management executors send beyond the catalog's first request: Resilient's change
// list on update, the `.cases-webhook` templates (Mustache variable tags only), Slack's allowed channels.
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, FastCheck, Layer } from "effect"
import { renderNoEscape } from "../../src/emulator/connectorTypes/mustache.js"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as Simulators from "../../src/emulator/simulators/Simulators.js"
import { call } from "./helpers.js"

/** A `.cases-webhook` config against the simulator at `base`, with the create template and key given. */
const casesWebhookConfig = (
  base: string,
  create: { readonly createIncidentJson: string; readonly createIncidentResponseKey: string }
) => ({
  createIncidentUrl: `${base}issue`,
  ...create,
  getIncidentUrl: `${base}issue/{{{external.system.id}}}`,
  getIncidentResponseExternalTitleKey: "key",
  viewIncidentUrl: `${base}browse/{{{external.system.title}}}`,
  updateIncidentUrl: `${base}issue/{{{external.system.id}}}`,
  updateIncidentJson: "{}",
  hasAuth: false
})

describe("renderNoEscape (Kibana's renderMustacheStringNoEscape, variable tags)", () => {
  it("renders double, triple and & tags raw, missing variables and comments as nothing", () => {
    const variables = { case: { title: "\"<b>&</b>\"" }, external: { system: { id: "a/b" } } }
    assert.strictEqual(
      renderNoEscape("{\"t\":{{{case.title}}},\"u\":{{case.title}},\"v\":{{& case.title}}}", variables),
      "{\"t\":\"<b>&</b>\",\"u\":\"<b>&</b>\",\"v\":\"<b>&</b>\"}"
    )
    assert.strictEqual(
      renderNoEscape("/issue/{{external.system.id}}{{missing.key}}{{! note }}", variables),
      "/issue/a/b"
    )
  })

  it("refuses sections, inverted sections and partials", () => {
    for (const template of ["{{#case.tags}}x{{/case.tags}}", "{{^case.tags}}none{{/case.tags}}", "{{> header}}"]) {
      assert.isUndefined(renderNoEscape(template, {}), template)
    }
  })

  it.prop(
    "leaves text without tags as it is",
    [FastCheck.string().filter((text) => !text.includes("{{"))],
    ([text]) => renderNoEscape(text, {}) === text
  )
})

const environment = Layer.merge(EmulatorServer.layerServer(), Simulators.layer())

const createAndExecute = (connector: Record<string, unknown>, params: unknown) =>
  Effect.gen(function*() {
    const { url } = yield* EmulatorServer.EmulatorServer
    const created = yield* call(url, "POST", "/api/actions/connector", { body: { name: "c", ...connector } })
    assert.strictEqual(created.status, 200, created.text)
    const answer = yield* call(url, "POST", `/api/actions/connector/${created.json.id}/_execute`, { body: { params } })
    assert.strictEqual(answer.status, 200, answer.text)
    return answer.json
  })

layer(environment, { excludeTestServices: true })("incident-management executors over HTTP", (it) => {
  it.effect(".resilient update sends Resilient's change list, additional fields first", () =>
    Effect.gen(function*() {
      const simulators = yield* Simulators.Simulators
      yield* simulators.reset
      const answer = yield* createAndExecute({
        connector_type_id: ".resilient",
        config: { apiUrl: simulators.urlOf("resilient").slice(0, -1), orgId: "201" },
        secrets: { apiKeyId: "i", apiKeySecret: "s" }
      }, {
        subAction: "pushToService",
        subActionParams: {
          incident: {
            name: "Disk full",
            externalId: "1001",
            description: "now",
            severityCode: 6,
            additionalFields: { custom_text: "x" }
          }
        }
      })
      assert.strictEqual(answer.status, "ok", JSON.stringify(answer))
      const patch = (yield* simulators.received("resilient")).find((request) => request.method === "PATCH")
      assert.deepStrictEqual(patch?.body, {
        changes: [
          { field: { name: "custom_text" }, old_value: null, new_value: "x" },
          { field: { name: "name" }, old_value: { text: "simulated incident" }, new_value: { text: "Disk full" } },
          {
            field: { name: "description" },
            old_value: { textarea: { format: "html", content: "" } },
            new_value: { textarea: { format: "html", content: "now" } }
          },
          { field: { name: "severity_code" }, old_value: { id: 4 }, new_value: { id: 6 } }
        ]
      })
    }))

  it.effect(".resilient create puts custom additional fields under their prefix", () =>
    Effect.gen(function*() {
      const simulators = yield* Simulators.Simulators
      yield* simulators.reset
      const answer = yield* createAndExecute({
        connector_type_id: ".resilient",
        config: { apiUrl: simulators.urlOf("resilient").slice(0, -1), orgId: "201" },
        secrets: { apiKeyId: "i", apiKeySecret: "s" }
      }, {
        subAction: "pushToService",
        subActionParams: { incident: { name: "n", additionalFields: { custom_text: "x", plan_status: "A" } } }
      })
      assert.strictEqual(answer.status, "ok", JSON.stringify(answer))
      const [fields, created] = yield* simulators.received("resilient")
      assert.strictEqual(fields?.path, "/rest/orgs/201/types/incident/fields")
      assert.deepInclude(created?.body as object, { properties: { custom_text: "x" }, plan_status: "A" })
    }))

  it.effect(".cases-webhook refuses a template with a section, without calling the service", () =>
    Effect.gen(function*() {
      const simulators = yield* Simulators.Simulators
      yield* simulators.reset
      const base = simulators.urlOf("cases-webhook")
      const answer = yield* createAndExecute({
        connector_type_id: ".cases-webhook",
        config: casesWebhookConfig(base, {
          createIncidentJson: "{\"labels\":[{{#case.tags}}\"x\"{{/case.tags}}]}",
          createIncidentResponseKey: "id"
        })
      }, { subAction: "pushToService", subActionParams: { incident: { title: "t" } } })
      assert.strictEqual(answer.status, "error")
      assert.include(answer.service_message, "does not render Mustache sections")
      assert.lengthOf(yield* simulators.received("cases-webhook"), 0)
    }))

  it.effect(".cases-webhook answers Kibana's error for a create answer without the response key", () =>
    Effect.gen(function*() {
      const simulators = yield* Simulators.Simulators
      yield* simulators.reset
      const base = simulators.urlOf("cases-webhook")
      const answer = yield* createAndExecute({
        connector_type_id: ".cases-webhook",
        config: casesWebhookConfig(base, { createIncidentJson: "{}", createIncidentResponseKey: "data.number" })
      }, { subAction: "pushToService", subActionParams: { incident: { title: "t" } } })
      assert.strictEqual(
        answer.service_message,
        "[Action][Webhook - Case Management]: Unable to create case. Error: Response is missing the expected field: " +
          "data.number.  "
      )
    }))
  it.effect(".cases-webhook config: Kibana's custom rule refuses OAuth2 and a URL it cannot parse", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      const config = {
        createIncidentUrl: "https://cases.example.com/issue",
        createIncidentJson: "{}",
        createIncidentResponseKey: "id",
        getIncidentUrl: "https://cases.example.com/issue/{{{external.system.id}}}",
        getIncidentResponseExternalTitleKey: "key",
        viewIncidentUrl: "https://cases.example.com/browse/{{{external.system.title}}}",
        updateIncidentUrl: "https://cases.example.com/issue/{{{external.system.id}}}",
        updateIncidentJson: "{}",
        hasAuth: false
      }
      const create = (overrides: Record<string, unknown>) =>
        call(url, "POST", "/api/actions/connector", {
          body: { name: "c", connector_type_id: ".cases-webhook", config: { ...config, ...overrides } }
        })
      const oauth = yield* create({ hasAuth: true, authType: "webhook-oauth2-client-credentials" })
      assert.strictEqual(oauth.status, 400)
      assert.strictEqual(
        oauth.json.message,
        "error validating connector type config: OAuth2 authentication is not supported for cases webhook connector"
      )
      const badUrl = yield* create({ createCommentUrl: "not a url" })
      assert.strictEqual(
        badUrl.json.message,
        "error validating connector type config: error configuring cases webhook action: unable to parse not a url: " +
          "TypeError: Invalid URL"
      )
    }))

  for (const typeId of [".servicenow", ".servicenow-sir"]) {
    it.effect(`${typeId} answers getIncident with {} and handshake with Kibana's error, without calling ServiceNow`, () =>
      Effect.gen(function*() {
        const simulators = yield* Simulators.Simulators
        yield* simulators.reset
        const connector = {
          connector_type_id: typeId,
          config: { apiUrl: simulators.urlOf("servicenow") },
          secrets: { username: "admin", password: "sn-password-123" }
        }
        const incident = yield* createAndExecute(connector, {
          subAction: "getIncident",
          subActionParams: { externalId: "abc" }
        })
        assert.strictEqual(incident.status, "ok", JSON.stringify(incident))
        assert.deepStrictEqual(incident.data, {})
        const handshake = yield* createAndExecute(connector, { subAction: "handshake", subActionParams: {} })
        assert.deepStrictEqual(
          [handshake.status, handshake.message, handshake.service_message, handshake.retry, handshake.errorSource],
          [
            "error",
            "an error occurred while running the action",
            "[Action][ExternalService] subAction handshake not implemented.",
            true,
            "framework"
          ]
        )
        assert.lengthOf(yield* simulators.received("servicenow"), 0)
      }))
  }
})
