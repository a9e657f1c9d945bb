/**
 * The layers that join the client (`effect-kibana`) and the emulator (`effect-kibana/emulator`):
 *
 * - `KibanaTest`: the client and services over a fresh emulator, in-process or over loopback, and
 *   connector fixtures, for test suites;
 * - `EmbeddedKibana`: a real Kibana when `KIBANA_URL` is set, else the emulator, for scripts, examples and
 *   local tools that must run on a fresh clone and, unchanged, against a real Kibana.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as EmbeddedKibana from "./testing/EmbeddedKibana.js"

/**
 * @since 0.1.0
 */
export * as KibanaTest from "./testing/KibanaTest.js"
