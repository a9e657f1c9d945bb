// The Status service: both of Kibana's formats, the redacted answer, 503 as an answer, decoding.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import * as Status from "../../src/services/Status.js"
import { KibanaTest } from "../../src/testing.js"
import { makeFake } from "../client/fakeHttp.js"
import type { FakeAnswer } from "../client/fakeHttp.js"

const emulated = (options: KibanaTest.KibanaTestOptions = {}) => KibanaTest.layer(options)

const scripted = (answer: (index: number) => FakeAnswer, retry = 0) => {
  const fake = makeFake((_, index) => answer(index))
  const layer = Status.layer.pipe(
    Layer.provide(
      KibanaClient.layer({ url: "http://kibana.test:5601", retry: { times: retry, baseDelay: "1 millis" } })
    ),
    Layer.provide(fake.layer)
  )
  return { seen: fake.seen, layer }
}

const service = (level: string, summary: string) => ({ level, summary, meta: {} })

// The shape of elastic/kibana:src/core/packages/status/server-internal/src/routes/status.examples.yaml,
// as an older 8.x sends it (no build_flavor / build_date).
const unavailableBody = {
  name: "kibana-1",
  uuid: "5b2de169-2785-441b-ae8c-186a1936b17d",
  version: { number: "8.10.4", build_hash: "abc", build_number: 66998, build_snapshot: false },
  status: {
    overall: service("unavailable", "1 service is unavailable: elasticsearch"),
    core: {
      elasticsearch: service("unavailable", "Unable to retrieve version information from Elasticsearch nodes."),
      savedObjects: service(
        "unavailable",
        "SavedObjects service is not available without a healthy Elasticearch connection"
      )
    },
    plugins: { actions: service("unavailable", "1 service is unavailable: elasticsearch") }
  },
  metrics: {
    last_updated: "2024-01-01T00:00:00.000Z",
    collection_interval_in_millis: 5000,
    elasticsearch_client: { totalActiveSockets: 0, totalIdleSockets: 1, totalQueuedRequests: 0 }
  }
}

describe("Status", () => {
  it.effect("reads the emulator's status in the current format", () =>
    Effect.gen(function*() {
      const status = yield* (yield* Status.Status).get()
      assert.strictEqual(status._tag, "FullStatus")
      if (status._tag !== "FullStatus") return
      assert.strictEqual(status.version.number, "9.4.3")
      assert.strictEqual(status.version.buildFlavor, "traditional")
      assert.strictEqual(status.overall.level, "available")
      assert.strictEqual(status.core.elasticsearch.level, "available")
      assert.strictEqual(status.metrics?.collectionIntervalInMillis, 5000)
    }).pipe(Effect.provide(emulated())))

  it.effect("reads the legacy v7 format", () =>
    Effect.gen(function*() {
      const status = yield* (yield* Status.Status).getLegacy()
      assert.strictEqual(status._tag, "LegacyStatus")
      if (status._tag !== "LegacyStatus") return
      assert.strictEqual(status.overall.state, "green")
      assert.strictEqual(status.overall.nickname, "Looking good")
      assert.include(status.statuses.map((component) => component.id), "core:elasticsearch@8.18.3")
    }).pipe(Effect.provide(emulated({ emulator: { version: "8.18.3" } }))))

  it.effect("an anonymous caller gets the redacted status, without a version", () =>
    Effect.gen(function*() {
      const status = yield* (yield* Status.Status).get()
      assert.deepStrictEqual(status._tag, "RedactedStatus")
      assert.strictEqual(status.overall.level, "available")
      assert.isFalse("version" in status)
    }).pipe(Effect.provide(emulated({ client: { auth: KibanaClient.KibanaAuth.none } }))))

  it.effect("a 503 with the status document is an answer (unavailable), not retried", () => {
    const { layer, seen } = scripted(() => ({ status: 503, body: unavailableBody }), 2)
    return Effect.gen(function*() {
      const status = yield* (yield* Status.Status).get()
      assert.strictEqual(status._tag, "FullStatus")
      if (status._tag !== "FullStatus") return
      assert.strictEqual(status.overall.level, "unavailable")
      assert.strictEqual(status.plugins.actions?.level, "unavailable")
      assert.strictEqual(status.version.buildFlavor, undefined)
      assert.strictEqual(status.metrics?.elasticsearchClient?.totalIdleSockets, 1)
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(seen[0]!.url, "http://kibana.test:5601/api/status?v8format=true")
    }).pipe(Effect.provide(layer))
  })

  it.effect("Kibana's plain-text not-ready 503 is a KibanaServerError", () => {
    const { layer } = scripted(() => ({
      status: 503,
      text: "Kibana server is not ready yet",
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Status.Status).get())
      assert.strictEqual(error._tag, "KibanaServerError")
      if (error._tag === "KibanaServerError") assert.strictEqual(error.kibanaMessage, "Kibana server is not ready yet")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a full answer that does not decode is a KibanaDecodeError, never passed off as redacted", () => {
    const { status: _, ...withoutStatus } = unavailableBody
    const { layer } = scripted(() => ({
      status: 200,
      body: { ...withoutStatus, status: { overall: service("available", "ok") } }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Status.Status).get())
      assert.strictEqual(error._tag, "KibanaDecodeError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("older 8.x answer 401 to anonymous callers: KibanaUnauthorized", () => {
    const { layer } = scripted(() => ({
      status: 401,
      body: { statusCode: 401, error: "Unauthorized", message: "Unauthorized" }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Status.Status).getLegacy())
      assert.strictEqual(error._tag, "KibanaUnauthorized")
    }).pipe(Effect.provide(layer))
  })
})
