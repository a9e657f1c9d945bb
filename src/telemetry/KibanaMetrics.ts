/**
 * The client's metrics, as `effect/Metric` values: export them with `@effect/opentelemetry`'s metrics
 * layer, or read them with `Metric.value`. No metric carries a credential, a URL or a document.
 *
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"

/**
 * Seconds each request to Kibana took, retries and waits included; tagged `kibana.operation` (e.g.
 * `Connectors.get`) and `http.response.status_code` or `error.type` (the error's tag when Kibana
 * never answered).
 *
 * @since 0.1.0
 * @category metrics
 */
export const requestDuration = Metric.histogram(
  "kibana.client.request.duration",
  MetricBoundaries.exponential({ start: 0.0005, factor: 2, count: 18 }),
  "Duration of requests to Kibana in seconds, retries included"
)

/**
 * Requests sent again after a retryable failure, tagged `kibana.operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const requestRetries = Metric.counter("kibana.client.request.retries", {
  description: "Requests to Kibana sent again after a retryable failure",
  incremental: true
})

/**
 * Documents Kibana confirmed as written through `.index` connectors.
 *
 * @since 0.1.0
 * @category metrics
 */
export const documentsWritten = Metric.counter("kibana.documents.written", {
  description: "Documents written through .index connectors",
  incremental: true
})
