/**
 * Node-only transports for the Kibana client, both `HttpClient` layers the application picks:
 *
 * - `UndiciHttpClient`: the lean transport the client sends through fastest (needs `undici`);
 * - `KibanaTls`: an undici-based client with a private CA, client certificates (mutual TLS), a server name
 *   or an explicit insecure switch, in code or from `KIBANA_TLS_*`.
 *
 * Both need `@effect/platform-node`.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as KibanaTls from "./node/KibanaTls.js"

/**
 * @since 0.1.0
 */
export * as UndiciHttpClient from "./node/UndiciHttpClient.js"
