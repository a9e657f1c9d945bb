import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { call } from "./helpers.js"

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

const defaultSpace = {
  id: "default",
  name: "Default",
  description: "This is your default space!",
  color: "#00bfb3",
  disabledFeatures: [],
  _reserved: true
}

describe("spaces over HTTP", () => {
  layer(EmulatorServer.layerServer({ spaces: [{ id: "seeded", name: "Seeded" }] }), { excludeTestServices: true })(
    (it) => {
      it.effect("the default space exists and is reserved", () =>
        Effect.gen(function*() {
          const base = yield* url
          const get = yield* call(base, "GET", "/api/spaces/space/default")
          assert.strictEqual(get.status, 200)
          assert.deepStrictEqual(get.json, defaultSpace)
          assert.strictEqual(get.headers.get("elastic-api-version"), "2023-10-31")
          const create = yield* call(base, "POST", "/api/spaces/space", { body: { id: "default", name: "again" } })
          assert.deepStrictEqual(create.json, {
            statusCode: 409,
            error: "Conflict",
            message: "A space with the identifier default already exists."
          })
          const remove = yield* call(base, "DELETE", "/api/spaces/space/default")
          assert.deepStrictEqual(remove.json, {
            statusCode: 400,
            error: "Bad Request",
            message: "The default space cannot be deleted because it is reserved."
          })
        }))

      it.effect("create returns exactly the given fields (plus disabledFeatures), ignoring _reserved", () =>
        Effect.gen(function*() {
          const base = yield* url
          const body = { id: "marketing", name: "Marketing", description: "d", color: "#aabbcc", disabledFeatures: [] }
          const created = yield* call(base, "POST", "/api/spaces/space", { body: { ...body, _reserved: true } })
          assert.strictEqual(created.status, 200)
          assert.deepStrictEqual(created.json, body)
          const minimal = yield* call(base, "POST", "/api/spaces/space", { body: { id: "minimal", name: "Minimal" } })
          assert.deepStrictEqual(minimal.json, { id: "minimal", name: "Minimal", disabledFeatures: [] })
          const duplicate = yield* call(base, "POST", "/api/spaces/space", { body })
          assert.strictEqual(duplicate.json.message, "A space with the identifier marketing already exists.")
        }))

      it.effect("space validation messages", () =>
        Effect.gen(function*() {
          const base = yield* url
          const cases: ReadonlyArray<readonly [unknown, string]> = [
            [{ name: "x" }, "[request body.id]: expected value of type [string] but got [undefined]"],
            [{ id: "Bad Id", name: "x" }, "[request body.id]: must be lower case, a-z, 0-9, '_', and '-' are allowed"],
            [{ id: "ok" }, "[request body.name]: expected value of type [string] but got [undefined]"],
            [
              { id: "ok", name: "" },
              "[request body.name]: value has length [0] but it must have a minimum length of [1]."
            ],
            [
              { id: "ok", name: "x", initials: "abc" },
              "[request body.initials]: value has length [3] but it must have a maximum length of [2]."
            ],
            [
              { id: "ok", name: "x", color: "red" },
              "[request body.color]: must be a 6 digit hex color, starting with a #"
            ],
            [{ id: "ok", name: "x", imageUrl: "http://x" }, "[request body.imageUrl]: must start with 'data:image'"],
            [
              { id: "ok", name: "x", disabledFeatures: [1] },
              "[request body.disabledFeatures.0]: expected value of type [string] but got [number]"
            ],
            [{ id: "ok", name: "x", unknown: true }, "[request body.unknown]: definition for this key is missing"]
          ]
          for (const [body, message] of cases) {
            const answer = yield* call(base, "POST", "/api/spaces/space", { body })
            assert.strictEqual(answer.status, 400)
            assert.deepStrictEqual(answer.json, { statusCode: 400, error: "Bad Request", message })
          }
        }))

      it.effect("GET all is sorted by name; purpose and include_authorized_purposes", () =>
        Effect.gen(function*() {
          const base = yield* url
          yield* call(base, "POST", "/api/spaces/space", { body: { id: "zeta", name: "aardvark" } })
          const all = yield* call(base, "GET", "/api/spaces/space")
          const names = all.json.map((s: any) => s.name)
          // Sorted on `name.keyword` (Elasticsearch keyword order: byte order, upper case first), not
          // locale-aware (kibana-http-api.md §4.3; spaces_client.ts `sortField: 'name.keyword'`).
          assert.deepStrictEqual(names, [...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)))
          assert.isBelow(names.indexOf("Seeded"), names.indexOf("aardvark"))
          assert.include(names, "Seeded")
          const withPurposes = yield* call(base, "GET", "/api/spaces/space?include_authorized_purposes=true")
          assert.deepStrictEqual(withPurposes.json[0].authorizedPurposes, {
            any: true,
            copySavedObjectsIntoSpace: true,
            findSavedObjects: true,
            shareSavedObjectsIntoSpace: true
          })
          const conflict = yield* call(base, "GET", "/api/spaces/space?purpose=any&include_authorized_purposes=true")
          assert.deepStrictEqual(conflict.json, {
            statusCode: 400,
            error: "Bad Request",
            message: "[request query]: include_authorized_purposes can only be false when purpose is specified"
          })
          const allowed = yield* call(base, "GET", "/api/spaces/space?purpose=any&include_authorized_purposes=false")
          assert.strictEqual(allowed.status, 200)
          const badPurpose = yield* call(base, "GET", "/api/spaces/space?purpose=nope")
          assert.strictEqual(badPurpose.status, 400)
          assert.match(badPurpose.json.message, /^\[request query.purpose\]: types that failed validation:/)
        }))

      it.effect("update: path id wins, partial saved-object update, _reserved kept; unknown space 404", () =>
        Effect.gen(function*() {
          const base = yield* url
          yield* call(base, "POST", "/api/spaces/space", { body: { id: "upd", name: "Before", description: "old" } })
          const updated = yield* call(base, "PUT", "/api/spaces/space/upd", { body: { id: "other", name: "After" } })
          assert.strictEqual(updated.status, 200)
          assert.deepStrictEqual(updated.json, { id: "upd", name: "After", disabledFeatures: [] })
          // Kibana's saved-object update is partial: the omitted description is still stored.
          const reread = yield* call(base, "GET", "/api/spaces/space/upd")
          assert.deepStrictEqual(reread.json, { id: "upd", name: "After", description: "old", disabledFeatures: [] })
          const reserved = yield* call(base, "PUT", "/api/spaces/space/default", {
            body: { id: "default", name: "Home" }
          })
          assert.strictEqual(reserved.json._reserved, true)
          const missing = yield* call(base, "PUT", "/api/spaces/space/nope", { body: { id: "nope", name: "x" } })
          assert.deepStrictEqual(missing.json, { statusCode: 404, error: "Not Found", message: "Not Found" })
          const missingGet = yield* call(base, "GET", "/api/spaces/space/nope")
          assert.deepStrictEqual(missingGet.json, { statusCode: 404, error: "Not Found", message: "Not Found" })
        }))

      it.effect("delete answers 204 and deletes the space's connectors", () =>
        Effect.gen(function*() {
          const base = yield* url
          yield* call(base, "POST", "/api/spaces/space", { body: { id: "doomed", name: "Doomed" } })
          yield* call(base, "POST", "/s/doomed/api/actions/connector/doomed-conn", {
            body: { name: "x", connector_type_id: ".server-log" }
          })
          const deleted = yield* call(base, "DELETE", "/api/spaces/space/doomed")
          assert.strictEqual(deleted.status, 204)
          assert.strictEqual(deleted.text, "")
          assert.strictEqual((yield* call(base, "GET", "/s/doomed/api/actions/connector/doomed-conn")).status, 404)
          // The id is free again.
          const recreated = yield* call(base, "POST", "/api/actions/connector/doomed-conn", {
            body: { name: "x", connector_type_id: ".server-log" }
          })
          assert.strictEqual(recreated.status, 200)
          assert.strictEqual((yield* call(base, "DELETE", "/api/spaces/space/doomed")).status, 404)
        }))

      it.effect("versioned routes: elastic-api-version and apiVersion rules", () =>
        Effect.gen(function*() {
          const base = yield* url
          const ok = yield* call(base, "GET", "/api/spaces/space", { headers: { "elastic-api-version": "2023-10-31" } })
          assert.strictEqual(ok.status, 200)
          const malformed = yield* call(base, "GET", "/api/spaces/space", { headers: { "elastic-api-version": "v1" } })
          assert.strictEqual(
            malformed.json.message,
            "Invalid version. Received \"v1\", expected a valid date string formatted as YYYY-MM-DD."
          )
          const unknown = yield* call(base, "GET", "/api/spaces/space", {
            headers: { "elastic-api-version": "2020-01-01" }
          })
          assert.strictEqual(
            unknown.json.message,
            "No version \"2020-01-01\" available for [get] [/api/spaces/space]. Available versions are: [2023-10-31]"
          )
          const query = yield* call(base, "GET", "/api/spaces/space?apiVersion=2023-10-31")
          assert.strictEqual(query.status, 400)
        }))

      it.effect("spaces routes also work under a space prefix", () =>
        Effect.gen(function*() {
          const answer = yield* call(yield* url, "GET", "/s/seeded/api/spaces/space/seeded")
          assert.deepStrictEqual(answer.json, { id: "seeded", name: "Seeded", disabledFeatures: [] })
        }))
    }
  )
})
