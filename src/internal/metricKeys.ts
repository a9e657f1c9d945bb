/**
 * The keys of the client's metrics (see `KibanaMetrics`), shared with the code that updates them.
 */
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"

/** `kibana.client.request.duration`, seconds, from 0.5 ms to about 1 minute. */
export const requestDurationKey = MetricKey.histogram(
  "kibana.client.request.duration",
  MetricBoundaries.exponential({ start: 0.0005, factor: 2, count: 18 }),
  "Duration of requests to Kibana in seconds, retries included"
)

/** `kibana.client.request.retries`. */
export const requestRetriesKey = MetricKey.counter("kibana.client.request.retries", {
  description: "Requests to Kibana sent again after a retryable failure",
  incremental: true
})

/** `kibana.documents.written`. */
export const documentsWrittenKey = MetricKey.counter("kibana.documents.written", {
  description: "Documents written through .index connectors",
  incremental: true
})
