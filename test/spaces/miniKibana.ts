// A small scripted Kibana behind an `HttpClient`, for unit tests that must count and inspect every
// request (paths, lookups) and inject faults. Spaces are stored; any other path answers 200 `[]`.
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type { Duration } from "effect"
import { Effect, Layer } from "effect"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import * as Spaces from "../../src/services/Spaces.js"

export interface Seen {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly body: unknown
}

export type Answer =
  | { readonly status: number; readonly body?: unknown }
  | { readonly hang: true }
  | { readonly after: Duration.DurationInput; readonly answer: Answer }

const envelope = (statusCode: number, error: string, message: string): Answer => ({
  status: statusCode,
  body: { statusCode, error, message }
})

export const makeMiniKibana = () => {
  const seen: Array<Seen> = []
  const spaces = new Map<string, Record<string, unknown>>([
    ["default", { id: "default", name: "Default", disabledFeatures: [], _reserved: true }]
  ])
  // Set by a test to answer some requests itself (faults, slow answers); `undefined` falls through.
  let override: (request: Seen) => Answer | undefined = () => undefined

  const answer = (request: Seen): Answer => {
    const overridden = override(request)
    if (overridden !== undefined) return overridden
    const one = /^\/api\/spaces\/space\/([^/]+)$/.exec(request.path)
    if (request.path === "/api/spaces/space") {
      if (request.method === "GET") return { status: 200, body: [...spaces.values()] }
      const body = request.body as { id: string }
      if (spaces.has(body.id)) {
        return envelope(409, "Conflict", `A space with the identifier ${body.id} already exists.`)
      }
      spaces.set(body.id, { disabledFeatures: [], ...body })
      return { status: 200, body: spaces.get(body.id) }
    }
    if (one !== null) {
      const id = one[1]!
      const space = spaces.get(id)
      if (space === undefined) return envelope(404, "Not Found", "Not Found")
      if (request.method === "GET") return { status: 200, body: space }
      if (request.method === "PUT") {
        spaces.set(id, { disabledFeatures: [], ...(request.body as object), id })
        return { status: 200, body: spaces.get(id) }
      }
      if (space._reserved === true) {
        return envelope(400, "Bad Request", `The ${id} space cannot be deleted because it is reserved.`)
      }
      spaces.delete(id)
      return { status: 204 }
    }
    const create = /\/api\/actions\/connector(?:\/([^/]+))?$/.exec(request.path)
    if (request.method === "POST" && create !== null) {
      const body = request.body as { name: string; connector_type_id: string }
      return {
        status: 200,
        body: {
          id: create[1] ?? `c${seen.length}`,
          name: body.name,
          connector_type_id: body.connector_type_id,
          is_preconfigured: false
        }
      }
    }
    if (request.method === "DELETE") return { status: 204 }
    return { status: 200, body: [] }
  }

  const client = HttpClient.make((request, url) => {
    const text = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
    const recorded: Seen = {
      method: request.method,
      path: url.pathname,
      query: url.search,
      body: text === undefined ? undefined : JSON.parse(text)
    }
    seen.push(recorded)
    const respond = (result: Answer): Effect.Effect<HttpClientResponse.HttpClientResponse> => {
      if ("hang" in result) return Effect.never
      if ("after" in result) return Effect.zipRight(Effect.sleep(result.after), respond(result.answer))
      const body = result.body === undefined ? null : JSON.stringify(result.body)
      const headers: Record<string, string> = body === null ? {} : { "content-type": "application/json" }
      return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(body, { status: result.status, headers })))
    }
    return respond(answer(recorded))
  })

  return {
    seen,
    spaces,
    /** Paths requested, e.g. `GET /s/acme/api/actions/connectors`. */
    requests: () => seen.map((request) => `${request.method} ${request.path}`),
    /** How many existence lookups (`GET /api/spaces/space/<id>`) were made for `spaceId`. */
    lookups: (spaceId: string) =>
      seen.filter((request) => request.method === "GET" && request.path === `/api/spaces/space/${spaceId}`).length,
    setOverride: (f: (request: Seen) => Answer | undefined) => {
      override = f
    },
    /** KibanaClient (retries off) + Spaces over this fake. */
    layer: (options: Partial<KibanaClient.KibanaClientOptions> = {}) =>
      Spaces.layer.pipe(
        Layer.provideMerge(
          // The version is pinned so version gates never add a status lookup to the counted requests.
          KibanaClient.layer({
            url: "http://kibana.test:5601",
            retry: { times: 0 },
            serverVersion: "9.4.3",
            ...options
          })
        ),
        Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
        Layer.orDie
      )
  }
}
