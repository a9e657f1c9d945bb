// The lean transports: `UndiciHttpClient` over a real socket (answers decoded as their chunks arrive,
// characters split between chunks included; large bodies as bytes, whole on every attempt; the size limit
// and the attempt timeout), and the emulator's in-process one with a large body.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { createServer, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as KibanaEmulatorModule from "../../src/emulator/KibanaEmulator.js"
import { UndiciHttpClient } from "../../src/node.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as DocumentWriter from "../../src/services/DocumentWriter.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { KibanaTest } from "../../src/testing.js"
import { emulatorClientOptions } from "../../src/testing/emulatorClient.js"

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

  it.scopedLive("a large body is sent whole on every attempt (503 first, then 200)", () =>
    Effect.gen(function*() {
      const received: Array<string> = []
      const { url } = yield* serve((response) => {
        const request = response.req
        let text = ""
        request.setEncoding("utf8")
        request.on("data", (chunk: string) => (text += chunk))
        request.on("end", () => {
          received.push(text)
          const status = received.length === 1 ? 503 : 200
          response.writeHead(status, { "content-type": "application/json" })
          response.end(JSON.stringify(status === 503 ? { statusCode: 503, error: "Service Unavailable" } : {}))
        })
      })
      // over the size from which the client hands the transport bytes instead of text
      const body = { documents: Array.from({ length: 800 }, (_, n) => ({ n, message: `é語😀 event ${n}` })) }
      yield* Effect.flatMap(KibanaClient.KibanaClient, (kibana) =>
        kibana.request({ method: "POST", path: "/api/actions/connector/x/_execute", body })).pipe(
          Effect.provide(
            KibanaClient.layer({ url, retry: { times: 1, baseDelay: "1 millis" }, versionGates: false }).pipe(
              Layer.provide(UndiciHttpClient.layer)
            )
          )
        )
      assert.isAbove(received[0]!.length, 16_384)
      assert.deepStrictEqual(
        received.map((text) =>
          JSON.parse(text)
        ),
        [body, body]
      )
    }))

  it.scopedLive("a caller's bodyBytes go as they are, on every attempt, through either kind of transport", () =>
    Effect.gen(function*() {
      const received: Array<string> = []
      const { url } = yield* serve((response) => {
        const request = response.req
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          received.push(Buffer.concat(chunks).toString("utf8"))
          const status = received.length % 2 === 1 ? 503 : 200
          response.writeHead(status, { "content-type": "application/json" })
          response.end(JSON.stringify(status === 503 ? { statusCode: 503, error: "Service Unavailable" } : {}))
        })
      })
      const small = JSON.stringify({ params: { documents: [{ message: "é語😀" }] } })
      const large = JSON.stringify({ params: { documents: Array.from({ length: 800 }, (_, n) => ({ n })) } })
      for (const transport of [UndiciHttpClient.layer, FetchHttpClient.layer]) {
        for (const text of [small, large]) {
          yield* Effect.flatMap(KibanaClient.KibanaClient, (kibana) =>
            kibana.request({
              method: "POST",
              path: "/api/actions/connector/x/_execute",
              bodyBytes: Buffer.from(text),
              // bytes win over the other two
              bodyText: "{}",
              body: {}
            })).pipe(
              Effect.provide(
                KibanaClient.layer({ url, retry: { times: 1, baseDelay: "1 millis" }, versionGates: false }).pipe(
                  Layer.provide(transport)
                )
              )
            )
        }
      }
      assert.deepStrictEqual(received, [small, small, large, large, small, small, large, large])
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

describe("the document writer over UndiciHttpClient", () => {
  // Its batches are encoded into memory the client lends and takes back after each batch: every batch,
  // in flight beside others, of every size and character, must arrive as it was cut.
  it.live("sends every batch whole from reused memory, resends included: every document stored once, unaltered", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.serve()
      const kibana = KibanaClient.layer({
        ...emulatorClientOptions(url),
        retry: { times: 2, baseDelay: "1 millis", maxDelay: "1 millis" }
      }).pipe(Layer.provide(UndiciHttpClient.layer))
      const emulator = yield* KibanaEmulator
      // Kibana not ready for the first five batches sent: each is resent from the same leased memory.
      yield* emulator.setFaults([{
        fault: { _tag: "Status", status: 503 },
        method: "POST",
        path: "/api/actions/connector/{id}/_execute",
        times: 5
      }])
      // sizes that grow and shrink, so that a buffer given back is reused by a larger and a smaller body;
      // some bodies mostly 3- and 4-byte characters, which need more room than their text's length
      const documents = Array.from({ length: 1_500 }, (_, n) => ({
        n,
        message: n % 7 === 0 ? "語😀".repeat(200 + (n % 300)) : `event ${n} ${"é".repeat(n % 50)}`
      }))
      const summary = yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const { id } = yield* connectors.create({
          connectorTypeId: ".index",
          name: "pooled",
          config: { index: "pooled" }
        })
        return yield* DocumentWriter.write(id, documents, { batchSize: 97, concurrency: 3 })
      }).pipe(Effect.provide(Layer.merge(Connectors.layer, DocumentWriter.layer).pipe(Layer.provideMerge(kibana))))
      assert.strictEqual(summary.written, documents.length)
      assert.strictEqual(summary.failedBatches, 0)
      assert.lengthOf(yield* emulator.faults, 0) // all five 503s were answered
      const stored = (yield* emulator.documents("pooled")).map((document) => document.source)
      assert.deepStrictEqual([...stored].sort((a, b) => Number(a["n"]) - Number(b["n"])), documents)
    }).pipe(Effect.scoped, Effect.provide(KibanaEmulatorModule.layer())))
})

describe("the in-process transport", () => {
  it.effect("takes a large body as bytes and stores every document", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const connector = yield* connectors.create({ connectorTypeId: ".index", name: "big", config: { index: "big" } })
      const documents = Array.from({ length: 800 }, (_, n) => ({ n, message: `é語😀 event ${n}` }))
      assert.isAbove(JSON.stringify({ params: { documents } }).length, 16_384)
      const written = yield* connectors.executeIndex(connector.id, documents)
      assert.strictEqual(written.items.length, 800)
      const stored = yield* (yield* KibanaEmulator).documents("big")
      assert.deepStrictEqual(stored.map((document) => document.source), documents)
    }).pipe(Effect.provide(KibanaTest.layer())))
})
