/**
 * Test layers for programs that use this library: the real client and services pointed at the embedded
 * Kibana emulator, so `it.effect` tests of user code need no Kibana.
 *
 * ```ts
 * import { it } from "@effect/vitest"
 * import { Connectors } from "effect-kibana"
 * import { KibanaEmulator } from "effect-kibana/emulator"
 * import { KibanaTest } from "effect-kibana/testing"
 *
 * it.effect("indexes an alert", () =>
 *   Effect.gen(function*() {
 *     const connectors = yield* Connectors.Connectors
 *     const emulator = yield* KibanaEmulator.KibanaEmulator
 *     // ... run the code under test, then inspect `emulator.documents("alerts")`
 *   }).pipe(Effect.provide(KibanaTest.layer())))
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { EmulatorOptionsError, EmulatorServerError } from "../emulator/EmulatorError.js"
import * as EmulatorHttpClient from "../emulator/EmulatorHttpClient.js"
import type { EmulatorOptions } from "../emulator/EmulatorOptions.js"
import * as EmulatorServer from "../emulator/EmulatorServer.js"
import * as KibanaEmulator from "../emulator/KibanaEmulator.js"
import type { KibanaConfigError } from "../errors/KibanaError.js"
import type { Connector, CreateConnectorInput } from "../schemas/Connector.js"
import * as Connectors from "../services/Connectors.js"
import * as Kibana from "../services/Kibana.js"
import * as KibanaClient from "../services/KibanaClient.js"
import { emulatorClientOptions } from "./emulatorClient.js"
import type { EmulatorClientOptions } from "./emulatorClient.js"

/**
 * Options of the test layers.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaTestOptions {
  /** The emulator's options: users, API keys, preconfigured connectors, spaces, faults, ... */
  readonly emulator?: EmulatorOptions | undefined
  /**
   * The client's options. Credentials default to the emulator's default user (`elastic` / `changeme`);
   * retries are off by default, so injected faults surface at once and no test waits on a retry sleep
   * (which `TestClock` would park).
   */
  readonly client?: EmulatorClientOptions | undefined
}

/**
 * What the test layers provide: the client, the services over it, and the emulator to inspect.
 *
 * @since 0.1.0
 * @category models
 */
export type KibanaTestServices = Kibana.KibanaServices | KibanaEmulator.KibanaEmulator

// No retries unless asked for: injected faults surface at once, and no test waits on a retry sleep
// (which `TestClock` would park).
const testClient = (options: KibanaTestOptions): EmulatorClientOptions => ({ retry: { times: 0 }, ...options.client })

/**
 * A fresh emulator and the client wired to it in-process, without any socket. Fast; use it for
 * tests of code that talks to Kibana.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: KibanaTestOptions = {}
): Layer.Layer<KibanaTestServices, EmulatorOptionsError | KibanaConfigError> =>
  Kibana.layerFromClient(
    KibanaClient.layer(emulatorClientOptions(EmulatorHttpClient.inProcessUrl, testClient(options))).pipe(
      Layer.provide(EmulatorHttpClient.layer)
    )
  ).pipe(Layer.provideMerge(KibanaEmulator.layer(options.emulator)))

/**
 * A fresh emulator served on loopback (a free port on 127.0.0.1) and the client talking to it over
 * real HTTP with `fetch`. `EmulatorServer` gives the URL, for other clients under test.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerServer = (
  options: KibanaTestOptions = {}
): Layer.Layer<
  KibanaTestServices | EmulatorServer.EmulatorServer,
  EmulatorOptionsError | EmulatorServerError | KibanaConfigError
> =>
  Kibana.layerFromClient(
    Layer.unwrapEffect(
      Effect.map(
        EmulatorServer.EmulatorServer,
        (server) => KibanaClient.layer(emulatorClientOptions(server.url, testClient(options)))
      )
    ).pipe(Layer.provide(FetchHttpClient.layer))
  ).pipe(Layer.provideMerge(EmulatorServer.layerServer(options.emulator ?? {})))

/**
 * A connector fixture: created when the layer is built and deleted when it is released (for example
 * at the end of a `layer(...)` block of `@effect/vitest`).
 *
 * ```ts
 * class Alerts extends Context.Tag("test/Alerts")<Alerts, Connector.Connector>() {}
 * layer(KibanaTest.connector(Alerts, { connectorTypeId: ".index", name: "alerts", config: { index: "alerts" } })
 *   .pipe(Layer.provideMerge(KibanaTest.layer())))("alerts", (it) => { ... })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const connector = <Id>(
  tag: Context.Tag<Id, Connector>,
  input: CreateConnectorInput,
  options?: Connectors.CreateConnectorOptions
): Layer.Layer<Id, Connectors.Connectors.CreateError, Connectors.Connectors> =>
  Layer.scoped(tag, Effect.flatMap(Connectors.Connectors, (connectors) => connectors.acquire(input, options)))
