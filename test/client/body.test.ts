import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Connectors } from "effect-kibana"
import { KibanaEmulator } from "effect-kibana/emulator"
import { KibanaTest } from "effect-kibana/testing"

// A body JSON cannot carry is the caller's mistake: a tagged error that says where, never a defect,
// and nothing is sent.

describe("request bodies", () => {
  it.effect("a BigInt or a cycle in execute params is a KibanaInputError and no request is sent", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator.KibanaEmulator
      const connector = yield* connectors.create({ connectorTypeId: ".server-log", name: "log" })
      yield* emulator.clearRequestLog
      const cyclic: Record<string, unknown> = { message: "x" }
      cyclic["self"] = cyclic
      for (const params of [{ message: "x", count: 10n }, cyclic]) {
        const error = yield* Effect.flip(connectors.execute(connector.id, params))
        assert.strictEqual(error._tag, "KibanaInputError")
        if (error._tag === "KibanaInputError") {
          assert.strictEqual(error.field, "body")
          assert.strictEqual(error.operation, `POST /api/actions/connector/${connector.id}/_execute`)
        }
      }
      assert.lengthOf(yield* emulator.requestLog, 0)
    }).pipe(Effect.provide(KibanaTest.layer())))
})
