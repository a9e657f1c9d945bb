import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { Connectors } from "effect-kibana"
import { EmbeddedKibana } from "effect-kibana/testing"

const program = Effect.gen(function*() {
  const target = yield* EmbeddedKibana.KibanaTarget
  yield* Console.log(`Talking to ${target.kind} at ${target.url}`)

  const connectors = yield* Connectors.Connectors
  // Deleted when the scope closes: on success, failure or interruption.
  const connector = yield* connectors.acquire({
    connectorTypeId: ".index",
    name: "quick-start",
    config: { index: "quick-start", refresh: true, executionTimeField: "@timestamp" }
  })
  const bulk = yield* connectors.executeIndex(connector.id, [{ message: "hello from effect-kibana" }])
  yield* Console.log(`Indexed ${bulk.items.length} document with connector ${connector.id}`)
}).pipe(Effect.scoped)

// A real Kibana when KIBANA_URL is set, else the embedded emulator; any failure is a tagged error
// that runMain prints (with Kibana's own message) before exiting with code 1.
program.pipe(
  Effect.provide(EmbeddedKibana.layerFromEnv().pipe(Layer.provide(NodeHttpClient.layerUndici))),
  NodeRuntime.runMain
)
