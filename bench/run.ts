/**
 * Benchmarks: what the client costs on top of a bare HTTP call, measured in one run against the
 * embedded emulator, and reported as ratios to a baseline taken in the same run (so the numbers hold
 * on any machine).
 *
 *   npm run bench                 # default sizes
 *   BENCH_REQUESTS=5000 npm run bench
 *
 * Targets (the run exits 1 when one is missed):
 * - `Connectors.get` over fetch costs at most 3x a bare `fetch` + `JSON.parse` of the same request to the
 *   same emulator (both include the emulator's own work; the rest is about 1 ms of Effect runtime,
 *   tracing spans and decoding per request, a flat profile with no single hot spot);
 * - decoding a 2,000-connector list costs at most 25x `JSON.parse` of it (schema decoding does real work);
 * - the in-process emulator answers at least 1.5x as fast as the same emulator over loopback (measured: ~2x).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type { Context } from "effect"
import { Effect, Layer, Schema } from "effect"
import { Connector, Connectors, KibanaClient } from "effect-kibana"
import { EmulatorServer } from "effect-kibana/emulator"
import { KibanaTest } from "effect-kibana/testing"

const requests = Number(process.env["BENCH_REQUESTS"] ?? 2000)
const listSize = 2000
const authorization = `Basic ${Buffer.from("elastic:changeme").toString("base64")}`

interface Measurement {
  readonly name: string
  readonly millis: number
  readonly runs: number
}

const rounds = 10

/**
 * Times two workloads of `times` runs each, interleaved in rounds after a warm-up, so that load from
 * elsewhere on the machine hits both alike.
 */
const compare = (
  times: number,
  a: { readonly name: string; readonly body: Effect.Effect<unknown, unknown> },
  b: { readonly name: string; readonly body: Effect.Effect<unknown, unknown> }
) =>
  Effect.gen(function*() {
    const perRound = Math.max(1, Math.floor(times / rounds))
    const timed = (body: Effect.Effect<unknown, unknown>) =>
      Effect.gen(function*() {
        const start = performance.now()
        yield* Effect.orDie(Effect.repeatN(body, perRound - 1))
        return performance.now() - start
      })
    yield* timed(a.body)
    yield* timed(b.body)
    let millisA = 0
    let millisB = 0
    for (let round = 0; round < rounds; round++) {
      millisA += yield* timed(a.body)
      millisB += yield* timed(b.body)
    }
    const runs = perRound * rounds
    return [{ name: a.name, millis: millisA, runs }, { name: b.name, millis: millisB, runs }] as const
  })

const createIndexConnector = (name: string) =>
  Effect.flatMap(
    Connectors.Connectors,
    (connectors) => connectors.create({ connectorTypeId: ".index", name, config: { index: "bench" } })
  )

const overLoopback = Effect.gen(function*() {
  const { url } = yield* EmulatorServer.EmulatorServer
  const connectors = yield* Connectors.Connectors
  const { id } = yield* createIndexConnector("bench")
  const [bare, client] = yield* compare(requests, {
    name: "bare fetch + JSON.parse",
    body: Effect.promise(async () => {
      const response = await fetch(`${url}/api/actions/connector/${id}`, { headers: { authorization } })
      return JSON.parse(await response.text())
    })
  }, { name: "Connectors.get over loopback (fetch)", body: connectors.get(id) })
  return { bare, client }
}).pipe(Effect.provide(KibanaTest.layerServer()))

/** A `Connectors.get` of a fresh connector, bound to the services of `context`. */
const getOfNewConnector = (context: Context.Context<Connectors.Connectors>) =>
  Effect.provide(
    Effect.flatMap(createIndexConnector("bench"), ({ id }) =>
      Effect.map(Connectors.Connectors, (connectors) => Effect.provide(connectors.get(id), context))),
    context
  )

const inProcessVsLoopback = Effect.scoped(Effect.gen(function*() {
  const local = yield* getOfNewConnector(yield* Layer.build(KibanaTest.layer()))
  const remote = yield* getOfNewConnector(yield* Layer.build(KibanaTest.layerServer()))
  return yield* compare(requests, { name: "Connectors.get in-process", body: local }, {
    name: "Connectors.get over loopback",
    body: remote
  })
}))

const listDecoding = Effect.gen(function*() {
  const kibana = yield* KibanaClient.KibanaClient
  yield* Effect.forEach(
    Array.from({ length: listSize }, (_, i) => `connector-${i}`),
    createIndexConnector,
    { concurrency: 16, discard: true }
  )
  const raw = yield* kibana.request({ method: "GET", path: "/api/actions/connectors" })
  const text = JSON.stringify(raw.body)
  const decode = Schema.decodeUnknown(Schema.Array(Connector.Connector))
  const [parse, decoded] = yield* compare(
    50,
    { name: `JSON.parse of ${listSize} connectors`, body: Effect.sync(() => JSON.parse(text)) },
    { name: `JSON.parse + decode of ${listSize} connectors`, body: Effect.suspend(() => decode(JSON.parse(text))) }
  )
  return { parse, decode: decoded }
}).pipe(Effect.provide(KibanaTest.layer()))

const report = (label: string, subject: Measurement, baseline: Measurement, target: number, atMost: boolean) => {
  const ratio = subject.millis / baseline.millis
  const met = atMost ? ratio <= target : 1 / ratio >= target
  const shown = atMost
    ? `${ratio.toFixed(2)}x (target <= ${target}x)`
    : `${(1 / ratio).toFixed(2)}x faster (target >= ${target}x)`
  return Effect.log(`${met ? "PASS" : "MISS"} ${label}: ${shown}`).pipe(Effect.as(met))
}

const program = Effect.gen(function*() {
  const loopback = yield* overLoopback
  const [local, remote] = yield* inProcessVsLoopback
  const list = yield* listDecoding
  for (const m of [loopback.bare, loopback.client, local, remote, list.parse, list.decode]) {
    yield* Effect.log(`${m.name}: ${(m.millis / m.runs).toFixed(3)} ms per run (${m.runs} runs)`)
  }
  const results = [
    yield* report("client overhead vs bare fetch", loopback.client, loopback.bare, 3, true),
    yield* report("list decoding vs JSON.parse", list.decode, list.parse, 25, true),
    yield* report("in-process vs loopback", local, remote, 1.5, false)
  ]
  if (results.includes(false)) return yield* Effect.fail("a benchmark target was missed")
})

Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer))).catch((error) => {
  console.error(error)
  process.exit(1)
})
