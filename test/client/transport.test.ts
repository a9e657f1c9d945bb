// The Kibana transport against an HttpClient double: headers, auth, URLs, spaces, status mapping,
// retries (TestClock), timeouts; plus a real closed port for "dead server".
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Duration, Effect, Exit, Fiber, Layer, Redacted, TestClock } from "effect"
import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import type { FakeAnswer, SeenRequest } from "./fakeHttp.js"
import { fakeKibana, kibanaError } from "./fakeHttp.js"

const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string
}).version

const wireConnector = {
  id: "c1",
  name: "My connector",
  connector_type_id: ".index",
  is_preconfigured: false,
  is_deprecated: false,
  is_system_action: false,
  is_missing_secrets: false,
  config: { index: "logs", refresh: false, executionTimeField: null }
}

const ok = (body: unknown): FakeAnswer => ({ status: 200, body })
const id = "c1"

const listOnce = (answer: (request: SeenRequest, index: number) => FakeAnswer, options = {}) => {
  const fake = fakeKibana(answer, options)
  return Effect.gen(function*() {
    const connectors = yield* Connectors.Connectors
    const exit = yield* Effect.exit(connectors.list())
    return { exit, seen: fake.seen }
  }).pipe(Effect.provide(fake.layer))
}

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isFailure(exit) && exit.cause._tag === "Fail") return exit.cause.error
  throw new Error(`expected a typed failure, got ${String(exit)}`)
}

describe("KibanaClient headers", () => {
  it.effect("GET carries user-agent and accept but no kbn-xsrf; POST adds kbn-xsrf and a JSON body", () =>
    Effect.gen(function*() {
      const fake = fakeKibana((request) => request.method === "GET" ? ok([]) : ok(wireConnector))
      yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        yield* connectors.list()
        yield* connectors.create({ connectorTypeId: ".index", name: "My connector", config: { index: "logs" } })
      }).pipe(Effect.provide(fake.layer))
      const [get, post] = fake.seen
      assert.strictEqual(get.method, "GET")
      assert.strictEqual(get.url, "http://kibana.test:5601/api/actions/connectors")
      assert.isUndefined(get.headers["kbn-xsrf"])
      assert.strictEqual(get.headers["user-agent"], `effect-kibana/${packageVersion}`)
      assert.strictEqual(get.headers["accept"], "application/json")
      assert.isUndefined(get.body)
      assert.strictEqual(post.method, "POST")
      assert.strictEqual(post.headers["kbn-xsrf"], "true")
      assert.strictEqual(post.headers["content-type"], "application/json")
      assert.deepStrictEqual(JSON.parse(post.body!), {
        connector_type_id: ".index",
        name: "My connector",
        config: { index: "logs" }
      })
    }))

  it.effect("PUT and DELETE carry kbn-xsrf too", () =>
    Effect.gen(function*() {
      const fake = fakeKibana((request) => request.method === "DELETE" ? { status: 204 } : ok(wireConnector))
      yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        yield* connectors.update(id, { connectorTypeId: ".index", name: "n", config: { index: "logs" } })
        yield* connectors.delete(id)
      }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(fake.seen.map((request) => [request.method, request.headers["kbn-xsrf"]]), [
        ["PUT", "true"],
        ["DELETE", "true"]
      ])
    }))
})

describe("KibanaClient authentication", () => {
  const authHeader = (auth: KibanaClient.KibanaAuth) =>
    Effect.map(listOnce(() => ok([]), { auth }), ({ seen }) => seen[0].headers["authorization"])

  it.effect("ApiKey given as id:key is base64-encoded", () =>
    Effect.gen(function*() {
      const header = yield* authHeader(KibanaClient.KibanaAuth.apiKey("key-id:key-secret"))
      assert.strictEqual(header, `ApiKey ${Buffer.from("key-id:key-secret").toString("base64")}`)
    }))

  it.effect("ApiKey given already encoded is sent as is", () =>
    Effect.gen(function*() {
      const encoded = Buffer.from("key-id:key-secret").toString("base64")
      assert.strictEqual(yield* authHeader(KibanaClient.KibanaAuth.apiKey(Redacted.make(encoded))), `ApiKey ${encoded}`)
    }))

  it.effect("Basic is base64(username:password)", () =>
    Effect.gen(function*() {
      const header = yield* authHeader(KibanaClient.KibanaAuth.basic("elastic", "changeme"))
      assert.strictEqual(header, `Basic ${Buffer.from("elastic:changeme").toString("base64")}`)
    }))

  it.effect("Bearer sends the token", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* authHeader(KibanaClient.KibanaAuth.bearer("tok-123")), "Bearer tok-123")
    }))

  it.effect("no auth sends no Authorization header", () =>
    Effect.gen(function*() {
      assert.isUndefined(yield* authHeader(KibanaClient.KibanaAuth.none))
    }))
})

describe("KibanaClient URLs and spaces", () => {
  it.effect("a base path is kept and a trailing slash dropped", () =>
    Effect.gen(function*() {
      const { seen } = yield* listOnce(() => ok([]), { url: "https://kibana.test/kibana/" })
      assert.strictEqual(seen[0].url, "https://kibana.test/kibana/api/actions/connectors")
    }))

  it.effect("the current space becomes a /s/<id> prefix after the base path; default has none", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ok([]), { url: "https://kibana.test/kibana" })
      yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        yield* connectors.list().pipe(withSpace("marketing"))
        yield* connectors.list().pipe(withSpace("default"))
        yield* connectors.get("a b/c").pipe(withSpace("ops-1"), Effect.ignore)
      }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(fake.seen.map((request) => request.url), [
        "https://kibana.test/kibana/s/marketing/api/actions/connectors",
        "https://kibana.test/kibana/api/actions/connectors",
        "https://kibana.test/kibana/s/ops-1/api/actions/connector/a%20b%2Fc"
      ])
    }))

  it.effect("an invalid space id fails with KibanaInputError and sends nothing", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ok([]))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list()).pipe(
        withSpace("Marketing Team"),
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.include(error.message, "must be lower case, a-z, 0-9, '_', and '-' are allowed")
      assert.strictEqual(fake.seen.length, 0)
    }))

  it.effect("a URL with credentials is a KibanaConfigError when the layer is built", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ok([]), { url: "http://elastic:changeme@kibana.test:5601" })
      const error = yield* Effect.flip(Layer.build(fake.layer).pipe(Effect.scoped))
      assert.strictEqual(error._tag, "KibanaConfigError")
      assert.notInclude(error.message, "changeme")
    }))

  it.effect("a malformed URL is a KibanaConfigError that does not repeat it (it may hold credentials)", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ok([]), { url: "//elastic:changeme@kibana.test:5601" })
      const error = yield* Effect.flip(Layer.build(fake.layer).pipe(Effect.scoped))
      assert.strictEqual(error._tag, "KibanaConfigError")
      assert.include(error.message, "not an absolute http(s) URL")
      assert.notInclude(String(error), "changeme")
      assert.notInclude(JSON.stringify(error), "changeme")
    }))

  it.effect("a URL that is not http(s) is a KibanaConfigError", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ok([]), { url: "ftp://kibana.test" })
      const error = yield* Effect.flip(Layer.build(fake.layer).pipe(Effect.scoped))
      assert.strictEqual(error._tag, "KibanaConfigError")
    }))
})

describe("KibanaClient status mapping", () => {
  const cases: Array<[number, string, string, string]> = [
    [
      400,
      "Bad Request",
      "[request body.name]: expected value of type [string] but got [undefined]",
      "KibanaBadRequest"
    ],
    [
      401,
      "Unauthorized",
      "unable to authenticate user [elastic] for REST request [/_security/_authenticate]",
      "KibanaUnauthorized"
    ],
    [403, "Forbidden", "Unauthorized to get actions", "KibanaForbidden"],
    [404, "Not Found", "Saved object [action/c1] not found", "KibanaNotFound"],
    [409, "Conflict", "Saved object [action/c1] conflict", "KibanaConflict"],
    [429, "Too Many Requests", "Server is overloaded", "KibanaTooManyRequests"],
    [500, "Internal Server Error", "An internal server error occurred.", "KibanaServerError"],
    [503, "Service Unavailable", "Authentication sub-system is not fully initialized yet.", "KibanaServerError"],
    [405, "Method Not Allowed", "Method Not Allowed", "KibanaUnexpectedStatus"]
  ]
  for (const [status, reason, message, tag] of cases) {
    it.effect(`${status} -> ${tag} with Kibana's message`, () =>
      Effect.gen(function*() {
        const fake = fakeKibana(() => kibanaError(status, reason, message))
        const error = yield* Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          // Each status on an operation that expects it; the others are unexpected there.
          return status === 400 || status === 409
            ? yield* Effect.flip(connectors.create({ connectorTypeId: ".server-log", name: "x" }))
            : yield* Effect.flip(connectors.get(id))
        }).pipe(Effect.provide(fake.layer))
        assert.strictEqual(error._tag, tag)
        assert.strictEqual((error as { kibanaMessage?: string }).kibanaMessage, message)
        assert.strictEqual((error as { status?: number }).status, status)
        assert.include(error.message, message)
      }))
  }

  it.effect("a status the operation does not expect becomes KibanaUnexpectedStatus, message kept", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => kibanaError(409, "Conflict", "Saved object [action/c1] conflict"))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.get(id)).pipe(
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaUnexpectedStatus")
      if (error._tag === "KibanaUnexpectedStatus") {
        assert.strictEqual(error.kibanaMessage, "Saved object [action/c1] conflict")
      }
    }))

  it.effect("400 keeps Kibana's attributes", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({
        status: 400,
        body: {
          statusCode: 400,
          error: "Bad Request",
          message: "out of date",
          attributes: { expected: "9.0.0", got: "8.0.0" }
        }
      }))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.delete(id)).pipe(
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaBadRequest")
      if (error._tag === "KibanaBadRequest") {
        assert.deepStrictEqual(error.attributes, { expected: "9.0.0", got: "8.0.0" })
      }
    }))

  it.effect("plain-text 503 'Kibana server is not ready yet' keeps the text and Retry-After", () =>
    Effect.gen(function*() {
      const { exit } = yield* listOnce(() => ({
        status: 503,
        text: "Kibana server is not ready yet",
        headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" }
      }))
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "KibanaServerError")
      if (error._tag === "KibanaServerError") {
        assert.strictEqual(error.kibanaMessage, "Kibana server is not ready yet")
        assert.isTrue(Duration.equals(error.retryAfter!, Duration.seconds(30)))
      }
    }))

  it.effect("an Elasticsearch answer (x-elastic-product) is KibanaWrongServer, on success and error statuses", () =>
    Effect.gen(function*() {
      for (const status of [200, 401]) {
        const { exit } = yield* listOnce(() => ({
          status,
          body: { name: "es01", cluster_name: "docker-cluster", tagline: "You Know, for Search" },
          headers: { "x-elastic-product": "Elasticsearch" }
        }))
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "KibanaWrongServer")
        assert.include(error.message, "Elasticsearch")
      }
    }))

  it.effect("a body that does not match the schema is KibanaDecodeError naming the field", () =>
    Effect.gen(function*() {
      const { name: _name, ...withoutName } = wireConnector
      const fake = fakeKibana(() => ok({ ...withoutName, is_preconfigured: "no" }))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.get(id)).pipe(
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaDecodeError")
      if (error._tag === "KibanaDecodeError") {
        assert.include(error.issue, "[\"name\"]: is missing")
        assert.include(error.issue, "[\"is_preconfigured\"]")
        assert.strictEqual(error.path, "/api/actions/connector/c1")
      }
    }))
})

describe("KibanaClient retries", () => {
  it.effect("429 is retried after the server's Retry-After", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(
        (_, index) =>
          index === 0 ? kibanaError(429, "Too Many Requests", "Server is overloaded", { "retry-after": "7" }) : ok([]),
        { retry: { times: 3 } }
      )
      yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const fiber = yield* Effect.fork(connectors.list())
        // wait until the retry's 7 s sleep is registered
        for (let turn = 0; turn < 1_000 && !Chunk.some(yield* TestClock.sleeps(), (at) => at === 7_000); turn++) {
          yield* Effect.yieldNow()
        }
        assert.isTrue(Chunk.some(yield* TestClock.sleeps(), (at) => at === 7_000), "a 7 s retry sleep")
        yield* TestClock.adjust("6999 millis")
        assert.strictEqual(fake.seen.length, 1)
        yield* TestClock.adjust("1 millis")
        assert.deepStrictEqual(yield* Fiber.join(fiber), [])
        assert.strictEqual(fake.seen.length, 2)
      }).pipe(Effect.provide(fake.layer))
    }))

  it.effect("a server's Retry-After longer than maxDelay waits only maxDelay", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(
        (_, index) =>
          index === 0
            ? {
              status: 503,
              text: "Kibana server is not ready yet",
              headers: { "content-type": "text/plain", "retry-after": "3600" }
            }
            : ok([]),
        { retry: { times: 1, maxDelay: "2 seconds" } }
      )
      const fiber = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list()).pipe(
        Effect.provide(fake.layer),
        Effect.fork
      )
      // wait until the retry's sleep is registered: 2 s, not the server's hour
      const retrySleep = (at: number) => at !== 30_000 // the attempt's timeout is a sleep too
      for (let turn = 0; turn < 1_000 && !Chunk.some(yield* TestClock.sleeps(), retrySleep); turn++) {
        yield* Effect.yieldNow()
      }
      assert.deepStrictEqual(Chunk.toReadonlyArray(Chunk.filter(yield* TestClock.sleeps(), retrySleep)), [2_000])
      yield* TestClock.adjust("1999 millis")
      assert.strictEqual(fake.seen.length, 1)
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(yield* Fiber.join(fiber), [])
      assert.strictEqual(fake.seen.length, 2)
    }))

  it.effect("429 exhausted returns KibanaTooManyRequests after times + 1 attempts", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(
        () => kibanaError(429, "Too Many Requests", "Server is overloaded", { "retry-after": "1" }),
        { retry: { times: 2 } }
      )
      const fiber = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list()).pipe(
        Effect.flip,
        Effect.provide(fake.layer),
        Effect.fork
      )
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "KibanaTooManyRequests")
      assert.strictEqual(fake.seen.length, 3)
    }))

  it.effect("POST is not retried after a connection reset (it may have reached Kibana)", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({ fail: "reset" }), { retry: { times: 3 } })
      const fiber = yield* Effect.flatMap(
        Connectors.Connectors,
        (connectors) => connectors.create({ connectorTypeId: ".server-log", name: "x" })
      ).pipe(Effect.flip, Effect.provide(fake.layer), Effect.fork)
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      // not repeated, and the failure says the outcome is open (no id: Kibana would have chosen it)
      assert.strictEqual(error._tag, "KibanaUnknownOutcome")
      if (error._tag === "KibanaUnknownOutcome") {
        assert.strictEqual(error.cause._tag, "KibanaTransportError")
        if (error.cause._tag === "KibanaTransportError") assert.strictEqual(error.cause.reason, "ConnectionReset")
        assert.isUndefined(error.id)
        assert.strictEqual(error.operation, "Connectors.create")
      }
      assert.strictEqual(fake.seen.length, 1)
    }))

  it.effect("GET is retried after a connection reset", () =>
    Effect.gen(function*() {
      const fake = fakeKibana((_, index) => index === 0 ? { fail: "reset" } : ok([]), { retry: { times: 3 } })
      const fiber = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list()).pipe(
        Effect.provide(fake.layer),
        Effect.fork
      )
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Fiber.join(fiber), [])
      assert.strictEqual(fake.seen.length, 2)
    }))

  it.effect("POST is retried when the connection was refused (it never reached Kibana)", () =>
    Effect.gen(function*() {
      const fake = fakeKibana((_, index) => index === 0 ? { fail: "refused" } : ok(wireConnector), {
        retry: { times: 3 }
      })
      const fiber = yield* Effect.flatMap(
        Connectors.Connectors,
        (connectors) => connectors.create({ connectorTypeId: ".server-log", name: "x" })
      ).pipe(Effect.provide(fake.layer), Effect.fork)
      yield* TestClock.adjust("1 minute")
      const connector = yield* Fiber.join(fiber)
      assert.strictEqual(connector.id, "c1")
      assert.strictEqual(fake.seen.length, 2)
    }))

  it.effect("an attempt without an answer fails with KibanaTimeout", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({ hang: true }), { timeout: "5 seconds" })
      const fiber = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.get(id)).pipe(
        Effect.flip,
        Effect.provide(fake.layer),
        Effect.fork
      )
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "KibanaTimeout")
      assert.include(error.message, "GET /api/actions/connector/c1")
    }))
})

describe("KibanaClient against a dead server", () => {
  const closedPort = Effect.async<number>((resume) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resume(Effect.succeed(port)))
    })
  })

  it.live("a closed port fails fast with KibanaTransportError ConnectionRefused, never a hang", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const live = Connectors.layer.pipe(
        Layer.provide(
          KibanaClient.layer({ url: `http://127.0.0.1:${port}`, retry: { times: 1, baseDelay: "1 millis" } })
        ),
        Layer.provide(FetchHttpClient.layer)
      )
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list()).pipe(
        Effect.flip,
        Effect.provide(live),
        Effect.timeout("10 seconds")
      )
      assert.strictEqual(error._tag, "KibanaTransportError")
      if (error._tag === "KibanaTransportError") {
        assert.strictEqual(error.reason, "ConnectionRefused")
        assert.include(error.detail, "ECONNREFUSED")
      }
    }))
})
