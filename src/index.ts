/**
 * effect-kibana: an Effect-native client for Kibana's HTTP API.
 *
 * How the names go (each is a module, imported as a namespace: `import { Connectors } from "effect-kibana"`):
 *
 * - a service (a `Context.Tag` with `layer`) is named for what it manages: `Connectors`, `Spaces`, `Status`;
 * - data, the schemas of what Kibana sends and accepts, is named for one such thing: `Connector`, `Space`,
 *   `ServerStatus`;
 * - a `Kibana` prefix is cross-cutting: `Kibana` (the one builder of client and services), `KibanaClient`
 *   (the transport), `KibanaSpace` (which space a program or call runs in), `KibanaError` (every way a call
 *   can fail; every error tag starts with `Kibana`), `KibanaMetrics` (the client's metrics);
 * - `DocumentWriter` writes streams of documents through `.index` connectors, in batches.
 *
 * The embedded emulator is `effect-kibana/emulator` and depends on nothing here; the layers that join the
 * two (test layers, "a real Kibana or the emulator") are `effect-kibana/testing`.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Connector from "./schemas/Connector.js"

/**
 * @since 0.1.0
 */
export * as Connectors from "./services/Connectors.js"

/**
 * @since 0.1.0
 */
export * as DocumentWriter from "./services/DocumentWriter.js"

/**
 * @since 0.1.0
 */
export * as Kibana from "./services/Kibana.js"

/**
 * @since 0.1.0
 */
export * as KibanaClient from "./services/KibanaClient.js"

/**
 * @since 0.1.0
 */
export * as KibanaError from "./errors/KibanaError.js"

/**
 * @since 0.1.0
 */
export * as KibanaMetrics from "./telemetry/KibanaMetrics.js"

/**
 * @since 0.1.0
 */
export * as KibanaSpace from "./services/KibanaSpace.js"

/**
 * The schemas of `/api/status` answers (current, legacy v7 and redacted formats).
 *
 * @since 0.1.0
 */
export * as ServerStatus from "./schemas/Status.js"

/**
 * @since 0.1.0
 */
export * as Space from "./schemas/Space.js"

/**
 * @since 0.1.0
 */
export * as Spaces from "./services/Spaces.js"

/**
 * @since 0.1.0
 */
export * as Status from "./services/Status.js"
