/**
 * Turns what came back from the wire into the client's tagged errors: platform transport failures,
 * Kibana's error envelope, plain-text answers, and servers that are not Kibana.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import {
  KibanaBadRequest,
  KibanaConflict,
  KibanaForbidden,
  KibanaNotFound,
  KibanaServerError,
  KibanaTooManyRequests,
  KibanaTransportError,
  KibanaUnauthorized,
  KibanaUnexpectedStatus,
  KibanaWrongServer
} from "../errors/KibanaError.js"
import type { KibanaRequestError } from "../errors/KibanaError.js"

/** An answer read in full: the status, lower-cased headers and the body text. */
export interface RawAnswer {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly text: string
}

const systemErrorCode = (cause: unknown): { code?: string; message?: string } => {
  // fetch wraps the system error in `TypeError("fetch failed").cause`; undici and node:http throw it directly.
  let current: unknown = cause
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof candidate.code === "string") {
      return {
        code: candidate.code,
        ...(typeof candidate.message === "string" ? { message: candidate.message } : {})
      }
    }
    current = candidate.cause
  }
  return typeof cause === "object" && cause !== null && typeof (cause as { message?: unknown }).message === "string"
    ? { message: (cause as { message: string }).message }
    : {}
}

const reasonForCode = (code: string | undefined): KibanaTransportError["reason"] => {
  if (code === undefined) return "Other"
  if (code === "ECONNREFUSED") return "ConnectionRefused"
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET" || code === "UND_ERR_CLOSED") {
    return "ConnectionReset"
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "DnsLookup"
  if (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code.includes("CERT") || code.includes("SIGNATURE")) {
    return "Tls"
  }
  return "Other"
}

/** Classifies a platform request/response failure; only the system error's code and text are kept. */
export const transportError = (
  method: string,
  path: string,
  error: HttpClientError.HttpClientError
): KibanaTransportError => {
  if (error._tag === "RequestError" && error.reason === "InvalidUrl") {
    return new KibanaTransportError({ method, path, reason: "InvalidUrl", detail: "the request URL is not valid" })
  }
  return causeTransportError(method, path, error.cause, error._tag === "ResponseError", error.message)
}

/**
 * Classifies a failure from its underlying cause; `answered` when it came while reading the answer
 * (without a system error code, that is a connection lost mid-answer).
 */
export const causeTransportError = (
  method: string,
  path: string,
  cause: unknown,
  answered: boolean,
  fallback: string
): KibanaTransportError => {
  const { code, message } = systemErrorCode(cause)
  const reason = answered && code === undefined ? "ConnectionReset" : reasonForCode(code)
  const detail = [code, message].filter((part) => part !== undefined && part !== "").join(": ")
  return new KibanaTransportError({ method, path, reason, detail: detail === "" ? fallback : detail })
}

/** `Retry-After` as seconds or an HTTP date. */
export const parseRetryAfter = (
  value: string | undefined,
  now: Date = new Date()
): Option.Option<Duration.Duration> => {
  if (value === undefined) return Option.none()
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Option.some(Duration.seconds(Number(trimmed)))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? Option.none() : Option.some(Duration.millis(Math.max(0, date - now.getTime())))
}

const isJson = (answer: RawAnswer) => (answer.headers["content-type"] ?? "").includes("json")

/** Parses a JSON body; `undefined` when the body is empty or not JSON. */
export const parseJsonBody = (answer: RawAnswer): unknown => {
  if (answer.text === "") return undefined
  try {
    return JSON.parse(answer.text)
  } catch {
    return undefined
  }
}

/**
 * When the answer says it comes from something other than Kibana: Elasticsearch marks every answer with
 * `x-elastic-product`, and a proxy or web server answers with HTML. Kibana's API answers are JSON (or
 * its plain-text "not ready" page), never either.
 */
export const notKibana = (answer: RawAnswer): Option.Option<KibanaWrongServer> => {
  const product = answer.headers["x-elastic-product"]
  const contentType = answer.headers["content-type"] ?? ""
  const server = product ?? (contentType.includes("text/html") ? "an HTML page (text/html)" : undefined)
  return server === undefined
    ? Option.none()
    : Option.some(new KibanaWrongServer({ method: answer.method, path: answer.path, status: answer.status, server }))
}

const excerpt = (text: string) => {
  const collapsed = text.replace(/\s+/g, " ").trim()
  return collapsed.length > 300 ? `${collapsed.slice(0, 300)}...` : collapsed
}

const envelopeOf = (answer: RawAnswer): { message: string; attributes?: unknown } => {
  const body = isJson(answer) ? parseJsonBody(answer) : undefined
  if (typeof body === "object" && body !== null && typeof (body as { message?: unknown }).message === "string") {
    const { attributes, message } = body as { message: string; attributes?: unknown }
    return attributes === undefined ? { message } : { message, attributes }
  }
  return { message: answer.text === "" ? `HTTP ${answer.status}` : excerpt(answer.text) }
}

/** Maps a non-2xx Kibana answer to the tagged error for its status, keeping Kibana's own message. */
export const statusError = (answer: RawAnswer): KibanaRequestError => {
  const foreign = notKibana(answer)
  if (Option.isSome(foreign)) return foreign.value
  const { attributes, message } = envelopeOf(answer)
  const fields = { method: answer.method, path: answer.path, status: answer.status, kibanaMessage: message }
  const retryAfter = Option.getOrUndefined(parseRetryAfter(answer.headers["retry-after"]))
  const withRetryAfter = retryAfter === undefined ? fields : { ...fields, retryAfter }
  switch (answer.status) {
    case 400:
      return new KibanaBadRequest(attributes === undefined ? fields : { ...fields, attributes })
    case 401:
      return new KibanaUnauthorized(fields)
    case 403:
      return new KibanaForbidden(fields)
    case 404:
      return new KibanaNotFound(fields)
    case 409:
      return new KibanaConflict(fields)
    case 429:
      return new KibanaTooManyRequests(withRetryAfter)
    default:
      return answer.status >= 500 ? new KibanaServerError(withRetryAfter) : new KibanaUnexpectedStatus(fields)
  }
}
