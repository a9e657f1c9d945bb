import { Effect } from "effect"

/** What a test sees of an HTTP answer. */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

export const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`

export const elastic = basic("elastic", "changeme")

export interface CallOptions {
  readonly body?: unknown
  /** Sent as is (for malformed JSON). */
  readonly rawBody?: string
  /** `Authorization` header; `null` sends none. Default: the `elastic` user. */
  readonly authorization?: string | null
  /** Whether to send `kbn-xsrf` (default true). */
  readonly xsrf?: boolean
  readonly headers?: Record<string, string>
}

/** A plain `fetch` call against the emulator. */
export const call = (url: string, method: string, path: string, options: CallOptions = {}) =>
  Effect.promise(async (): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers }
    const authorization = options.authorization === undefined ? elastic : options.authorization
    if (authorization !== null) headers["authorization"] = authorization
    if (options.xsrf !== false) headers["kbn-xsrf"] = "true"
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    if (body !== undefined) headers["content-type"] = "application/json"
    const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    let json: unknown = undefined
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, json }
  })
