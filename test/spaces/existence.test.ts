// The opt-in space existence check: KibanaSpaceNotFound before the call, at most one lookup per space per
// TTL, transient failures never cached, invalidation by creates and deletes through the client.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import type { KibanaClientOptions } from "../../src/services/KibanaClient.js"
import { KibanaClient } from "../../src/services/KibanaClient.js"
import { bind, withSpace } from "../../src/services/KibanaSpace.js"
import { Spaces } from "../../src/services/Spaces.js"
import type { Answer, Seen } from "./miniKibana.js"
import { makeMiniKibana } from "./miniKibana.js"

const checked: Partial<KibanaClientOptions> = { spaceExistence: { timeToLive: "1 minute", capacity: 100 } }

const listIn = (space: string) =>
  Effect.flatMap(KibanaClient, (kibana) => kibana.request({ method: "GET", path: "/api/actions/connectors" })).pipe(
    withSpace(space)
  )

const isLookup = (request: Seen) => request.method === "GET" && request.path.startsWith("/api/spaces/space/")

const unavailable: Answer = {
  status: 503,
  body: { statusCode: 503, error: "Service Unavailable", message: "Kibana server is not ready yet" }
}

describe("space existence check", () => {
  it.effect("is off by default: a call into a missing space is sent (Kibana would create a phantom space)", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      yield* listIn("ghost")
      assert.deepStrictEqual(mini.requests(), ["GET /s/ghost/api/actions/connectors"])
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("a call into a missing space fails with KibanaSpaceNotFound before it is sent", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIn("ghost"))
      assert.strictEqual(error._tag, "KibanaSpaceNotFound")
      if (error._tag === "KibanaSpaceNotFound") assert.strictEqual(error.spaceId, "ghost")
      assert.deepStrictEqual(mini.requests(), ["GET /api/spaces/space/ghost"])
      // Also through a space-bound service.
      const bound = bind(yield* KibanaClient, "ghost")
      const viaBound = yield* Effect.flip(bound.request({ method: "GET", path: "/api/actions/connectors" }))
      assert.strictEqual(viaBound._tag, "KibanaSpaceNotFound")
      assert.strictEqual(mini.lookups("ghost"), 1)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("at most one lookup per space per TTL, for answers 'exists' and 'missing' alike", () => {
    const mini = makeMiniKibana()
    mini.spaces.set("acme", { id: "acme", name: "Acme" })
    return Effect.gen(function*() {
      yield* Effect.all([listIn("acme"), listIn("acme"), Effect.either(listIn("ghost"))], { concurrency: "unbounded" })
      yield* Effect.replicateEffect(Effect.all([listIn("acme"), Effect.either(listIn("ghost"))]), 10)
      yield* TestClock.adjust("59999 millis")
      yield* listIn("acme")
      assert.strictEqual(mini.lookups("acme"), 1)
      assert.strictEqual(mini.lookups("ghost"), 1)
      assert.strictEqual(mini.requests().filter((r) => r === "GET /s/acme/api/actions/connectors").length, 13)
      assert.strictEqual(mini.requests().filter((r) => r.includes("/s/ghost/")).length, 0)
      yield* TestClock.adjust("1 millis")
      yield* listIn("acme")
      yield* Effect.either(listIn("ghost"))
      assert.strictEqual(mini.lookups("acme"), 2)
      assert.strictEqual(mini.lookups("ghost"), 2)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("concurrent calls into one space share a single lookup", () => {
    const mini = makeMiniKibana()
    mini.spaces.set("acme", { id: "acme", name: "Acme" })
    return Effect.gen(function*() {
      yield* Effect.all(Array.from({ length: 50 }, () => listIn("acme")), { concurrency: "unbounded" })
      assert.strictEqual(mini.lookups("acme"), 1)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("transient failures are returned as themselves and never cached as missing", () => {
    const mini = makeMiniKibana()
    mini.spaces.set("acme", { id: "acme", name: "Acme" })
    const forbidden: Answer = { status: 403, body: { statusCode: 403, error: "Forbidden", message: "no" } }
    return Effect.gen(function*() {
      for (const [answer, tag] of [[unavailable, "KibanaServerError"], [forbidden, "KibanaForbidden"]] as const) {
        mini.setOverride((request) => isLookup(request) ? answer : undefined)
        const failures = yield* Effect.all(Array.from({ length: 5 }, () => Effect.flip(listIn("acme"))), {
          concurrency: "unbounded"
        })
        assert.deepStrictEqual(failures.map((failure) => failure._tag), Array(5).fill(tag))
      }
      assert.strictEqual(mini.lookups("acme"), 2)
      // No clock movement: the next call looks up again and now succeeds.
      mini.setOverride(() => undefined)
      yield* listIn("acme")
      yield* listIn("acme")
      assert.strictEqual(mini.lookups("acme"), 3)
      assert.strictEqual(mini.requests().filter((r) => r === "GET /s/acme/api/actions/connectors").length, 2)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("a transient failure is retried like any idempotent request before it counts", () => {
    const mini = makeMiniKibana()
    mini.spaces.set("acme", { id: "acme", name: "Acme" })
    let failuresLeft = 1
    mini.setOverride((request) => {
      if (!isLookup(request) || failuresLeft === 0) return undefined
      failuresLeft--
      return unavailable
    })
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(listIn("acme"))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.strictEqual(mini.lookups("acme"), 2)
    }).pipe(Effect.provide(mini.layer({ ...checked, retry: { times: 2 } })))
  })

  it.effect("creates and deletes through this client invalidate what is cached", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      assert.strictEqual((yield* Effect.flip(listIn("fresh")))._tag, "KibanaSpaceNotFound")
      yield* spaces.create({ id: "fresh", name: "Fresh" })
      yield* listIn("fresh")
      yield* spaces.delete("fresh")
      assert.strictEqual((yield* Effect.flip(listIn("fresh")))._tag, "KibanaSpaceNotFound")
      assert.strictEqual(mini.lookups("fresh"), 3)
      // Scoped spaces too.
      yield* Effect.scoped(Effect.zipRight(spaces.acquire({ id: "tmp", name: "Tmp" }), listIn("tmp")))
      assert.strictEqual((yield* Effect.flip(listIn("tmp")))._tag, "KibanaSpaceNotFound")
      assert.strictEqual(mini.lookups("tmp"), 2)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("a lookup that ends after an invalidation does not store its stale answer", () => {
    const mini = makeMiniKibana()
    // The first lookup answers "missing", but only after 10 seconds.
    mini.setOverride((request) =>
      isLookup(request) && mini.lookups("late") === 1
        ? {
          after: "10 seconds",
          answer: { status: 404, body: { statusCode: 404, error: "Not Found", message: "Not Found" } }
        }
        : undefined
    )
    return Effect.gen(function*() {
      const spaces = yield* Spaces
      const early = yield* Effect.fork(listIn("late"))
      while (mini.lookups("late") === 0) yield* Effect.yieldNow()
      // Meanwhile the space is created through the client.
      yield* spaces.create({ id: "late", name: "Late" })
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual((yield* Effect.flip(Fiber.join(early)))._tag, "KibanaSpaceNotFound")
      // The late "missing" was not kept: the next call looks up again and finds the space.
      yield* listIn("late")
      assert.strictEqual(mini.lookups("late"), 2)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("interrupting the caller that started a lookup does not interrupt the others waiting on it", () => {
    const mini = makeMiniKibana()
    mini.spaces.set("acme", { id: "acme", name: "Acme" })
    let hold = true
    mini.setOverride((request) => isLookup(request) && hold ? { hang: true } : undefined)
    return Effect.gen(function*() {
      const first = yield* Effect.fork(listIn("acme"))
      while (mini.lookups("acme") === 0) yield* Effect.yieldNow()
      const second = yield* Effect.fork(Effect.either(listIn("acme")))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(first)
      hold = false
      yield* TestClock.adjust("30 seconds")
      const result = yield* Fiber.join(second)
      // The shared lookup ran to its end (a timeout here) and the waiter got that answer, not an interruption.
      assert.strictEqual(result._tag === "Left" ? result.left._tag : "Right", "KibanaTimeout")
      assert.strictEqual(mini.lookups("acme"), 1)
    }).pipe(Effect.provide(mini.layer(checked)))
  })

  it.effect("capacity bounds how many spaces are remembered, least recently used forgotten first", () => {
    const mini = makeMiniKibana()
    for (const id of ["a", "b", "c"]) mini.spaces.set(id, { id, name: id })
    return Effect.gen(function*() {
      yield* listIn("a")
      yield* listIn("b")
      yield* listIn("a") // a is now the most recently used
      yield* listIn("c") // forgets b
      yield* listIn("a")
      yield* listIn("b")
      assert.deepStrictEqual([mini.lookups("a"), mini.lookups("b"), mini.lookups("c")], [1, 2, 1])
    }).pipe(Effect.provide(mini.layer({ spaceExistence: { capacity: 2 } })))
  })

  it.effect("the default space and the spaces API are never looked up", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      yield* listIn("default")
      yield* (yield* Spaces).list().pipe(withSpace("ghost"))
      assert.deepStrictEqual(mini.requests(), ["GET /api/actions/connectors", "GET /api/spaces/space"])
    }).pipe(Effect.provide(mini.layer(checked)))
  })
})
