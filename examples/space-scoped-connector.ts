/**
 * Multi-tenancy with Kibana spaces: create a space, create connectors in it through the space layer,
 * and see that they are invisible from the default space. Deleting the space deletes everything in it.
 *
 *   npm run example:space-scoped-connector
 *   KIBANA_URL=https://kibana:5601 KIBANA_API_KEY=... npm run example:space-scoped-connector
 *   npm run example:space-scoped-connector -- --keep    # keep the space and its connectors
 */
import { NodeHttpClient, NodeRuntime, NodeTerminal } from "@effect/platform-node"
import { Console, Effect, Layer, Random } from "effect"
import type { Connector } from "effect-kibana"
import { Connectors, KibanaSpace, Spaces } from "effect-kibana"
import { EmbeddedKibana } from "effect-kibana/testing"
import * as Cleanup from "./support/cleanup.js"
import { announceTarget } from "./support/target.js"

/** What one tenant needs. It says nothing about spaces: the caller decides where it runs. */
const provisionTenant = Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  return yield* Effect.forEach(
    ["alerts", "audit"],
    (name) =>
      connectors.create({ connectorTypeId: ".index", name: `tenant ${name}`, config: { index: `tenant-${name}` } })
  )
})

const program = Effect.gen(function*() {
  yield* announceTarget
  const spaces = yield* Spaces.Spaces
  const connectors = yield* Connectors.Connectors

  // A fresh id per run, so runs (and kept spaces) never collide on a shared Kibana.
  const id = `effect-kibana-example-${(yield* Random.nextIntBetween(0, 36 ** 4)).toString(36)}`
  const space = yield* Cleanup.resource({
    acquire: spaces.create({ id, name: "effect-kibana example", color: "#00bfb3", initials: "EK" }),
    release: (space) => spaces.delete(space.id),
    describe: (space) => `space ${space.id} and everything in it`
  })
  yield* Console.log(`Created space ${space.id}`)

  // Every request of the tenant's program goes to /s/<space>/api/...
  const created = yield* provisionTenant.pipe(Effect.provide(KibanaSpace.layer(space.id)))
  for (const connector of created) yield* Console.log(`Created connector ${connector.id} in space ${space.id}`)

  // One call in the space: `withSpace`.
  const inSpace = yield* connectors.list().pipe(KibanaSpace.withSpace(space.id))
  const ours = (listed: ReadonlyArray<Connector.Connector>) =>
    listed.filter((connector) => created.some((c) => c.id === connector.id)).length
  yield* Console.log(`Listed from space ${space.id}: ${ours(inSpace)} of ${created.length} connectors`)

  // No space given: the default space, where the tenant's connectors do not exist.
  const inDefault = yield* connectors.list()
  yield* Console.log(`Listed from the default space: ${ours(inDefault)} of ${created.length} connectors`)
  yield* connectors.get(created[0]!.id).pipe(
    Effect.andThen(Console.log("Found from the default space (unexpected)")),
    Effect.catchTag(
      "KibanaNotFound",
      (error) => Console.log(`Get from the default space: ${error._tag} (${error.status} ${error.kibanaMessage})`)
    )
  )
}).pipe(Effect.scoped)

const MainLayer = Layer.merge(EmbeddedKibana.layerFromEnv(), Cleanup.layer("Delete the space and its connectors?"))
  .pipe(
    Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeTerminal.layer))
  )

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
