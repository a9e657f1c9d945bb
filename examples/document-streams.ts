/**
 * The three uses of the `.index` connector that Kibana's connector docs show, as one program:
 *
 * - application logging: log records, stamped by Kibana with `@timestamp` (`executionTimeField`);
 * - metrics collection: host samples taken at intervals;
 * - event tracking: what users did.
 *
 * Each use case gets its own connector and index; its documents are a `Stream`, written through
 * `DocumentWriter` in batches, with progress. Traces and metrics are exported with
 * `@effect/opentelemetry`: to an OTLP collector when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, else to
 * in-memory exporters summarised at the end. The transport is `UndiciHttpClient`, the lean one.
 *
 *   npm run example:document-streams
 *   KIBANA_URL=https://kibana:5601 KIBANA_API_KEY=... npm run example:document-streams
 *   OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 npm run example:document-streams
 */
import { NodeSdk, Otlp } from "@effect/opentelemetry"
import { NodeRuntime, NodeTerminal } from "@effect/platform-node"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { MetricReader } from "@opentelemetry/sdk-metrics"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Console, Effect, Layer, Stream } from "effect"
import type { Connector } from "effect-kibana"
import { Connectors, DocumentWriter } from "effect-kibana"
import { UndiciHttpClient } from "effect-kibana/node"
import { EmbeddedKibana } from "effect-kibana/testing"
import * as Cleanup from "./support/cleanup.js"
import { announceTarget } from "./support/target.js"

const start = Date.UTC(2026, 0, 1)
const hosts = ["web-1", "web-2", "db-1", "cache-1"]

/** Application logging: a service's log records. */
const logs = Stream.range(0, 1999).pipe(Stream.map((i) => ({
  "log.level": i % 50 === 0 ? "error" : i % 10 === 0 ? "warn" : "info",
  "service.name": "checkout",
  message: i % 50 === 0 ? `payment ${i} declined by the provider` : `order ${i} handled`,
  "event.duration": (i * 7919) % 250_000_000
})))

/** Metrics collection: each host sampled every 10 seconds. */
const samples = Stream.range(0, 299).pipe(Stream.flatMap((tick) =>
  Stream.fromIterable(hosts.map((host, h) => ({
    "@timestamp": new Date(start + tick * 10_000).toISOString(),
    "host.name": host,
    "system.cpu.total.norm.pct": ((tick * 31 + h * 17) % 100) / 100,
    "system.memory.used.pct": ((tick * 13 + h * 29) % 100) / 100
  })))
))

/** Event tracking: what users did, in order. */
const actions = ["user.login", "cart.add", "cart.remove", "checkout.start", "checkout.complete", "user.logout"]
const events = Stream.range(0, 599).pipe(Stream.map((i) => ({
  "@timestamp": new Date(start + i * 1_500).toISOString(),
  "event.action": actions[i % actions.length]!,
  "user.id": `user-${(i * 37) % 41}`
})))

const useCases = [
  { title: "application logs", index: "effect-kibana-example-logs", documents: logs, total: 2000, stamp: true },
  { title: "metric samples", index: "effect-kibana-example-metrics", documents: samples, total: 1200, stamp: false },
  { title: "events", index: "effect-kibana-example-events", documents: events, total: 600, stamp: false }
] as const

const program = Effect.gen(function*() {
  yield* announceTarget
  const connectors = yield* Connectors.Connectors
  const writer = yield* DocumentWriter.DocumentWriter

  for (const useCase of useCases) {
    const connector = yield* Cleanup.resource({
      acquire: connectors.create({
        connectorTypeId: ".index",
        name: `effect-kibana example: ${useCase.title}`,
        config: { index: useCase.index, ...(useCase.stamp ? { executionTimeField: "@timestamp" } : {}) }
      }),
      release: (connector: Connector.Connector) => connectors.delete(connector.id),
      describe: (connector) => `connector ${connector.id} (${useCase.title})`
    })
    yield* Console.log(`Created connector ${connector.id} for ${useCase.title} into ${useCase.index}`)
    const summary = yield* writer.write(connector.id, useCase.documents, {
      batchSize: 250,
      concurrency: 2,
      onProgress: (progress) => Console.log(`  ${useCase.title}: ${progress.written}/${useCase.total} written`)
    })
    for (const failure of summary.failures) {
      yield* Console.log(`  batch ${failure.batch} failed (${failure.outcome}): ${failure.reason}`)
    }
    yield* Console.log(
      `Wrote ${summary.written} ${useCase.title} in ${summary.batches} batches` +
        (summary.failedBatches === 0 ? "" : `, ${summary.failedBatches} failed`)
    )
  }
}).pipe(Effect.scoped, Effect.withSpan("example.document-streams"))

// ---- telemetry -------------------------------------------------------------------------------------

const otlpEndpoint = process.env["OTEL_EXPORTER_OTLP_ENDPOINT"]
const resource = { serviceName: "effect-kibana-example" }

/** Collects metrics when asked, for the summary below. */
class SummaryReader extends MetricReader {
  protected override onForceFlush() {
    return Promise.resolve()
  }
  protected override onShutdown() {
    return Promise.resolve()
  }
}
const spans = new InMemorySpanExporter()
const metrics = new SummaryReader()

const Telemetry = otlpEndpoint === undefined
  ? NodeSdk.layer(() => ({ resource, spanProcessor: new SimpleSpanProcessor(spans), metricReader: metrics }))
  : Otlp.layerJson({ baseUrl: otlpEndpoint, resource }).pipe(Layer.provide(FetchHttpClient.layer))

/** What the in-memory exporters received: spans by name, and the client's metrics. */
const summarizeTelemetry = Effect.gen(function*() {
  if (otlpEndpoint !== undefined) return yield* Console.log(`Traces and metrics sent to ${otlpEndpoint}`)
  const counts = new Map<string, number>()
  for (const span of spans.getFinishedSpans()) counts.set(span.name, (counts.get(span.name) ?? 0) + 1)
  yield* Console.log(`Exported spans: ${[...counts].map(([name, count]) => `${count} ${name}`).join(", ")}`)
  const { resourceMetrics } = yield* Effect.promise(() => metrics.collect())
  for (const metric of resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)) {
    const name = metric.descriptor.name
    if (name === "kibana.documents.written") {
      const total = metric.dataPoints.reduce((sum, point) => sum + (point.value as number), 0)
      yield* Console.log(`Exported metric ${name}: ${total}`)
    }
    if (name === "kibana.client.request.duration") {
      const requests = metric.dataPoints.reduce((sum, point) => sum + (point.value as { count: number }).count, 0)
      yield* Console.log(`Exported metric ${name}: ${requests} requests`)
    }
  }
})

const MainLayer = Layer.mergeAll(
  DocumentWriter.layer.pipe(Layer.provideMerge(EmbeddedKibana.layerFromEnv())),
  Cleanup.layer("Delete the connectors?")
).pipe(
  Layer.provide(Layer.merge(UndiciHttpClient.layer, NodeTerminal.layer)),
  Layer.provideMerge(Telemetry)
)

program.pipe(Effect.zipRight(summarizeTelemetry), Effect.provide(MainLayer), NodeRuntime.runMain)
