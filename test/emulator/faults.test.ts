import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { call } from "./helpers.js"

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)
const emulator = KibanaEmulator.KibanaEmulator

describe("fault injection over HTTP", () => {
  layer(
    EmulatorServer.layerServer({
      faults: [{ fault: { _tag: "Status", status: 429 }, times: 2, path: "/api/actions/connectors" }]
    }),
    { excludeTestServices: true }
  )((it) => {
    it.effect("faults from options: 429 with Retry-After for a count, per route, before authentication", () =>
      Effect.gen(function*() {
        const base = yield* url
        // Other routes are not affected.
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connector_types")).status, 200)
        const first = yield* call(base, "GET", "/s/any/api/actions/connectors", { authorization: null })
        assert.strictEqual(first.status, 429)
        assert.deepStrictEqual(first.json, {
          statusCode: 429,
          error: "Too Many Requests",
          message: "Server is overloaded"
        })
        assert.strictEqual(first.headers.get("retry-after"), "1")
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors")).status, 429)
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors")).status, 200)
        assert.deepStrictEqual(yield* (yield* emulator).faults, [])
      }))

    it.effect("503 not-ready answer is plain text with Retry-After: 30", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* (yield* emulator).setFaults([{ fault: { _tag: "Status", status: 503 }, times: 1 }])
        const answer = yield* call(base, "GET", "/api/spaces/space")
        assert.strictEqual(answer.status, 503)
        assert.strictEqual(answer.text, "Kibana server is not ready yet")
        assert.strictEqual(answer.headers.get("retry-after"), "30")
        assert.match(answer.headers.get("content-type") ?? "", /^text\/plain/)
        assert.strictEqual((yield* call(base, "GET", "/api/spaces/space")).status, 200)
      }))

    it.effect("a dropped connection is a transport error for fetch; the server keeps serving", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* (yield* emulator).addFault({
          fault: { _tag: "Drop" },
          method: "POST",
          path: "/api/actions/connector/{id}",
          times: 1
        })
        const dropped = yield* Effect.promise(() =>
          fetch(`${base}/api/actions/connector/dropped`, {
            method: "POST",
            headers: { "kbn-xsrf": "x", "content-type": "application/json" },
            body: "{}"
          }).then(() => "answered", () => "dropped")
        )
        assert.strictEqual(dropped, "dropped")
        const log = yield* (yield* emulator).requestLog
        assert.strictEqual(log.at(-1)?.status, undefined)
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors")).status, 200)
      }))

    it.effect("probability 0 never fires, probability 1 always; latency still answers", () =>
      Effect.gen(function*() {
        const base = yield* url
        const service = yield* emulator
        yield* service.setFaults([{ fault: { _tag: "Status", status: 500 }, probability: 0 }])
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors")).status, 200)
        yield* service.setFaults([
          { fault: { _tag: "Latency", delay: "20 millis" } },
          { fault: { _tag: "Status", status: 502, retryAfterSeconds: 5 }, probability: 1, method: "get" }
        ])
        const answer = yield* call(base, "GET", "/api/actions/connectors")
        assert.strictEqual(answer.status, 502)
        assert.deepStrictEqual(answer.json, { statusCode: 502, error: "Bad Gateway", message: "Bad Gateway" })
        assert.strictEqual(answer.headers.get("retry-after"), "5")
        yield* service.setFaults([{ fault: { _tag: "Latency", delay: "20 millis" } }])
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors")).status, 200)
        yield* service.clearFaults
        assert.deepStrictEqual(yield* service.faults, [])
      }))

    it.effect("unknown routes and /_es are never faulted", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* (yield* emulator).setFaults([{ fault: { _tag: "Status", status: 429 } }])
        assert.strictEqual((yield* call(base, "GET", "/api/nothing")).status, 404)
        assert.strictEqual((yield* call(base, "GET", "/_es/")).status, 200)
        yield* (yield* emulator).clearFaults
      }))
  })
})
