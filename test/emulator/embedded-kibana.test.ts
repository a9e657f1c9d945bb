import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import { defaultApiKey, encodeApiKey } from "../../src/emulator/EmulatorOptions.js"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as Spaces from "../../src/services/Spaces.js"
import { EmbeddedKibana } from "../../src/testing.js"

/** `layerFromEnv` over fetch, with the environment given as a map (never the process's own). */
const fromEnv = (env: Record<string, string>, options?: EmbeddedKibana.EmbeddedKibanaOptions) =>
  EmbeddedKibana.layerFromEnv(options).pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
  )

const createIndexConnector = Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  return yield* connectors.create({ connectorTypeId: ".index", name: "embedded", config: { index: "embedded" } })
})

describe("EmbeddedKibana.layerFromEnv without KIBANA_URL", () => {
  it.live("serves a fresh emulator on loopback and points the services at it", () =>
    Effect.gen(function*() {
      const target = yield* EmbeddedKibana.KibanaTarget
      assert.strictEqual(target.kind, "emulator")
      assert.match(target.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const created = yield* createIndexConnector
      // The request went to the emulator the target exposes, over HTTP.
      if (target.kind !== "emulator") return assert.fail("expected the emulator")
      const stored = yield* target.emulator.connectors
      assert.deepStrictEqual(stored.map((connector) => connector.id), [created.id])
      const log = yield* target.emulator.requestLog
      assert.deepStrictEqual(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`), [
        "POST /api/actions/connector 200"
      ])
      const spaces = yield* Spaces.Spaces
      assert.deepStrictEqual((yield* spaces.list()).map((space) => space.id), ["default"])
    }).pipe(Effect.provide(fromEnv({}))))

  it.live("a blank KIBANA_URL counts as unset", () =>
    Effect.gen(function*() {
      const target = yield* EmbeddedKibana.KibanaTarget
      assert.strictEqual(target.kind, "emulator")
    }).pipe(Effect.provide(fromEnv({ KIBANA_URL: " " }))))

  it.live("passes the emulator options on", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces.Spaces
      assert.deepStrictEqual((yield* spaces.list()).map((space) => space.id), ["default", "seeded"])
    }).pipe(Effect.provide(fromEnv({}, { emulator: { spaces: [{ id: "seeded", name: "Seeded" }] } }))))
})

describe("EmbeddedKibana.layerFromEnv with KIBANA_URL", () => {
  // A separately started emulator plays the real Kibana.
  const withKibana = <A, E, R>(
    env: (url: string) => Record<string, string>,
    use: (kibana: KibanaEmulator.KibanaEmulator.Service) => Effect.Effect<A, E, R>
  ) =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      const kibana = yield* KibanaEmulator.KibanaEmulator
      return yield* use(kibana).pipe(Effect.provide(fromEnv(env(url))))
    }).pipe(Effect.provide(EmulatorServer.layerServer()))

  it.live("uses that Kibana with the API key from KIBANA_API_KEY", () =>
    withKibana(
      (url) => ({ KIBANA_URL: `${url}/`, KIBANA_API_KEY: Redacted.value(encodeApiKey(defaultApiKey)) }),
      (kibana) =>
        Effect.gen(function*() {
          const target = yield* EmbeddedKibana.KibanaTarget
          assert.strictEqual(target.kind, "kibana")
          // the client's normalised URL, without the trailing slash
          assert.match(target.url, /^http:\/\/127\.0\.0\.1:\d+$/)
          const created = yield* createIndexConnector
          const stored = yield* kibana.connectors
          assert.deepStrictEqual(stored.map((connector) => connector.id), [created.id])
        })
    ))

  it.live("uses KIBANA_USERNAME and KIBANA_PASSWORD; wrong ones are KibanaUnauthorized", () =>
    withKibana(
      (url) => ({ KIBANA_URL: url, KIBANA_USERNAME: "elastic", KIBANA_PASSWORD: "wrong" }),
      () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createIndexConnector)
          assert.strictEqual(error._tag, "KibanaUnauthorized")
        })
    ))

  it.live("an unusable KIBANA_URL fails the layer with KibanaConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(fromEnv({ KIBANA_URL: "ftp://kibana.example" })))
      assert.strictEqual(error._tag, "KibanaConfigError")
    }).pipe(Effect.scoped))
})
