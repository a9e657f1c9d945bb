import { FetchHttpClient, HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Either, Ref } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { builtInConnectorTypes } from "../../src/emulator/connectorTypes/index.js"
import type { Validation } from "../../src/emulator/connectorTypes/validation.js"
import { zodV3 } from "../../src/emulator/connectorTypes/wording.js"
import type {
  ConnectorTypeSpec,
  ExecutorServices,
  JsonObject,
  ServerLogEntry,
  WebhookCall
} from "../../src/emulator/ConnectorTypeSpec.js"
import { makeDocumentStore } from "../../src/emulator/DocumentStore.js"
import { makeInferenceEndpoints } from "../../src/emulator/InferenceEndpoints.js"

interface Received {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

interface Reply {
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: string
}

/** A loopback HTTP server on port 0 answering with `reply`, or never when `reply` returns undefined. */
const targetServer = (reply: (request: Received) => Reply | undefined) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly received: Array<Received>; readonly server: http.Server }>(
      (resume) => {
        const received: Array<Received> = []
        const server = http.createServer((request, response) => {
          const chunks: Array<Buffer> = []
          request.on("data", (chunk: Buffer) => chunks.push(chunk))
          request.on("end", () => {
            const entry = {
              method: request.method ?? "",
              url: request.url ?? "",
              headers: request.headers,
              body: Buffer.concat(chunks).toString("utf8")
            }
            received.push(entry)
            const answer = reply(entry)
            if (answer === undefined) return
            response.writeHead(answer.status, answer.headers)
            response.end(answer.body)
          })
        })
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({
            url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            received,
            server
          })))
      }
    ),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

/** A URL nothing listens on: a server's port, after the server closed. */
const unreachableUrl = Effect.async<string>((resume) => {
  const server = http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as AddressInfo).port
    server.close(() => resume(Effect.succeed(`http://127.0.0.1:${port}/hook`)))
  })
})

const makeServices = Effect.gen(function*() {
  const documents = yield* makeDocumentStore
  const logs = yield* Ref.make<ReadonlyArray<ServerLogEntry>>([])
  const calls = yield* Ref.make<ReadonlyArray<WebhookCall>>([])
  const services: ExecutorServices = {
    documents,
    inference: yield* makeInferenceEndpoints,
    recordServerLog: (entry) => Ref.update(logs, (all) => [...all, entry]),
    recordWebhookCall: (call) => Ref.update(calls, (all) => [...all, call]),
    httpClient: yield* HttpClient.HttpClient,
    outboundTimeout: Duration.seconds(60)
  }
  return { services, documents, logs, calls }
})

const type = (id: string): ConnectorTypeSpec => builtInConnectorTypes.find((spec) => spec.id === id)!

const valid = (validation: Validation<JsonObject>): JsonObject =>
  Either.getOrThrowWith(validation, (failure) => new Error(zodV3(failure)))

/** Validates like the create and execute routes do, then runs the executor. */
const run = (
  spec: ConnectorTypeSpec,
  services: ExecutorServices,
  input: { readonly config?: unknown; readonly secrets?: unknown; readonly params: unknown }
) =>
  spec.execute({
    connectorId: "connector-1",
    config: valid(spec.validateConfig(input.config ?? {})),
    secrets: valid(spec.validateSecrets(input.secrets ?? {})),
    params: input.params,
    services
  }).pipe(Effect.orDieWith((rejection) => new Error(`${rejection.target}: ${zodV3(rejection.failure)}`)))

const withServices = <A, E>(f: (context: Effect.Effect.Success<typeof makeServices>) => Effect.Effect<A, E>) =>
  makeServices.pipe(Effect.flatMap(f), Effect.provide(FetchHttpClient.layer))

describe(".index executor", () => {
  it.effect("writes documents with the execution time and answers a bulk response", () =>
    withServices(({ documents, services }) =>
      Effect.gen(function*() {
        const result = yield* run(type(".index"), services, {
          config: { index: "test-index", executionTimeField: "@timestamp" },
          params: { documents: [{ n: 1 }, { n: 2 }] }
        })
        assert.strictEqual(result.status, "ok")
        const data = result.data as { errors: boolean; items: Array<{ create: Record<string, unknown> }> }
        assert.isFalse(data.errors)
        const stored = yield* documents.documents("test-index")
        assert.deepStrictEqual(stored.map((document) => document.source.n), [1, 2])
        // TestClock starts at the epoch: the executor reads Effect's clock
        assert.deepStrictEqual(stored.map((document) => document.source["@timestamp"]), [
          "1970-01-01T00:00:00.000Z",
          "1970-01-01T00:00:00.000Z"
        ])
        assert.deepStrictEqual(
          data.items.map((item) => item.create),
          [0, 1].map((seqNo) => ({
            _index: "test-index",
            _id: stored[seqNo]!.id,
            _version: 1,
            result: "created",
            _shards: { total: 2, successful: 1, failed: 0 },
            _seq_no: seqNo,
            _primary_term: 1,
            status: 201
          }))
        )
        assert.match(stored[0]!.id, /^[A-Za-z0-9_-]{20}$/)
      })
    ))

  it.effect("writes into the alert-history override index", () =>
    withServices(({ documents, services }) =>
      Effect.gen(function*() {
        yield* run(type(".index"), services, {
          config: { index: "ignored" },
          params: { documents: [{ a: 1 }], indexOverride: "kibana-alert-history-x" }
        })
        assert.deepStrictEqual(yield* documents.indices, ["kibana-alert-history-x"])
      })
    ))

  it.effect("fails like Elasticsearch for an invalid index name and an empty bulk", () =>
    withServices(({ documents, services }) =>
      Effect.gen(function*() {
        const upper = yield* run(type(".index"), services, {
          config: { index: "MyIndex" },
          params: { documents: [{ a: 1 }, { a: 2 }] }
        })
        assert.deepStrictEqual(upper, {
          status: "error",
          message: "error indexing documents",
          serviceMessage:
            "Invalid index name [MyIndex], must be lowercase;Invalid index name [MyIndex], must be lowercase"
        })
        const empty = yield* run(type(".index"), services, { config: { index: "i" }, params: { documents: [] } })
        assert.strictEqual(empty.message, "error indexing documents")
        assert.include(empty.serviceMessage, "Validation Failed: 1: no requests added;")
        assert.deepStrictEqual(yield* documents.indices, [])
      })
    ))
})

describe(".server-log executor", () => {
  it.effect("records the sanitised line at the requested level", () =>
    withServices(({ logs, services }) =>
      Effect.gen(function*() {
        const result = yield* run(type(".server-log"), services, {
          params: { message: "line1\nline2\tend", level: "warn" }
        })
        assert.deepStrictEqual(result, { status: "ok" })
        const entries = yield* Ref.get(logs)
        assert.strictEqual(entries.length, 1)
        assert.strictEqual(entries[0]!.connectorId, "connector-1")
        assert.strictEqual(entries[0]!.level, "warn")
        assert.strictEqual(entries[0]!.message, "Server log: line1;line2\tend")
      })
    ))
})

describe(".webhook executor", () => {
  it.scopedLive("sends method, headers, body and basic auth to the target and records the call", () =>
    Effect.gen(function*() {
      const target = yield* targetServer(() => ({ status: 200, body: "thanks" }))
      yield* withServices(({ calls, services }) =>
        Effect.gen(function*() {
          const result = yield* run(type(".webhook"), services, {
            config: {
              url: `${target.url}/hook`,
              method: "put",
              headers: { "Content-Type": "application/json", "X-A": "1" }
            },
            secrets: { user: "elastic", password: "changeme" },
            params: { body: "{\"hello\":\"world\"}" }
          })
          assert.deepStrictEqual(result, { status: "ok", data: "{\"hello\":\"world\"}" })
          const [request] = target.received
          assert.strictEqual(request!.method, "PUT")
          assert.strictEqual(request!.url, "/hook")
          assert.strictEqual(request!.body, "{\"hello\":\"world\"}")
          assert.strictEqual(request!.headers["x-a"], "1")
          assert.strictEqual(request!.headers["content-type"], "application/json")
          assert.strictEqual(
            request!.headers.authorization,
            `Basic ${Buffer.from("elastic:changeme").toString("base64")}`
          )
          const [call] = yield* Ref.get(calls)
          assert.strictEqual(call!.status, 200)
          assert.strictEqual(call!.method, "PUT")
          assert.strictEqual(call!.headers.Authorization, "<redacted>")
          assert.notInclude(JSON.stringify(call), "changeme")
        })
      )
    }))

  it.scopedLive("answers retry-later with the status line (and the body's message) on a 5xx", () =>
    Effect.gen(function*() {
      const target = yield* targetServer((request) =>
        request.url === "/json"
          ? { status: 503, headers: { "content-type": "application/json" }, body: "{\"message\":\"down\"}" }
          : { status: 500 }
      )
      yield* withServices(({ calls, services }) =>
        Effect.gen(function*() {
          const result = yield* run(type(".webhook"), services, { config: { url: target.url }, params: { body: "x" } })
          assert.deepStrictEqual(result, {
            status: "error",
            message: "error calling webhook, retry later",
            retry: true,
            serviceMessage: "[500] Internal Server Error"
          })
          const json = yield* run(type(".webhook"), services, { config: { url: `${target.url}/json` }, params: {} })
          assert.strictEqual(json.serviceMessage, "[503] Service Unavailable: down")
          assert.deepStrictEqual((yield* Ref.get(calls)).map((call) => call.status), [500, 503])
        })
      )
    }))

  it.scopedLive("maps 4xx and 429 like Kibana", () =>
    Effect.gen(function*() {
      const target = yield* targetServer((request) =>
        request.url === "/limited" ? { status: 429, headers: { "retry-after": "30" } } : { status: 404 }
      )
      yield* withServices(({ services }) =>
        Effect.gen(function*() {
          const notFound = yield* run(type(".webhook"), services, { config: { url: target.url }, params: {} })
          assert.deepStrictEqual(notFound, {
            status: "error",
            message: "error calling webhook, invalid response",
            serviceMessage: "[404] Not Found",
            errorSource: "user"
          })
          const limited = yield* run(type(".webhook"), services, {
            config: { url: `${target.url}/limited` },
            params: {}
          })
          assert.match(limited.message!, /^error calling webhook, retry at \d{4}-\d{2}-\d{2}T/)
          assert.strictEqual(limited.message, `error calling webhook, retry at ${limited.retry}`)
          assert.strictEqual(limited.serviceMessage, "[429] Too Many Requests")
        })
      )
    }))

  it.scopedLive("reports an unreachable target as a failed request", () =>
    Effect.gen(function*() {
      const url = yield* unreachableUrl
      yield* withServices(({ calls, services }) =>
        Effect.gen(function*() {
          const result = yield* run(type(".webhook"), services, { config: { url }, params: { body: "x" } })
          assert.strictEqual(result.status, "error")
          assert.strictEqual(result.message, "error calling webhook, request failed")
          assert.strictEqual(result.serviceMessage, `[ECONNREFUSED] connect ECONNREFUSED ${new URL(url).host}`)
          assert.isUndefined((yield* Ref.get(calls))[0]!.status)
        })
      )
    }))

  it.scopedLive("gives up on a target that never answers", () =>
    Effect.gen(function*() {
      const target = yield* targetServer(() => undefined)
      yield* withServices(({ services }) =>
        Effect.gen(function*() {
          const result = yield* run(type(".webhook"), { ...services, outboundTimeout: Duration.millis(200) }, {
            config: { url: target.url },
            params: {}
          })
          assert.deepStrictEqual(result, {
            status: "error",
            message: "error calling webhook, request failed",
            serviceMessage: "[ECONNABORTED] timeout of 200ms exceeded"
          })
        })
      )
    }))

  it.effect("refuses auth types the emulator cannot perform instead of calling without them", () =>
    withServices(({ calls, services }) =>
      Effect.gen(function*() {
        const result = yield* run(type(".webhook"), services, {
          config: { url: "http://127.0.0.1:1", authType: "webhook-authentication-ssl", certType: "ssl-crt-key" },
          secrets: { crt: "c", key: "k" },
          params: {}
        })
        assert.strictEqual(result.message, "error calling webhook, request failed")
        assert.include(result.serviceMessage, "webhook-authentication-ssl")
        assert.deepStrictEqual(yield* Ref.get(calls), [])
      })
    ))
})

describe(".slack, .teams and .pagerduty executors", () => {
  it.scopedLive("post to their URL and map the answers", () =>
    Effect.gen(function*() {
      const target = yield* targetServer((request) => {
        switch (request.url) {
          case "/slack":
            return { status: 200, body: "ok" }
          case "/slack-bad":
            return { status: 200, body: "invalid_token" }
          case "/slack-down":
            return { status: 500 }
          case "/teams":
            return { status: 200, body: "1" }
          case "/pd":
            return { status: 202, headers: { "content-type": "application/json" }, body: "{\"status\":\"success\"}" }
          default:
            return { status: 503 }
        }
      })
      yield* withServices(({ services }) =>
        Effect.gen(function*() {
          const slack = type(".slack")
          assert.deepStrictEqual(
            yield* run(slack, services, { secrets: { webhookUrl: `${target.url}/slack` }, params: { message: "hi" } }),
            { status: "ok", data: { text: "ok" } }
          )
          assert.deepStrictEqual(JSON.parse(target.received[0]!.body), { text: "hi" })
          assert.deepStrictEqual(
            yield* run(slack, services, {
              secrets: { webhookUrl: `${target.url}/slack-bad` },
              params: { message: "hi" }
            }),
            { status: "error", message: "error posting slack message", serviceMessage: "invalid_token" }
          )
          assert.deepStrictEqual(
            yield* run(slack, services, {
              secrets: { webhookUrl: `${target.url}/slack-down` },
              params: { message: "hi" }
            }),
            {
              status: "error",
              message: "error posting a slack message, retry later",
              retry: true,
              errorSource: "framework",
              serviceMessage: "An HTTP protocol error occurred: statusCode = 500"
            }
          )
          assert.deepStrictEqual(
            yield* run(type(".teams"), services, {
              secrets: { webhookUrl: `${target.url}/teams` },
              params: { message: "m" }
            }),
            { status: "ok", data: { text: "m" } }
          )
          const pagerDuty = type(".pagerduty")
          assert.deepStrictEqual(
            yield* run(pagerDuty, services, {
              config: { apiUrl: `${target.url}/pd` },
              secrets: { routingKey: "rk" },
              params: { summary: "disk full", severity: "critical" }
            }),
            { status: "ok", data: { status: "success" } }
          )
          const event = target.received.find((request) => request.url === "/pd")!
          assert.strictEqual(event.headers["x-routing-key"], "rk")
          assert.deepStrictEqual(JSON.parse(event.body), {
            event_action: "trigger",
            payload: { summary: "disk full", source: "Kibana Action connector-1", severity: "critical" }
          })
          assert.deepStrictEqual(
            yield* run(pagerDuty, services, {
              config: { apiUrl: `${target.url}/pd-down` },
              secrets: { routingKey: "rk" },
              params: {}
            }),
            { status: "error", message: "error posting pagerduty event: http status 503, retry later", retry: true }
          )
        })
      )
    }))

  it.scopedLive("answer Kibana's error results when the service is unreachable", () =>
    Effect.gen(function*() {
      const url = yield* unreachableUrl
      const refused = `connect ECONNREFUSED ${new URL(url).host}`
      yield* withServices(({ services }) =>
        Effect.gen(function*() {
          assert.deepStrictEqual(
            yield* run(type(".slack"), services, { secrets: { webhookUrl: url }, params: { message: "hi" } }),
            {
              status: "error",
              message: "error posting slack message",
              serviceMessage: `A request error occurred: ${refused}`
            }
          )
          assert.deepStrictEqual(
            yield* run(type(".teams"), services, { secrets: { webhookUrl: url }, params: { message: "hi" } }),
            { status: "error", message: "error posting to Microsoft Teams, unexpected error" }
          )
          assert.deepStrictEqual(
            yield* run(type(".pagerduty"), services, {
              config: { apiUrl: url },
              secrets: { routingKey: "k" },
              params: {}
            }),
            { status: "error", message: "error posting pagerduty event", serviceMessage: refused }
          )
        })
      )
    }))
})

describe(".email executor", () => {
  it.effect("answers Kibana's send failure with nodemailer's reason when the SMTP server is unreachable", () =>
    withServices(({ services }) =>
      Effect.gen(function*() {
        const result = yield* run(type(".email"), services, {
          config: { from: "a@example.com", host: "127.0.0.1", port: 1 },
          secrets: { user: "u", password: "p" },
          params: { to: ["b@example.com"], subject: "s", message: "m" }
        })
        assert.strictEqual(result.status, "error")
        assert.strictEqual(result.message, "error sending email")
        assert.include(result.serviceMessage, "ECONNREFUSED")
      })
    ))
})
