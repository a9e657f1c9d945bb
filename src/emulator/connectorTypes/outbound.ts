/**
 * The real outbound HTTP call made by the HTTP-based connector types (`.webhook`, `.slack`, `.teams`,
 * `.pagerduty`), reduced to what Kibana's executors look at: status, reason phrase, headers and body, or
 * the transport error's code and message (as axios reports them: `[ECONNREFUSED] connect ECONNREFUSED ...`).
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { STATUS_CODES } from "node:http"

/**
 * The outcome of one outbound request.
 *
 * @since 0.1.0
 * @category models
 */
export type OutboundResult =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly statusText: string
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }
  | {
    readonly _tag: "Failure"
    /** The Node error code (`ECONNREFUSED`, `ENOTFOUND`, `ECONNABORTED` for a timeout), when there is one. */
    readonly code: string | undefined
    readonly message: string
  }

/**
 * An outbound request.
 *
 * @since 0.1.0
 * @category models
 */
export interface OutboundRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * Kibana's default `xpack.actions.responseTimeout` (60s), used by every axios call of the actions plugin.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultTimeout: Duration.Duration = Duration.seconds(60)

// the innermost error carrying a Node error code (fetch wraps it in "fetch failed", undici in its own errors)
const findCodedCause = (error: unknown): { readonly code: string; readonly message: string } | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { readonly code?: unknown; readonly message?: unknown; readonly cause?: unknown }
    if (typeof candidate.code === "string" && typeof candidate.message === "string") {
      return { code: candidate.code, message: candidate.message }
    }
    current = candidate.cause
  }
  return undefined
}

const transportFailure = (error: HttpClientError.HttpClientError): OutboundResult => {
  const coded = findCodedCause(error.cause)
  if (coded !== undefined) return { _tag: "Failure", code: coded.code, message: coded.message }
  const cause = error.cause
  const message = cause instanceof Error ? cause.message : error.message
  return { _tag: "Failure", code: undefined, message }
}

const contentTypeOf = (headers: Readonly<Record<string, string>>): string | undefined =>
  Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1]

/**
 * Sends the request and never fails: transport errors and timeouts become a `Failure`.
 *
 * @since 0.1.0
 * @category running
 */
export const send = (
  client: HttpClient.HttpClient,
  request: OutboundRequest,
  timeout: Duration.Duration
): Effect.Effect<OutboundResult> => {
  const base = HttpClientRequest.make(request.method)(request.url).pipe(HttpClientRequest.setHeaders(request.headers))
  const withBody = request.body === undefined
    ? base
    : HttpClientRequest.bodyText(base, request.body, contentTypeOf(request.headers) ?? "application/json")
  return client.execute(withBody).pipe(
    Effect.flatMap((response) =>
      Effect.map(response.text, (body): OutboundResult => ({
        _tag: "Response",
        status: response.status,
        statusText: STATUS_CODES[response.status] ?? "",
        headers: response.headers,
        body
      }))
    ),
    Effect.timeoutTo({
      duration: timeout,
      onSuccess: (result) => result,
      // axios' wording for its own timeout
      onTimeout: (): OutboundResult => ({
        _tag: "Failure",
        code: "ECONNABORTED",
        message: `timeout of ${Duration.toMillis(timeout)}ms exceeded`
      })
    }),
    Effect.catchAll((error) => Effect.succeed(transportFailure(error)))
  )
}

/**
 * Reads a `Retry-After` header given in seconds, as Kibana's `getRetryAfterIntervalFromHeaders` does.
 *
 * @since 0.1.0
 * @category utils
 */
export const retryAfterSeconds = (headers: Readonly<Record<string, string>>): number | undefined => {
  const value = headers["retry-after"]
  if (value === undefined) return undefined
  const seconds = Number.parseInt(value, 10)
  return Number.isNaN(seconds) ? undefined : seconds
}

/**
 * `JSON.parse` that answers `undefined` for text that is not JSON (axios keeps such bodies as strings).
 *
 * @since 0.1.0
 * @category utils
 */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
