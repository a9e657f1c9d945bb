// HTTP-level fidelity. Kibana's onPreResponse headers (security response headers with their defaults, kbn-name, the
// version's Content-Security-Policy headers) on every answer of the Kibana server, errors included; not on the
// not-ready server's 503 nor on `/_es`.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
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

// Kibana's default `CspConfig.header` / `reportOnlyHeader` (csp/csp_config.test.ts, csp_directives.test.ts
// snapshots), written out here rather than taken from the emulator's module.
const scriptWorkerStyle =
  "script-src 'report-sample' 'self'; worker-src 'report-sample' 'self' blob:; style-src 'report-sample' 'self' 'unsafe-inline'"
const formActionOnly = {
  "content-security-policy": scriptWorkerStyle,
  "content-security-policy-report-only": "form-action 'report-sample' 'self'"
}
const objectSrcReported = {
  "content-security-policy": scriptWorkerStyle,
  "content-security-policy-report-only": "form-action 'report-sample' 'self'; object-src 'report-sample' 'none'"
}
const defaultSrcTested = {
  "content-security-policy": `${scriptWorkerStyle}; object-src 'report-sample' 'none'`,
  "content-security-policy-report-only": "form-action 'report-sample' 'self'; default-src 'report-sample' 'none'; " +
    "font-src 'report-sample' 'self'; img-src 'report-sample' 'self' data: tiles.maps.elastic.co; " +
    "connect-src 'report-sample' 'self' telemetry.elastic.co telemetry-staging.elastic.co feeds.elastic.co " +
    `tiles.maps.elastic.co vector.maps.elastic.co; ${scriptWorkerStyle}; object-src 'report-sample' 'none'`
}

const cspOverHttp = (version: string) =>
  Effect.provide(
    Effect.flatMap(EmulatorServer.EmulatorServer, (server) =>
      Effect.promise(async () => {
        const answers = []
        for (const path of ["/api/status", "/api/nothing-here"]) {
          const response = await fetch(`${server.url}${path}`, { headers: { authorization: elastic } })
          await response.arrayBuffer()
          answers.push({
            status: response.status,
            "content-security-policy": response.headers.get("content-security-policy"),
            "content-security-policy-report-only": response.headers.get("content-security-policy-report-only")
          })
        }
        return answers
      })),
    EmulatorServer.layerServer({ version })
  )

describe("Kibana's Content-Security-Policy headers, by version, over HTTP", () => {
  const cases: ReadonlyArray<readonly [string, typeof formActionOnly]> = [
    ["8.18.1", formActionOnly],
    ["8.19.0", objectSrcReported],
    ["9.0.0", formActionOnly],
    ["9.2.1", objectSrcReported],
    ["9.3.0", defaultSrcTested],
    ["9.4.3", defaultSrcTested]
  ]
  for (const [version, policy] of cases) {
    it.effect(`${version}: on a success and on an unknown route's 404`, () =>
      Effect.map(
        cspOverHttp(version),
        (answers) => assert.deepStrictEqual(answers, [{ status: 200, ...policy }, { status: 404, ...policy }])
      ))
  }

  it.effect("the profile carries the version's policy; the default version is 9.4's", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make()
      assert.deepStrictEqual(emulator.profile.contentSecurityPolicy, {
        enforce: defaultSrcTested["content-security-policy"],
        reportOnly: defaultSrcTested["content-security-policy-report-only"]
      })
      const answer = yield* headersOf(emulator, "GET", "/api/actions/connector/missing")
      assert.strictEqual(answer?.status, 404)
      assert.strictEqual(answer?.headers["content-security-policy"], defaultSrcTested["content-security-policy"])
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

describe("message framing over HTTP", () => {
  // hapi sets `content-length` from the payload's size (lib/headers.js) and streams chunked only when it
  // compresses; a 204 has no body.
  it.effect("an answer with a body says its length in bytes; no answer is chunked", () =>
    Effect.provide(
      Effect.flatMap(EmulatorServer.EmulatorServer, (server) =>
        Effect.promise(async () => {
          const headers = { authorization: elastic, "kbn-xsrf": "true", "content-type": "application/json" }
          const created = await fetch(`${server.url}/api/actions/connector`, {
            method: "POST",
            headers,
            body: JSON.stringify({ connector_type_id: ".server-log", name: "é語😀" })
          })
          const { id } = await created.clone().json() as { id: string }
          const answers = [
            created,
            await fetch(`${server.url}/api/actions/connectors`, { headers }),
            await fetch(`${server.url}/api/actions/connector/missing`, { headers }),
            await fetch(`${server.url}/api/actions/connector/${id}`, { method: "DELETE", headers })
          ]
          return Promise.all(answers.map(async (response) => ({
            status: response.status,
            length: response.headers.get("content-length"),
            chunked: response.headers.get("transfer-encoding"),
            bytes: String((await response.arrayBuffer()).byteLength)
          })))
        })),
      EmulatorServer.layerServer()
    ).pipe(Effect.map((answers) => {
      assert.deepStrictEqual(answers.map(({ status }) => status), [200, 200, 404, 204])
      for (const answer of answers.slice(0, 3)) {
        assert.strictEqual(answer.chunked, null)
        assert.strictEqual(answer.length, answer.bytes)
      }
      assert.strictEqual(answers[3]!.bytes, "0")
      assert.strictEqual(answers[3]!.chunked, null)
    })))
})
