// The DropAfterCommit fault: Kibana acts on the request, then the answer is lost.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as Connectors from "../../src/services/Connectors.js"
import { KibanaTest } from "../../src/testing.js"

for (
  const [variant, layer] of [["over real HTTP", KibanaTest.layerServer], ["in process", KibanaTest.layer]] as const
) {
  describe(`DropAfterCommit ${variant}`, () => {
    it.effect("the connector is stored, but the client gets a reset connection", () =>
      Effect.gen(function*() {
        const emulator = yield* KibanaEmulator
        const connectors = yield* Connectors.Connectors
        yield* emulator.addFault({ fault: { _tag: "DropAfterCommit" }, method: "POST", times: 1 })
        const error = yield* Effect.flip(
          connectors.create({ connectorTypeId: ".index", name: "lost", config: { index: "i" } }, { id: "lost-1" })
        )
        assert.strictEqual(error._tag, "KibanaUnknownOutcome")
        if (error._tag === "KibanaUnknownOutcome") {
          assert.strictEqual(error.cause._tag, "KibanaTransportError")
          if (error.cause._tag === "KibanaTransportError") assert.strictEqual(error.cause.reason, "ConnectionReset")
        }
        assert.deepStrictEqual((yield* emulator.connectors).map((connector) => connector.id), ["lost-1"])
      }).pipe(Effect.provide(layer())))
  })
}
