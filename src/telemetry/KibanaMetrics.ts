/**
 * The client's metrics, as `effect/Metric` values: export them with `@effect/opentelemetry`'s metrics
 * layer, or read them with `Metric.value`. No metric carries a credential, a URL or a document.
 *
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"
import { documentsWrittenKey, requestDurationKey, requestRetriesKey } from "../internal/metricKeys.js"

/**
 * Seconds each request to Kibana took, retries and waits included; tagged `kibana.operation` (e.g.
 * `Connectors.get`) and `http.response.status_code` or `error.type` (the error's tag when Kibana
 * never answered).
 *
 * @since 0.1.0
 * @category metrics
 */
export const requestDuration = Metric.fromMetricKey(requestDurationKey)

/**
 * Requests sent again after a retryable failure, tagged `kibana.operation`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const requestRetries = Metric.fromMetricKey(requestRetriesKey)

/**
 * Documents Kibana confirmed as written through `.index` connectors.
 *
 * @since 0.1.0
 * @category metrics
 */
export const documentsWritten = Metric.fromMetricKey(documentsWrittenKey)
