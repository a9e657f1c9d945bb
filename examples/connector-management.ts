/**
 * Production patterns for managing connectors:
 *
 * - a small application service, `AlertIndex`, that ensures a connector by name: it creates the
 *   connector, or updates the one that exists, so the program can run any number of times;
 * - documents written in batches, with progress output;
 * - structured logs (logfmt, on stderr) with annotations and log spans; every step is a tracing span
 *   (`Effect.fn`), ready for an OpenTelemetry exporter;
 * - every error tag handled on purpose: recovered where the program can, explained where it cannot;
 * - what it made deleted at the end.
 *
 *   npm run example:connector-management
 *   KIBANA_URL=https://kibana:5601 KIBANA_API_KEY=... npm run example:connector-management
 *   npm run example:connector-management -- --keep   # keep the connector: the next run updates it
 */
import { NodeHttpClient, NodeRuntime, NodeTerminal } from "@effect/platform-node"
import { Array, Console, Data, Effect, Layer, Logger, Option } from "effect"
import type { Connector } from "effect-kibana"
import { Connectors } from "effect-kibana"
import { EmbeddedKibana } from "effect-kibana/testing"
import * as Cleanup from "./support/cleanup.js"
import { announceTarget } from "./support/target.js"

const connectorName = "effect-kibana example: alerts"
const index = "effect-kibana-example-alerts"

/** The alerts connector this application owns, found by its name. */
class AlertIndex extends Effect.Service<AlertIndex>()("examples/AlertIndex", {
  effect: Effect.gen(function*() {
    const connectors = yield* Connectors.Connectors

    const report = (connector: Connector.Connector, action: "created" | "updated") =>
      Effect.logInfo(`connector ${action}`).pipe(
        Effect.annotateLogs({ connectorId: connector.id, name: connector.name }),
        Effect.as({ connector, action })
      )

    /** Creates the connector named `name`, or updates the existing one to `config`. */
    const ensure = Effect.fn("AlertIndex.ensure")(function*(name: string, config: Connector.IndexConfig) {
      const input = { connectorTypeId: ".index", name, config } as const
      const existing = (yield* connectors.list()).find((c) => c.name === name && c.connectorTypeId === ".index")
      if (existing !== undefined) {
        const updated = yield* connectors.update(existing.id, input).pipe(
          Effect.asSome,
          // Deleted by someone else since the list: create it again below.
          Effect.catchTag("KibanaNotFound", () => Effect.succeedNone)
        )
        if (Option.isSome(updated)) return yield* report(updated.value, "updated")
      }
      return yield* report(yield* connectors.create(input), "created")
    })

    /** Writes `documents` in batches of `batchSize`; a batch the connector fails on is reported and skipped. */
    const write = Effect.fn("AlertIndex.write")(
      function*(id: string, documents: ReadonlyArray<Connector.JsonObject>, batchSize: number) {
        const batches = Array.chunksOf(documents, batchSize)
        const written = yield* Effect.reduce(batches, 0, (done, batch, i) =>
          connectors.executeIndex(id, batch).pipe(
            Effect.map((response) => done + response.items.length),
            Effect.tap((total) =>
              Console.log(`  batch ${i + 1}/${batches.length}: ${total}/${documents.length} documents`)
            ),
            Effect.tap(Effect.logDebug("batch written")),
            Effect.catchTag("KibanaExecutionError", (error) =>
              Effect.logWarning("batch failed, skipped").pipe(
                Effect.annotateLogs({ reason: error.message, serviceMessage: error.serviceMessage ?? "" }),
                Effect.as(done)
              )),
            Effect.annotateLogs({ connectorId: id, batch: i + 1, size: batch.length }),
            Effect.withSpan("AlertIndex.writeBatch", { attributes: { batch: i + 1, size: batch.length } })
          ))
        yield* Effect.logInfo("documents written").pipe(Effect.annotateLogs({ written, total: documents.length }))
        return { written, batches: batches.length }
      },
      Effect.withLogSpan("write")
    )

    return { ensure, write }
  })
}) {}

/** A run that could not finish, with what to do about it. */
class RunFailed extends Data.TaggedError("RunFailed")<{ readonly message: string }> {}

const giveUp = (hint: string) =>
  Effect.fnUntraced(function*(error: { readonly _tag: string; readonly message: string }) {
    return yield* new RunFailed({ message: `${hint}\n  ${error._tag}: ${error.message}` })
  })

const alerts = Array.makeBy(120, (i) => ({ host: `host-${i % 7}`, message: "disk usage above 90%", sequence: i }))

const program = Effect.gen(function*() {
  yield* announceTarget
  const alertIndex = yield* AlertIndex
  const connectors = yield* Connectors.Connectors

  const { action, connector } = yield* Cleanup.resource({
    acquire: alertIndex.ensure(connectorName, { index, refresh: false }),
    release: ({ connector }) => connectors.delete(connector.id),
    describe: ({ connector }) => `connector ${connector.id}`
  })
  yield* Console.log(`${action === "created" ? "Created" : "Updated existing"} connector ${connector.id}`)

  // The same call with another config finds the connector and updates it in place.
  const updated = yield* alertIndex.ensure(connectorName, { index, refresh: true, executionTimeField: "@timestamp" })
  yield* Console.log(`Updated connector ${updated.connector.id}: ${JSON.stringify(updated.connector.config)}`)

  yield* Console.log(`Writing ${alerts.length} documents in batches of 25:`)
  const { batches, written } = yield* alertIndex.write(connector.id, alerts, 25)
  yield* Console.log(`Indexed ${written} documents in ${batches} batches`)

  const target = yield* EmbeddedKibana.KibanaTarget
  if (target.kind === "emulator") {
    const stored = yield* target.emulator.documents(index)
    yield* Console.log(`[emulator only] ${stored.length} documents stored in ${index}`)
  }
}).pipe(
  Effect.scoped,
  // Everything that can still go wrong, each on purpose: what it means and what to do.
  Effect.catchTags({
    KibanaBadRequest: giveUp("Kibana rejected a request: check the connector config against its connector type."),
    KibanaConflict: giveUp("A connector with this id already exists, maybe in another space."),
    KibanaNotFound: giveUp("The connector disappeared while the program ran: did someone delete it?"),
    KibanaUnauthorized: giveUp(
      "Kibana refused the credentials: set KIBANA_API_KEY, or KIBANA_USERNAME and KIBANA_PASSWORD."
    ),
    KibanaForbidden: giveUp("The credentials lack a privilege: grant \"Actions and Connectors: All\" in this space."),
    KibanaTooManyRequests: giveUp("Kibana is overloaded, still after the client's retries: run again later."),
    KibanaServerError: giveUp("Kibana failed (is it still starting?): check Kibana's logs, then run again."),
    KibanaUnexpectedStatus: giveUp("Kibana answered with an unexpected status: is a proxy between here and Kibana?"),
    KibanaTransportError: giveUp("Kibana could not be reached: check KIBANA_URL and the network."),
    KibanaTimeout: giveUp("Kibana did not answer in time: set KIBANA_TIMEOUT (e.g. \"60 seconds\") for a slow Kibana."),
    KibanaDecodeError: giveUp("Kibana's answer did not have the expected shape: which Kibana version is this?"),
    KibanaWrongServer: giveUp("KIBANA_URL does not point at Kibana."),
    KibanaInputError: giveUp("The program sent invalid input: a bug in this program."),
    KibanaSpaceNotFound: giveUp("The space does not exist: create it first.")
  })
)

// Logs as logfmt on stderr, for a log collector; stdout keeps the program's own output.
const LogfmtToStderr = Logger.replace(Logger.defaultLogger, Logger.withConsoleError(Logger.logfmtLogger))

const MainLayer = Layer.mergeAll(
  AlertIndex.Default.pipe(Layer.provideMerge(EmbeddedKibana.layerFromEnv())),
  Cleanup.layer("Delete the connector?"),
  LogfmtToStderr
).pipe(Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeTerminal.layer)))

// Without runMain's pretty logger, which would log every line a second time, to stdout.
program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain({ disablePrettyLogger: true }))
