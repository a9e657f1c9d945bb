/**
 * Client memory while writing many documents, in a process of its own so that nothing else the
 * benchmark did is counted: `npm run bench` runs it bundled (scripts/bundle.ts), as
 * `node rss.js <mode> <kibana url> <connector id> <documents>`. Prints one JSON line: resident set size
 * before the run (after a warm-up) and at its peak, with the heap and external memory at the peak.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Effect, Layer, Stream } from "effect"
import type { Connector } from "effect-kibana"
import { Connectors, DocumentWriter, KibanaClient } from "effect-kibana"
import { UndiciHttpClient } from "effect-kibana/node"
import { request } from "undici"
import { authorization, batchSize, concurrency, document, pool } from "./support.js"

const [mode = "undici", url = "", connectorId = "", total = "1000000"] = process.argv.slice(2)
const documents = Number(total)

let peak = 0
let atPeak = process.memoryUsage()
const sample = () => {
  const rss = process.memoryUsage.rss()
  if (rss > peak) {
    peak = rss
    atPeak = process.memoryUsage()
  }
}
const sampler = setInterval(sample, 20)

const viaUndici = async (count: number) => {
  await pool(Math.ceil(count / batchSize), concurrency, async (batch) => {
    const docs = Array.from({ length: batchSize }, (_, i) => document(batch * batchSize + i))
    const response = await request(`${url}/api/actions/connector/${connectorId}/_execute`, {
      method: "POST",
      headers: { authorization, "kbn-xsrf": "true", "content-type": "application/json" },
      body: JSON.stringify({ params: { documents: docs } })
    })
    const answer = JSON.parse(await response.body.text()) as { status: string }
    if (answer.status !== "ok") throw new Error(JSON.stringify(answer))
  })
}

const services = (transport: typeof FetchHttpClient.layer) =>
  Layer.merge(Connectors.layer, DocumentWriter.layer).pipe(
    Layer.provideMerge(KibanaClient.layer({ url, auth: KibanaClient.KibanaAuth.basic("elastic", "changeme") })),
    Layer.provide(transport)
  )

/** What a user writes today: chunk a stream and call `executeIndex` per chunk. */
const viaExecuteIndex = (count: number) =>
  Effect.gen(function*() {
    const connectors = yield* Connectors.Connectors
    yield* Stream.range(0, count - 1).pipe(
      Stream.map(document),
      Stream.grouped(batchSize),
      Stream.mapEffect((chunk) => connectors.executeIndex(connectorId as Connector.ConnectorId, [...chunk]), {
        concurrency
      }),
      Stream.runDrain
    )
  })

/** The document writer over the lean transport. */
const viaWriter = (count: number) =>
  Effect.gen(function*() {
    const writer = yield* DocumentWriter.DocumentWriter
    const summary = yield* writer.write(
      connectorId as Connector.ConnectorId,
      Stream.range(0, count - 1).pipe(Stream.map(document)),
      { batchSize, concurrency }
    )
    if (summary.written !== count) throw new Error(JSON.stringify(summary))
  })

const run = async (count: number) => {
  switch (mode) {
    case "undici":
      return viaUndici(count)
    case "executeIndex":
      return Effect.runPromise(Effect.provide(viaExecuteIndex(count), services(FetchHttpClient.layer)))
    case "writer":
      return Effect.runPromise(Effect.provide(viaWriter(count), services(UndiciHttpClient.layer)))
    default:
      throw new Error(`unknown mode ${mode}`)
  }
}

await run(Number(process.env["BENCH_RSS_WARMUP"] ?? batchSize * concurrency * 4))
globalThis.gc?.()
const before = process.memoryUsage.rss()
peak = before
const start = performance.now()
await run(documents)
sample()
clearInterval(sampler)
console.log(JSON.stringify({
  mode,
  documents,
  before,
  peak,
  // what the peak was made of: the JS heap, and memory outside it (Buffers)
  heapAtPeak: atPeak.heapTotal,
  externalAtPeak: atPeak.external,
  seconds: (performance.now() - start) / 1000
}))
