// Chaos: scoped connectors (some inside scoped spaces) each writing one document, many at a time,
// against the emulator over HTTP with mixed faults (503, 429 + Retry-After, dropped connections, answers
// lost after Kibana acted, latency above the client timeout) and random interruption. Afterwards:
// 0 connectors or spaces left, 0 duplicate documents, 0 acknowledged documents lost, 0 defects.
//
// Small in the suite; `npm run chaos` runs 1,000 workers (CHAOS_WORKERS, CHAOS_CONCURRENCY override).
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Random } from "effect"
import type { FaultRule } from "../../src/emulator/EmulatorOptions.js"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as Connectors from "../../src/services/Connectors.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import * as Spaces from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"

const workers = Number(process.env.CHAOS_WORKERS ?? 60)
const concurrency = Number(process.env.CHAOS_CONCURRENCY ?? 16)

const faults: ReadonlyArray<FaultRule> = [
  { fault: { _tag: "Status", status: 503, retryAfterSeconds: 0 }, probability: 0.03 },
  { fault: { _tag: "Status", status: 429, retryAfterSeconds: 1 }, probability: 0.03 },
  { fault: { _tag: "Drop" }, probability: 0.02 },
  { fault: { _tag: "DropAfterCommit" }, method: "POST", probability: 0.02 },
  { fault: { _tag: "Latency", delay: "400 millis" }, probability: 0.02 }
]

interface Outcome {
  readonly worker: number
  readonly acknowledged: boolean
  readonly exit: Exit.Exit<unknown, unknown>
}

const worker = (index: number) =>
  Effect.gen(function*() {
    const connectors = yield* Connectors.Connectors
    const spaces = yield* Spaces.Spaces
    let acknowledged = false
    const work = Effect.scoped(Effect.gen(function*() {
      const inSpace = index % 5 === 0
      if (inSpace) yield* spaces.acquire({ id: `chaos-${index}`, name: `chaos ${index}` })
      const run = Effect.gen(function*() {
        const connector = yield* connectors.acquire({
          connectorTypeId: ".index",
          name: `chaos ${index}`,
          config: { index: "chaos" }
        })
        yield* connectors.executeIndex(connector.id, [{ worker: index }])
        acknowledged = true
      })
      yield* inSpace ? run.pipe(withSpace(`chaos-${index}`)) : run
    }))
    // about 9% of workers are interrupted at a random moment
    const interruptAfter = (yield* Random.nextRange(0, 1)) < 0.09 ? yield* Random.nextIntBetween(0, 600) : undefined
    const exit = yield* Effect.exit(
      interruptAfter === undefined ? work : Effect.raceFirst(work, Effect.interrupt.pipe(Effect.delay(interruptAfter)))
    )
    return { worker: index, acknowledged, exit } satisfies Outcome
  })

describe("chaos", () => {
  it.live(
    `${workers} scoped connectors under faults and interruption leave nothing behind`,
    () =>
      Effect.gen(function*() {
        const emulator = yield* KibanaEmulator
        const outcomes = yield* Effect.forEach(
          Array.from({ length: workers }, (_, index) => index),
          worker,
          { concurrency }
        )
        yield* emulator.clearFaults

        const defects = outcomes.filter((outcome) => Exit.isFailure(outcome.exit) && Cause.isDie(outcome.exit.cause))
        const documents = (yield* emulator.documents("chaos")).map((document) =>
          (document.source as { worker: number }).worker
        )
        const duplicates = documents.filter((worker, i) => documents.indexOf(worker) !== i)
        const lost = outcomes.filter((outcome) => outcome.acknowledged && !documents.includes(outcome.worker))
        const connectorsLeft = yield* emulator.connectors
        const spacesLeft = (yield* emulator.spaces).filter((space) => space.id !== "default")
        const summary = {
          workers,
          acknowledged: outcomes.filter((outcome) => outcome.acknowledged).length,
          failed: outcomes.filter((outcome) => Exit.isFailure(outcome.exit)).length,
          interrupted: outcomes.filter((outcome) => Exit.isInterrupted(outcome.exit)).length,
          connectorsLeft: connectorsLeft.length,
          spacesLeft: spacesLeft.length,
          duplicates: duplicates.length,
          lost: lost.length,
          defects: defects.length
        }
        yield* Effect.logInfo("chaos run").pipe(Effect.annotateLogs(summary))
        // CHAOS_DEBUG=1: the requests that touched each leftover connector, to see how it escaped
        if (process.env.CHAOS_DEBUG !== undefined) {
          const log = yield* emulator.requestLog
          for (const connector of connectorsLeft) {
            const requests = log.filter((request) => request.path.includes(connector.id))
            yield* Effect.logWarning("left behind").pipe(Effect.annotateLogs({
              connector: `${connector.id} ${connector.name}`,
              requests: requests.map((request) => `${request.method} ${request.status}`).join(", ")
            }))
          }
        }
        // the faults did bite, so the run is not vacuous
        assert.isAbove(summary.failed, 0, JSON.stringify(summary))
        assert.isAbove(summary.acknowledged, 0, JSON.stringify(summary))
        assert.deepStrictEqual(
          { connectorsLeft: summary.connectorsLeft, spacesLeft: summary.spacesLeft, duplicates: duplicates.length },
          { connectorsLeft: 0, spacesLeft: 0, duplicates: 0 },
          JSON.stringify(summary)
        )
        assert.strictEqual(summary.lost, 0, JSON.stringify(summary))
        assert.strictEqual(summary.defects, 0, defects.map((defect) => String(defect.exit)).join("\n"))
      }).pipe(
        Effect.provide(KibanaTest.layerServer({
          emulator: { faults },
          client: { timeout: "250 millis", retry: { times: 4, baseDelay: "5 millis", maxDelay: "20 millis" } }
        }))
      ),
    600_000
  )
})
