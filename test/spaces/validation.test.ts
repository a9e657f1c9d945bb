// Input rules are checked by the client before anything is sent: property tests over space ids, and
// Kibana's wording for every other field.
import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import type { SpaceInput } from "../../src/schemas/Space.js"
import { SpaceId } from "../../src/schemas/Space.js"
import { KibanaClient } from "../../src/services/KibanaClient.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import { Spaces } from "../../src/services/Spaces.js"
import { makeMiniKibana } from "./miniKibana.js"

const validId = /^[a-z0-9_-]+$/
// Plain strings plus near misses: one upper-case, space, slash, dot, percent or non-ASCII character.
const invalidId = fc.oneof(
  fc.string(),
  fc.tuple(
    fc.stringMatching(/^[a-z0-9_-]{0,8}$/),
    fc.constantFrom("A", "Z", " ", "/", ".", "%", "?", "#", "é", "\n", ":"),
    fc.stringMatching(/^[a-z0-9_-]{0,8}$/)
  ).map(([before, bad, after]) => `${before}${bad}${after}`)
).filter((id) => !validId.test(id))

const withMini = <A, E>(f: (mini: ReturnType<typeof makeMiniKibana>) => Effect.Effect<A, E, Spaces | KibanaClient>) => {
  const mini = makeMiniKibana()
  return f(mini).pipe(Effect.provide(mini.layer()))
}

describe("space ids", () => {
  it.effect.prop(
    "a valid id reaches Kibana, unprefixed for the spaces API and as /s/<id> for the rest",
    [SpaceId],
    ([id]) =>
      withMini((mini) =>
        Effect.gen(function*() {
          const spaces = yield* Spaces
          const kibana = yield* KibanaClient
          const found = yield* Effect.either(spaces.get(id))
          // Only `default` exists in the fake; any other valid id is a 404 from Kibana, not an input error.
          const outcome = found._tag === "Right" ? "found" : found.left._tag
          assert.strictEqual(outcome, id === "default" ? "found" : "KibanaNotFound")
          yield* kibana.request({ method: "GET", path: "/api/actions/connectors" }).pipe(withSpace(id))
          assert.deepStrictEqual(mini.requests(), [
            `GET /api/spaces/space/${id}`,
            id === "default" ? "GET /api/actions/connectors" : `GET /s/${id}/api/actions/connectors`
          ])
        })
      ),
    { fastCheck: { numRuns: 200 } }
  )

  it.effect.prop(
    "an invalid id is rejected, naming the field, and nothing is sent",
    [invalidId],
    ([id]) =>
      withMini((mini) =>
        Effect.gen(function*() {
          const spaces = yield* Spaces
          const kibana = yield* KibanaClient
          const failures = [
            yield* Effect.flip(spaces.get(id)),
            yield* Effect.flip(spaces.delete(id)),
            yield* Effect.flip(spaces.create({ id, name: "x" })),
            yield* Effect.flip(spaces.update({ id, name: "x" })),
            yield* Effect.flip(spaces.acquire({ id, name: "x" }).pipe(Effect.scoped))
          ]
          for (const failure of failures) {
            assert.strictEqual(failure._tag, "KibanaInputError")
            if (failure._tag === "KibanaInputError") {
              assert.strictEqual(failure.field, "id")
              assert.include(failure.reason, "must be lower case, a-z, 0-9, '_', and '-' are allowed")
            }
          }
          const inSpace = yield* Effect.flip(
            kibana.request({ method: "GET", path: "/api/actions/connectors" }).pipe(withSpace(id))
          )
          assert.strictEqual(inSpace._tag, "KibanaInputError")
          if (inSpace._tag === "KibanaInputError") assert.strictEqual(inSpace.field, "space")
          assert.deepStrictEqual(mini.seen, [])
        })
      ),
    { fastCheck: { numRuns: 200 } }
  )
})

describe("space input", () => {
  const rejected = (input: SpaceInput, field: string, reason: string) =>
    withMini((mini) =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        for (const attempt of [Effect.flip(spaces.create(input)), Effect.flip(spaces.update(input))]) {
          const error = yield* attempt
          assert.strictEqual(error._tag, "KibanaInputError")
          if (error._tag === "KibanaInputError") {
            assert.strictEqual(error.field, field)
            assert.strictEqual(error.reason, reason)
          }
        }
        assert.deepStrictEqual(mini.seen, [])
      })
    )

  it.effect("color must be #rrggbb", () =>
    Effect.gen(function*() {
      for (const color of ["red", "#fff", "#12345g", "00bfb3", "#00bfb3 "]) {
        yield* rejected({ id: "a", name: "A", color }, "color", "must be a 6 digit hex color, starting with a #")
      }
    }))

  it.effect("at most two initials", () =>
    rejected(
      { id: "a", name: "A", initials: "ABC" },
      "initials",
      "value has length [3] but it must have a maximum length of [2]."
    ))

  it.effect("imageUrl must be a data:image URL", () =>
    rejected(
      { id: "a", name: "A", imageUrl: "https://example.com/a.png" },
      "imageUrl",
      "must start with 'data:image'"
    ))

  it.effect("name must not be empty", () =>
    rejected({ id: "a", name: "" }, "name", "value has length [0] but it must have a minimum length of [1]."))

  it.effect("every bad field is named", () =>
    withMini(() =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          (yield* Spaces).create({ id: "Bad", name: "B", color: "blue", initials: "XYZ" })
        )
        assert.strictEqual(error._tag, "KibanaInputError")
        if (error._tag === "KibanaInputError") {
          assert.strictEqual(error.field, "id, color, initials")
          assert.strictEqual(error.operation, "Spaces.create")
          assert.include(error.message, "Spaces.create: invalid id, color, initials:")
        }
      })
    ))

  it.effect("a good space is sent as written, without unknown fields", () =>
    withMini((mini) =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const input = {
          id: "marketing",
          name: "Marketing",
          description: "d",
          color: "#AABBCC",
          initials: "MK",
          imageUrl: "data:image/png;base64,AAAA",
          disabledFeatures: ["discover"],
          solution: "oblt"
        }
        const created = yield* spaces.create({ ...input, reserved: true } as SpaceInput)
        assert.deepStrictEqual(mini.seen[0]!.body, input)
        assert.strictEqual(created.initials, "MK")
        assert.deepStrictEqual(created.disabledFeatures, ["discover"])
        // `update` from a space read back, as documented: its extra fields are dropped.
        yield* spaces.update({ ...created, name: "Renamed" })
        assert.deepStrictEqual(mini.seen[1]!.body, { ...input, name: "Renamed" })
        assert.strictEqual(mini.seen[1]!.path, "/api/spaces/space/marketing")
      })
    ))
})

describe("list options", () => {
  it.effect("purpose and includeAuthorizedPurposes become query parameters", () =>
    withMini((mini) =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        yield* spaces.list()
        yield* spaces.list({ purpose: "shareSavedObjectsIntoSpace" })
        yield* spaces.list({ includeAuthorizedPurposes: true })
        assert.deepStrictEqual(mini.seen.map((request) => request.query), [
          "",
          "?purpose=shareSavedObjectsIntoSpace",
          "?include_authorized_purposes=true"
        ])
      })
    ))

  it.effect("a purpose with includeAuthorizedPurposes is rejected with Kibana's wording", () =>
    withMini((mini) =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const options = { purpose: "any", includeAuthorizedPurposes: true } as unknown as Parameters<
          typeof spaces.list
        >[0]
        const error = yield* Effect.flip(spaces.list(options))
        assert.strictEqual(error._tag, "KibanaInputError")
        if (error._tag === "KibanaInputError") {
          assert.strictEqual(error.field, "includeAuthorizedPurposes")
          assert.strictEqual(error.reason, "include_authorized_purposes can only be false when purpose is specified")
        }
        const unknown = yield* Effect.flip(spaces.list(
          { purpose: "everything" } as unknown as Parameters<
            typeof spaces.list
          >[0]
        ))
        assert.strictEqual(unknown._tag, "KibanaInputError")
        assert.deepStrictEqual(mini.seen, [])
      })
    ))
})
