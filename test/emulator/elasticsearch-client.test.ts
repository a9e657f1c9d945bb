import { assert, layer } from "@effect/vitest"
import { Client, errors } from "@elastic/elasticsearch"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"

// The official Elasticsearch client pointed at the emulator's `/_es`, reading what `.index` connectors
// wrote through Kibana's `_execute` API.

const elastic = `Basic ${Buffer.from("elastic:changeme").toString("base64")}`

const kibana = (url: string, path: string, body: unknown) =>
  Effect.promise(async () => {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: elastic, "kbn-xsrf": "true", "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    return { status: response.status, json: await response.json() }
  })

const indexThroughKibana = (url: string, index: string, documents: ReadonlyArray<Record<string, unknown>>) =>
  Effect.gen(function*() {
    const connector = yield* kibana(url, "/api/actions/connector", {
      name: `index ${index}`,
      connector_type_id: ".index",
      config: { index, executionTimeField: "@timestamp" }
    })
    assert.strictEqual(connector.status, 200)
    const result = yield* kibana(url, `/api/actions/connector/${connector.json.id}/_execute`, { params: { documents } })
    assert.strictEqual(result.json.status, "ok")
  })

const esClient = Effect.gen(function*() {
  const { url } = yield* EmulatorServer.EmulatorServer
  return yield* Effect.acquireRelease(
    Effect.sync(() => new Client({ node: `${url}/_es` })),
    (client) => Effect.promise(() => client.close())
  )
})

interface Event {
  readonly service: string
  readonly latency: number
  readonly "@timestamp": string
}

layer(EmulatorServer.layerServer(), { excludeTestServices: true })("@elastic/elasticsearch against /_es", (it) => {
  it.scoped("counts, searches, sorts and deletes what the .index connector wrote", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      yield* indexThroughKibana(url, "events", [
        { service: "checkout", latency: 120 },
        { service: "search", latency: 40 },
        { service: "checkout", latency: 300 }
      ])
      yield* indexThroughKibana(url, "events", [{ service: "login", latency: 80 }])
      const client = yield* esClient

      assert.match((yield* Effect.promise(() => client.info())).version.number, /^9\./)
      assert.strictEqual((yield* Effect.promise(() => client.count({ index: "events" }))).count, 4)

      const all = yield* Effect.promise(() => client.search<Event>({ index: "events", query: { match_all: {} } }))
      assert.deepStrictEqual(all.hits.total, { value: 4, relation: "eq" })
      assert.lengthOf(all.hits.hits, 4)
      for (const hit of all.hits.hits) assert.isString(hit._source!["@timestamp"])

      const checkout = yield* Effect.promise(() =>
        client.search<Event>({ index: "events", query: { term: { "service.keyword": "checkout" } } })
      )
      assert.deepStrictEqual(checkout.hits.hits.map((hit) => hit._source!.latency), [120, 300])

      const slowest = yield* Effect.promise(() =>
        client.search<Event>({ index: "events", size: 2, sort: [{ latency: { order: "desc" } }] })
      )
      assert.deepStrictEqual(slowest.hits.hits.map((hit) => hit._source!.service), ["checkout", "checkout"])
      assert.deepStrictEqual(slowest.hits.hits.map((hit) => hit.sort), [[300], [120]])

      const byService = yield* Effect.promise(() =>
        client.search<Event>({ index: "events", sort: ["service.keyword:asc", "latency:desc"], from: 1, size: 2 })
      )
      assert.deepStrictEqual(byService.hits.hits.map((hit) => hit._source!.latency), [120, 80])

      assert.deepStrictEqual(yield* Effect.promise(() => client.indices.delete({ index: "events" })), {
        acknowledged: true
      })
      assert.isFalse(yield* Effect.promise(() => client.indices.exists({ index: "events" })))
      const missing = yield* Effect.promise(() =>
        client.search({ index: "events" }).then(() => undefined, (error: unknown) => error)
      )
      assert.instanceOf(missing, errors.ResponseError)
      assert.strictEqual((missing as errors.ResponseError).meta.statusCode, 404)
      assert.strictEqual(
        (missing as errors.ResponseError).message,
        "index_not_found_exception\n\tRoot causes:\n\t\tindex_not_found_exception: no such index [events]"
      )
    }))
})
