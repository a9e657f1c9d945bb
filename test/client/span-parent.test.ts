import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Option } from "effect"
import * as KibanaClient from "../../src/services/KibanaClient.js"

// The request span is the parent of what the transport runs, and the caller's span is current again
// once the request ends: answered, failed or interrupted.

const seen: Array<string | undefined> = []
const client = (status: number, hang = false) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.flatMap(Effect.option(Effect.currentSpan), (span) => {
        seen.push(Option.getOrUndefined(Option.map(span, (span) => span.name)))
        return hang ? Effect.never : Effect.succeed(
          HttpClientResponse.fromWeb(
            request,
            new Response("{}", { status, headers: { "content-type": "application/json" } })
          )
        )
      })
    )
  )

const kibana = (status: number, hang = false) =>
  KibanaClient.layer({ url: "http://kibana.test:5601", retry: { times: 0 }, versionGates: false }).pipe(
    Layer.provide(client(status, hang))
  )

const currentName = Effect.map(Effect.currentSpan, (span) => span.name)

describe("request span", () => {
  it.effect("is the transport's parent span, and the caller's span is current again after it", () =>
    Effect.gen(function*() {
      seen.length = 0
      const kibanaClient = yield* KibanaClient.KibanaClient
      yield* kibanaClient.request({ method: "GET", path: "/api/status", operation: "Test.ok" })
      assert.strictEqual(yield* currentName, "caller")
      yield* Effect.flip(
        Effect.flatMap(
          KibanaClient.KibanaClient,
          (other) => other.request({ method: "GET", path: "/api/status", operation: "Test.failed" })
        )
      ).pipe(Effect.provide(kibana(404)))
      assert.strictEqual(yield* currentName, "caller")
      assert.deepStrictEqual(seen, ["Test.ok", "Test.failed"])
    }).pipe(Effect.withSpan("caller"), Effect.provide(kibana(200))))

  it.effect("ends and gives back the caller's span when interrupted", () =>
    Effect.gen(function*() {
      seen.length = 0
      const kibanaClient = yield* KibanaClient.KibanaClient
      const fiber = yield* Effect.fork(
        Effect.ensuring(
          kibanaClient.request({ method: "GET", path: "/api/status", operation: "Test.hung" }),
          Effect.flatMap(Effect.orDie(currentName), (name) => Effect.sync(() => seen.push(`after: ${name}`)))
        )
      )
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(seen, ["Test.hung", "after: caller"])
    }).pipe(Effect.withSpan("caller"), Effect.provide(kibana(200, true))))
})
