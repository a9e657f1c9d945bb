import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { basic, call } from "./helpers.js"

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

describe("GET /api/status over HTTP", () => {
  layer(EmulatorServer.layerServer({ version: "8.19.2-SNAPSHOT" }), { excludeTestServices: true })((it) => {
    it.effect("full body for authenticated callers", () =>
      Effect.gen(function*() {
        const answer = yield* call(yield* url, "GET", "/api/status")
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(Object.keys(answer.json).sort(), ["metrics", "name", "status", "uuid", "version"])
        const { build_date, build_hash, build_number, ...version } = answer.json.version
        assert.deepStrictEqual(version, { number: "8.19.2", build_snapshot: true, build_flavor: "traditional" })
        assert.isString(build_hash)
        assert.isNumber(build_number)
        assert.isFalse(Number.isNaN(Date.parse(build_date)))
        assert.strictEqual(answer.json.status.overall.level, "available")
        assert.strictEqual(answer.json.status.core.elasticsearch.level, "available")
        assert.strictEqual(answer.json.status.core.savedObjects.level, "available")
      }))

    it.effect("redacted body for anonymous or rejected callers", () =>
      Effect.gen(function*() {
        const base = yield* url
        for (const authorization of [null, basic("elastic", "wrong")]) {
          const answer = yield* call(base, "GET", "/api/status", { authorization })
          assert.strictEqual(answer.status, 200)
          assert.deepStrictEqual(answer.json, { status: { overall: { level: "available" } } })
        }
      }))

    it.effect("v7format gives the legacy shape; both formats are a 400", () =>
      Effect.gen(function*() {
        const base = yield* url
        const v7 = yield* call(base, "GET", "/api/status?v7format=true")
        assert.strictEqual(v7.json.status.overall.state, "green")
        assert.strictEqual(v7.json.status.statuses[0].id, "core:elasticsearch@8.19.2")
        const v8 = yield* call(base, "GET", "/api/status?v8format=true")
        assert.strictEqual(v8.json.status.overall.level, "available")
        const both = yield* call(base, "GET", "/api/status?v7format=true&v8format=true")
        assert.deepStrictEqual(both.json, {
          statusCode: 400,
          error: "Bad Request",
          message: "[request query]: provide only one format option: v7format or v8format"
        })
        // The plugins behind the emulated APIs, with the statuses Kibana derives for them, in both formats.
        assert.deepStrictEqual(v8.json.status.plugins.features, {
          level: "available",
          summary: "All services are available"
        })
        assert.deepStrictEqual(v8.json.status.plugins.actions, {
          level: "available",
          summary: "All services and plugins are available"
        })
        const actions = v7.json.status.statuses.find((status: { id: string }) => status.id === "plugin:actions@8.19.2")
        assert.deepStrictEqual(
          { state: actions.state, message: actions.message, uiColor: actions.uiColor, icon: actions.icon },
          { state: "green", message: "All services and plugins are available", uiColor: "success", icon: "success" }
        )
        assert.deepStrictEqual(
          v7.json.status.statuses.map((status: { id: string }) => status.id.split("@")[0]),
          [
            "core:elasticsearch",
            "core:savedObjects",
            ...Object.keys(v8.json.status.plugins).map((name) => `plugin:${name}`)
          ]
        )
        const wrongType = yield* call(base, "GET", "/api/status?v7format=maybe")
        assert.strictEqual(
          wrongType.json.message,
          "[request query.v7format]: expected value of type [boolean] but got [string]"
        )
      }))
  })

  layer(EmulatorServer.layerServer(), { excludeTestServices: true })((it) => {
    it.effect("the default version is 9.4.3", () =>
      Effect.gen(function*() {
        const answer = yield* call(yield* url, "GET", "/api/status")
        assert.strictEqual(answer.json.version.number, "9.4.3")
        assert.strictEqual(answer.json.version.build_snapshot, false)
      }))
  })
})
