/**
 * "A real Kibana when `KIBANA_URL` is set, else the embedded emulator": the one layer a script, an
 * example or a local tool needs to run on a fresh clone and, unchanged, against a real Kibana.
 *
 * ```ts
 * import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
 * import { Connectors } from "effect-kibana"
 * import { EmbeddedKibana } from "effect-kibana/testing"
 *
 * const program = Effect.gen(function*() {
 *   const target = yield* EmbeddedKibana.KibanaTarget
 *   yield* Console.log(`Talking to ${target.kind} at ${target.url}`)
 *   const connectors = yield* Connectors.Connectors
 *   yield* Console.log(yield* connectors.list())
 * })
 *
 * program.pipe(
 *   Effect.provide(EmbeddedKibana.layerFromEnv().pipe(Layer.provide(NodeHttpClient.layerUndici))),
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { EmulatorOptionsError, EmulatorServerError } from "../emulator/EmulatorError.js"
import type { EmulatorOptions } from "../emulator/EmulatorOptions.js"
import * as EmulatorServer from "../emulator/EmulatorServer.js"
import * as KibanaEmulator from "../emulator/KibanaEmulator.js"
import type { KibanaConfigError } from "../errors/KibanaError.js"
import { fromConfigError } from "../internal/clientOptions.js"
import * as Kibana from "../services/Kibana.js"
import { KibanaClient } from "../services/KibanaClient.js"
import type { KibanaEnvOptions } from "../services/KibanaClient.js"
import { emulatorClientOptions } from "./emulatorClient.js"

/**
 * Where a program's requests go: a real Kibana (from `KIBANA_URL`) or the embedded emulator. The
 * emulator variant carries the emulator itself, for extras only an emulator can show (the documents an
 * `.index` connector wrote, the requests it received); a program meant for both must not depend on them.
 *
 * @since 0.1.0
 * @category tags
 */
export class KibanaTarget extends Context.Tag("effect-kibana/KibanaTarget")<KibanaTarget, KibanaTarget.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace KibanaTarget {
  /**
   * @since 0.1.0
   * @category models
   */
  export type Service =
    | {
      readonly kind: "kibana"
      /** `KIBANA_URL` as the client uses it (without a trailing slash; the first one when it lists several). */
      readonly url: string
    }
    | {
      readonly kind: "emulator"
      /** The loopback URL the emulator listens on, e.g. `http://127.0.0.1:54321`. */
      readonly url: string
      readonly emulator: KibanaEmulator.KibanaEmulator.Service
    }
}

/**
 * Options of `layerFromEnv`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmbeddedKibanaOptions {
  /** The client's options besides URL, credentials and timeout (which a real Kibana takes from the environment). */
  readonly client?: KibanaEnvOptions | undefined
  /** The emulator's options, and where it listens (default `127.0.0.1`, a free port); only when it is used. */
  readonly emulator?: (EmulatorOptions & EmulatorServer.ServerOptions) | undefined
}

/**
 * What `layerFromEnv` provides: the client, the services over it, and where they point.
 *
 * @since 0.1.0
 * @category models
 */
export type EmbeddedKibanaServices = Kibana.KibanaServices | KibanaTarget

/**
 * Errors building `layerFromEnv`: bad `KIBANA_*` settings, or an emulator that cannot start.
 *
 * @since 0.1.0
 * @category errors
 */
export type EmbeddedKibanaError =
  | KibanaConfigError
  | EmulatorOptionsError
  | EmulatorServerError

// The client's own (first) URL, as it validated and normalised `KIBANA_URL`.
const targetOfClient = Layer.effect(
  KibanaTarget,
  Effect.map(KibanaClient, (client): KibanaTarget.Service => ({ kind: "kibana", url: client.url }))
)

const realKibana = (
  options: EmbeddedKibanaOptions
): Layer.Layer<EmbeddedKibanaServices, EmbeddedKibanaError, HttpClient.HttpClient> =>
  targetOfClient.pipe(Layer.provideMerge(Kibana.layerFromEnv(options.client)))

// Served on loopback over the application's `HttpClient`, so requests really travel over HTTP.
const servedEmulator = (
  options: EmbeddedKibanaOptions
): Layer.Layer<EmbeddedKibanaServices, EmbeddedKibanaError, HttpClient.HttpClient> =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const { url } = yield* EmulatorServer.EmulatorServer
    const emulator = yield* KibanaEmulator.KibanaEmulator
    return Layer.merge(
      Kibana.layer(emulatorClientOptions(url, options.client)),
      Layer.succeed(KibanaTarget, { kind: "emulator", url, emulator })
    )
  })).pipe(Layer.provide(EmulatorServer.layerServer(options.emulator ?? {})))

/**
 * A real Kibana when `KIBANA_URL` is set (credentials from `KIBANA_API_KEY`, else `KIBANA_USERNAME` and
 * `KIBANA_PASSWORD`, else `KIBANA_BEARER_TOKEN`), else the embedded emulator on loopback, with the client
 * logged in as its default user. A blank `KIBANA_URL` counts as unset. Settings are read through `Config`,
 * so a `ConfigProvider` can supply them. The application provides the `HttpClient` (for example
 * `NodeHttpClient.layerUndici`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (
  options: EmbeddedKibanaOptions = {}
): Layer.Layer<EmbeddedKibanaServices, EmbeddedKibanaError, HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Config.option(Config.string("KIBANA_URL")).pipe(
      Effect.mapError(fromConfigError),
      Effect.map(Option.filter((url) => url.trim() !== "")),
      Effect.map(Option.match({
        onNone: () => servedEmulator(options),
        onSome: () => realKibana(options)
      }))
    )
  )
