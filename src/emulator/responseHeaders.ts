/**
 * The headers Kibana adds to every answer of its HTTP server, whatever the route or status
 * (`createCustomHeadersPreResponseHandler`, elastic/kibana:src/core/packages/http/server-internal/src/lifecycle_handlers.ts):
 * the security response headers with their default configuration
 * (`server.securityResponseHeaders`, security_response_headers_config.ts) and `kbn-name`
 * (`server.name`); and hapi's `cache-control` for Kibana's route default (`@kbn/server-http-tools`
 * `getServerOptions`: `routes.cache.otherwise`, which hapi's `lib/headers.js` sets when the handler set
 * none). The same handler adds `Content-Security-Policy` and `Content-Security-Policy-Report-Only`, whose
 * default directives change between versions: they come from the played version's profile
 * (`contentSecurityPolicy.ts`), not from this table.
 *
 * @since 0.1.0
 * @internal
 */

/**
 * The `server.name` the emulator reports, in `kbn-name` and in `/api/status`'s `name`.
 *
 * @since 0.1.0
 * @internal
 */
export const serverName = "kibana"

/**
 * `securityResponseHeaders` defaults: `strictTransportSecurity: null` (no header),
 * `xContentTypeOptions: 'nosniff'`, `referrerPolicy: 'strict-origin-when-cross-origin'`,
 * `permissionsPolicy` (no `report_to`), `crossOriginOpenerPolicy: 'same-origin'`,
 * `disableEmbedding: false` (no `X-Frame-Options`).
 *
 * @since 0.1.0
 * @internal
 */
export const kibanaResponseHeaders: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), display-capture=(), fullscreen=(self), geolocation=(), microphone=(), web-share=()",
  "cross-origin-opener-policy": "same-origin",
  "kbn-name": serverName,
  "cache-control": "private, no-cache, no-store, must-revalidate"
}
