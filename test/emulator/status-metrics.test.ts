// The ops metrics of /api/status over real HTTP, in both formats (Kibana's `OpsMetrics` groups), and
// the client's Status service decoding them.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Os from "node:os"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as Status from "../../src/services/Status.js"
import { KibanaTest } from "../../src/testing.js"
import { call } from "./helpers.js"

const withServer = <A>(f: (url: string) => Effect.Effect<A>) =>
  Effect.provide(Effect.flatMap(EmulatorServer.EmulatorServer, (server) => f(server.url)), EmulatorServer.layerServer())

describe("/api/status metrics", () => {
  it.effect("os, process, requests and response times, counted since the previous collection", () =>
    withServer((url) =>
      Effect.gen(function*() {
        yield* call(url, "GET", "/api/actions/connectors")
        yield* call(url, "GET", "/api/actions/connector/missing")
        const first = (yield* call(url, "GET", "/api/status")).json.metrics
        assert.strictEqual(first.os.platform, Os.platform())
        assert.strictEqual(first.os.platformRelease, `${Os.platform()}-${Os.release()}`)
        assert.deepStrictEqual(Object.keys(first.os.load), ["1m", "5m", "15m"])
        assert.strictEqual(first.os.memory.total_in_bytes, Os.totalmem())
        assert.strictEqual(first.process.pid, process.pid)
        assert.isAbove(first.process.memory.heap.size_limit, first.process.memory.heap.total_in_bytes)
        assert.deepStrictEqual(first.processes, [first.process])
        // the two calls above and the status request itself, which is still in progress
        assert.deepStrictEqual(
          [first.requests.total, first.requests.status_codes, first.requests.statusCodes],
          [3, { 200: 1, 404: 1 }, { 200: 1, 404: 1 }]
        )
        assert.strictEqual(first.concurrent_connections, 1)
        assert.isAtLeast(first.response_times.max_in_millis, first.response_times.avg_in_millis)
        const legacy = (yield* call(url, "GET", "/api/status?v7format=true")).json.metrics
        assert.deepStrictEqual(Object.keys(legacy).sort(), Object.keys(first).sort())
        // the window restarted at the first collection: the first status answer and this request
        assert.deepStrictEqual([legacy.requests.total, legacy.requests.status_codes], [1, { 200: 1 }])
      })
    ))

  it.effect("the client decodes them", () =>
    Effect.gen(function*() {
      const status = yield* (yield* Status.Status).get()
      const metrics = status._tag === "FullStatus" ? status.metrics : undefined
      assert.strictEqual(metrics?.os?.platform, Os.platform())
      assert.strictEqual(metrics?.process?.pid, process.pid)
      assert.strictEqual(metrics?.concurrentConnections, 1)
      assert.strictEqual(metrics?.requests?.total, 1)
      assert.isNumber(metrics?.responseTimes?.maxInMillis)
      const legacy = yield* (yield* Status.Status).getLegacy()
      const legacyMetrics = legacy._tag === "LegacyStatus" ? legacy.metrics : undefined
      assert.deepStrictEqual(legacyMetrics?.requests?.statusCodes, { 200: 1 })
    }).pipe(Effect.provide(KibanaTest.layer())))
})
