// The Spaces service over a scripted Kibana: paths, Kibana's errors as tagged errors, scoped spaces.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Logger, LogLevel } from "effect"
import * as KibanaSpace from "../../src/services/KibanaSpace.js"
import { Spaces } from "../../src/services/Spaces.js"
import { makeMiniKibana } from "./miniKibana.js"

describe("Spaces", () => {
  it.effect("the spaces API is never prefixed, whatever space the caller is in", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* Effect.gen(function*() {
        yield* spaces.create({ id: "marketing", name: "Marketing" })
        yield* spaces.get("marketing")
        yield* spaces.list()
        yield* spaces.update({ id: "marketing", name: "M" })
        yield* spaces.delete("marketing")
      }).pipe(KibanaSpace.withSpace("sales"), Effect.provide(KibanaSpace.layer("ops")))
      yield* KibanaSpace.bind(spaces, "sales").list()
      assert.deepStrictEqual(mini.requests(), [
        "POST /api/spaces/space",
        "GET /api/spaces/space/marketing",
        "GET /api/spaces/space",
        "PUT /api/spaces/space/marketing",
        "DELETE /api/spaces/space/marketing",
        "GET /api/spaces/space"
      ])
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("Kibana's 409, 404 and reserved-space 400 become tagged errors with Kibana's message", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* spaces.create({ id: "marketing", name: "Marketing" })
      const duplicate = yield* Effect.flip(spaces.create({ id: "marketing", name: "Again" }))
      assert.strictEqual(duplicate._tag, "KibanaConflict")
      if (duplicate._tag === "KibanaConflict") {
        assert.strictEqual(duplicate.kibanaMessage, "A space with the identifier marketing already exists.")
      }
      assert.strictEqual((yield* Effect.flip(spaces.get("nope")))._tag, "KibanaNotFound")
      assert.strictEqual((yield* Effect.flip(spaces.update({ id: "nope", name: "N" })))._tag, "KibanaNotFound")
      assert.strictEqual((yield* Effect.flip(spaces.delete("nope")))._tag, "KibanaNotFound")
      const reserved = yield* Effect.flip(spaces.delete("default"))
      assert.strictEqual(reserved._tag, "KibanaBadRequest")
      if (reserved._tag === "KibanaBadRequest") {
        assert.strictEqual(reserved.kibanaMessage, "The default space cannot be deleted because it is reserved.")
      }
      // A 409 where the operation expects none is not passed off as a conflict.
      mini.setOverride((request) =>
        request.method === "GET"
          ? { status: 409, body: { statusCode: 409, error: "Conflict", message: "odd" } }
          : undefined
      )
      assert.strictEqual((yield* Effect.flip(spaces.get("marketing")))._tag, "KibanaUnexpectedStatus")
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("decodes reserved and authorizedPurposes, and tolerates unknown fields", () => {
    const mini = makeMiniKibana()
    mini.setOverride(() => ({
      status: 200,
      body: [{
        id: "default",
        name: "Default",
        _reserved: true,
        disabledFeatures: [],
        projectRouting: "_alias:_origin",
        authorizedPurposes: { any: true, copySavedObjectsIntoSpace: false }
      }, { id: "bare", name: "Bare" }]
    }))
    return Effect.gen(function*() {
      const [first, second] = yield* (yield* Spaces).list({ includeAuthorizedPurposes: true })
      assert.strictEqual(first!.reserved, true)
      assert.deepStrictEqual(first!.authorizedPurposes, { any: true, copySavedObjectsIntoSpace: false })
      assert.deepStrictEqual(second!.disabledFeatures, [])
      assert.isUndefined(second!.reserved)
    }).pipe(Effect.provide(mini.layer()))
  })
})

describe("Spaces.acquire", () => {
  const input = { id: "tmp", name: "Temporary" }

  it.effect("the space is deleted after success", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      const seenInside = yield* Effect.scoped(Effect.map(spaces.acquire(input), () => mini.spaces.has("tmp")))
      assert.isTrue(seenInside)
      assert.isFalse(mini.spaces.has("tmp"))
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("the space is deleted after a failure, and the failure is kept", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      const error = yield* Effect.flip(Effect.scoped(Effect.zipRight(spaces.acquire(input), Effect.fail("boom"))))
      assert.strictEqual(error, "boom")
      assert.isFalse(mini.spaces.has("tmp"))
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("the space is deleted after interruption", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      const fiber = yield* Effect.fork(Effect.scoped(Effect.zipRight(spaces.acquire(input), Effect.never)))
      while (!mini.spaces.has("tmp")) yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      assert.isFalse(mini.spaces.has("tmp"))
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("a space already gone is fine; a failing delete is logged and never fails the program", () => {
    const mini = makeMiniKibana()
    const logs: Array<string> = []
    const logger = Logger.make(({ message }) => logs.push(String(message)))
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      yield* Effect.scoped(Effect.flatMap(spaces.acquire(input), (space) => spaces.delete(space.id)))
      assert.deepStrictEqual(logs, [])
      mini.setOverride((request) =>
        request.method === "DELETE"
          ? { status: 500, body: { statusCode: 500, error: "Internal Server Error", message: "down" } }
          : undefined
      )
      const result = yield* Effect.scoped(Effect.as(spaces.acquire({ id: "tmp2", name: "T" }), "done"))
      assert.strictEqual(result, "done")
      assert.deepStrictEqual(logs, ["could not delete temporary space"])
    }).pipe(
      Effect.provide(Layer.merge(mini.layer(), Logger.replace(Logger.defaultLogger, logger))),
      Logger.withMinimumLogLevel(LogLevel.Warning)
    )
  })
})
