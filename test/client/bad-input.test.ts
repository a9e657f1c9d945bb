// Bad input is a typed error, never a defect or a hang: ids that cannot go into a URL, configs that
// refer to themselves or throw when read, answers nested too deep, paths that would change the host,
// and options or environment variables that are not valid.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Cause, ConfigProvider, Effect, Exit, Layer, Redacted } from "effect"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import type { FakeAnswer } from "./fakeHttp.js"
import { fakeKibana, makeFake } from "./fakeHttp.js"

/** The typed failure of an exit; a defect or an interruption fails the test with what it was. */
const failureOf = <E>(exit: Exit.Exit<unknown, E>): E => {
  if (Exit.isFailure(exit)) {
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "Some" && !Cause.isDie(exit.cause)) return failure.value
    throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  }
  throw new Error("expected a failure, got a success")
}

const nothingSent = () => {
  const fake = fakeKibana((): FakeAnswer => ({ status: 200, body: {} }))
  return fake
}

const loneSurrogate = "\uD800"

describe("ids that cannot be put in a URL", () => {
  it.effect("a lone surrogate is a KibanaInputError for every operation that puts an id in a path", () =>
    Effect.gen(function*() {
      const fake = nothingSent()
      const exits = yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const input = { connectorTypeId: ".index" as const, name: "n", config: { index: "i" } }
        return yield* Effect.all([
          Effect.exit(connectors.get(loneSurrogate)),
          Effect.exit(connectors.delete(loneSurrogate)),
          Effect.exit(connectors.update(loneSurrogate, input)),
          Effect.exit(connectors.execute(loneSurrogate, {})),
          Effect.exit(connectors.executeIndex(loneSurrogate, [])),
          Effect.exit(connectors.create(input, { id: "\uDFFF" })),
          Effect.exit(Effect.scoped(connectors.acquire(input, { id: "\uDFFF" })))
        ])
      }).pipe(Effect.provide(fake.layer))
      for (const exit of exits as ReadonlyArray<Exit.Exit<unknown, { _tag: string; field?: string }>>) {
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "KibanaInputError")
        assert.strictEqual(error.field, "id")
      }
      assert.strictEqual(fake.seen.length, 0)
    }))
})

describe("configs and params that JSON cannot carry", () => {
  it.effect("a config that refers to itself is a KibanaInputError", () =>
    Effect.gen(function*() {
      const fake = nothingSent()
      const config: Record<string, unknown> = { index: "i" }
      config.self = config
      const exit = yield* Effect.exit(
        Effect.flatMap(
          Connectors.Connectors,
          (connectors) => connectors.create({ connectorTypeId: ".index", name: "cyclic", config: config as never })
        ).pipe(Effect.provide(fake.layer))
      )
      assert.strictEqual(failureOf(exit)._tag, "KibanaInputError")
      assert.strictEqual(fake.seen.length, 0)
    }))

  it.effect("an input whose getter throws, or a proxy that throws, is a KibanaInputError", () =>
    Effect.gen(function*() {
      const fake = nothingSent()
      const throwing = Object.defineProperty({ connectorTypeId: ".index", config: { index: "i" } }, "name", {
        enumerable: true,
        get: () => {
          throw new Error("getter exploded")
        }
      })
      const proxy = new Proxy({}, {
        get: () => {
          throw new Error("proxy exploded")
        },
        ownKeys: () => {
          throw new Error("proxy exploded")
        }
      })
      const exits = yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        return yield* Effect.all([
          Effect.exit(connectors.create(throwing as never)),
          Effect.exit(connectors.create(proxy as never)),
          Effect.exit(connectors.update("c1", proxy as never)),
          Effect.exit(connectors.execute("c1", proxy as never)),
          Effect.exit(connectors.listTypes(proxy as never))
        ])
      }).pipe(Effect.provide(fake.layer))
      for (const exit of exits as ReadonlyArray<Exit.Exit<unknown, { _tag: string }>>) {
        assert.strictEqual(failureOf(exit)._tag, "KibanaInputError")
      }
      assert.strictEqual(fake.seen.length, 0)
    }))
})

describe("answers that cannot be decoded", () => {
  it.effect("a 2xx of 5,000 nested arrays is a KibanaDecodeError", () =>
    Effect.gen(function*() {
      const deep = "[".repeat(5000) + "]".repeat(5000)
      const fake = fakeKibana(() => ({ status: 200, text: deep, headers: { "content-type": "application/json" } }))
      const exit = yield* Effect.exit(
        Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list()).pipe(Effect.provide(fake.layer))
      )
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "KibanaDecodeError")
    }))

  it.effect("a decode error names the field and what was expected, never the value", () =>
    Effect.gen(function*() {
      // a wrong-shaped 200 that echoes the request, secrets included
      const fake = fakeKibana((request) => ({
        status: 200,
        body: { ...JSON.parse(request.body ?? "{}"), id: 42, authorization: request.headers["authorization"] }
      }), { auth: KibanaClient.KibanaAuth.basic("elastic", "hunter2-password") })
      const exit = yield* Effect.exit(
        Effect.flatMap(Connectors.Connectors, (connectors) =>
          connectors.create({
            connectorTypeId: ".webhook",
            name: "echo",
            config: { url: "https://hooks.example.com" },
            secrets: { user: "u", password: Redacted.make("webhook-secret-value") }
          })).pipe(Effect.provide(fake.layer))
      )
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "KibanaDecodeError")
      const text = `${String(error)} ${JSON.stringify(error)} ${error.message}`
      assert.include(text, "[\"id\"]")
      assert.notInclude(text, "webhook-secret-value")
      assert.notInclude(text, "42")
      assert.notInclude(text, Buffer.from("elastic:hunter2-password").toString("base64"))
    }))
})

describe("paths that would change the host", () => {
  for (const path of ["@other-host:9999/x", "//other-host/x", "/\\other-host/x", "http://other-host/x"]) {
    it.effect(`request({ path: ${JSON.stringify(path)} }) is a KibanaInputError and nothing is sent`, () =>
      Effect.gen(function*() {
        const fake = nothingSent()
        const exit = yield* Effect.exit(
          Effect.flatMap(KibanaClient.KibanaClient, (kibana) => kibana.request({ method: "GET", path: path as never }))
            .pipe(Effect.provide(fake.layer))
        )
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "KibanaInputError")
        assert.strictEqual(fake.seen.length, 0)
      }))
  }
})

describe("options and environment variables", () => {
  const build = (options: unknown) =>
    Effect.exit(
      Layer.build(KibanaClient.layer(options as KibanaClient.KibanaClientOptions)).pipe(
        Effect.provide(makeFake(() => ({ status: 200 })).layer),
        Effect.scoped
      )
    )

  it.effect("layer(undefined) is a KibanaConfigError", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* build(undefined))
      assert.strictEqual(error._tag, "KibanaConfigError")
    }))

  const invalid: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ["timeout", { timeout: "10s" }],
    ["timeout", { timeout: "1e309 seconds" }],
    ["timeout", { timeout: -5 }],
    ["timeout", { timeout: Number.NaN }],
    ["retry.baseDelay", { retry: { baseDelay: "soon" } }],
    ["retry.maxDelay", { retry: { maxDelay: "Infinity seconds" } }],
    ["retry.times", { retry: { times: Number.NaN } }],
    ["spaceExistence.timeToLive", { spaceExistence: { timeToLive: "forever" } }],
    ["spaceExistence.capacity", { spaceExistence: { capacity: -1 } }],
    ["userAgent", { userAgent: "line\nbreak" }]
  ]
  for (const [field, options] of invalid) {
    it.effect(`${JSON.stringify(options)} is a KibanaConfigError naming ${field}`, () =>
      Effect.gen(function*() {
        const error = failureOf(yield* build({ url: "http://kibana.test:5601", ...options }))
        assert.strictEqual(error._tag, "KibanaConfigError")
        if (error._tag === "KibanaConfigError") assert.strictEqual(error.field, field)
      }))
  }

  const fromEnv = (env: Record<string, string>) =>
    Effect.exit(
      Layer.build(KibanaClient.layerFromEnv()).pipe(
        Effect.provide(FetchHttpClient.layer),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
        Effect.scoped
      )
    )

  it.effect("KIBANA_TIMEOUT=10s is a KibanaConfigError naming the variable", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* fromEnv({ KIBANA_URL: "http://kibana.test:5601", KIBANA_TIMEOUT: "10s" }))
      assert.strictEqual(error._tag, "KibanaConfigError")
      if (error._tag === "KibanaConfigError") assert.strictEqual(error.field, "KIBANA_TIMEOUT")
    }))

  it.effect("a missing KIBANA_URL is a KibanaConfigError naming the variable", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* fromEnv({}))
      assert.strictEqual(error._tag, "KibanaConfigError")
      if (error._tag === "KibanaConfigError") assert.strictEqual(error.field, "KIBANA_URL")
    }))

  it.effect("a valid KIBANA_TIMEOUT is accepted", () =>
    Effect.gen(function*() {
      const exit = yield* fromEnv({ KIBANA_URL: "http://kibana.test:5601", KIBANA_TIMEOUT: "10 seconds" })
      assert.isTrue(Exit.isSuccess(exit))
    }))
})
