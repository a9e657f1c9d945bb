import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Connectors, KibanaClient } from "effect-kibana"
import { EmulatorServer } from "effect-kibana/emulator"

// A client pointed at Elasticsearch instead of Kibana (a common mistake) must say so, not report a
// puzzling 404 or decode error. The emulator's `/_es` endpoint answers like Elasticsearch.

const connectorsAt = (url: string) =>
  Connectors.layer.pipe(
    Layer.provide(KibanaClient.layer({ url, auth: KibanaClient.KibanaAuth.basic("elastic", "changeme") })),
    Layer.provide(FetchHttpClient.layer)
  )

layer(EmulatorServer.layerServer(), { excludeTestServices: true })("a client pointed at Elasticsearch", (it) => {
  it.effect("fails with KibanaWrongServer naming Elasticsearch, for reads and writes", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const calls: ReadonlyArray<Effect.Effect<unknown, Connectors.Connectors.CreateError>> = [
          connectors.list(),
          connectors.create({ connectorTypeId: ".server-log", name: "x" })
        ]
        for (const call of calls) {
          const error = yield* Effect.flip(call)
          assert.strictEqual(error._tag, "KibanaWrongServer")
          if (error._tag === "KibanaWrongServer") assert.strictEqual(error.server, "Elasticsearch")
          assert.include(error.message, "not Kibana")
        }
      }).pipe(Effect.provide(connectorsAt(`${url}/_es`)))
    }))
})
