// POST /api/spaces/_get_shareable_references and /api/spaces/_update_objects_spaces over real HTTP:
// Kibana's body validation and the scoped saved objects client's answers for the emulator's objects
// (connectors are `action` saved objects, a hidden type that client does not see).
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { call } from "./helpers.js"

const withServer = <A>(f: (url: string) => Effect.Effect<A>) =>
  Effect.provide(
    Effect.flatMap(EmulatorServer.EmulatorServer, (server) => f(server.url)),
    EmulatorServer.layerServer({ spaces: [{ id: "ops", name: "Ops" }] })
  )

const badRequest = (message: string) => ({ statusCode: 400, error: "Bad Request", message })

describe("sharing saved objects between spaces", () => {
  it.effect("_get_shareable_references: each object once, without spaces or references", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const log = yield* call(url, "POST", "/api/actions/connector", {
          body: { name: "log", connector_type_id: ".server-log" }
        })
        const objects = [{ type: "action", id: log.json.id }, { type: "dashboard", id: "d" }]
        const answer = yield* call(url, "POST", "/s/ops/api/spaces/_get_shareable_references", {
          body: { objects: [...objects, objects[0]] }
        })
        assert.deepStrictEqual([answer.status, answer.json], [200, {
          objects: objects.map((object) => ({ ...object, spaces: [], inboundReferences: [] }))
        }])
        const invalid = yield* call(url, "POST", "/api/spaces/_get_shareable_references", {
          body: { objects: [{ type: "action" }] }
        })
        assert.deepStrictEqual(
          [invalid.status, invalid.json],
          [400, badRequest("[request body.objects.0.id]: expected value of type [string] but got [undefined]")]
        )
      })
    ))

  it.effect("_update_objects_spaces: Kibana's checks, then not found for every object", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const update = (body: unknown) => call(url, "POST", "/api/spaces/_update_objects_spaces", { body })
        const objects = [{ type: "action", id: "a" }, { type: "action", id: "a" }]
        const answer = yield* update({ objects, spacesToAdd: ["ops", "*"], spacesToRemove: ["default"] })
        assert.deepStrictEqual([answer.status, answer.json], [200, {
          objects: objects.map(({ id, type }) => ({
            id,
            type,
            spaces: [],
            error: { statusCode: 404, error: "Not Found", message: "Saved object [action/a] not found" }
          }))
        }])
        const failures = [
          yield* update({ objects, spacesToAdd: ["Ops"], spacesToRemove: [] }),
          yield* update({ objects, spacesToAdd: ["ops", "ops"], spacesToRemove: [] }),
          yield* update({ objects, spacesToAdd: [], spacesToRemove: [] }),
          yield* update({ objects, spacesToAdd: ["ops"], spacesToRemove: ["ops"] }),
          yield* update({ objects, spacesToAdd: ["ops"] })
        ]
        assert.deepStrictEqual(failures.map((failure) => [failure.status, failure.json]), [
          [
            400,
            badRequest("[request body.spacesToAdd.0]: lower case, a-z, 0-9, \"_\", and \"-\" are allowed, OR \"*\"")
          ],
          [400, badRequest("[request body.spacesToAdd]: duplicate space ids are not allowed")],
          [400, badRequest("spacesToAdd and/or spacesToRemove must be a non-empty array of strings: Bad Request")],
          [400, badRequest("spacesToAdd and spacesToRemove cannot contain any of the same strings: Bad Request")],
          [400, badRequest("[request body.spacesToRemove]: expected value of type [array] but got [undefined]")]
        ])
      })
    ))
})
