/**
 * The embedded Kibana emulator: a stateful, Kibana-compatible HTTP server (connectors, spaces,
 * status, an Elasticsearch-compatible `/_es` endpoint) for tests and local development. It is a product of
 * its own: it depends on nothing in the client, and any HTTP client can talk to it.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as ConnectorTypeSpec from "./ConnectorTypeSpec.js"

/**
 * The built-in connector types, e.g. to extend them through the `connectorTypes` option.
 *
 * @since 0.1.0
 */
export * as ConnectorTypes from "./connectorTypes/index.js"

/**
 * @since 0.1.0
 */
export * as DocumentStore from "./DocumentStore.js"

/**
 * @since 0.1.0
 */
export * as EmulatorError from "./EmulatorError.js"

/**
 * @since 0.1.0
 */
export * as EmulatorHttp from "./EmulatorHttp.js"

/**
 * @since 0.1.0
 */
export * as EmulatorHttpClient from "./EmulatorHttpClient.js"

/**
 * @since 0.1.0
 */
export * as EmulatorOptions from "./EmulatorOptions.js"

/**
 * @since 0.1.0
 */
export * as EmulatorServer from "./EmulatorServer.js"

/**
 * @since 0.1.0
 */
export * as KibanaEmulator from "./KibanaEmulator.js"

/**
 * Simulators of the services connectors call (Opsgenie, OpenAI, Torq, ...), for tests.
 *
 * @since 0.1.0
 */
export * as Simulators from "./simulators/Simulators.js"

/**
 * An in-process SMTP server the `.email` connector can deliver to, for tests.
 *
 * @since 0.1.0
 */
export * as SmtpSink from "./simulators/SmtpSink.js"
