// The lean transport (`UndiciHttpClient`) over a real socket: answers decoded as their chunks arrive,
// characters split between chunks included; the size limit and the attempt timeout.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { createServer, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { UndiciHttpClient } from "../../src/node.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"

/** A server answering every request with `answer`; its URL, closed with the scope. */
const serve = (answer: (response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly close: () => void }>((resume) => {
      const server = createServer((_, response) => answer(response))
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          close: () => server.close()
        })))
    }),
    (server) => Effect.sync(() => server.close())
  )

const get = (url: string, options: Partial<KibanaClient.KibanaClientOptions> = {}) =>
  Effect.flatMap(KibanaClient.KibanaClient, (kibana) => kibana.request({ method: "GET", path: "/api/status" })).pipe(
    Effect.provide(
      KibanaClient.layer({ url, retry: { times: 0 }, versionGates: false, ...options }).pipe(
        Layer.provide(UndiciHttpClient.layer)
      )
    )
  )

describe("UndiciHttpClient", () => {
  it.scopedLive("decodes an answer whose multi-byte characters are split between chunks", () =>
    Effect.gen(function*() {
      const text = "é語😀a".repeat(5_000)
      const bytes = Buffer.from(JSON.stringify({ text }))
      const { url } = yield* serve((response) => {
        response.writeHead(200, { "content-type": "application/json" })
        // 7-byte writes: most cut a 2-, 3- or 4-byte character in two
        const write = (at: number): void => {
          if (at >= bytes.length) return void response.end()
          response.write(bytes.subarray(at, at + 7), () => write(at + 7))
        }
        write(0)
      })
      const answer = yield* get(url)
      assert.deepStrictEqual(answer.body, { text })
    }))

  it.scopedLive("an answer past maxResponseBytes is KibanaResponseTooLarge", () =>
    Effect.gen(function*() {
      const { url } = yield* serve((response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify({ text: "x".repeat(4096) }))
      })
      const error = yield* Effect.flip(get(url, { maxResponseBytes: 1024 }))
      assert.strictEqual(error._tag, "KibanaResponseTooLarge")
    }))

  it.scopedLive("an answer that stops coming is KibanaTimeout at the attempt's timeout", () =>
    Effect.gen(function*() {
      const { url } = yield* serve((response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.write("{\"text\":\"")
      })
      const error = yield* Effect.flip(get(url, { timeout: "200 millis" }))
      assert.strictEqual(error._tag, "KibanaTimeout")
    }))
})
