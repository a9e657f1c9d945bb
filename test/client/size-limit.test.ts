// Answers are read up to the client's maxResponseBytes: past it, KibanaResponseTooLarge, and the rest
// of the body is never pulled (a declared Content-Length over the limit is refused before reading).
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as KibanaClient from "../../src/services/KibanaClient.js"

const chunkSize = 64 * 1024

/** An HttpClient answering 200 with an endless JSON-ish stream; `pulled` counts the bytes handed out. */
const endless = (headers: Record<string, string> = {}) => {
  const counter = { pulled: 0, cancelled: false }
  const client = HttpClient.make((request) =>
    Effect.sync(() => {
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => {
          counter.pulled += chunkSize
          controller.enqueue(new Uint8Array(chunkSize).fill(0x20))
        },
        cancel: () => {
          counter.cancelled = true
        }
      })
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: 200, headers: { "content-type": "application/json", ...headers } })
      )
    })
  )
  return { counter, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

const get = (options: Partial<KibanaClient.KibanaClientOptions>, http: Layer.Layer<HttpClient.HttpClient>) =>
  Effect.flatMap(KibanaClient.KibanaClient, (kibana) => kibana.request({ method: "GET", path: "/api/status" })).pipe(
    Effect.provide(
      KibanaClient.layer({ url: "http://kibana.test:5601", retry: { times: 0 }, ...options }).pipe(Layer.provide(http))
    ),
    Effect.flip
  )

describe("response size limit", () => {
  it.effect("an answer past maxResponseBytes is KibanaResponseTooLarge, and the rest is not read", () =>
    Effect.gen(function*() {
      const server = endless()
      const error = yield* get({ maxResponseBytes: 1024 * 1024 }, server.layer)
      assert.strictEqual(error._tag, "KibanaResponseTooLarge")
      if (error._tag === "KibanaResponseTooLarge") assert.strictEqual(error.maxBytes, 1024 * 1024)
      // a stream a few chunks past the limit was pulled at most (the stream reads ahead a little)
      assert.isBelow(server.counter.pulled, 1024 * 1024 + 8 * chunkSize)
      assert.isTrue(server.counter.cancelled)
    }))

  it.effect("the default limit stops an endless answer too", () =>
    Effect.gen(function*() {
      const server = endless()
      const error = yield* get({}, server.layer)
      assert.strictEqual(error._tag, "KibanaResponseTooLarge")
      assert.isBelow(server.counter.pulled, 64 * 1024 * 1024)
    }), 20_000)

  it.effect("a Content-Length over the limit is refused before the body is read", () =>
    Effect.gen(function*() {
      const server = endless({ "content-length": String(30 * 1024 * 1024) })
      const error = yield* get({ maxResponseBytes: 1024 * 1024 }, server.layer)
      assert.strictEqual(error._tag, "KibanaResponseTooLarge")
      assert.isBelow(server.counter.pulled, 4 * chunkSize)
    }))

  it.effect("maxResponseBytes must be a whole number above zero", () =>
    Effect.gen(function*() {
      const error = yield* get({ maxResponseBytes: -1 }, endless().layer)
      assert.strictEqual(error._tag, "KibanaConfigError")
    }))
})
