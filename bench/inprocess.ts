/**
 * The in-process part of `npm run bench` alone, for profiling: `Connectors.get` per second (and client
 * plus emulator CPU per get) through `KibanaTest.layer()`, no sockets.
 *
 *   npx tsx bench/inprocess.ts                     # 50,000 gets after 2,000 to warm up
 *   BENCH_INPROCESS_GETS=10000 npx tsx bench/inprocess.ts
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { Connectors } from "effect-kibana"
import { KibanaTest } from "effect-kibana/testing"

const gets = Number(process.env["BENCH_INPROCESS_GETS"] ?? 50_000)

const runtime = ManagedRuntime.make(Layer.orDie(KibanaTest.layer()))
const { cpu, seconds } = await runtime.runPromise(Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  const { id } = yield* connectors.create({ connectorTypeId: ".index", name: "bench", config: { index: "bench" } })
  for (let i = 0; i < 2000; i++) yield* connectors.get(id)
  const start = performance.now()
  const cpuBefore = process.cpuUsage()
  for (let i = 0; i < gets; i++) yield* connectors.get(id)
  const used = process.cpuUsage(cpuBefore)
  return { cpu: used.user + used.system, seconds: (performance.now() - start) / 1000 }
}))
await runtime.dispose()
console.log(`in-process Connectors.get: ${(gets / seconds).toFixed(0)}/s, ${(cpu / gets).toFixed(1)} us CPU per get`)
