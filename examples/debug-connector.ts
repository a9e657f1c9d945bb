/**
 * A debugging aid: what the client sends, what Kibana answers, and what a failure looks like.
 *
 * - the connector types this Kibana offers, as a table;
 * - every HTTP request as it leaves (method, URL, headers), credentials redacted;
 * - the raw JSON of a create and a get, next to the value the library decodes it into;
 * - a create with a bad config (a webhook URL without its scheme), failing as the tagged error that
 *   carries Kibana's message.
 *
 *   npm run example:debug-connector
 *   KIBANA_URL=https://kibana:5601 KIBANA_API_KEY=... npm run example:debug-connector
 *   npm run example:debug-connector -- --keep     # keep the connector afterwards
 */
import { Headers, HttpClient } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { NodeHttpClient, NodeRuntime, NodeTerminal } from "@effect/platform-node"
import { Console, Effect, FiberRef, Layer, Schema } from "effect"
import { Connector, Connectors, KibanaClient } from "effect-kibana"
import { EmbeddedKibana } from "effect-kibana/testing"
import * as Cleanup from "./support/cleanup.js"
import { announceTarget } from "./support/target.js"

const json = (value: unknown) => JSON.stringify(value, null, 2).replaceAll("\n", "\n  ")

const printTypes = Effect.fn("printTypes")(function*() {
  const types = yield* (yield* Connectors.Connectors).listTypes()
  const rows = [
    ["TYPE", "NAME", "ENABLED", "LICENSE"],
    ...types.map((type) => [
      type.id,
      type.name,
      type.enabled ? "yes" : `no (${type.enabledInConfig ? "license" : "kibana.yml"})`,
      type.minimumLicenseRequired
    ])
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  yield* Console.log(`Connector types (${types.length}):`)
  for (const row of rows) {
    yield* Console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()}`)
  }
})

/** Sends a request through the client and shows Kibana's raw answer next to the decoded connector. */
const requestConnector = Effect.fn("requestConnector")(function*(request: KibanaClient.KibanaRequest) {
  const kibana = yield* KibanaClient.KibanaClient
  const response = yield* kibana.request(request)
  yield* Console.log(`${response.method} ${response.path} -> ${response.status}`)
  yield* Console.log(`  raw JSON: ${json(response.body)}`)
  // Decoded like the services do: a body that does not fit is a KibanaDecodeError naming the field.
  const connector = yield* KibanaClient.decode(Connector.Connector)(response)
  yield* Console.log(`  decoded Connector: ${json(connector)}`)
  return connector
})

const program = Effect.gen(function*() {
  yield* announceTarget
  const connectors = yield* Connectors.Connectors
  yield* printTypes()

  // The typed input, and the snake_case body it becomes on the wire.
  const input: Connector.CreateConnectorInput = {
    connectorTypeId: ".index",
    name: "effect-kibana example: debug",
    config: { index: "effect-kibana-debug" }
  }
  const body = yield* Schema.encode(Connector.CreateConnectorInput)(input)
  yield* Console.log(`\nCreate: body ${JSON.stringify(body)}`)
  const created = yield* Cleanup.resource({
    acquire: requestConnector({ method: "POST", path: "/api/actions/connector", body }),
    release: (connector) => connectors.delete(connector.id),
    describe: (connector) => `connector ${connector.id}`
  })
  yield* Console.log(`Created connector ${created.id}`)

  yield* Console.log("\nGet:")
  yield* requestConnector({ method: "GET", path: `/api/actions/connector/${created.id}` })

  // Kibana validates the config before it checks the license, so this is a 400 on a basic license too
  // (`x-pack/platform/plugins/shared/actions/server/application/connector/methods/create/create.ts`).
  yield* Console.log("\nCreate with a bad config (a webhook URL without its scheme):")
  yield* Cleanup.resource({
    acquire: connectors.create({
      connectorTypeId: ".webhook",
      name: "effect-kibana example: broken",
      config: { url: "hooks.example.com/alerts" }
    }),
    release: (connector) => connectors.delete(connector.id),
    describe: (connector) => `connector ${connector.id}`
  }).pipe(
    Effect.andThen(Console.log("Kibana accepted the config (unexpected)")),
    Effect.catchTag("KibanaBadRequest", (error) =>
      Console.log([
        `Failed with ${error._tag} (HTTP ${error.status})`,
        `  Kibana says: ${error.kibanaMessage}`,
        `  request:     ${error.method} ${error.path}`,
        `  message:     ${error.message}`
      ].join("\n")))
  )

  const target = yield* EmbeddedKibana.KibanaTarget
  if (target.kind === "emulator") {
    yield* Console.log("\n[emulator only] requests the emulator received:")
    for (const entry of yield* target.emulator.requestLog) {
      yield* Console.log(`  ${entry.method} ${entry.path} -> ${entry.status}`)
    }
  }
  yield* Console.log("")
}).pipe(Effect.scoped)

// Prints a request as it leaves. `Headers.redact` replaces credentials (authorization, cookies, API key
// headers) with `<redacted>`: never print `request.headers` itself.
const printRequest = Effect.fn("printRequest")(function*(request: HttpClientRequest.HttpClientRequest) {
  const headers = Headers.redact(request.headers, yield* FiberRef.get(Headers.currentRedactedNames))
  yield* Console.log(`  -> ${request.method} ${request.url}`)
  yield* Console.log(`     headers: ${JSON.stringify(headers)}`)
})

// The application's HTTP client, printing every request.
const PrintingHttpClient = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, HttpClient.tapRequest(printRequest))
).pipe(Layer.provide(NodeHttpClient.layerUndici))

const MainLayer = Layer.merge(EmbeddedKibana.layerFromEnv(), Cleanup.layer("Delete the connector?")).pipe(
  Layer.provide(Layer.merge(PrintingHttpClient, NodeTerminal.layer))
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
