import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"

// Kibana over real HTTP with plain fetch: create-time validation answers and `_execute` of every type.

const elastic = `Basic ${Buffer.from("elastic:changeme").toString("base64")}`

const kibana = (method: string, path: string, body?: unknown) =>
  Effect.gen(function*() {
    const { url } = yield* EmulatorServer.EmulatorServer
    return yield* Effect.promise(async () => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: elastic, "kbn-xsrf": "true", "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      const text = await response.text()
      return { status: response.status, json: text === "" ? undefined : JSON.parse(text) }
    })
  })

const createConnector = (body: unknown) => kibana("POST", "/api/actions/connector", body)

const execute = (
  connector: { readonly connector_type_id: string; readonly name?: string } & Record<string, unknown>,
  params: unknown
) =>
  Effect.gen(function*() {
    const created = yield* createConnector({ name: connector.name ?? "test", ...connector })
    assert.strictEqual(created.status, 200, JSON.stringify(created.json))
    const id = created.json.id as string
    const answer = yield* kibana("POST", `/api/actions/connector/${id}/_execute`, { params })
    assert.strictEqual(answer.status, 200)
    return { id, result: answer.json }
  })

/** A loopback target answering by path. */
const target = (routes: Record<string, { readonly status: number; readonly body?: string }>) =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: http.Server; readonly url: string; readonly bodies: Array<string> }>((resume) => {
      const bodies: Array<string> = []
      const server = http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          bodies.push(Buffer.concat(chunks).toString("utf8"))
          const route = routes[request.url ?? ""] ?? { status: 404 }
          response.writeHead(route.status)
          response.end(route.body)
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies })))
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() =>
          resume(Effect.void)
        )
      })
  )

// The expected messages are Kibana 9.0-9.3's (zod v3 wording); validation-profiles.test.ts covers the others.
const server93 = EmulatorServer.layerServer({ version: "9.3.0" })

layer(server93, { excludeTestServices: true })("connector types over HTTP", (it) => {
  describe("create with an invalid config or secrets answers Kibana's 400", () => {
    const cases: ReadonlyArray<readonly [string, unknown, string]> = [
      [".index", { config: {} }, "error validating connector type config: Field \"index\": Required"],
      [
        ".index",
        { config: { index: 7, extra: true } },
        "error validating connector type config: 2 errors:\n [1]: Unrecognized key(s) in object: 'extra';" +
        "\n [2]: Field \"index\": Expected string, received number"
      ],
      [
        ".server-log",
        { config: { level: "info" } },
        "error validating connector type config: Unrecognized key(s) in object: 'level'"
      ],
      [
        ".webhook",
        { config: { url: "example.com/do-something" } },
        "error validating connector type config: error validation webhook action config: unable to parse url: TypeError: Invalid URL"
      ],
      [
        ".webhook",
        { config: { url: "http://localhost", method: "https" } },
        "error validating connector type config: Field \"method\": Invalid enum value. Expected 'post' | 'put' | 'patch' | 'get' | 'delete', received 'https'"
      ],
      [
        ".webhook",
        { config: { url: "http://localhost" }, secrets: { user: "bob" } },
        "error validating connector type secrets: must specify one of the following schemas: user and password; " +
        "crt and key (with optional password); pfx (with optional password); or clientSecret (for OAuth2)"
      ],
      [".slack", { secrets: {} }, "error validating connector type secrets: Field \"webhookUrl\": Required"],
      [
        ".teams",
        { secrets: { webhookUrl: "not a url" } },
        "error validating connector type secrets: error configuring teams action: unable to parse host name from webhookUrl"
      ],
      [
        ".email",
        { config: { from: "a@example.com" } },
        "error validating connector type config: [host]/[port] is required"
      ],
      [
        ".email",
        { config: { from: "a@example.com", host: "smtp.example.com", port: 25 } },
        "error validating action type connector: [user] is required"
      ],
      [".pagerduty", { secrets: {} }, "error validating connector type secrets: Field \"routingKey\": Required"]
    ]
    for (const [type, body, message] of cases) {
      it.effect(`${type} ${JSON.stringify(body)}`, () =>
        Effect.gen(function*() {
          const answer = yield* createConnector({ name: "bad", connector_type_id: type, ...(body as object) })
          assert.deepStrictEqual(answer, { status: 400, json: { statusCode: 400, error: "Bad Request", message } })
        }))
    }
  })

  it.effect("stores config with Kibana's defaults", () =>
    Effect.gen(function*() {
      const index = yield* createConnector({ name: "idx", connector_type_id: ".index", config: { index: "i" } })
      assert.deepStrictEqual(index.json.config, { index: "i", refresh: false, executionTimeField: null })
      const webhook = yield* createConnector({
        name: "wh",
        connector_type_id: ".webhook",
        config: { url: "http://localhost" }
      })
      assert.deepStrictEqual(webhook.json.config, {
        url: "http://localhost",
        method: "post",
        headers: null,
        hasAuth: true
      })
      const slack = yield* createConnector({
        name: "s",
        connector_type_id: ".slack",
        secrets: { webhookUrl: "http://x" }
      })
      assert.isTrue(slack.json.is_connector_type_deprecated)
    }))

  it.effect(".index writes documents the emulator can show", () =>
    Effect.gen(function*() {
      const { id, result } = yield* execute(
        { connector_type_id: ".index", config: { index: "http-index" } },
        { documents: [{ message: "one" }] }
      )
      assert.strictEqual(result.connector_id, id)
      assert.strictEqual(result.status, "ok")
      assert.strictEqual(result.data.items[0].create.result, "created")
      const emulator = yield* KibanaEmulator.KibanaEmulator
      const [document] = yield* emulator.documents("http-index")
      assert.strictEqual(result.data.items[0].create._id, document!.id)
      assert.deepStrictEqual(document!.source, { message: "one" })
    }))

  it.effect("invalid params are an execution error, not an HTTP error", () =>
    Effect.gen(function*() {
      const { id, result } = yield* execute({ connector_type_id: ".index", config: { index: "i" } }, { docs: [] })
      assert.strictEqual(result.connector_id, id)
      assert.strictEqual(result.status, "error")
      assert.strictEqual(
        result.message,
        "error validating action params: 2 errors:\n [1]: Unrecognized key(s) in object: 'docs';\n [2]: Field \"documents\": Required"
      )
    }))

  it.effect(".server-log logs the message", () =>
    Effect.gen(function*() {
      const { id, result } = yield* execute({ connector_type_id: ".server-log" }, {
        message: "hello\nworld",
        level: "error"
      })
      assert.deepStrictEqual(result, { connector_id: id, status: "ok" })
      const emulator = yield* KibanaEmulator.KibanaEmulator
      const entry = (yield* emulator.serverLog).find((line) => line.connectorId === id)
      assert.strictEqual(entry?.message, "Server log: hello;world")
      assert.strictEqual(entry?.level, "error")
    }))

  it.scoped(".webhook, .slack, .teams and .pagerduty call their target for real", () =>
    Effect.gen(function*() {
      const server = yield* target({
        "/ok": { status: 200 },
        "/fail": { status: 500 },
        "/slack": { status: 200, body: "ok" },
        "/pd": { status: 202, body: "{\"status\":\"success\",\"dedup_key\":\"k\"}" }
      })
      const ok = yield* execute(
        { connector_type_id: ".webhook", config: { url: `${server.url}/ok` } },
        { body: "{\"a\":1}" }
      )
      assert.deepStrictEqual(ok.result, { connector_id: ok.id, status: "ok", data: "{\"a\":1}" })
      assert.include(server.bodies, "{\"a\":1}")
      const failed = yield* execute({ connector_type_id: ".webhook", config: { url: `${server.url}/fail` } }, {})
      assert.deepStrictEqual(failed.result, {
        connector_id: failed.id,
        status: "error",
        message: "error calling webhook, retry later",
        service_message: "[500] Internal Server Error",
        retry: true
      })
      const emulator = yield* KibanaEmulator.KibanaEmulator
      const calls = (yield* emulator.webhookCalls).filter((call) => call.connectorId === failed.id)
      assert.deepStrictEqual(calls.map((call) => call.status), [500])

      const slack = yield* execute(
        { connector_type_id: ".slack", secrets: { webhookUrl: `${server.url}/slack` } },
        { message: "hi" }
      )
      assert.deepStrictEqual(slack.result, { connector_id: slack.id, status: "ok", data: { text: "ok" } })
      const teams = yield* execute(
        { connector_type_id: ".teams", secrets: { webhookUrl: `${server.url}/ok` } },
        { message: "hi" }
      )
      assert.deepStrictEqual(teams.result, { connector_id: teams.id, status: "ok", data: { text: "hi" } })
      const pagerDuty = yield* execute(
        { connector_type_id: ".pagerduty", config: { apiUrl: `${server.url}/pd` }, secrets: { routingKey: "rk" } },
        { eventAction: "trigger", summary: "s" }
      )
      assert.deepStrictEqual(pagerDuty.result, {
        connector_id: pagerDuty.id,
        status: "ok",
        data: { status: "success", dedup_key: "k" }
      })
    }))

  it.effect(".email answers Kibana's send failure", () =>
    Effect.gen(function*() {
      const { id, result } = yield* execute(
        {
          connector_type_id: ".email",
          config: { from: "a@example.com", host: "127.0.0.1", port: 1 },
          secrets: { user: "u", password: "p" }
        },
        { to: ["b@example.com"], subject: "s", message: "m" }
      )
      assert.strictEqual(result.connector_id, id)
      assert.strictEqual(result.status, "error")
      assert.strictEqual(result.message, "error sending email")
    }))
})

layer(EmulatorServer.layerServer({ outboundTimeout: "200 millis" }), { excludeTestServices: true })(
  "the outboundTimeout option",
  (it) => {
    it.scoped("bounds how long a webhook waits for a target that never answers", () =>
      Effect.gen(function*() {
        const hanging = yield* Effect.acquireRelease(
          Effect.async<http.Server>((resume) => {
            const server = http.createServer(() => undefined) // accepts, never answers
            server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
          }),
          (server) =>
            Effect.async<void>((resume) => {
              server.closeAllConnections()
              server.close(() => resume(Effect.void))
            })
        )
        const port = (hanging.address() as AddressInfo).port
        const { result } = yield* execute({
          connector_type_id: ".webhook",
          config: { url: `http://127.0.0.1:${port}` }
        }, {})
        assert.strictEqual(result.status, "error")
        assert.strictEqual(result.service_message, "[ECONNABORTED] timeout of 200ms exceeded")
      }))
  }
)
