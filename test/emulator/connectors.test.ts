import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { builtInConnectorTypes } from "../../src/emulator/connectorTypes/index.js"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { call } from "./helpers.js"

const Server = EmulatorServer.layerServer({
  preconfiguredConnectors: [
    { id: "my-server-log", name: "Preconfigured log", connectorTypeId: ".server-log" }
  ]
})

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

describe("connectors over HTTP", () => {
  layer(Server, { excludeTestServices: true })((it) => {
    it.effect("create returns 200 with Kibana's 9.x connector body, secrets never returned", () =>
      Effect.gen(function*() {
        const base = yield* url
        const created = yield* call(base, "POST", "/api/actions/connector/create-1", {
          body: {
            name: "Create",
            connector_type_id: ".webhook",
            config: { url: "http://127.0.0.1:1/x" },
            secrets: { user: "u", password: "p" }
          }
        })
        assert.strictEqual(created.status, 200)
        assert.strictEqual(created.json.id, "create-1")
        assert.strictEqual(created.json.connector_type_id, ".webhook")
        assert.strictEqual(created.json.is_preconfigured, false)
        assert.strictEqual(created.json.is_deprecated, false)
        assert.strictEqual(created.json.is_missing_secrets, false)
        assert.strictEqual(created.json.is_system_action, false)
        assert.strictEqual(created.json.is_connector_type_deprecated, false)
        // Normalised config (Kibana's defaults applied)
        assert.strictEqual(created.json.config.method, "post")
        assert.strictEqual(created.json.config.hasAuth, true)
        assert.isUndefined(created.json.secrets)
        assert.notInclude(created.text, "\"p\"")
        const fetched = yield* call(base, "GET", "/api/actions/connector/create-1")
        assert.strictEqual(fetched.status, 200)
        assert.deepStrictEqual(fetched.json, created.json)
      }))

    it.effect("create without id generates a uuid", () =>
      Effect.gen(function*() {
        const created = yield* call(yield* url, "POST", "/api/actions/connector", {
          body: { name: "Generated", connector_type_id: ".server-log" }
        })
        assert.strictEqual(created.status, 200)
        assert.match(created.json.id, /^[0-9a-f-]{36}$/)
        assert.deepStrictEqual(created.json.config, {})
      }))

    it.effect("request body validation uses @kbn/config-schema messages", () =>
      Effect.gen(function*() {
        const base = yield* url
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{}, "[request body.name]: expected value of type [string] but got [undefined]"],
          [{ name: " ", connector_type_id: ".index" }, "[request body.name]: value '' is not valid"],
          [{ name: "x" }, "[request body.connector_type_id]: expected value of type [string] but got [undefined]"],
          [
            { name: 1, connector_type_id: ".index" },
            "[request body.name]: expected value of type [string] but got [number]"
          ],
          [
            { name: "x", connector_type_id: ".index", config: { encrypted: " " } },
            "[request body.config.encrypted]: value '' is not valid"
          ],
          [
            { name: "x", connector_type_id: ".index", config: [] },
            "[request body.config]: expected value of type [object] but got [Array]"
          ],
          [
            { name: "x", connector_type_id: ".index", extra: 1 },
            "[request body.extra]: definition for this key is missing"
          ],
          [[], "[request body]: expected a plain object value, but found [Array] instead."]
        ]
        for (const [body, message] of cases) {
          const answer = yield* call(base, "POST", "/api/actions/connector", { body })
          assert.strictEqual(answer.status, 400)
          assert.deepStrictEqual(answer.json, { statusCode: 400, error: "Bad Request", message })
        }
        const empty = yield* call(base, "POST", "/api/actions/connector", { rawBody: "" })
        assert.deepStrictEqual(
          empty.json.message,
          "[request body]: expected a plain object value, but found [null] instead."
        )
      }))

    it.effect("unknown connector type and invalid config/secrets are 400s", () =>
      Effect.gen(function*() {
        const base = yield* url
        const unknown = yield* call(base, "POST", "/api/actions/connector", {
          body: { name: "x", connector_type_id: ".nope" }
        })
        assert.deepStrictEqual(unknown.json, {
          statusCode: 400,
          error: "Bad Request",
          message: "Action type \".nope\" is not registered."
        })
        const badConfig = yield* call(base, "POST", "/api/actions/connector", {
          body: { name: "x", connector_type_id: ".index", config: { index: 1 } }
        })
        assert.strictEqual(badConfig.status, 400)
        assert.match(badConfig.json.message, /^error validating connector type config: /)
        const badSecrets = yield* call(base, "POST", "/api/actions/connector", {
          body: { name: "x", connector_type_id: ".slack", secrets: {} }
        })
        assert.strictEqual(badSecrets.status, 400)
        assert.match(badSecrets.json.message, /^error validating connector type secrets: /)
      }))

    it.effect("ids are unique across spaces: 409 even from another space", () =>
      Effect.gen(function*() {
        const base = yield* url
        const body = { name: "Dup", connector_type_id: ".server-log" }
        assert.strictEqual((yield* call(base, "POST", "/s/space-a/api/actions/connector/dup-1", { body })).status, 200)
        for (const path of ["/s/space-a/api/actions/connector/dup-1", "/s/space-b/api/actions/connector/dup-1"]) {
          const conflict = yield* call(base, "POST", path, { body })
          assert.deepStrictEqual(conflict.json, {
            statusCode: 409,
            error: "Conflict",
            message: "Saved object [action/dup-1] conflict"
          })
        }
      }))

    it.effect("connectors are space-scoped; non-existent spaces are accepted", () =>
      Effect.gen(function*() {
        const base = yield* url
        const body = { name: "Scoped", connector_type_id: ".server-log" }
        assert.strictEqual(
          (yield* call(base, "POST", "/s/never-created/api/actions/connector/scoped-1", { body })).status,
          200
        )
        assert.strictEqual((yield* call(base, "GET", "/s/never-created/api/actions/connector/scoped-1")).status, 200)
        const elsewhere = yield* call(base, "GET", "/api/actions/connector/scoped-1")
        assert.deepStrictEqual(elsewhere.json, {
          statusCode: 404,
          error: "Not Found",
          message: "Saved object [action/scoped-1] not found"
        })
        const other = yield* call(base, "GET", "/s/other-space/api/actions/connectors")
        assert.deepStrictEqual(other.json.map((c: any) => c.id), ["my-server-log"])
        assert.strictEqual((yield* call(base, "DELETE", "/api/actions/connector/scoped-1")).status, 404)
        assert.strictEqual(
          (yield* call(base, "POST", "/s/other/api/actions/connector/scoped-1/_execute", {
            body: { params: { message: "x" } }
          })).status,
          404
        )
      }))

    it.effect("list is sorted by name, includes preconfigured connectors, with referenced_by_count", () =>
      Effect.gen(function*() {
        const base = yield* url
        for (const [id, name] of [["l-1", "beta"], ["l-2", "Alpha"], ["l-3", "gamma"]]) {
          yield* call(base, "POST", `/s/list-space/api/actions/connector/${id}`, {
            body: { name, connector_type_id: ".server-log" }
          })
        }
        const listed = yield* call(base, "GET", "/s/list-space/api/actions/connectors")
        assert.strictEqual(listed.status, 200)
        assert.deepStrictEqual(listed.json.map((c: any) => c.name), ["Alpha", "beta", "gamma", "Preconfigured log"])
        for (const connector of listed.json) assert.strictEqual(connector.referenced_by_count, 0)
        const preconfigured = listed.json.find((c: any) => c.id === "my-server-log")
        assert.deepStrictEqual(preconfigured, {
          id: "my-server-log",
          name: "Preconfigured log",
          connector_type_id: ".server-log",
          is_preconfigured: true,
          is_deprecated: false,
          is_system_action: false,
          is_connector_type_deprecated: false,
          referenced_by_count: 0
        })
      }))

    it.effect("list: a space's connector comes before a preconfigured one of the same name", () =>
      Effect.gen(function*() {
        const base = yield* url
        // getAll merges saved objects first, then in-memory connectors, and sorts stably by name
        // (elastic/kibana:x-pack/platform/plugins/shared/actions/server/application/connector/methods/get_all/get_all.ts)
        yield* call(base, "POST", "/s/tie-space/api/actions/connector/tie-1", {
          body: { name: "Preconfigured log", connector_type_id: ".server-log" }
        })
        const listed = yield* call(base, "GET", "/s/tie-space/api/actions/connectors")
        assert.deepStrictEqual(listed.json.map((c: any) => c.id), ["tie-1", "my-server-log"])
      }))

    it.effect("preconfigured connectors cannot be created over, updated or deleted", () =>
      Effect.gen(function*() {
        const base = yield* url
        const get = yield* call(base, "GET", "/s/anywhere/api/actions/connector/my-server-log")
        assert.strictEqual(get.status, 200)
        assert.isUndefined(get.json.config)
        assert.isUndefined(get.json.is_missing_secrets)
        const create = yield* call(base, "POST", "/api/actions/connector/my-server-log", {
          body: { name: "x", connector_type_id: ".server-log" }
        })
        assert.deepStrictEqual(create.json.message, "This my-server-log already exists in a preconfigured action.")
        const update = yield* call(base, "PUT", "/api/actions/connector/my-server-log", { body: { name: "x" } })
        assert.deepStrictEqual(update.json, {
          statusCode: 400,
          error: "Bad Request",
          message: "Preconfigured action my-server-log can not be updated."
        })
        const remove = yield* call(base, "DELETE", "/api/actions/connector/my-server-log")
        assert.deepStrictEqual(remove.json.message, "Preconfigured action my-server-log is not allowed to delete.")
        const executed = yield* call(base, "POST", "/api/actions/connector/my-server-log/_execute", {
          body: { params: { message: "from preconfigured" } }
        })
        assert.deepStrictEqual(executed.json, { connector_id: "my-server-log", status: "ok" })
      }))

    it.effect("PUT replaces name, config and secrets; connector_type_id is not allowed", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* call(base, "POST", "/api/actions/connector/upd-1", {
          body: { name: "Before", connector_type_id: ".index", config: { index: "a", refresh: true } }
        })
        const typeChange = yield* call(base, "PUT", "/api/actions/connector/upd-1", {
          body: { name: "After", connector_type_id: ".server-log" }
        })
        assert.strictEqual(
          typeChange.json.message,
          "[request body.connector_type_id]: definition for this key is missing"
        )
        const blank = yield* call(base, "PUT", "/api/actions/connector/upd-1", { body: { name: " " } })
        assert.strictEqual(blank.json.message, "[request body.name]: value '' is not valid")
        const missing = yield* call(base, "PUT", "/api/actions/connector/upd-1", { body: { name: "After" } })
        assert.strictEqual(missing.status, 400)
        assert.match(missing.json.message, /^error validating connector type config: /)
        const updated = yield* call(base, "PUT", "/api/actions/connector/upd-1", {
          body: { name: "After", config: { index: "b" } }
        })
        assert.strictEqual(updated.status, 200)
        assert.strictEqual(updated.json.name, "After")
        assert.strictEqual(updated.json.config.index, "b")
        assert.strictEqual(updated.json.config.refresh, false)
        assert.strictEqual(updated.json.connector_type_id, ".index")
        const notFound = yield* call(base, "PUT", "/api/actions/connector/nope", { body: { name: "x" } })
        assert.strictEqual(notFound.json.message, "Saved object [action/nope] not found")
      }))

    it.effect("DELETE answers 204 with an empty body, then 404", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* call(base, "POST", "/api/actions/connector/del-1", {
          body: { name: "x", connector_type_id: ".server-log" }
        })
        const deleted = yield* call(base, "DELETE", "/api/actions/connector/del-1")
        assert.strictEqual(deleted.status, 204)
        assert.strictEqual(deleted.text, "")
        const again = yield* call(base, "DELETE", "/api/actions/connector/del-1")
        assert.deepStrictEqual(again.json, {
          statusCode: 404,
          error: "Not Found",
          message: "Saved object [action/del-1] not found"
        })
      }))

    it.effect("connector_types lists the registered types and filters by feature_id", () =>
      Effect.gen(function*() {
        const base = yield* url
        const all = yield* call(base, "GET", "/api/actions/connector_types")
        assert.strictEqual(all.status, 200)
        const index = all.json.find((t: any) => t.id === ".index")
        assert.deepStrictEqual(Object.keys(index).sort(), [
          "enabled",
          "enabled_in_config",
          "enabled_in_license",
          "id",
          "is_deprecated",
          "is_system_action_type",
          "minimum_license_required",
          "name",
          "supported_feature_ids"
        ])
        const uptime = yield* call(base, "GET", "/api/actions/connector_types?feature_id=uptime")
        assert.strictEqual(uptime.status, 200)
        assert.isNotEmpty(uptime.json)
        for (const type of uptime.json) assert.include(type.supported_feature_ids, "uptime")
        const tooLong = yield* call(base, "GET", `/api/actions/connector_types?feature_id=${"x".repeat(101)}`)
        assert.strictEqual(tooLong.status, 400)
        assert.strictEqual(
          tooLong.json.message,
          "[request query.feature_id]: value has length [101] but it must have a maximum length of [100]."
        )
      }))

    it.effect("execute: ok result, params validation error as HTTP 200, missing params 400", () =>
      Effect.gen(function*() {
        const base = yield* url
        const emulator = yield* KibanaEmulator.KibanaEmulator
        yield* call(base, "POST", "/api/actions/connector/exec-log", {
          body: { name: "x", connector_type_id: ".server-log" }
        })
        const ok = yield* call(base, "POST", "/api/actions/connector/exec-log/_execute", {
          body: { params: { message: "hello from test", level: "warn" } }
        })
        assert.deepStrictEqual(ok.json, { connector_id: "exec-log", status: "ok" })
        const logged = (yield* emulator.serverLog).filter((entry) => entry.connectorId === "exec-log")
        assert.strictEqual(logged.length, 1)
        assert.strictEqual(logged[0]!.level, "warn")
        const invalid = yield* call(base, "POST", "/api/actions/connector/exec-log/_execute", { body: { params: {} } })
        assert.strictEqual(invalid.status, 200)
        assert.strictEqual(invalid.json.connector_id, "exec-log")
        assert.strictEqual(invalid.json.status, "error")
        assert.match(invalid.json.message, /^error validating action params: /)
        assert.strictEqual(invalid.json.retry, false)
        assert.strictEqual(invalid.json.errorSource, "user")
        const noParams = yield* call(base, "POST", "/api/actions/connector/exec-log/_execute", { body: {} })
        assert.deepStrictEqual(noParams.json, {
          statusCode: 400,
          error: "Bad Request",
          message: "[request body.params]: expected value of type [object] but got [undefined]"
        })
      }))

    it.effect("execute .index writes documents that the inspection API returns", () =>
      Effect.gen(function*() {
        const base = yield* url
        const emulator = yield* KibanaEmulator.KibanaEmulator
        yield* call(base, "POST", "/api/actions/connector/exec-index", {
          body: { name: "x", connector_type_id: ".index", config: { index: "test-docs" } }
        })
        const executed = yield* call(base, "POST", "/api/actions/connector/exec-index/_execute", {
          body: { params: { documents: [{ a: 1 }, { a: 2 }] } }
        })
        assert.strictEqual(executed.json.status, "ok")
        assert.strictEqual(executed.json.connector_id, "exec-index")
        const documents = yield* emulator.documents("test-docs")
        assert.deepStrictEqual(documents.map((d) => d.source), [{ a: 1 }, { a: 2 }])
      }))

    it.effect("execute maps a failing executor to Kibana's error result (service_message, retry)", () =>
      Effect.gen(function*() {
        const base = yield* url
        const emulator = yield* KibanaEmulator.KibanaEmulator
        yield* call(base, "POST", "/api/actions/connector/exec-hook", {
          body: { name: "x", connector_type_id: ".webhook", config: { url: "http://127.0.0.1:9/hook", hasAuth: false } }
        })
        const failed = yield* call(base, "POST", "/api/actions/connector/exec-hook/_execute", {
          body: { params: { body: "{}" } }
        })
        assert.strictEqual(failed.status, 200)
        assert.strictEqual(failed.json.status, "error")
        assert.strictEqual(failed.json.connector_id, "exec-hook")
        assert.isString(failed.json.message)
        const calls = (yield* emulator.webhookCalls).filter((c) => c.connectorId === "exec-hook")
        assert.strictEqual(calls.length, 1)
      }))
  })
})

describe("a connector type whose executor throws", () => {
  const crashing = {
    ...builtInConnectorTypes.find((spec) => spec.id === ".server-log")!,
    id: "test.crashing",
    execute: () => Effect.die(new Error("expected failure for the emulator test"))
  }
  layer(EmulatorServer.layerServer({ connectorTypes: [crashing] }), { excludeTestServices: true })((it) => {
    it.effect("is reported like Kibana's action executor: HTTP 200, the thrown message, errorSource framework", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* call(base, "POST", "/api/actions/connector/crash-1", {
          body: { name: "crash", connector_type_id: "test.crashing" }
        })
        const answer = yield* call(base, "POST", "/api/actions/connector/crash-1/_execute", {
          body: { params: { message: "x" } }
        })
        // action_executor.ts: a thrown error becomes `serviceMessage: err.message`, `retry: true`,
        // `errorSource: getErrorSource(err) || FRAMEWORK` (kibana-http-api.md §2.8 test-asserted body)
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(answer.json, {
          connector_id: "crash-1",
          status: "error",
          message: "an error occurred while running the action",
          service_message: "expected failure for the emulator test",
          retry: true,
          errorSource: "framework"
        })
      }))
  })
})
