import { assert, describe, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { basic, call } from "./helpers.js"

const Server = EmulatorServer.layerServer({
  maxPayloadBytes: 1024,
  users: [{ username: "elastic", password: Redacted.make("changeme") }],
  apiKeys: [{ id: "key-id", key: Redacted.make("key-secret") }],
  tokens: [{ token: Redacted.make("a-token") }]
})

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)
const connector = { name: "x", connector_type_id: ".server-log" }
const unauthorized = { statusCode: 401, error: "Unauthorized", message: "Unauthorized" }

describe("Kibana request lifecycle over HTTP", () => {
  layer(Server, { excludeTestServices: true })((it) => {
    it.effect("unknown routes, wrong methods and upper-case space ids get Kibana's 404", () =>
      Effect.gen(function*() {
        const base = yield* url
        const notFound = { statusCode: 404, error: "Not Found", message: "Not Found" }
        for (
          const [method, path] of [
            ["GET", "/api/nothing"],
            ["PATCH", "/api/actions/connector/x"],
            ["DELETE", "/api/actions/connectors"],
            ["GET", "/s/Foo/api/actions/connectors"],
            ["GET", "/s//api/actions/connectors"]
          ] as const
        ) {
          const answer = yield* call(base, method, path)
          assert.strictEqual(answer.status, 404, `${method} ${path}`)
          assert.deepStrictEqual(answer.json, notFound)
        }
        // Unknown routes are 404 even without credentials (route lookup comes first).
        assert.strictEqual((yield* call(base, "GET", "/api/nothing", { authorization: null })).status, 404)
      }))

    it.effect("missing or unknown-scheme credentials: 401 Unauthorized", () =>
      Effect.gen(function*() {
        const base = yield* url
        for (const authorization of [null, "Negotiate abc", "Basic !!!"]) {
          const answer = yield* call(base, "GET", "/api/actions/connectors", { authorization })
          assert.strictEqual(answer.status, 401)
          assert.deepStrictEqual(answer.json, unauthorized)
        }
      }))

    it.effect("rejected credentials: 401 with Elasticsearch's security_exception text", () =>
      Effect.gen(function*() {
        const base = yield* url
        const badPassword = yield* call(base, "GET", "/api/actions/connectors", {
          authorization: basic("elastic", "nope")
        })
        assert.strictEqual(badPassword.status, 401)
        assert.strictEqual(
          badPassword.json.message,
          "[security_exception: [security_exception] Reason: unable to authenticate user [elastic] for REST request [/_security/_authenticate]]: unable to authenticate user [elastic] for REST request [/_security/_authenticate]"
        )
        const badKey = yield* call(base, "GET", "/api/actions/connectors", {
          authorization: `ApiKey ${Buffer.from("key-id:wrong").toString("base64")}`
        })
        assert.strictEqual(badKey.status, 401)
        assert.match(badKey.json.message, /unable to authenticate with provided credentials/)
        const badToken = yield* call(base, "GET", "/api/actions/connectors", { authorization: "Bearer nope" })
        assert.strictEqual(badToken.status, 401)
        assert.notInclude(badToken.text, "nope")
      }))

    it.effect("Basic, ApiKey and Bearer credentials are accepted", () =>
      Effect.gen(function*() {
        const base = yield* url
        for (
          const authorization of [
            basic("elastic", "changeme"),
            `ApiKey ${Buffer.from("key-id:key-secret").toString("base64")}`,
            "Bearer a-token",
            "bearer a-token"
          ]
        ) {
          assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors", { authorization })).status, 200)
        }
      }))

    it.effect("kbn-xsrf is required on non-GET requests, after authentication", () =>
      Effect.gen(function*() {
        const base = yield* url
        const noXsrf = yield* call(base, "POST", "/api/actions/connector", { body: connector, xsrf: false })
        assert.deepStrictEqual(noXsrf.json, {
          statusCode: 400,
          error: "Bad Request",
          message: "Request must contain a kbn-xsrf header."
        })
        const deleteNoXsrf = yield* call(base, "DELETE", "/api/actions/connector/x", { xsrf: false })
        assert.strictEqual(deleteNoXsrf.json.message, "Request must contain a kbn-xsrf header.")
        // Unauthenticated and without kbn-xsrf: 401, since xsrf is checked after authentication.
        const both = yield* call(base, "POST", "/api/actions/connector", {
          body: connector,
          xsrf: false,
          authorization: null
        })
        assert.strictEqual(both.status, 401)
        // GET needs no kbn-xsrf; a matching kbn-version satisfies the check.
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors", { xsrf: false })).status, 200)
        const withVersion = yield* call(base, "POST", "/api/actions/connector", {
          body: connector,
          xsrf: false,
          headers: { "kbn-version": "9.4.3" }
        })
        assert.strictEqual(withVersion.status, 200)
      }))

    it.effect("a kbn-version that differs from the server's is a 400 with attributes", () =>
      Effect.gen(function*() {
        const answer = yield* call(yield* url, "GET", "/api/actions/connectors", {
          headers: { "kbn-version": "8.0.0" }
        })
        assert.deepStrictEqual(answer.json, {
          statusCode: 400,
          error: "Bad Request",
          message:
            "Browser client is out of date, please refresh the page (\"kbn-version\" header was \"8.0.0\" but should be \"9.4.3\")",
          attributes: { expected: "9.4.3", got: "8.0.0" }
        })
      }))

    it.effect("malformed JSON and prototype keys: hapi's 400", () =>
      Effect.gen(function*() {
        const base = yield* url
        for (const rawBody of ["{bad", "{\"name\": }", "{\"__proto__\": {\"x\": 1}, \"name\": \"a\"}"]) {
          const answer = yield* call(base, "POST", "/api/actions/connector", { rawBody })
          assert.deepStrictEqual(answer.json, {
            statusCode: 400,
            error: "Bad Request",
            message: "Invalid request payload JSON format"
          })
        }
      }))

    it.effect("bodies over maxPayloadBytes: 413, with or without content-length, server keeps serving", () =>
      Effect.gen(function*() {
        const base = yield* url
        const expected = {
          statusCode: 413,
          error: "Request Entity Too Large",
          message: "Payload content length greater than maximum allowed: 1024"
        }
        const large = yield* call(base, "POST", "/api/actions/connector", {
          body: { ...connector, config: { big: "x".repeat(5000) } }
        })
        assert.strictEqual(large.status, 413)
        assert.deepStrictEqual(large.json, expected)
        const chunked = yield* Effect.promise(() => {
          const chunk = new TextEncoder().encode("x".repeat(600))
          const stream = new ReadableStream<Uint8Array>({
            start(controller) {
              for (let i = 0; i < 4; i++) controller.enqueue(chunk)
              controller.close()
            }
          })
          return fetch(`${base}/api/actions/connector`, {
            method: "POST",
            body: stream,
            headers: {
              authorization: basic("elastic", "changeme"),
              "kbn-xsrf": "x",
              "content-type": "application/json"
            },
            duplex: "half"
          } as RequestInit).then(async (r) => ({ status: r.status, json: await r.json() }))
        })
        assert.strictEqual(chunked.status, 413)
        assert.deepStrictEqual(chunked.json, expected)
        // Unauthenticated: 401 comes first (payload parsing follows authentication).
        const anonymous = yield* call(base, "POST", "/api/actions/connector", {
          body: { ...connector, config: { big: "x".repeat(5000) } },
          authorization: null
        })
        assert.strictEqual(anonymous.status, 401)
        assert.strictEqual((yield* call(base, "GET", "/api/actions/connectors")).status, 200)
      }))

    it.effect("the request log records method, path, space and status but no credentials", () =>
      Effect.gen(function*() {
        const base = yield* url
        const emulator = yield* KibanaEmulator.KibanaEmulator
        yield* emulator.clearRequestLog
        yield* call(base, "GET", "/s/logged/api/actions/connectors")
        yield* call(base, "GET", "/api/nothing")
        yield* call(base, "POST", "/api/actions/connector/log-secret", {
          body: { name: "x", connector_type_id: ".slack", secrets: { webhookUrl: "http://secret.example/hook" } }
        })
        const log = yield* emulator.requestLog
        assert.deepStrictEqual(
          log.map(({ method, path, spaceId, status }) => ({ method, path, spaceId, status })),
          [
            { method: "GET", path: "/s/logged/api/actions/connectors", spaceId: "logged", status: 200 },
            { method: "GET", path: "/api/nothing", spaceId: undefined, status: 404 },
            { method: "POST", path: "/api/actions/connector/log-secret", spaceId: "default", status: 200 }
          ]
        )
        const serialized = JSON.stringify(log)
        assert.notInclude(serialized, "secret.example")
        assert.notInclude(serialized, "changeme")
        assert.notInclude(serialized, "Basic")
      }))

    it.effect("HEAD is answered like GET without a body", () =>
      Effect.gen(function*() {
        const answer = yield* call(yield* url, "HEAD", "/api/actions/connectors")
        assert.strictEqual(answer.status, 200)
        assert.strictEqual(answer.text, "")
      }))
  })
})
