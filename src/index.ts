/**
 * effect-kibana: an Effect-native client for Kibana's HTTP API.
 *
 * - `KibanaClient`: the transport (URL, credentials, `kbn-xsrf`, spaces, timeouts, retries, tagged errors);
 * - `Connectors` and `Spaces`: the typed services built on it;
 * - `DocumentWriter`: streams of documents written through `.index` connectors, in batches;
 * - `KibanaMetrics`: the client's metrics (request duration, retries, documents written);
 * - `KibanaSpace`: which space a program or call runs in;
 * - `KibanaError` and `ConnectorExecutionError`: every way a call can fail;
 * - the schemas of what Kibana sends and accepts.
 *
 * The embedded emulator is `effect-kibana/emulator`; test layers are `effect-kibana/testing`.
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
export * as ConnectorExecution from "./schemas/ConnectorExecution.js"

/**
 * @since 0.1.0
 */
export * as ConnectorExecutionError from "./errors/ConnectorExecutionError.js"

/**
 * @since 0.1.0
 */
export * as ConnectorInput from "./schemas/ConnectorInput.js"

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
 * @since 0.1.0
 */
export * as Space from "./schemas/Space.js"

/**
 * @since 0.1.0
 */
export * as Spaces from "./services/Spaces.js"
