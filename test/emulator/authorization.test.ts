import { assert, describe, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { basic, call } from "./helpers.js"

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

const Server = EmulatorServer.layerServer({
  users: [
    { username: "elastic", password: Redacted.make("changeme") },
    { username: "space1_all", password: Redacted.make("pw"), spaces: ["space1"] },
    { username: "reader", password: Redacted.make("pw"), readOnly: true }
  ]
})

const space1 = basic("space1_all", "pw")
const reader = basic("reader", "pw")
const forbidden = (message: string) => ({ statusCode: 403, error: "Forbidden", message })

describe("per-principal authorization (403s) over HTTP", () => {
  layer(Server, { excludeTestServices: true })((it) => {
    it.effect("a space-restricted user works in its space only", () =>
      Effect.gen(function*() {
        const base = yield* url
        const body = { name: "x", connector_type_id: ".server-log" }
        assert.strictEqual(
          (yield* call(base, "POST", "/s/space1/api/actions/connector/s1", { body, authorization: space1 })).status,
          200
        )
        const create = yield* call(base, "POST", "/s/space2/api/actions/connector/s2", { body, authorization: space1 })
        assert.deepStrictEqual(create.json, forbidden("Unauthorized to create a \".server-log\" action"))
        const get = yield* call(base, "GET", "/s/space2/api/actions/connector/s1", { authorization: space1 })
        assert.deepStrictEqual(get.json, forbidden("Unauthorized to get actions"))
        const list = yield* call(base, "GET", "/api/actions/connectors", { authorization: space1 })
        assert.deepStrictEqual(list.json, forbidden("Unauthorized to get actions"))
        const remove = yield* call(base, "DELETE", "/api/actions/connector/s1", { authorization: space1 })
        assert.deepStrictEqual(remove.json, forbidden("Unauthorized to delete actions"))
        const update = yield* call(base, "PUT", "/api/actions/connector/s1", {
          body: { name: "y" },
          authorization: space1
        })
        assert.deepStrictEqual(update.json, forbidden("Unauthorized to update actions"))
        yield* call(base, "POST", "/api/actions/connector/in-default", { body })
        const execute = yield* call(base, "POST", "/api/actions/connector/in-default/_execute", {
          body: { params: { message: "x" } },
          authorization: space1
        })
        assert.deepStrictEqual(execute.json, forbidden("Unauthorized to execute a \".server-log\" action"))
        const executeMissing = yield* call(base, "POST", "/api/actions/connector/missing/_execute", {
          body: { params: { message: "x" } },
          authorization: space1
        })
        assert.deepStrictEqual(executeMissing.json, forbidden("Unauthorized to execute actions"))
        // connector_types needs no privileges.
        assert.strictEqual(
          (yield* call(base, "GET", "/api/actions/connector_types", { authorization: space1 })).status,
          200
        )
      }))

    it.effect("space management is reserved to unrestricted principals", () =>
      Effect.gen(function*() {
        const base = yield* url
        const create = yield* call(base, "POST", "/api/spaces/space", {
          body: { id: "new", name: "New" },
          authorization: space1
        })
        assert.deepStrictEqual(create.json, forbidden("Unauthorized to create spaces"))
        const remove = yield* call(base, "DELETE", "/api/spaces/space/default", { authorization: space1 })
        assert.deepStrictEqual(remove.json, forbidden("Unauthorized to delete spaces"))
        const get = yield* call(base, "GET", "/api/spaces/space/default", { authorization: space1 })
        assert.deepStrictEqual(get.json, forbidden("Unauthorized to get default space"))
        yield* call(base, "POST", "/api/spaces/space", { body: { id: "space1", name: "Space 1" } })
        const all = yield* call(base, "GET", "/api/spaces/space", { authorization: space1 })
        assert.deepStrictEqual(all.json.map((s: any) => s.id), ["space1"])
      }))

    it.effect("a read-only user can read but not write or execute", () =>
      Effect.gen(function*() {
        const base = yield* url
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors", { authorization: reader })).status, 200)
        const create = yield* call(base, "POST", "/api/actions/connector", {
          body: { name: "x", connector_type_id: ".index", config: { index: "i" } },
          authorization: reader
        })
        assert.deepStrictEqual(create.json, forbidden("Unauthorized to create a \".index\" action"))
        const purposes = yield* call(base, "GET", "/api/spaces/space?include_authorized_purposes=true", {
          authorization: reader
        })
        assert.strictEqual(purposes.json[0].authorizedPurposes.copySavedObjectsIntoSpace, false)
      }))
  })
})

describe("security disabled", () => {
  layer(EmulatorServer.layerServer({ security: false }), { excludeTestServices: true })((it) => {
    it.effect("no credentials are needed and /api/status is not redacted", () =>
      Effect.gen(function*() {
        const base = yield* url
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors", { authorization: null })).status, 200)
        const status = yield* call(base, "GET", "/api/status", { authorization: null })
        assert.strictEqual(status.json.version.number, "9.4.3")
      }))
  })
})
