/**
 * The one builder of "the client and the services over it". Every way this library reaches a Kibana (a
 * real one from options or the environment, the emulator in-process or over loopback in
 * `effect-kibana/testing`) is this builder over a different `KibanaClient` layer.
 *
 * ```ts
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Kibana } from "effect-kibana"
 *
 * const KibanaLive = Kibana.layerFromEnv().pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import * as Layer from "effect/Layer"
import type { KibanaConfigError } from "../errors/KibanaError.js"
import * as Connectors from "./Connectors.js"
import * as KibanaClient from "./KibanaClient.js"
import * as Spaces from "./Spaces.js"
import * as Status from "./Status.js"

/**
 * What the builder provides: the transport and every service over it.
 *
 * @since 0.1.0
 * @category models
 */
export type KibanaServices = KibanaClient.KibanaClient | Connectors.Connectors | Spaces.Spaces | Status.Status

const services = Layer.mergeAll(Connectors.layer, Spaces.layer, Status.layer)

/**
 * The services over a `KibanaClient` layer of your own (a custom transport, a bound space, a test client).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromClient = <E, R>(
  client: Layer.Layer<KibanaClient.KibanaClient, E, R>
): Layer.Layer<KibanaServices, E, R> => services.pipe(Layer.provideMerge(client))

/**
 * The client and services from options given in code (`KibanaClient.layer`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: KibanaClient.KibanaClientOptions
): Layer.Layer<KibanaServices, KibanaConfigError, HttpClient.HttpClient> => layerFromClient(KibanaClient.layer(options))

/**
 * The client and services from `Config` (`KibanaClient.layerConfig`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config.Wrap<KibanaClient.KibanaClientOptions>
): Layer.Layer<KibanaServices, KibanaConfigError, HttpClient.HttpClient> =>
  layerFromClient(KibanaClient.layerConfig(options))

/**
 * The client and services from the `KIBANA_*` environment variables (`KibanaClient.layerFromEnv`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (
  options: KibanaClient.KibanaEnvOptions = {}
): Layer.Layer<KibanaServices, KibanaConfigError, HttpClient.HttpClient> =>
  layerFromClient(KibanaClient.layerFromEnv(options))
