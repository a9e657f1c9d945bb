// POST /api/spaces/_copy_saved_objects and /api/spaces/_resolve_copy_saved_objects_errors over real HTTP:
// Kibana's body validation (spaces/server/routes/api/external/copy_to_space.ts) and the answers of its
// export-then-import for the emulator's objects (connectors are `action` saved objects, a hidden type the
// scoped client that exports them does not see).
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { basic, call } from "./helpers.js"

const withServer = <A>(f: (url: string) => Effect.Effect<A>) =>
  Effect.provide(
    Effect.flatMap(EmulatorServer.EmulatorServer, (server) => f(server.url)),
    EmulatorServer.layerServer({
      spaces: [{ id: "ops", name: "Ops" }],
      users: [
        { username: "elastic", password: Redacted.make("changeme") },
        { username: "ops_all", password: Redacted.make("pw"), spaces: ["ops"] },
        { username: "reader", password: Redacted.make("pw"), readOnly: true }
      ]
    })
  )

const badRequest = (message: string) => ({ statusCode: 400, error: "Bad Request", message })

describe("copying saved objects between spaces", () => {
  it.effect("_copy_saved_objects: Kibana's checks and their messages", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const copy = (body: unknown) => call(url, "POST", "/api/spaces/_copy_saved_objects", { body })
        const objects = [{ type: "action", id: "a" }]
        const failures = [
          yield* copy({ spaces: ["ops"], objects, overwrite: true }),
          yield* copy({ spaces: ["ops"], objects, compatibilityMode: true }),
          yield* copy({ spaces: ["Ops"], objects }),
          yield* copy({ spaces: ["ops", "ops"], objects }),
          yield* copy({ spaces: ["ops"], objects: [...objects, ...objects] }),
          yield* copy({ spaces: ["ops"], objects: [{ type: "action" }] }),
          yield* copy({ objects })
        ]
        assert.deepStrictEqual(failures.map((failure) => [failure.status, failure.json]), [
          [400, badRequest("[request body]: cannot use [overwrite] with [createNewCopies]")],
          [400, badRequest("[request body]: cannot use [compatibilityMode] with [createNewCopies]")],
          [400, badRequest("[request body.spaces.0]: lower case, a-z, 0-9, \"_\", and \"-\" are allowed")],
          [400, badRequest("[request body.spaces]: duplicate space ids are not allowed")],
          [400, badRequest("[request body.objects]: duplicate objects are not allowed")],
          [400, badRequest("[request body.objects.0.id]: expected value of type [string] but got [undefined]")],
          [400, badRequest("[request body.spaces]: expected value of type [array] but got [undefined]")]
        ])
      })
    ))

  it.effect("_copy_saved_objects: a connector is not found by the exporter; no objects import nothing", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const log = yield* call(url, "POST", "/api/actions/connector", {
          body: { name: "log", connector_type_id: ".server-log" }
        })
        const objects = [{ type: "action", id: log.json.id }, { type: "dashboard", id: "d" }]
        const copy = (body: unknown) => call(url, "POST", "/api/spaces/_copy_saved_objects", { body })
        const missing = yield* copy({ spaces: ["ops"], objects, overwrite: true, createNewCopies: false })
        assert.deepStrictEqual([missing.status, missing.json], [404, {
          statusCode: 404,
          error: "Not Found",
          message: "Saved objects not found",
          attributes: { objects: objects.map(({ id, type }) => ({ id, type })) }
        }])
        const empty = yield* copy({ spaces: ["ops", "elsewhere"], objects: [] })
        assert.deepStrictEqual([empty.status, empty.json], [200, {
          ops: { success: true, successCount: 0, successResults: [] },
          elsewhere: { success: true, successCount: 0, successResults: [] }
        }])
        // the exporter's size limit comes before any fetch, and the route does not catch it
        const tooMany = yield* copy({
          spaces: ["ops"],
          objects: Array.from({ length: 10001 }, (_, i) => ({ type: "dashboard", id: `d${i}` }))
        })
        assert.deepStrictEqual([tooMany.status, tooMany.json.message], [500, "An internal server error occurred."])
        const connectors = yield* call(url, "GET", "/s/ops/api/actions/connectors")
        assert.deepStrictEqual(connectors.json, [])
      })
    ))

  it.effect("_resolve_copy_saved_objects_errors: Kibana's checks, then the uncaught export failure", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const resolve = (body: unknown) => call(url, "POST", "/api/spaces/_resolve_copy_saved_objects_errors", { body })
        const objects = [{ type: "action", id: "a" }]
        const retries = { ops: [{ type: "action", id: "a", overwrite: true }] }
        const failures = [
          yield* resolve({ retries, objects, compatibilityMode: true }),
          yield* resolve({ retries: { Ops: [] }, objects }),
          yield* resolve({ retries: { ops: [{ type: "action", id: "a", overwrite: "yes" }] }, objects }),
          yield* resolve({ retries, objects: [...objects, ...objects] }),
          // entry by entry, the key before its value
          yield* resolve({ retries: { ops: [{}], Dev: [] }, objects }),
          yield* resolve({ retries: { Dev: [{}], ops: [] }, objects })
        ]
        assert.deepStrictEqual(failures.map((failure) => [failure.status, failure.json]), [
          [400, badRequest("[request body]: cannot use [createNewCopies] with [compatibilityMode]")],
          [400, badRequest("[request body.retries.key(\"Ops\")]: Invalid space id: Ops")],
          [
            400,
            badRequest("[request body.retries.ops.0.overwrite]: expected value of type [boolean] but got [string]")
          ],
          [400, badRequest("[request body.objects]: duplicate objects are not allowed")],
          [400, badRequest("[request body.retries.ops.0.type]: expected value of type [string] but got [undefined]")],
          [400, badRequest("[request body.retries.key(\"Dev\")]: Invalid space id: Dev")]
        ])
        const failed = yield* resolve({ retries, objects, createNewCopies: false })
        assert.deepStrictEqual([failed.status, failed.json], [500, {
          statusCode: 500,
          error: "Internal Server Error",
          message: "An internal server error occurred."
        }])
        const empty = yield* resolve({ retries: { ops: [] }, objects: [] })
        assert.deepStrictEqual([empty.status, empty.json], [200, {
          ops: { success: true, successCount: 0, successResults: [] }
        }])
      })
    ))

  it.effect("both routes need the copySavedObjectsToSpaces privilege in the current space, before validation", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const denied = (route: string) => ({
          statusCode: 403,
          error: "Forbidden",
          message:
            `API [POST /api/spaces/${route}] is unauthorized for user, this action is granted by the Kibana privileges [copySavedObjectsToSpaces]`
        })
        const opsAll = basic("ops_all", "pw")
        const reader = basic("reader", "pw")
        const answers = [
          yield* call(url, "POST", "/api/spaces/_copy_saved_objects", { body: {}, authorization: opsAll }),
          yield* call(url, "POST", "/s/ops/api/spaces/_resolve_copy_saved_objects_errors", {
            body: {},
            authorization: reader
          }),
          yield* call(url, "POST", "/s/ops/api/spaces/_copy_saved_objects", {
            body: { spaces: ["default"], objects: [] },
            authorization: opsAll
          })
        ]
        assert.deepStrictEqual(answers.map((answer) => [answer.status, answer.json]), [
          [403, denied("_copy_saved_objects")],
          [403, denied("_resolve_copy_saved_objects_errors")],
          [200, { default: { success: true, successCount: 0, successResults: [] } }]
        ])
      })
    ))
})
