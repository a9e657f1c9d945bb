import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { call } from "./helpers.js"

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

describe("concurrency and robustness over HTTP", () => {
  layer(EmulatorServer.layerServer(), { excludeTestServices: true })((it) => {
    it.effect("parallel creates with the same id: exactly one 200, the others 409", () =>
      Effect.gen(function*() {
        const base = yield* url
        const answers = yield* Effect.forEach(
          Array.from({ length: 25 }, (_, i) => i),
          (i) =>
            call(base, "POST", `/s/space-${i % 5}/api/actions/connector/same-id`, {
              body: { name: `racer ${i}`, connector_type_id: ".server-log" }
            }),
          { concurrency: "unbounded" }
        )
        const statuses = answers.map((answer) => answer.status)
        assert.strictEqual(statuses.filter((status) => status === 200).length, 1)
        assert.strictEqual(statuses.filter((status) => status === 409).length, 24)
        const stored = (yield* (yield* KibanaEmulator.KibanaEmulator).connectors).filter((c) => c.id === "same-id")
        assert.strictEqual(stored.length, 1)
      }))

    it.effect("parallel creates with distinct ids are all stored", () =>
      Effect.gen(function*() {
        const base = yield* url
        yield* Effect.forEach(
          Array.from({ length: 30 }, (_, i) => i),
          (i) =>
            call(base, "POST", `/s/many/api/actions/connector/many-${i}`, {
              body: { name: `n${i}`, connector_type_id: ".server-log" }
            }),
          { concurrency: "unbounded" }
        )
        const listed = yield* call(base, "GET", "/s/many/api/actions/connectors")
        assert.strictEqual(listed.json.length, 30)
      }))

    it.effect("garbage requests never break the server or partially write", () =>
      Effect.gen(function*() {
        const base = yield* url
        const garbage = [
          "null",
          "42",
          "\"text\"",
          "{\"name\":\"x\",\"connector_type_id\":\".index\",\"config\":{\"index\":null}}",
          "{\"name\":\"x\",\"connector_type_id\":\".index\",\"config\":{\"index\":\"i\"},\"secrets\":5}",
          "\u0000\u0001",
          "[".repeat(10000)
        ]
        for (const rawBody of garbage) {
          const answer = yield* call(base, "POST", "/api/actions/connector/garbage", { rawBody })
          assert.strictEqual(answer.status, 400, rawBody.slice(0, 30))
          assert.strictEqual(answer.json.statusCode, 400)
        }
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connector/garbage")).status, 404)
        const weirdPath = yield* call(base, "GET", "/api/actions/connector/%E0%A4%A")
        assert.strictEqual(weirdPath.status, 404)
        assert.strictEqual((yield* call(base, "GET", "/api/status")).status, 200)
      }))
  })
})
