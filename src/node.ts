/**
 * Node-only transports: `UndiciHttpClient`, the lean `HttpClient` the Kibana client sends through
 * fastest. Needs `@effect/platform-node` and `undici`.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as UndiciHttpClient from "./node/UndiciHttpClient.js"
