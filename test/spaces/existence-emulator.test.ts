// The existence check against the in-process emulator, on TestClock: one lookup per space per TTL,
// and a transient failure (an injected 503) is not cached.
//
// In its own file: after an `excludeTestServices` layer block in the same file, the fiber of a later
// `it.effect` that provides an emulator layer ran with the live clock (seen with vitest plugin 0.30).
import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import { KibanaClient } from "../../src/services/KibanaClient.js"
import * as KibanaSpace from "../../src/services/KibanaSpace.js"
import { Spaces } from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"

describe("existence check against the in-process emulator (TestClock)", () => {
  it.effect("one lookup per space per TTL; a transient failure is not cached", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator
      const kibana = yield* KibanaClient
      yield* (yield* Spaces).create({ id: "acme", name: "Acme" })
      const lookups = Effect.map(
        emulator.requestLog,
        (log) => log.filter((entry) => entry.path === "/api/spaces/space/acme").length
      )
      const call = kibana.request({ method: "GET", path: "/api/actions/connectors" }).pipe(
        KibanaSpace.withSpace("acme")
      )
      yield* Effect.all(Array.from({ length: 10 }, () => call), { concurrency: "unbounded" })
      yield* call
      assert.strictEqual(yield* lookups, 1)
      yield* TestClock.adjust("30 seconds")
      yield* call
      assert.strictEqual(yield* lookups, 1)
      yield* TestClock.adjust("30 seconds")
      yield* emulator.setFaults([{
        fault: { _tag: "Status", status: 503 },
        method: "GET",
        path: "/api/spaces/space/{id}",
        times: 1
      }])
      assert.strictEqual((yield* Effect.flip(call))._tag, "KibanaServerError")
      yield* call
      assert.strictEqual(yield* lookups, 3)
    }).pipe(Effect.provide(KibanaTest.layer({ client: { spaceExistence: { timeToLive: "1 minute" } } }))))
})
