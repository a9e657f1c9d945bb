/**
 * Spans and metrics of requests to Kibana, kept apart from the transport so both stay small.
 *
 * The request span follows OpenTelemetry's HTTP client conventions (`http.request.method`, `url.full`,
 * `server.address`, `server.port`, `http.response.status_code`, `error.type`,
 * `http.request.resend_count`) plus `kibana.space.id` and `kibana.connector.type`. The base URL never
 * holds credentials (the client refuses such URLs), and no header or body is recorded.
 */
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as HashMap from "effect/HashMap"
import * as Metric from "effect/Metric"
import * as MetricKey from "effect/MetricKey"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import type { KibanaRequestError } from "../errors/KibanaError.js"
import * as KibanaMetrics from "../telemetry/KibanaMetrics.js"
import { requestDurationKey, requestRetriesKey } from "./metricKeys.js"

/** What the client knows about its server, computed once per client. */
export interface ServerAttributes {
  readonly "server.address": string
  readonly "server.port": number
}

/** `server.address` and `server.port` of a validated base URL. */
export const serverAttributes = (baseUrl: string): ServerAttributes => {
  const url = new URL(baseUrl)
  return {
    "server.address": url.hostname,
    "server.port": url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port)
  }
}

/**
 * `Effect.useSpan` without making the span current: `body` gets the span, and the span ends when `body`
 * ends (success, failure or interruption). Making it current (`Effect.withParentSpan`) sets the fiber's
 * context twice per request, and each set copies the fiber's references and the context (in-process
 * `Connectors.get` without them: 45.5 us of CPU per call instead of 48, pinned, median of 8). The request
 * makes the span current only around what may open a span or write a log line under it (a transport
 * that is not a lean wire, a retry, a space or version lookup, the debug line): see `KibanaClient`. The
 * span is a client span with `attributes`, made by `unsafeClientSpan`.
 */
export const withRequestSpan = <A, E, R>(
  name: string,
  attributes: Readonly<Record<string, unknown>>,
  body: (span: Tracer.Span) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  // Uninterruptible from the span's creation to its end: an interrupted request ends its span too. (One
  // region, not `Effect.onExit` inside another: three effect steps fewer per request.)
  Effect.uninterruptibleMask((restore) =>
    Effect.withFiberRuntime((fiber) => {
      const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
      const timing = fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
      const made = unsafeClientSpan(fiber, name, attributes, clock, timing)
      return made === undefined
        ? Effect.flatMap(
          Effect.makeSpan(name, { kind: "client", captureStackTrace: false, attributes }),
          (span) => ended(span, clock, timing, restore(body(span)))
        )
        : ended(made, clock, timing, restore(body(made)))
    })
  )

/**
 * The request's client span as `Effect.makeSpan` makes it (parent, links, annotations, start time), without
 * its two copies per call: it reads the fiber's references through `getFiberRefs`, which copies them all, and
 * the attributes through `Object.entries` (in-process `Connectors.get`, pinned, median of 6: 37.3 us of CPU
 * per call with `makeSpan`, 35.0 without). `undefined` when tracing is off for the fiber: `Effect.makeSpan`
 * then makes its own span. test/client/span-context.test.ts holds it to `makeSpan`'s behaviour.
 */
const unsafeClientSpan = (
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  name: string,
  attributes: Readonly<Record<string, unknown>>,
  clock: Clock.Clock,
  timing: boolean
): Tracer.Span | undefined => {
  if (!fiber.getFiberRef(FiberRef.currentTracerEnabled)) return undefined
  const links = Chunk.toReadonlyArray(fiber.getFiberRef(FiberRef.currentTracerSpanLinks))
  const span = fiber.currentTracer.span(
    name,
    propagatedParent(fiber.currentSpan),
    Context.empty(),
    links,
    timing ? clock.unsafeCurrentTimeNanos() : BigInt(0),
    "client",
    { kind: "client", captureStackTrace: false, attributes }
  )
  HashMap.forEach(fiber.getFiberRef(FiberRef.currentTracerSpanAnnotations), (value, key) => span.attribute(key, value))
  for (const key in attributes) span.attribute(key, attributes[key])
  return span
}

// A span whose context disables propagation is not a parent: its nearest ancestor that propagates is.
const propagatedParent = (span: Tracer.AnySpan | undefined): Option.Option<Tracer.AnySpan> => {
  let current = span
  while (current !== undefined && Context.get(current.context, Tracer.DisablePropagation)) {
    current = current._tag === "Span" ? Option.getOrUndefined(current.parent) : undefined
  }
  return Option.fromNullable(current)
}

const ended = <A, E, R>(
  span: Tracer.Span,
  clock: Clock.Clock,
  timing: boolean,
  body: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  const end = (exit: Exit.Exit<unknown, unknown>) =>
    Effect.sync(() => {
      if (span.status._tag !== "Ended") span.end(timing ? clock.unsafeCurrentTimeNanos() : BigInt(0), exit)
    })
  return Effect.matchCauseEffect(body, {
    onFailure: (cause) => Effect.zipRight(end(Exit.failCause(cause)), Effect.failCause(cause)),
    // The span ends with `Exit.void`, not the value: a span keeps its exit, and a span outlives its
    // request in the old generation when the request was slow, so the answer it held was promoted
    // with it (bulk benchmark, 300k documents: 47 MB promoted for nothing).
    onSuccess: (value) => Effect.as(end(Exit.void), value)
  })
}

/** The W3C `traceparent` header of `span`, so Kibana's own traces join the caller's. */
export const traceparent = (span: Tracer.Span): string =>
  `00-${span.traceId}-${span.spanId}-${span.sampled ? "01" : "00"}`

/**
 * `error.type`: the status code when Kibana answered (OpenTelemetry's rule), else the error's tag; for
 * a lost answer, how it was lost.
 */
export const errorType = (error: KibanaRequestError): string => {
  const lost = error._tag === "KibanaUnknownOutcome" ? error.cause : error
  return "status" in lost && typeof lost.status === "number" ? String(lost.status) : lost._tag
}

// One metric per tag combination, built from its tagged key once: `Metric.tagged` looks its key up
// in the registry on every update (hashing it), which showed in profiles.
const durations = new Map<string, Metric.Metric.Histogram<number>>()
const retries = new Map<string, Metric.Metric.Counter<number>>()

const durationOf = (operation: string, key: string, value: string) => {
  const id = `${operation}\u0000${key}\u0000${value}`
  let metric = durations.get(id)
  if (metric === undefined) {
    metric = Metric.fromMetricKey(
      MetricKey.taggedWithLabels(requestDurationKey, [
        MetricLabel.make("kibana.operation", operation),
        MetricLabel.make(key, value)
      ])
    )
    durations.set(id, metric)
  }
  return metric
}

const retriesOf = (operation: string) => {
  let metric = retries.get(operation)
  if (metric === undefined) {
    metric = Metric.fromMetricKey(
      MetricKey.taggedWithLabels(requestRetriesKey, [MetricLabel.make("kibana.operation", operation)])
    )
    retries.set(operation, metric)
  }
  return metric
}

/**
 * Records one finished request: its duration, its retries, and the span's outcome attributes. The
 * metrics are updated as `Metric.update` does (with the fiber's metric labels), in one step per request.
 */
export const recordRequest = (
  span: Tracer.Span,
  operation: string,
  startedAt: number,
  resends: number,
  outcome: { readonly status: number } | { readonly error: KibanaRequestError }
): Effect.Effect<void> =>
  FiberRef.getWith(
    FiberRef.currentMetricLabels,
    (tags) => Effect.sync(() => unsafeRecordRequest(span, operation, startedAt, resends, outcome, tags))
  )

/** `recordRequest` as a plain call, given the fiber's metric labels. */
export const unsafeRecordRequest = (
  span: Tracer.Span,
  operation: string,
  startedAt: number,
  resends: number,
  outcome: { readonly status: number } | { readonly error: KibanaRequestError },
  tags: ReadonlyArray<MetricLabel.MetricLabel>
): void => {
  if (resends > 0) span.attribute("http.request.resend_count", resends)
  const result: readonly [string, string] = "status" in outcome
    ? ["http.response.status_code", String(outcome.status)]
    : ["error.type", errorType(outcome.error)]
  if ("status" in outcome) {
    span.attribute("http.response.status_code", outcome.status)
  } else {
    span.attribute("error.type", result[1])
    if ("status" in outcome.error && typeof outcome.error.status === "number") {
      span.attribute("http.response.status_code", outcome.error.status)
    }
  }
  const seconds = (performance.now() - startedAt) / 1000
  durationOf(operation, result[0], result[1]).unsafeUpdate(seconds, tags)
  if (resends > 0) retriesOf(operation).unsafeUpdate(resends, tags)
}

/** Counts documents Kibana confirmed as written. */
export const documentsWritten = (count: number): Effect.Effect<void> =>
  count === 0 ? Effect.void : Metric.incrementBy(KibanaMetrics.documentsWritten, count)
