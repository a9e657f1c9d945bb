// Spaces.copySavedObjects decodes every result shape Kibana sends, including the ones the emulator never
// produces (it holds no object Kibana's copy can export): successes with a new id, and each failure type,
// as Kibana's API integration suite expects them
// (elastic/kibana:x-pack/test/spaces_api_integration/common/suites/copy_to_space.ts).
import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import { CopyFailure } from "../../src/schemas/Space.js"
import { Spaces } from "../../src/services/Spaces.js"
import { makeMiniKibana } from "./miniKibana.js"

const answer = {
  dev: {
    success: true,
    successCount: 1,
    successResults: [{
      type: "index-pattern",
      id: "cts_ip_1",
      destinationId: "0b3a4c2e",
      createNewCopy: true,
      meta: { title: "Copy to Space index pattern 1", icon: "indexPatternApp" }
    }]
  },
  ops: {
    success: false,
    successCount: 0,
    errors: [
      {
        type: "index-pattern",
        id: "a",
        title: "A",
        meta: { title: "A" },
        error: { type: "conflict", destinationId: "b" }
      },
      {
        type: "sharedtype",
        id: "conflict_2",
        meta: { title: "A shared saved-object", icon: "beaker" },
        error: {
          type: "ambiguous_conflict",
          destinations: [{ id: "conflict_2_all", title: "in all spaces", updatedAt: "2017-09-21T18:59:16.270Z" }]
        }
      },
      {
        type: "visualization",
        id: "v",
        meta: {},
        error: { type: "missing_references", references: [{ type: "index-pattern", id: "gone" }] }
      },
      { type: "hiddentype", id: "h", meta: {}, error: { type: "unsupported_type" } },
      { type: "dashboard", id: "d", meta: {}, error: { type: "unknown", message: "boom", statusCode: 500 } }
    ]
  },
  gone: { success: false, successCount: 0, errors: [{ statusCode: 404, error: "Not Found", message: "Not Found" }] }
}

it.effect("copySavedObjects decodes successes and every failure type, per space", () => {
  const kibana = makeMiniKibana()
  kibana.setOverride((request) =>
    request.path === "/api/spaces/_copy_saved_objects" ? { status: 200, body: answer } : undefined
  )
  return Effect.gen(function*() {
    const spaces = yield* Spaces
    const results = yield* spaces.copySavedObjects({
      spaces: ["dev", "ops", "gone"],
      objects: [{ type: "index-pattern", id: "cts_ip_1" }],
      includeReferences: true
    })
    assert.deepStrictEqual(kibana.seen.map((seen) => seen.body), [{
      spaces: ["dev", "ops", "gone"],
      objects: [{ type: "index-pattern", id: "cts_ip_1" }],
      includeReferences: true
    }])
    assert.strictEqual(results.dev?.successResults?.[0]?.destinationId, "0b3a4c2e")
    const reasons = (results.ops?.errors ?? []).map((error) =>
      error instanceof CopyFailure ? error.error.type : "payload"
    )
    assert.deepStrictEqual(reasons, [
      "conflict",
      "ambiguous_conflict",
      "missing_references",
      "unsupported_type",
      "unknown"
    ])
    const [conflict] = results.ops?.errors ?? []
    assert.deepStrictEqual(conflict instanceof CopyFailure ? conflict.error : undefined, {
      type: "conflict",
      destinationId: "b"
    })
    assert.deepStrictEqual(results.gone?.errors?.map((error) => ({ ...error })), [
      { statusCode: 404, error: "Not Found", message: "Not Found" }
    ])
  }).pipe(Effect.provide(kibana.layer()))
})
