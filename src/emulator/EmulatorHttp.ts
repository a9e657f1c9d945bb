/**
 * The emulator's framework-neutral HTTP model.
 *
 * Every emulated endpoint is a function from `EmulatorRequest` to `EmulatorResponse`, so the same code
 * serves a real loopback server and the socket-free in-process `HttpClient`; the adapters only convert.
 *
 * @since 0.1.0
 */

/**
 * A request as the emulator sees it: the body is already read (and size-checked) by the adapter.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorRequest {
  readonly method: string
  /** The path without query string, e.g. `/s/marketing/api/actions/connectors`. */
  readonly path: string
  readonly query: URLSearchParams
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The raw body text; empty when the request has none. */
  readonly body: string
}

/**
 * A response, or an instruction to drop the connection without answering (fault injection).
 *
 * @since 0.1.0
 * @category models
 */
export type EmulatorResponse =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    /** `undefined` for an empty body (204). */
    readonly body: string | undefined
  }
  | { readonly _tag: "Drop" }

/**
 * A JSON response with Kibana's headers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const json = (
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>
): EmulatorResponse => ({
  _tag: "Response",
  status,
  headers: headers === undefined ? jsonHeaders : { ...jsonHeaders, ...headers },
  body: JSON.stringify(body)
})

/**
 * The headers of a `json` answer without headers of its own: one shared, frozen object, so the
 * emulator can recognise it and add Kibana's response headers from a table merged once.
 *
 * @since 0.1.0
 * @category constants
 */
export const jsonHeaders: Readonly<Record<string, string>> = Object.freeze({
  "content-type": "application/json; charset=utf-8"
})

/**
 * A plain-text response, as Kibana sends while it is not ready (`Kibana server is not ready yet`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const text = (
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {}
): EmulatorResponse => ({
  _tag: "Response",
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body
})

/**
 * An empty response (Kibana answers 204 with no body to deletes).
 *
 * @since 0.1.0
 * @category constructors
 */
export const empty = (status: number): EmulatorResponse => ({ _tag: "Response", status, headers: {}, body: undefined })

const reasonPhrases: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

/**
 * Kibana's Boom-compatible error envelope `{statusCode, error, message}` (plus `attributes` when given).
 *
 * @since 0.1.0
 * @category constructors
 */
export const kibanaError = (
  status: number,
  message: string,
  options: { readonly headers?: Readonly<Record<string, string>>; readonly attributes?: unknown } = {}
): EmulatorResponse =>
  json(
    status,
    {
      statusCode: status,
      error: reasonPhrases[status] ?? "Unknown",
      message,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes })
    },
    options.headers
  )
