// HTTP-level fidelity. Kibana's onPreResponse headers (security response headers with their defaults, kbn-name) on every
// answer of the Kibana server, errors included; not on the not-ready server's 503 nor on `/_es`.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { elastic } from "./helpers.js"

const expected = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), display-capture=(), fullscreen=(self), geolocation=(), microphone=(), web-share=()",
  "cross-origin-opener-policy": "same-origin",
  "kbn-name": "kibana",
  // hapi's route default in Kibana (getServerOptions `routes.cache.otherwise`)
  "cache-control": "private, no-cache, no-store, must-revalidate"
}

const headersOf = (
  emulator: KibanaEmulator.KibanaEmulator.Service,
  method: string,
  path: string,
  headers: Record<string, string> = { authorization: elastic, "kbn-xsrf": "true" }
) =>
  Effect.map(
    emulator.handle({ method, path, query: new URLSearchParams(), headers, body: "" }),
    (response) => response._tag === "Response" ? { status: response.status, headers: response.headers } : undefined
  )

const kibanaHeaders = (headers: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.keys(expected).filter((name) => name in headers).map((name) => [name, headers[name]]))

describe("Kibana's response headers", () => {
  it.effect("on successes, errors, unknown routes and the anonymous status", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make()
      const answers = [
        yield* headersOf(emulator, "GET", "/api/actions/connectors"),
        yield* headersOf(emulator, "GET", "/api/actions/connector/missing"),
        yield* headersOf(emulator, "GET", "/api/nothing-here"),
        yield* headersOf(emulator, "GET", "/api/actions/connectors", {}),
        yield* headersOf(emulator, "GET", "/api/status", {}),
        yield* headersOf(emulator, "DELETE", "/api/spaces/space/default")
      ]
      assert.deepStrictEqual(answers.map((answer) => answer?.status), [200, 404, 404, 401, 200, 400])
      for (const answer of answers) assert.deepStrictEqual(kibanaHeaders(answer!.headers), expected)
    }))

  it.effect("on the rate limiter's 429, not on the not-ready server's 503 nor on /_es", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({
        faults: [
          { path: "/api/actions/connectors", fault: { _tag: "Status", status: 429 } },
          { path: "/api/spaces/space", fault: { _tag: "Status", status: 503 } }
        ]
      })
      const limited = yield* headersOf(emulator, "GET", "/api/actions/connectors")
      assert.strictEqual(limited?.status, 429)
      assert.deepStrictEqual(kibanaHeaders(limited!.headers), expected)
      const notReady = yield* headersOf(emulator, "GET", "/api/spaces/space")
      assert.strictEqual(notReady?.status, 503)
      assert.deepStrictEqual(kibanaHeaders(notReady!.headers), {})
      const elasticsearch = yield* headersOf(emulator, "GET", "/_es/")
      assert.deepStrictEqual(kibanaHeaders(elasticsearch!.headers), {})
    }))
})

describe("payload parsing by content type (hapi/subtext)", () => {
  const post = (emulator: KibanaEmulator.KibanaEmulator.Service, contentType: string | undefined) =>
    Effect.map(
      emulator.handle({
        method: "POST",
        path: "/api/actions/connector",
        query: new URLSearchParams(),
        headers: {
          authorization: elastic,
          "kbn-xsrf": "true",
          ...(contentType === undefined ? {} : { "content-type": contentType })
        },
        body: JSON.stringify({ name: "log", connector_type_id: ".server-log" })
      }),
      (response) => response._tag === "Response" ? { status: response.status, body: response.body } : undefined
    )

  it.effect("JSON types (and no content type) are parsed; an unsupported type is hapi's 415", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make()
      for (const type of [undefined, "application/json; charset=utf-8", "application/vnd.kibana+json"]) {
        assert.strictEqual((yield* post(emulator, type))?.status, 200, String(type))
      }
      assert.deepStrictEqual(yield* post(emulator, "application/xml"), {
        status: 415,
        body: JSON.stringify({ statusCode: 415, error: "Unsupported Media Type", message: "Unsupported Media Type" })
      })
      assert.strictEqual((yield* emulator.connectors).length, 3)
    }))
})
