// Scoped connectors and spaces cannot leak: the create is interruptible and bounded by the client's
// timeout, and the release is registered (with the id the client chose) before the request leaves.
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Layer } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import { SpaceId } from "../../src/schemas/Space.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import * as Spaces from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"
import type { FakeAnswer, SeenRequest } from "./fakeHttp.js"
import { makeFake } from "./fakeHttp.js"

const input = { connectorTypeId: ".index" as const, name: "scoped", config: { index: "scoped" } }

const wireConnector = (id: string) => ({
  id,
  name: "scoped",
  connector_type_id: ".index",
  is_preconfigured: false,
  is_deprecated: false,
  is_system_action: false,
  is_missing_secrets: false,
  config: { index: "scoped", refresh: false, executionTimeField: null }
})

/** Connectors and Spaces over a scripted HttpClient; `at` records when (live clock) each request left. */
const scripted = (
  answer: (request: SeenRequest, index: number) => FakeAnswer,
  options: Partial<KibanaClient.KibanaClientOptions> = {}
) => {
  const at: Array<number> = []
  const fake = makeFake((request, index) => {
    at.push(Date.now())
    return answer(request, index)
  })
  // A pinned version: the gates never ask /api/status, so the script sees only the calls under test.
  const client = KibanaClient.layer({
    url: "http://kibana.test:5601",
    retry: { times: 0 },
    serverVersion: "9.4.3",
    ...options
  }).pipe(
    Layer.provide(fake.layer)
  )
  return { seen: fake.seen, at, layer: Layer.merge(Connectors.layer, Spaces.layer).pipe(Layer.provide(client)) }
}

const idFromUrl = (url: string) => decodeURIComponent(url.split("/").pop() ?? "")

describe("Connectors.acquire under a slow Kibana", () => {
  it.live("a create that outlives the timeout is deleted once it lands", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      yield* emulator.addFault({
        fault: { _tag: "Latency", delay: "1500 millis" },
        method: "POST",
        path: "/api/actions/connector/{id}",
        times: 1
      })
      const started = yield* Clock.currentTimeMillis
      const exit = yield* Effect.scoped(Effect.exit(connectors.acquire(input)))
      const failedAfter = (yield* Clock.currentTimeMillis) - started
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
        const error = exit.cause.error
        assert.strictEqual(error._tag, "KibanaUnknownOutcome")
        if (error._tag === "KibanaUnknownOutcome") {
          assert.strictEqual(error.cause._tag, "KibanaTimeout")
          assert.match(error.id ?? "", /^[a-z0-9-]{36}$/, "the failure names the id to look up")
        }
      }
      // the scope waited for the create to land, then deleted it
      assert.isAbove(failedAfter, 1400)
      yield* Effect.sleep("300 millis")
      assert.deepStrictEqual(yield* emulator.connectors, [])
      const log = yield* emulator.requestLog
      assert.isTrue(log.some((request) => request.method === "POST"), "the create reached the emulator")
    }).pipe(Effect.provide(KibanaTest.layerServer({ client: { timeout: "500 millis" } }))), 10_000)

  it.live("a create that never gets an answer ends at the client's timeout", () =>
    Effect.gen(function*() {
      const fake = scripted(
        (request) => request.method === "POST" ? { hang: true } : { status: request.method === "GET" ? 404 : 204 },
        { timeout: "300 millis" }
      )
      const elapsed = yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const started = yield* Clock.currentTimeMillis
        const error = yield* Effect.flip(Effect.scoped(connectors.acquire(input)))
        assert.strictEqual(error._tag, "KibanaUnknownOutcome")
        if (error._tag === "KibanaUnknownOutcome") assert.strictEqual(error.cause._tag, "KibanaTimeout")
        return fake.at[1]! - started
      }).pipe(Effect.provide(fake.layer))
      // the lookup of the lost create started right after the timeout, not after some transport limit
      assert.isBelow(elapsed, 1000)
      const [post, get] = fake.seen
      const del = fake.seen.find((request) => request.method === "DELETE")!
      assert.strictEqual(get.method, "GET")
      assert.strictEqual(post.method, "POST")
      assert.match(post.url, /\/api\/actions\/connector\/[a-z0-9-]{36}$/)
      assert.strictEqual(del.method, "DELETE")
      assert.strictEqual(idFromUrl(del.url), idFromUrl(post.url))
    }), 10_000)

  it.live(
    "interrupting acquire during retry delays stops at once; Kibana said 503, so nothing is deleted",
    () =>
      Effect.gen(function*() {
        const fake = scripted(
          (request) =>
            request.method === "POST"
              ? { status: 503, text: "Kibana server is not ready yet", headers: { "retry-after": "3" } }
              : { status: 404 },
          { retry: { times: 3 } }
        )
        const took = yield* Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const fiber = yield* Effect.fork(Effect.scoped(connectors.acquire(input)))
          yield* Effect.sleep("200 millis")
          const interruptedAt = yield* Clock.currentTimeMillis
          const exit = yield* Fiber.interrupt(fiber)
          assert.isTrue(Exit.isInterrupted(exit))
          return (yield* Clock.currentTimeMillis) - interruptedAt
        }).pipe(Effect.provide(fake.layer))
        assert.isBelow(took, 200)
        assert.deepStrictEqual(fake.seen.map((request) => request.method), ["POST"])
      }),
    10_000
  )

  it.live(
    "interrupting acquire while the create is out deletes what it may have created",
    () =>
      Effect.gen(function*() {
        const fake = scripted((request) => request.method === "POST" ? { hang: true } : { status: 204 })
        const interruptedAt = yield* Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const fiber = yield* Effect.fork(Effect.scoped(connectors.acquire(input)))
          yield* Effect.sleep("200 millis")
          const interruptedAt = yield* Clock.currentTimeMillis
          assert.isTrue(Exit.isInterrupted(yield* Fiber.interrupt(fiber)))
          return interruptedAt
        }).pipe(Effect.provide(fake.layer))
        const [post, del] = fake.seen
        assert.strictEqual(del?.method, "DELETE")
        assert.strictEqual(idFromUrl(del.url), idFromUrl(post.url))
        assert.isBelow(fake.at[1]! - interruptedAt, 200)
      }),
    10_000
  )

  it.effect("a created connector whose answer does not decode is deleted", () =>
    Effect.gen(function*() {
      const fake = scripted((request) =>
        request.method === "POST" ? { status: 200, body: { id: idFromUrl(request.url) } } : { status: 204 }
      )
      const error = yield* Effect.flip(Effect.scoped(Connectors.Connectors.pipe(
        Effect.flatMap((connectors) => connectors.acquire(input)),
        Effect.provide(fake.layer)
      )))
      assert.strictEqual(error._tag, "KibanaDecodeError")
      const [post, del] = fake.seen
      assert.strictEqual(del?.method, "DELETE")
      assert.strictEqual(idFromUrl(del.url), idFromUrl(post.url))
    }))

  it.effect("a connector id another connector holds (409) is never deleted", () =>
    Effect.gen(function*() {
      const fake = scripted(() => ({ status: 409, body: { statusCode: 409, error: "Conflict", message: "taken" } }))
      const error = yield* Effect.flip(Effect.scoped(Connectors.Connectors.pipe(
        Effect.flatMap((connectors) => connectors.acquire(input, { id: "shared-id" })),
        Effect.provide(fake.layer)
      )))
      assert.strictEqual(error._tag, "KibanaConflict")
      assert.deepStrictEqual(fake.seen.map((request) => request.method), ["POST"])
    }))

  it.effect("a lost answer is resolved by looking the id up: the connector is returned and later deleted", () =>
    Effect.gen(function*() {
      const fake = scripted((request) => {
        if (request.method === "POST") return { fail: "reset" }
        if (request.method === "GET") return { status: 200, body: wireConnector(idFromUrl(request.url)) }
        return { status: 204 }
      })
      const connector = yield* Effect.scoped(Connectors.Connectors.pipe(
        Effect.flatMap((connectors) => connectors.acquire(input)),
        Effect.provide(fake.layer)
      ))
      assert.deepStrictEqual(fake.seen.map((request) => request.method), ["POST", "GET", "DELETE"])
      assert.strictEqual(connector.id, idFromUrl(fake.seen[0].url))
      assert.strictEqual(idFromUrl(fake.seen[2].url), connector.id)
    }))
})

describe("Spaces.acquire under a slow Kibana", () => {
  it.live("a space created after the timeout is deleted once it lands", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces.Spaces
      const emulator = yield* KibanaEmulator
      yield* emulator.addFault({
        fault: { _tag: "Latency", delay: "1500 millis" },
        method: "POST",
        path: "/api/spaces/space",
        times: 1
      })
      const error = yield* Effect.flip(Effect.scoped(spaces.acquire({ id: SpaceId.make("slow"), name: "Slow" })))
      assert.strictEqual(error._tag, "KibanaUnknownOutcome")
      if (error._tag === "KibanaUnknownOutcome") assert.strictEqual(error.id, "slow")
      yield* Effect.sleep("300 millis")
      const ids = (yield* spaces.list()).map((space) => space.id)
      assert.notInclude(ids, "slow")
    }).pipe(Effect.provide(KibanaTest.layerServer({ client: { timeout: "500 millis" } }))), 10_000)

  it.live("a space create that never gets an answer ends at the client's timeout", () =>
    Effect.gen(function*() {
      const fake = scripted(
        (request) => request.method === "POST" ? { hang: true } : { status: request.method === "GET" ? 404 : 204 },
        { timeout: "300 millis" }
      )
      const elapsed = yield* Effect.gen(function*() {
        const spaces = yield* Spaces.Spaces
        const started = yield* Clock.currentTimeMillis
        const error = yield* Effect.flip(Effect.scoped(spaces.acquire({ id: SpaceId.make("hang"), name: "Hang" })))
        assert.strictEqual(error._tag, "KibanaUnknownOutcome")
        return fake.at[1]! - started
      }).pipe(Effect.provide(fake.layer))
      assert.isBelow(elapsed, 1000)
      assert.strictEqual(fake.seen[1]?.method, "GET")
      const del = fake.seen.find((request) => request.method === "DELETE")
      assert.match(del!.url, /\/api\/spaces\/space\/hang$/)
    }), 10_000)

  it.effect("a space id that is taken (409) is never deleted", () =>
    Effect.gen(function*() {
      const fake = scripted(() => ({ status: 409, body: { statusCode: 409, error: "Conflict", message: "taken" } }))
      const error = yield* Effect.flip(Effect.scoped(Spaces.Spaces.pipe(
        Effect.flatMap((spaces) => spaces.acquire({ id: SpaceId.make("taken"), name: "Taken" })),
        Effect.provide(fake.layer)
      )))
      assert.strictEqual(error._tag, "KibanaConflict")
      assert.deepStrictEqual(fake.seen.map((request) => request.method), ["POST"])
    }))
})
