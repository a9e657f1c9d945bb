// Spans and metrics as an application exports them: @effect/opentelemetry's NodeSdk with in-memory
// exporters, over the in-process emulator. Checks OpenTelemetry's HTTP client attributes, span status
// on failure, the metrics, and that no credential appears anywhere.
import { NodeSdk } from "@effect/opentelemetry"
import { assert, describe, it } from "@effect/vitest"
import { SpanStatusCode } from "@opentelemetry/api"
import { AggregationTemporality, DataPointType, MetricReader } from "@opentelemetry/sdk-metrics"
import type { ResourceMetrics } from "@opentelemetry/sdk-metrics"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base"
import { Effect, Layer, Logger, LogLevel, Stream } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import type { ConnectorId } from "../../src/schemas/Connector.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as DocumentWriter from "../../src/services/DocumentWriter.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import { KibanaTest } from "../../src/testing.js"

/** A reader the test collects from on demand. */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE })
  }
  protected override onForceFlush() {
    return Promise.resolve()
  }
  protected override onShutdown() {
    return Promise.resolve()
  }
}

const spans = new InMemorySpanExporter()
const reader = new CollectingReader()

const telemetry = NodeSdk.layer(() => ({
  resource: { serviceName: "effect-kibana-test" },
  spanProcessor: new SimpleSpanProcessor(spans),
  metricReader: reader
}))

const testLayer = DocumentWriter.layer.pipe(
  Layer.provideMerge(KibanaTest.layer({
    emulator: { spaces: [{ id: "ops", name: "Ops" }] },
    client: { retry: { times: 2, baseDelay: "1 millis", maxDelay: "1 millis" } }
  })),
  Layer.provideMerge(telemetry)
)

const finished = (name: string): Array<ReadableSpan> => spans.getFinishedSpans().filter((span) => span.name === name)

const collect = Effect.promise(() => reader.collect().then((result) => result.resourceMetrics))

const dataPoints = (metrics: ResourceMetrics, name: string) =>
  metrics.scopeMetrics.flatMap((scope) => scope.metrics).filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints.map((point) => ({ type: metric.dataPointType, point })))

type Attributes = Readonly<Record<string, unknown>>

// Effect's metrics live in one registry per process, shared by the test files of a worker: the test
// counts what changed while it ran.
const histogramCount = (metrics: ResourceMetrics, name: string, match: (attributes: Attributes) => boolean) =>
  dataPoints(metrics, name).filter(({ point }) => match(point.attributes))
    .reduce((total, { point }) => total + (point.value as { count: number }).count, 0)

const counterValue = (metrics: ResourceMetrics, name: string, match: (attributes: Attributes) => boolean) =>
  dataPoints(metrics, name).filter(({ point }) => match(point.attributes))
    .reduce((total, { point }) => total + (point.value as number), 0)

describe("telemetry", () => {
  it.live("request spans follow OpenTelemetry's HTTP client conventions; metrics count requests and documents", () =>
    Effect.gen(function*() {
      const before = yield* collect
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      const connector = yield* connectors.create({ connectorTypeId: ".index", name: "t", config: { index: "t" } })
        .pipe(withSpace("ops"))
      yield* connectors.get(connector.id).pipe(withSpace("ops"))
      yield* Effect.flip(connectors.get("missing" as ConnectorId))
      // One 503 (Kibana not ready) answered before the handler: repeated once, then 200.
      yield* emulator.addFault({
        fault: { _tag: "Status", status: 503 },
        path: "/api/actions/connector/{id}",
        times: 1
      })
      // At debug level: the retry's and the answer's log lines are events of the request's span.
      yield* connectors.get(connector.id).pipe(
        withSpace("ops"),
        Logger.withMinimumLogLevel(LogLevel.Debug),
        Effect.provide(Logger.remove(Logger.defaultLogger))
      )
      const summary = yield* DocumentWriter.write(
        connector.id,
        Stream.range(1, 25).pipe(Stream.map((n) => ({ n }))),
        { batchSize: 10 }
      ).pipe(withSpace("ops"))
      assert.strictEqual(summary.written, 25)

      // Connectors.get: one client span per call, no other span of the platform's HTTP client
      const [got, missing, retried] = finished("Connectors.get")
      assert.strictEqual(finished("Connectors.get").length, 3)
      assert.deepStrictEqual(spans.getFinishedSpans().filter((span) => span.name.startsWith("http.client")), [])
      assert.strictEqual(got!.kind, 2) // SpanKind.CLIENT
      assert.deepInclude(got!.attributes, {
        "http.request.method": "GET",
        "url.full": `http://kibana.emulator.internal/s/ops/api/actions/connector/${connector.id}`,
        "server.address": "kibana.emulator.internal",
        "server.port": 80,
        "http.response.status_code": 200,
        "kibana.space.id": "ops"
      })
      assert.notProperty(got!.attributes, "error.type")
      assert.notProperty(got!.attributes, "http.request.resend_count")
      assert.strictEqual(got!.status.code, SpanStatusCode.OK)

      assert.deepInclude(missing!.attributes, {
        "http.response.status_code": 404,
        "error.type": "404",
        "kibana.space.id": "default"
      })
      assert.strictEqual(missing!.status.code, SpanStatusCode.ERROR)

      assert.deepInclude(retried!.attributes, { "http.response.status_code": 200, "http.request.resend_count": 1 })
      assert.deepStrictEqual(retried!.events.map((event) => event.name), ["retrying Kibana request", "Kibana request"])
      assert.deepStrictEqual(got!.events, [])

      const [created] = finished("Connectors.create")
      assert.deepInclude(created!.attributes, { "http.request.method": "POST", "kibana.connector.type": ".index" })

      // The writer: one span for the write, one client span per batch under it
      const [write] = finished("DocumentWriter.write")
      const batches = finished("DocumentWriter.batch")
      assert.strictEqual(batches.length, 3)
      for (const batch of batches) {
        assert.strictEqual(batch.parentSpanContext?.spanId, write!.spanContext().spanId)
        assert.deepInclude(batch.attributes, { "kibana.connector.type": ".index", "http.response.status_code": 200 })
      }

      const metrics = yield* collect
      const durations = dataPoints(metrics, "kibana.client.request.duration")
      assert.isTrue(durations.every(({ type }) => type === DataPointType.HISTOGRAM))
      const duration = "kibana.client.request.duration"
      const getOk = (attributes: Attributes) =>
        attributes["kibana.operation"] === "Connectors.get" && attributes["http.response.status_code"] === "200"
      const getMissing = (attributes: Attributes) =>
        attributes["kibana.operation"] === "Connectors.get" && attributes["error.type"] === "404"
      const ofGet = (attributes: Attributes) => attributes["kibana.operation"] === "Connectors.get"
      const any = () => true
      assert.strictEqual(histogramCount(metrics, duration, getOk) - histogramCount(before, duration, getOk), 2)
      assert.strictEqual(
        histogramCount(metrics, duration, getMissing) - histogramCount(before, duration, getMissing),
        1
      )
      const retries = "kibana.client.request.retries"
      assert.strictEqual(counterValue(metrics, retries, ofGet) - counterValue(before, retries, ofGet), 1)
      const written = "kibana.documents.written"
      assert.strictEqual(counterValue(metrics, written, any) - counterValue(before, written, any), 25)

      // No credential in any span or metric, in any form
      const exported = JSON.stringify([
        spans.getFinishedSpans().map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
        metrics.scopeMetrics
      ])
      for (const secret of ["changeme", Buffer.from("elastic:changeme").toString("base64")]) {
        assert.notInclude(exported, secret)
      }
    }).pipe(Effect.provide(testLayer)))
})
