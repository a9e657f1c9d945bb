/**
 * The smallest useful program: create an `.index` connector, write a document through it, read the
 * connector back, and delete it when the scope closes.
 *
 *   npm start                                  # the embedded Kibana emulator, nothing to install
 *   KIBANA_URL=https://kibana:5601 KIBANA_API_KEY=... npm start   # a real Kibana 8.x/9.x
 *   npm start -- --keep                        # keep the connector afterwards
 *
 * (`npm start` is `npm run example:simple-index-connector`.)
 */
import { NodeHttpClient, NodeRuntime, NodeTerminal } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { Connectors } from "effect-kibana"
import { EmbeddedKibana } from "effect-kibana/testing"
import * as Cleanup from "./support/cleanup.js"
import { announceTarget } from "./support/target.js"

const program = Effect.gen(function*() {
  yield* announceTarget
  const connectors = yield* Connectors.Connectors

  const connector = yield* Cleanup.resource({
    acquire: connectors.create({
      connectorTypeId: ".index",
      name: "effect-kibana example: simple",
      config: { index: "effect-kibana-example", refresh: true, executionTimeField: "@timestamp" }
    }),
    release: (connector) => connectors.delete(connector.id),
    describe: (connector) => `connector ${connector.id}`
  })
  yield* Console.log(`Created connector ${connector.id}`)

  const written = yield* connectors.executeIndex(connector.id, [{ message: "Hello from effect-kibana" }])
  yield* Console.log(`Indexed ${written.items.length} document into ${written.items[0]?.create.index}`)

  const stored = yield* connectors.get(connector.id)
  yield* Console.log(`Read back connector ${stored.id}: "${stored.name}" (${stored.connectorTypeId})`)
  yield* Console.log(`  config: ${JSON.stringify(stored.config)}`)
}).pipe(Effect.scoped)

const MainLayer = Layer.merge(EmbeddedKibana.layerFromEnv(), Cleanup.layer("Delete the connector?")).pipe(
  Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeTerminal.layer))
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
