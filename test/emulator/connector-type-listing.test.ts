import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { call } from "./helpers.js"

const listTypes = (url: string, query = "") => call(url, "GET", `/api/actions/connector_types${query}`)

layer(EmulatorServer.layerServer(), { excludeTestServices: true })("connector types listing (trial license)", (it) => {
  it.effect("lists the 31 stack types with Kibana's fields and leaves the system action types out", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      const answer = yield* listTypes(url)
      assert.strictEqual(answer.status, 200)
      assert.lengthOf(answer.json, 31)
      const opsgenie = answer.json.find((type: { id: string }) => type.id === ".opsgenie")
      assert.deepStrictEqual(opsgenie, {
        id: ".opsgenie",
        name: "Opsgenie",
        enabled: true,
        enabled_in_config: true,
        enabled_in_license: true,
        minimum_license_required: "platinum",
        supported_feature_ids: ["alerting", "uptime", "siem"],
        is_system_action_type: false,
        is_deprecated: false
      })
      for (const system of [".cases", ".observability-ai-assistant", ".workflows"]) {
        assert.isUndefined(answer.json.find((type: { id: string }) => type.id === system))
      }
    }))

  for (const featureId of ["alerting", "cases", "generativeAIForSecurity"]) {
    it.effect(`feature_id=${featureId} keeps exactly the types that support it, a strict subset`, () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorServer.EmulatorServer
        const all = (yield* listTypes(url)).json as ReadonlyArray<{ id: string; supported_feature_ids: Array<string> }>
        const filtered = (yield* listTypes(url, `?feature_id=${featureId}`)).json as ReadonlyArray<{ id: string }>
        const expected = all.filter((type) => type.supported_feature_ids.includes(featureId)).map((type) => type.id)
        assert.deepStrictEqual(filtered.map((type) => type.id), expected)
        assert.isAbove(filtered.length, 0)
        assert.isBelow(filtered.length, all.length)
      }))
  }

  it.effect("cases lists the case-management types only", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      const ids = (yield* listTypes(url, "?feature_id=cases")).json.map((type: { id: string }) => type.id)
      assert.deepStrictEqual(ids, [
        ".swimlane",
        ".cases-webhook",
        ".servicenow",
        ".servicenow-sir",
        ".jira",
        ".resilient",
        ".thehive"
      ])
    }))

  for (const system of [".cases", ".observability-ai-assistant", ".workflows"]) {
    it.effect(`a ${system} connector is refused like Kibana refuses system actions`, () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorServer.EmulatorServer
        const answer = yield* call(url, "POST", "/api/actions/connector", {
          body: { name: "system", connector_type_id: system, config: {}, secrets: {} }
        })
        assert.strictEqual(answer.status, 400)
        assert.strictEqual(answer.json.message, `System action creation is forbidden. Action type: ${system}.`)
      }))
  }
})

layer(EmulatorServer.layerServer({ license: "basic" }), { excludeTestServices: true })(
  "connector types under a basic license",
  (it) => {
    it.effect("types above basic are listed disabled by the license", () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorServer.EmulatorServer
        const types = (yield* listTypes(url)).json as ReadonlyArray<Record<string, unknown>>
        const index = types.find((type) => type.id === ".index")
        const webhook = types.find((type) => type.id === ".webhook")
        assert.include(index, { enabled: true, enabled_in_license: true })
        assert.include(webhook, { enabled: false, enabled_in_config: true, enabled_in_license: false })
      }))

    it.effect("creating a connector of a gold type is Kibana's 403, a basic type works", () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorServer.EmulatorServer
        const refused = yield* call(url, "POST", "/api/actions/connector", {
          body: { name: "hook", connector_type_id: ".webhook", config: { url: "http://localhost:1" }, secrets: {} }
        })
        assert.strictEqual(refused.status, 403)
        assert.strictEqual(
          refused.json.message,
          "Action type .webhook is disabled because your basic license does not support it. Please upgrade your license."
        )
        const allowed = yield* call(url, "POST", "/api/actions/connector", {
          body: { name: "log", connector_type_id: ".server-log", config: {}, secrets: {} }
        })
        assert.strictEqual(allowed.status, 200)
      }))
  }
)
