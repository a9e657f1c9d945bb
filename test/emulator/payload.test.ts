// Request bodies over real HTTP, parsed by content type as Kibana's hapi server does (subtext), then
// validated by the route's config-schema body schema (which parses a JSON string itself).
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { elastic } from "./helpers.js"

const withServer = <A>(f: (url: string) => Effect.Effect<A>) =>
  Effect.provide(
    Effect.flatMap(EmulatorServer.EmulatorServer, (server) => f(server.url)),
    EmulatorServer.layerServer({ maxPayloadBytes: 2048 })
  )

/** POSTs a connector; `contentType` undefined sends no content-type header (a byte body gets none). */
const post = (url: string, contentType: string | undefined, body: string) =>
  Effect.promise(async () => {
    const headers: Record<string, string> = { authorization: elastic, "kbn-xsrf": "true" }
    if (contentType !== undefined) headers["content-type"] = contentType
    const response = await fetch(`${url}/api/actions/connector`, {
      method: "POST",
      headers,
      body: new TextEncoder().encode(body)
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: JSON.parse(text) }
  })

const logConnector = JSON.stringify({ name: "log", connector_type_id: ".server-log" })

const error = (statusCode: number, error: string, message: string) => ({ statusCode, error, message })

describe("request payloads by content type, over HTTP", () => {
  it.effect("JSON, no content type, text/* and form-encoded bodies reach the route", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const accepted = [
          yield* post(url, undefined, logConnector),
          yield* post(url, "application/json", logConnector),
          yield* post(url, "application/vnd.kibana+json; charset=utf-8", logConnector),
          // config-schema's object type parses a string payload as JSON
          yield* post(url, "text/plain", logConnector),
          yield* post(url, "application/x-www-form-urlencoded", "name=log&connector_type_id=.server-log")
        ]
        assert.deepStrictEqual(accepted.map((answer) => answer.status), [200, 200, 200, 200, 200])
        assert.deepStrictEqual(accepted.map((answer) => answer.json.connector_type_id), Array(5).fill(".server-log"))
        assert.strictEqual(accepted[0]!.headers.get("cache-control"), "private, no-cache, no-store, must-revalidate")
      })
    ))

  it.effect("what the body schema then rejects: unparsable text, a non-object, bytes, an empty body", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const text = yield* post(url, "text/plain", "name=log")
        assert.deepStrictEqual(
          [text.status, text.json],
          [400, error(400, "Bad Request", "[request body]: could not parse object value from json input")]
        )
        const array = yield* post(url, "text/plain; charset=utf-8", "[1,2]")
        assert.deepStrictEqual(
          array.json,
          error(400, "Bad Request", "[request body]: expected a plain object value, but found [Array] instead.")
        )
        const bytes = yield* post(url, "application/octet-stream", logConnector)
        assert.deepStrictEqual(
          bytes.json,
          error(400, "Bad Request", "[request body]: expected a plain object value, but found [Uint8Array] instead.")
        )
        const empty = yield* post(url, "application/json", "")
        assert.deepStrictEqual(
          empty.json,
          error(400, "Bad Request", "[request body]: expected a plain object value, but found [null] instead.")
        )
      })
    ))

  it.effect("hapi's own errors: invalid JSON, unsupported or unreadable types, multipart, too large", () =>
    withServer((url) =>
      Effect.gen(function*() {
        const invalid = yield* post(url, "application/json", "{\"name\":")
        assert.deepStrictEqual(
          [invalid.status, invalid.json],
          [400, error(400, "Bad Request", "Invalid request payload JSON format")]
        )
        const prototype = yield* post(url, "application/json", "{\"__proto__\":{\"x\":1}}")
        assert.deepStrictEqual(prototype.json, error(400, "Bad Request", "Invalid request payload JSON format"))
        const unsupported = error(415, "Unsupported Media Type", "Unsupported Media Type")
        for (const type of ["application/xml", "image/png", "multipart/form-data; boundary=x"]) {
          const answer = yield* post(url, type, logConnector)
          assert.deepStrictEqual([answer.status, answer.json], [415, unsupported], type)
        }
        const noBoundary = yield* post(url, "multipart/form-data", logConnector)
        assert.deepStrictEqual(
          noBoundary.json,
          error(400, "Bad Request", "Invalid content-type header: multipart missing boundary")
        )
        const unreadable = yield* post(url, "json", logConnector)
        assert.deepStrictEqual(unreadable.json, error(400, "Bad Request", "Invalid content-type header"))
        const large = yield* post(url, "application/json", JSON.stringify({ name: "x".repeat(4096) }))
        assert.deepStrictEqual(
          [large.status, large.json],
          [413, error(413, "Request Entity Too Large", "Payload content length greater than maximum allowed: 2048")]
        )
      })
    ))
})
