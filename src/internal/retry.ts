/**
 * When and how long to wait before repeating a failed request.
 *
 * Kibana's 429 (pre-auth rate limiter) and 503 (not ready) are answered before a handler runs, so they
 * are safe to repeat for every method, honouring `Retry-After`. A lost connection or a timeout may hit
 * after Kibana acted, so only idempotent methods are repeated then: a repeated create could duplicate.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import type * as Tracer from "effect/Tracer"
import type { KibanaRequestError } from "../errors/KibanaError.js"

/** The resolved retry settings of one client. */
export interface RetrySettings {
  /** Repeats after the first attempt; 0 disables retries. */
  readonly times: number
  readonly baseDelay: Duration.Duration
  /** Upper bound for any single wait, including a server's `Retry-After`. */
  readonly maxDelay: Duration.Duration
}

const idempotentMethods = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])

/** Whether repeating a `method` request is harmless, unless the request says otherwise. */
export const isIdempotent = (method: string, declared?: boolean): boolean => declared ?? idempotentMethods.has(method)

/** How an answer can be lost after the request left. */
export type LostAnswer = Extract<
  KibanaRequestError,
  { readonly _tag: "KibanaTimeout" | "KibanaTransportError" | "KibanaServerError" }
>

/**
 * Whether the request may have been acted on although its answer says nothing: a reset or a timeout
 * after it left, or a 5xx other than Kibana's pre-handler 503. A refused connection, a DNS or TLS
 * failure never reached Kibana; any other answer is Kibana saying what it did.
 */
export const isLostAnswer = (error: KibanaRequestError): error is LostAnswer => {
  switch (error._tag) {
    case "KibanaTimeout":
      return true
    case "KibanaTransportError":
      return error.reason === "ConnectionReset" || error.reason === "Other"
    case "KibanaServerError":
      return error.status !== 503
    default:
      return false
  }
}

/** Whether `error` is worth another attempt of a request (`idempotent`: safe to repeat). */
export const isRetryable = (error: KibanaRequestError, idempotent: boolean): boolean => {
  switch (error._tag) {
    case "KibanaTooManyRequests":
      return true
    case "KibanaServerError":
      return error.status === 503 || ((error.status === 502 || error.status === 504) && idempotent)
    case "KibanaTransportError":
      // A refused connection never reached Kibana, whatever the method.
      return error.reason === "ConnectionRefused" ||
        ((error.reason === "ConnectionReset" || error.reason === "Other") && idempotent)
    case "KibanaTimeout":
      return idempotent
    default:
      return false
  }
}

const serverDelay = (error: KibanaRequestError): Duration.Duration | undefined =>
  error._tag === "KibanaTooManyRequests" || error._tag === "KibanaServerError" ? error.retryAfter : undefined

/**
 * The wait before retry number `attempt` (0-based): the server's `Retry-After`, else exponential backoff
 * scaled by `jitter` (0.8 to 1.2, from Effect's `Random` so tests can control it).
 */
export const retryDelay = (
  settings: RetrySettings,
  error: KibanaRequestError,
  attempt: number,
  jitter: number
): Duration.Duration => {
  const backoff = Duration.times(settings.baseDelay, 2 ** attempt * jitter)
  return Duration.min(serverDelay(error) ?? backoff, settings.maxDelay)
}

/** What the retry loop needs to know of a request. */
export interface RetriedRequest {
  readonly method: string
  readonly path: string
  readonly idempotent: boolean
  /** The request's span, when it is not the current one: the retry's log line and waits run under it. */
  readonly span?: Tracer.AnySpan | undefined
}

/** Runs `attempt`, repeating it on retryable failures as `settings` allow. */
export const withRetries = <A>(
  settings: RetrySettings,
  request: RetriedRequest,
  attempt: Effect.Effect<A, KibanaRequestError>
): Effect.Effect<A, KibanaRequestError> => {
  const { idempotent, method, path } = request
  const loop = (retry: number): Effect.Effect<A, KibanaRequestError> =>
    Effect.catchAll(attempt, (error) => {
      if (retry >= settings.times || !isRetryable(error, idempotent)) return Effect.fail(error)
      const retried = Effect.flatMap(Random.nextRange(0.8, 1.2), (jitter) => {
        const delay = retryDelay(settings, error, retry, jitter)
        return Effect.logDebug("retrying Kibana request").pipe(
          Effect.annotateLogs({
            method,
            path,
            error: error._tag,
            retry: retry + 1,
            delay: Duration.format(delay)
          }),
          Effect.zipRight(Effect.sleep(delay)),
          Effect.zipRight(loop(retry + 1))
        )
      })
      return request.span === undefined ? retried : Effect.withParentSpan(retried, request.span)
    })
  return loop(0)
}
