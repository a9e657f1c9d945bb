/**
 * Provisioning with ensure-by-name: Slack, PagerDuty, ServiceNow and a webhook connector, each made to
 * match its desired state (created, updated or left unchanged), then executed with typed params against
 * local simulators of those services, printing what each service received and the typed results.
 *
 *   npm run example:provision-alerting
 *   npm run example:provision-alerting -- --keep    # keep the connectors
 *
 * With KIBANA_URL set, that Kibana must be able to reach the simulators on this machine's loopback.
 */
import { NodeHttpClient, NodeRuntime, NodeTerminal } from "@effect/platform-node"
import { Console, Effect, Layer, Redacted } from "effect"
import { Connectors } from "effect-kibana"
import { Simulators } from "effect-kibana/emulator"
import { EmbeddedKibana } from "effect-kibana/testing"
import * as Cleanup from "./support/cleanup.js"
import { announceTarget } from "./support/target.js"

/** The desired connectors; secrets would come from your secret store. */
const desired = (simulators: Simulators.Simulators.Service) => ({
  slack: {
    connectorTypeId: ".slack",
    name: "effect-kibana example: ops channel",
    secrets: { webhookUrl: Redacted.make(`${simulators.urlOf("slack")}services/T000/B000/XXXX`) }
  },
  pagerDuty: {
    connectorTypeId: ".pagerduty",
    name: "effect-kibana example: on-call",
    config: { apiUrl: `${simulators.urlOf("pagerduty")}v2/enqueue` },
    secrets: { routingKey: Redacted.make("example-routing-key") }
  },
  serviceNow: {
    connectorTypeId: ".servicenow",
    name: "effect-kibana example: incidents",
    config: { apiUrl: simulators.urlOf("servicenow").replace(/\/$/, ""), usesTableApi: true },
    secrets: { username: "kibana", password: Redacted.make("example-password") }
  },
  webhook: {
    connectorTypeId: ".webhook",
    name: "effect-kibana example: audit hook",
    config: { url: `${simulators.urlOf("torq")}webhook/audit`, method: "post", hasAuth: false },
    secrets: { secretHeaders: Redacted.make({ "x-audit-token": "example-token" }) }
  }
} as const)

const program = Effect.gen(function*() {
  yield* announceTarget
  const connectors = yield* Connectors.Connectors
  const simulators = yield* Simulators.Simulators
  const want = desired(simulators)

  // Ensure each connector; the scope deletes them at the end unless --keep.
  const ensureKept = <A extends { readonly connector: { readonly id: string; readonly name: string } }, E, R>(
    ensure: Effect.Effect<A, E, R>
  ) =>
    Cleanup.resource({
      acquire: ensure,
      release: ({ connector }) => connectors.delete(connector.id),
      describe: ({ connector }) => `connector "${connector.name}"`
    })
  const slack = yield* ensureKept(connectors.ensure(want.slack))
  const pagerDuty = yield* ensureKept(connectors.ensure(want.pagerDuty))
  const serviceNow = yield* ensureKept(connectors.ensure(want.serviceNow))
  const webhook = yield* ensureKept(connectors.ensure(want.webhook))
  for (const { connector, outcome } of [slack, pagerDuty, serviceNow, webhook]) {
    yield* Console.log(`${connector.name} (${connector.connectorTypeId}): ${outcome}`)
  }

  // Run again: nothing differs, so nothing is sent (Kibana's defaults are no difference) ...
  const again = yield* connectors.ensure(want.pagerDuty)
  yield* Console.log(`${again.connector.name} again: ${again.outcome}`)
  // ... and a changed config is an update of the same connector.
  const changed = yield* connectors.ensure({
    ...want.webhook,
    config: { ...want.webhook.config, headers: { "x-source": "effect-kibana" } }
  })
  yield* Console.log(`${changed.connector.name} with a header: ${changed.outcome}`)

  // Typed execution: params are checked at compile time, results decoded per type and sub-action.
  const slackAnswer = yield* connectors.executeTyped(slack.connector, { message: "Disk 91% full on web-1" })
  yield* Console.log(`Slack: ${slackAnswer.text}`)
  const page = yield* connectors.executeTyped(pagerDuty.connector, {
    eventAction: "trigger",
    summary: "Disk 91% full on web-1",
    severity: "critical",
    dedupKey: "disk-web-1"
  })
  yield* Console.log(`PagerDuty: ${page.status}, ${page.message}, dedup key ${page.dedupKey}`)
  const incident = yield* connectors.executeTyped(serviceNow.connector, {
    subAction: "pushToService",
    subActionParams: { incident: { short_description: "Disk 91% full on web-1", urgency: "1" } }
  })
  yield* Console.log(`ServiceNow: incident ${incident.title} at ${incident.url}`)
  // Kibana's webhook returns the body it sent, not the service's answer
  const sent = yield* connectors.executeTyped(changed.connector, {
    body: JSON.stringify({ event: "disk-full", host: "web-1" })
  })
  yield* Console.log(`Webhook: sent ${sent ?? "no body"}`)

  // What each service received (its requests, credentials left out here); the webhook posts to the Torq
  // simulator, which answers any POST.
  for (const vendor of ["slack", "pagerduty", "servicenow", "torq"] as const) {
    for (const request of yield* simulators.received(vendor)) {
      const body = request.body === undefined ? "" : ` ${JSON.stringify(request.body)}`
      yield* Console.log(`${vendor} received ${request.method} ${request.path}${body}`)
    }
  }
}).pipe(Effect.scoped)

const MainLayer = Layer.mergeAll(
  EmbeddedKibana.layerFromEnv(),
  Simulators.layer(),
  Cleanup.layer("Delete the connectors?")
).pipe(Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeTerminal.layer)))

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
