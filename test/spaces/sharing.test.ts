// Spaces.getShareableReferences and Spaces.updateObjectsSpaces against the emulator over real HTTP:
// the requests go to the current space, input Kibana would refuse is refused before sending, and
// Kibana's answers decode (per-object errors included).
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as KibanaSpace from "../../src/services/KibanaSpace.js"
import { Spaces } from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"

const received = Effect.flatMap(
  KibanaEmulator,
  (emulator) => Effect.map(emulator.requestLog, (log) => log.map((entry) => `${entry.method} ${entry.path}`))
)
const clearLog = Effect.flatMap(KibanaEmulator, (emulator) => emulator.clearRequestLog)

const environment = KibanaTest.layerServer({ emulator: { spaces: [{ id: "ops", name: "Ops" }] } })

layer(environment, { excludeTestServices: true })("sharing saved objects between spaces", (it) => {
  it.effect("getShareableReferences decodes Kibana's answer, in the current space", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* clearLog
      const references = yield* spaces.getShareableReferences([{ type: "action", id: "a" }]).pipe(
        KibanaSpace.withSpace("ops")
      )
      assert.deepStrictEqual(
        references.map((reference) => ({ ...reference })),
        [{ type: "action", id: "a", spaces: [], inboundReferences: [] }]
      )
      assert.include(yield* received, "POST /s/ops/api/spaces/_get_shareable_references")
    }))

  it.effect("updateObjectsSpaces: per-object errors are results, not failures", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      const results = yield* spaces.updateObjectsSpaces({
        objects: [{ type: "action", id: "a" }],
        spacesToAdd: ["ops"],
        spacesToRemove: []
      })
      assert.deepStrictEqual(results.map((result) => ({ ...result })), [{
        type: "action",
        id: "a",
        spaces: [],
        error: { statusCode: 404, error: "Not Found", message: "Saved object [action/a] not found" }
      }])
    }))

  it.effect("input Kibana refuses fails with KibanaInputError before any request", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* clearLog
      const refused = (input: Parameters<Spaces.Service["updateObjectsSpaces"]>[0]) =>
        Effect.flatMap(
          Effect.flip(spaces.updateObjectsSpaces(input)),
          (error) => error._tag === "KibanaInputError" ? Effect.succeed(error) : Effect.die(error)
        )
      const none = yield* refused({ objects: [], spacesToAdd: [], spacesToRemove: [] })
      assert.strictEqual(none.reason, "spacesToAdd and/or spacesToRemove must be a non-empty array of strings")
      const both = yield* refused({ objects: [], spacesToAdd: ["ops"], spacesToRemove: ["ops"] })
      assert.strictEqual(both.reason, "spacesToAdd and spacesToRemove cannot contain any of the same strings")
      const badId = yield* refused({ objects: [], spacesToAdd: ["Ops"], spacesToRemove: [] })
      assert.deepStrictEqual([badId.field, badId.reason], [
        "spacesToAdd.0",
        `lower case, a-z, 0-9, "_", and "-" are allowed, OR "*"`
      ])
      const duplicate = yield* refused({ objects: [], spacesToAdd: ["ops", "ops"], spacesToRemove: [] })
      assert.deepStrictEqual([duplicate.field, duplicate.reason], [
        "spacesToAdd",
        "duplicate space ids are not allowed"
      ])
      const tooMany = yield* Effect.flip(
        spaces.getShareableReferences(Array.from({ length: 1001 }, (_, i) => ({ type: "action", id: `${i}` })))
      )
      assert.strictEqual(tooMany._tag, "KibanaInputError")
      assert.deepStrictEqual(yield* received, [])
    }))
})

describe("sharing answers Kibana refuses", () => {
  layer(environment, { excludeTestServices: true })((it) => {
    it.effect("a 400 from Kibana is KibanaBadRequest", () =>
      Effect.gen(function*() {
        const emulator = yield* KibanaEmulator
        yield* emulator.addFault({ path: "/api/spaces/_update_objects_spaces", fault: { _tag: "Status", status: 400 } })
        const spaces = yield* Spaces
        const error = yield* Effect.flip(
          spaces.updateObjectsSpaces({
            objects: [{ type: "action", id: "a" }],
            spacesToAdd: ["ops"],
            spacesToRemove: []
          })
        )
        assert.strictEqual(error._tag, "KibanaBadRequest")
      }))
  })
})
