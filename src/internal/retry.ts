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

/** Whether `error` is worth another attempt of a `method` request. */
export const isRetryable = (error: KibanaRequestError, method: string): boolean => {
  switch (error._tag) {
    case "KibanaTooManyRequests":
      return true
    case "KibanaServerError":
      return error.status === 503 || ((error.status === 502 || error.status === 504) && idempotentMethods.has(method))
    case "KibanaTransportError":
      // A refused connection never reached Kibana, whatever the method.
      return error.reason === "ConnectionRefused" ||
        ((error.reason === "ConnectionReset" || error.reason === "Other") && idempotentMethods.has(method))
    case "KibanaTimeout":
      return idempotentMethods.has(method)
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

/** Runs `attempt`, repeating it on retryable failures as `settings` allow. */
export const withRetries = <A>(
  settings: RetrySettings,
  method: string,
  path: string,
  attempt: Effect.Effect<A, KibanaRequestError>
): Effect.Effect<A, KibanaRequestError> => {
  const loop = (retry: number): Effect.Effect<A, KibanaRequestError> =>
    Effect.catchAll(attempt, (error) => {
      if (retry >= settings.times || !isRetryable(error, method)) return Effect.fail(error)
      return Effect.flatMap(Random.nextRange(0.8, 1.2), (jitter) => {
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
    })
  return loop(0)
}
