import { assert, describe, it } from "@effect/vitest"
import { Client, errors } from "@elastic/elasticsearch"
import { Effect } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import type { DocumentStore } from "../../src/emulator/ConnectorTypeSpec.js"
import { makeDocumentStore } from "../../src/emulator/DocumentStore.js"
import { handleElasticsearch } from "../../src/emulator/elasticsearch.js"
import type { EmulatorResponse } from "../../src/emulator/EmulatorHttp.js"

const request = (method: string, pathAndQuery: string, body?: unknown) => {
  const url = new URL(pathAndQuery, "http://es.test")
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: { "content-type": "application/json" },
    body: body === undefined ? "" : JSON.stringify(body)
  }
}

const call = (store: DocumentStore, method: string, path: string, body?: unknown) =>
  Effect.map(handleElasticsearch(store, request(method, path, body)), (response) => {
    if (response._tag !== "Response") throw new Error("dropped")
    return { ...response, json: response.body === undefined ? undefined : JSON.parse(response.body) }
  })

const seeded = Effect.gen(function*() {
  const store = yield* makeDocumentStore
  yield* store.bulkCreate("logs", [
    { name: "Alpha Beta", level: 3, ok: true, "@timestamp": "2024-01-02T00:00:00.000Z", tags: ["x", "y"] },
    { name: "gamma", level: 1, ok: false, "@timestamp": "2024-01-01T00:00:00.000Z" },
    { name: "Delta", level: 2, ok: true, nested: { code: "E1" } }
  ])
  yield* store.bulkCreate("metrics", [{ name: "cpu", level: 9 }])
  return store
})

describe("DocumentStore", () => {
  it.effect("numbers documents per index and generates Elasticsearch-like ids", () =>
    Effect.gen(function*() {
      const store = yield* makeDocumentStore
      const first = yield* store.bulkCreate("a", [{ n: 1 }, { n: 2 }])
      const second = yield* store.bulkCreate("a", [{ n: 3 }])
      const other = yield* store.bulkCreate("b", [{ n: 4 }])
      assert.deepStrictEqual([...first, ...second].map((document) => document.seqNo), [0, 1, 2])
      assert.strictEqual(other[0]!.seqNo, 0)
      for (const document of [...first, ...second, ...other]) assert.match(document.id, /^[A-Za-z0-9_-]{20}$/)
      assert.deepStrictEqual((yield* store.documents("a")).map((document) => document.source.n), [1, 2, 3])
      assert.deepStrictEqual(yield* store.indices, ["a", "b"])
      assert.isTrue(yield* store.deleteIndex("a"))
      assert.isFalse(yield* store.deleteIndex("a"))
      assert.deepStrictEqual(yield* store.documents("a"), [])
    }))

  it.effect("keeps every document and a distinct sequence number under concurrent writes", () =>
    Effect.gen(function*() {
      const store = yield* makeDocumentStore
      yield* Effect.forEach(Array.from({ length: 50 }, (_, n) => n), (n) => store.bulkCreate("c", [{ n }]), {
        concurrency: "unbounded"
      })
      const documents = yield* store.documents("c")
      assert.strictEqual(documents.length, 50)
      assert.deepStrictEqual(documents.map((document) => document.seqNo), Array.from({ length: 50 }, (_, n) => n))
      assert.strictEqual(new Set(documents.map((document) => document.id)).size, 50)
    }))
})

describe("handleElasticsearch", () => {
  it.effect("answers GET / with a product header and version", () =>
    Effect.gen(function*() {
      const store = yield* makeDocumentStore
      const response = yield* call(store, "GET", "/")
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.headers["x-elastic-product"], "Elasticsearch")
      assert.strictEqual(response.json.tagline, "You Know, for Search")
      assert.match(response.json.version.number, /^9\./)
    }))

  it.effect("counts and reports missing indices in Elasticsearch's error shape", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      assert.deepStrictEqual((yield* call(store, "POST", "/logs/_count")).json, {
        count: 3,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }
      })
      assert.strictEqual((yield* call(store, "GET", "/_count")).json.count, 4)
      assert.strictEqual((yield* call(store, "GET", "/log*,-metrics/_count")).json.count, 3)
      assert.strictEqual((yield* call(store, "GET", "/nothing*/_count")).json.count, 0)
      const missing = yield* call(store, "POST", "/nope/_count")
      assert.strictEqual(missing.status, 404)
      assert.deepStrictEqual(missing.json, {
        error: {
          root_cause: [{
            type: "index_not_found_exception",
            reason: "no such index [nope]",
            "resource.type": "index_or_alias",
            "resource.id": "nope",
            index_uuid: "_na_",
            index: "nope"
          }],
          type: "index_not_found_exception",
          reason: "no such index [nope]",
          "resource.type": "index_or_alias",
          "resource.id": "nope",
          index_uuid: "_na_",
          index: "nope"
        },
        status: 404
      })
    }))

  it.effect("matches term queries like dynamic mapping does: tokens on text, exact on .keyword", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      const names = (query: unknown) =>
        Effect.map(
          call(store, "POST", "/logs/_search", { query }),
          (response) => response.json.hits.hits.map((hit: { _source: { name: string } }) => hit._source.name)
        )
      assert.deepStrictEqual(yield* names({ term: { name: "alpha" } }), ["Alpha Beta"])
      assert.deepStrictEqual(yield* names({ term: { name: "Alpha Beta" } }), [])
      assert.deepStrictEqual(yield* names({ term: { "name.keyword": "Alpha Beta" } }), ["Alpha Beta"])
      assert.deepStrictEqual(yield* names({ term: { "name.keyword": { value: "alpha beta" } } }), [])
      assert.deepStrictEqual(yield* names({ term: { level: 2 } }), ["Delta"])
      assert.deepStrictEqual(yield* names({ term: { ok: false } }), ["gamma"])
      assert.deepStrictEqual(yield* names({ term: { tags: "y" } }), ["Alpha Beta"])
      assert.deepStrictEqual(yield* names({ term: { "nested.code.keyword": "E1" } }), ["Delta"])
      assert.deepStrictEqual(yield* names({ terms: { level: [1, 3] } }), ["Alpha Beta", "gamma"])
      assert.deepStrictEqual(
        yield* names({ bool: { filter: [{ term: { ok: true } }], must_not: [{ term: { level: 2 } }] } }),
        ["Alpha Beta"]
      )
      const unsupported = yield* call(store, "POST", "/logs/_search", { query: { match: { name: "alpha" } } })
      assert.strictEqual(unsupported.status, 400)
      assert.strictEqual(unsupported.json.error.type, "parsing_exception")
    }))

  it.effect("sorts, pages and reports sort values; refuses to sort on a text field", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      const response = yield* call(store, "POST", "/logs/_search", { sort: [{ level: { order: "desc" } }], size: 2 })
      assert.strictEqual(response.json.hits.total.value, 3)
      assert.isNull(response.json.hits.max_score)
      assert.deepStrictEqual(
        response.json.hits.hits.map((hit: { sort: Array<number>; _score: null }) => [hit.sort, hit._score]),
        [[[3], null], [[2], null]]
      )
      const page = yield* call(store, "POST", "/logs/_search?sort=name.keyword:asc&from=1&size=5")
      assert.deepStrictEqual(
        page.json.hits.hits.map((hit: { _source: { name: string } }) => hit._source.name),
        ["Delta", "gamma"]
      )
      // a missing value sorts last; dates sort by epoch millis
      const byTime = yield* call(store, "POST", "/logs/_search", { sort: ["@timestamp"] })
      assert.deepStrictEqual(
        byTime.json.hits.hits.map((hit: { sort: Array<number | null> }) => hit.sort[0]),
        [Date.parse("2024-01-01T00:00:00.000Z"), Date.parse("2024-01-02T00:00:00.000Z"), null]
      )
      const text = yield* call(store, "POST", "/logs/_search", { sort: [{ name: "asc" }] })
      assert.strictEqual(text.status, 400)
      assert.strictEqual(text.json.error.type, "search_phase_execution_exception")
      assert.strictEqual(text.json.error.root_cause[0].type, "illegal_argument_exception")
      assert.include(text.json.error.root_cause[0].reason, "set fielddata=true on [name]")
      const unmapped = yield* call(store, "POST", "/logs/_search", { sort: ["nope"] })
      assert.strictEqual(unmapped.json.error.root_cause[0].reason, "No mapping found for [nope] in order to sort on")
    }))

  it.effect("refuses search features it does not implement instead of ignoring them", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      const aggs = yield* call(store, "POST", "/logs/_search", { aggs: { levels: { terms: { field: "level" } } } })
      assert.strictEqual(aggs.status, 400)
      assert.strictEqual(aggs.json.error.reason, "the Kibana emulator does not support [aggs] in search requests")
      const q = yield* call(store, "GET", "/logs/_search?q=name:alpha")
      assert.strictEqual(q.status, 400)
      assert.strictEqual(q.json.error.reason, "the Kibana emulator does not support [q] in search requests")
    }))

  it.effect("answers a malformed percent-escape in the path with 400, not a crash", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      const response = yield* call(store, "DELETE", "/logs%E0%A4%A")
      assert.strictEqual(response.status, 400)
      assert.deepStrictEqual(yield* store.indices, ["logs", "metrics"])
    }))

  it.effect("gets a document, checks and deletes indices", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      const [first] = yield* store.documents("logs")
      const found = yield* call(store, "GET", `/logs/_doc/${first!.id}`)
      assert.deepStrictEqual(found.json._source, first!.source)
      assert.isTrue(found.json.found)
      assert.strictEqual((yield* call(store, "GET", "/logs/_doc/missing")).status, 404)
      assert.strictEqual((yield* call(store, "HEAD", "/logs")).status, 200)
      assert.strictEqual((yield* call(store, "HEAD", "/nope")).status, 404)
      const wildcard = yield* call(store, "DELETE", "/log*")
      assert.strictEqual(wildcard.status, 400)
      assert.deepStrictEqual(yield* store.indices, ["logs", "metrics"])
      assert.deepStrictEqual((yield* call(store, "DELETE", "/logs")).json, { acknowledged: true })
      assert.strictEqual((yield* call(store, "DELETE", "/logs")).status, 404)
      assert.deepStrictEqual(yield* store.indices, ["metrics"])
      assert.strictEqual((yield* call(store, "GET", "/_cluster/health")).status, 400)
    }))
})

/** A tiny node:http adapter mounting the handler at `/_es`, as the emulator's server does. */
const serveAtPrefix = (store: DocumentStore) =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: http.Server; readonly url: string }>((resume) => {
      const server = http.createServer((incoming, outgoing) => {
        const chunks: Array<Buffer> = []
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk))
        incoming.on("end", () => {
          const url = new URL(incoming.url ?? "/", "http://localhost")
          const headers = Object.fromEntries(
            Object.entries(incoming.headers).map(([name, value]) => [name, String(value)])
          )
          Effect.runPromise(handleElasticsearch(store, {
            method: incoming.method ?? "GET",
            path: url.pathname.slice("/_es".length) || "/",
            query: url.searchParams,
            headers,
            body: Buffer.concat(chunks).toString("utf8")
          })).then((response: EmulatorResponse) => {
            if (response._tag === "Drop") return outgoing.destroy()
            outgoing.writeHead(response.status, response.headers)
            outgoing.end(response.body)
          })
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/_es` })))
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() =>
          resume(Effect.void)
        )
      })
  )

describe("official @elastic/elasticsearch client behind a /_es path prefix", () => {
  it.scopedLive("passes the product check and reads what was written", () =>
    Effect.gen(function*() {
      const store = yield* seeded
      const { url } = yield* serveAtPrefix(store)
      const client = yield* Effect.acquireRelease(
        Effect.sync(() => new Client({ node: url })),
        (client) => Effect.promise(() => client.close())
      )
      const info = yield* Effect.promise(() => client.info())
      assert.match(info.version.number, /^9\./)
      assert.strictEqual((yield* Effect.promise(() => client.count({ index: "logs" }))).count, 3)
      const all = yield* Effect.promise(() => client.search({ index: "logs", query: { match_all: {} } }))
      assert.strictEqual(all.hits.hits.length, 3)
      const term = yield* Effect.promise(() =>
        client.search({ index: "logs", query: { term: { "name.keyword": "gamma" } } })
      )
      assert.deepStrictEqual(term.hits.hits.map((hit) => hit._source), [(yield* store.documents("logs"))[1]!.source])
      const sorted = yield* Effect.promise(() =>
        client.search<{ level: number }>({ index: "logs", size: 2, sort: [{ level: "asc" }] })
      )
      assert.deepStrictEqual(sorted.hits.hits.map((hit) => hit._source!.level), [1, 2])
      assert.isTrue(yield* Effect.promise(() => client.indices.exists({ index: "logs" })))
      assert.deepStrictEqual(yield* Effect.promise(() => client.indices.delete({ index: "logs" })), {
        acknowledged: true
      })
      assert.isFalse(yield* Effect.promise(() => client.indices.exists({ index: "logs" })))
      const error = yield* Effect.promise(() =>
        client.count({ index: "logs" }).then(() => undefined, (e: unknown) => e)
      )
      assert.instanceOf(error, errors.ResponseError)
      assert.strictEqual((error as errors.ResponseError).meta.statusCode, 404)
      assert.include((error as errors.ResponseError).message, "index_not_found_exception")
    }))
})
