/**
 * One timed subject of `npm run bench`, in a process of its own: its CPU, its heap and its collector
 * are its own, so no subject pays for the garbage another left. `bench/run.ts` forks it bundled
 * (scripts/bundle.ts) as `node subject.js <subject> <kibana url> <connector id>` and sends it turns,
 * `{ calls }`, over IPC; it answers each with what it measured: wall time, CPU (`process.cpuUsage`,
 * this process only) and, for gets, each call's latency.
 */
import { NodeHttpClient } from "@effect/platform-node"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import type { Connector } from "effect-kibana"
import { Connectors, DocumentWriter, KibanaClient } from "effect-kibana"
import { UndiciHttpClient } from "effect-kibana/node"
import { request } from "undici"
import type { Measured } from "./support.js"
import { authorization, batchSize, concurrency, document } from "./support.js"

const [subject = "", url = "", id = ""] = process.argv.slice(2)
const connectorId = id as Connector.ConnectorId
const headers = { authorization, "kbn-xsrf": "true", "content-type": "application/json" }
const connectorPath = `${url}/api/actions/connector/${connectorId}`
const batch = Array.from({ length: batchSize }, (_, i) => document(i))

const transports: Record<string, Layer.Layer<HttpClient.HttpClient>> = {
  fetch: FetchHttpClient.layer,
  "platform undici": NodeHttpClient.layerUndici,
  UndiciHttpClient: UndiciHttpClient.layer
}

/** The library's services over the transport named in `subject` (`Connectors.get (fetch)`). */
const clientRuntime = () => {
  const transport = transports[/\((.+)\)$/.exec(subject)?.[1] ?? ""]
  if (transport === undefined) throw new Error(`no transport in subject ${subject}`)
  return ManagedRuntime.make(
    Layer.merge(Connectors.layer, DocumentWriter.layer).pipe(
      Layer.provideMerge(KibanaClient.layer({ url, auth: KibanaClient.KibanaAuth.basic("elastic", "changeme") })),
      Layer.provide(transport),
      Layer.orDie
    )
  )
}

/** `call` made `calls` times in a row, each call's latency (ms) kept. */
const timedCalls = async (call: () => Promise<unknown>, calls: number) => {
  const latencies: Array<number> = []
  for (let i = 0; i < calls; i++) {
    const start = performance.now()
    await call()
    latencies.push(performance.now() - start)
  }
  return latencies
}

/** Each subject: `calls` operations (gets, or batches of `batchSize` documents), and their latencies. */
const subjects = (): (calls: number) => Promise<ReadonlyArray<number>> => {
  switch (subject) {
    case "get: undici.request":
      return (calls) =>
        timedCalls(async () => {
          const response = await request(connectorPath, { headers: { authorization } })
          return JSON.parse(await response.body.text())
        }, calls)
    case "get: fetch":
      return (calls) =>
        timedCalls(async () => {
          const response = await fetch(connectorPath, { headers: { authorization } })
          return JSON.parse(await response.text())
        }, calls)
    case "bulk: undici.request":
      return async (count) => {
        let next = 0
        await Promise.all(Array.from({ length: concurrency }, async () => {
          while (next++ < count) {
            const response = await request(`${connectorPath}/_execute`, {
              method: "POST",
              headers,
              body: JSON.stringify({ params: { documents: batch } })
            })
            const answer = JSON.parse(await response.body.text()) as { status: string }
            if (answer.status !== "ok") throw new Error(JSON.stringify(answer))
          }
        }))
        return []
      }
  }
  const runtime = clientRuntime()
  if (subject.startsWith("Connectors.get ")) {
    return (calls) =>
      runtime.runPromise(Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const latencies: Array<number> = []
        for (let i = 0; i < calls; i++) {
          const start = performance.now()
          yield* connectors.get(connectorId)
          latencies.push(performance.now() - start)
        }
        return latencies
      }))
  }
  if (subject.startsWith("Connectors.executeIndex ")) {
    return (count) =>
      runtime.runPromise(Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        // Workers taking the next batch, as the baseline does. (`Effect.forEach` with `concurrency`
        // keeps every element's result until it completes, `discard` or not: 160 bulk answers held
        // to the end, which the garbage collector then paid for.)
        let next = 0
        const worker: Effect.Effect<void, unknown> = Effect.suspend(() =>
          next++ < count ? Effect.zipRight(connectors.executeIndex(connectorId, batch), worker) : Effect.void
        )
        yield* Effect.all(Array.from({ length: concurrency }, () => worker), { concurrency, discard: true })
        return []
      }))
  }
  if (subject.startsWith("DocumentWriter ")) {
    return (count) =>
      runtime.runPromise(Effect.gen(function*() {
        const writer = yield* DocumentWriter.DocumentWriter
        // the same documents as the baseline sends, each serialized by the writer
        const documents = {
          *[Symbol.iterator]() {
            for (let i = 0; i < count; i++) yield* batch
          }
        }
        const summary = yield* writer.write(connectorId, Stream.fromIterable(documents), { batchSize, concurrency })
        if (summary.written !== count * batchSize) throw new Error(JSON.stringify(summary))
        return []
      }))
  }
  throw new Error(`unknown subject ${subject}`)
}

const run = subjects()
process.on("message", (message: { readonly calls: number }) => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  run(message.calls).then(
    (latencies) => {
      const wallMs = performance.now() - start
      const used = process.cpuUsage(cpu)
      const measured: Measured = { wallMs, cpuUs: used.user + used.system, latencies }
      process.send!(measured)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
})
// The parent closing the channel ends the subject.
process.on("disconnect", () => process.exit(0))
