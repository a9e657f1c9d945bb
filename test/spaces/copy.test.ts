// Spaces.copySavedObjects and Spaces.resolveCopySavedObjectsErrors against the emulator over real HTTP:
// the requests go to the current space, are sent once, input Kibana would refuse is refused before
// sending, and Kibana's answers decode or become typed errors.
import { assert, layer } from "@effect/vitest"
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

const environment = KibanaTest.layerServer({
  emulator: { spaces: [{ id: "ops", name: "Ops" }, { id: "dev", name: "Dev" }] }
})

const copy = "/api/spaces/_copy_saved_objects"
const resolve = "/api/spaces/_resolve_copy_saved_objects_errors"

layer(environment, { excludeTestServices: true })("copying saved objects between spaces", (it) => {
  it.effect("copySavedObjects: one decoded result per target space, from the current space", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* clearLog
      const results = yield* spaces.copySavedObjects({ spaces: ["dev", "default"], objects: [] }).pipe(
        KibanaSpace.withSpace("ops")
      )
      assert.deepStrictEqual(Object.keys(results), ["dev", "default"])
      assert.deepStrictEqual({ ...results.dev }, { success: true, successCount: 0, successResults: [] })
      assert.deepStrictEqual(yield* received, [`POST /s/ops${copy}`])
    }))

  it.effect("copySavedObjects: a connector Kibana's exporter cannot see is KibanaNotFound, sent once", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* clearLog
      const error = yield* Effect.flip(spaces.copySavedObjects({
        spaces: ["dev"],
        objects: [{ type: "action", id: "my-connector" }],
        createNewCopies: false,
        overwrite: true
      }))
      assert.deepStrictEqual([error._tag, "kibanaMessage" in error && error.kibanaMessage], [
        "KibanaNotFound",
        "Saved objects not found"
      ])
      assert.deepStrictEqual(yield* received, [`POST ${copy}`])
    }))

  it.effect("resolveCopySavedObjectsErrors: results per space of retries; Kibana's 500 is not retried", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      const results = yield* spaces.resolveCopySavedObjectsErrors({ retries: { dev: [] }, objects: [] })
      assert.deepStrictEqual({ ...results.dev }, { success: true, successCount: 0, successResults: [] })
      yield* clearLog
      const error = yield* Effect.flip(spaces.resolveCopySavedObjectsErrors({
        retries: { dev: [{ type: "action", id: "my-connector", createNewCopy: true }] },
        objects: [{ type: "action", id: "my-connector" }]
      }))
      assert.strictEqual(error._tag, "KibanaServerError")
      assert.deepStrictEqual(yield* received, [`POST ${resolve}`])
    }))

  it.effect("input Kibana refuses fails with KibanaInputError before any request", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* clearLog
      const refused = <E extends { readonly _tag: string }>(effect: Effect.Effect<unknown, E>) =>
        Effect.flatMap(
          Effect.flip(effect),
          (error) =>
            error._tag === "KibanaInputError" && "reason" in error && "field" in error
              ? Effect.succeed([error.field, error.reason])
              : Effect.die(error)
        )
      const objects = [{ type: "action", id: "a" }]
      assert.deepStrictEqual(yield* refused(spaces.copySavedObjects({ spaces: ["dev"], objects, overwrite: true })), [
        "input",
        "cannot use [overwrite] with [createNewCopies]"
      ])
      assert.deepStrictEqual(
        yield* refused(spaces.copySavedObjects({ spaces: ["dev"], objects, compatibilityMode: true })),
        ["input", "cannot use [compatibilityMode] with [createNewCopies]"]
      )
      assert.deepStrictEqual(
        yield* refused(spaces.copySavedObjects({ spaces: ["dev", "dev"], objects })),
        ["spaces", "duplicate space ids are not allowed"]
      )
      assert.deepStrictEqual(
        yield* refused(spaces.copySavedObjects({ spaces: ["dev"], objects: [...objects, ...objects] })),
        ["objects", "duplicate objects are not allowed"]
      )
      assert.deepStrictEqual(
        yield* refused(spaces.resolveCopySavedObjectsErrors({ retries: {}, objects, compatibilityMode: true })),
        ["input", "cannot use [createNewCopies] with [compatibilityMode]"]
      )
      assert.deepStrictEqual(
        yield* refused(spaces.resolveCopySavedObjectsErrors({ retries: { Dev: [] }, objects })),
        ["retries", "Invalid space id: Dev"]
      )
      assert.deepStrictEqual(yield* received, [])
    }))
})
