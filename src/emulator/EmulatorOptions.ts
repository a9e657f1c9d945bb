/**
 * Options of the embedded Kibana emulator: version, credentials, preconfigured connectors, seed
 * spaces, limits and fault injection.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Redacted from "effect/Redacted"
import type { ConnectorTypeSpec, JsonObject, LicenseLevel } from "./ConnectorTypeSpec.js"

/**
 * What a principal may do. Without `spaces` it is a superuser (every space, space management);
 * with `spaces` it may use connectors only in those spaces and cannot manage spaces, which gives
 * Kibana's 403 answers (`Unauthorized to get actions`, `Unauthorized to create spaces`, ...).
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorPrivileges {
  readonly spaces?: ReadonlyArray<string>
  /** Read-only principals may list and get, but not create, update, delete or execute. */
  readonly readOnly?: boolean
}

/**
 * A user accepted with `Authorization: Basic base64(username:password)`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorUser extends EmulatorPrivileges {
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/**
 * An API key accepted with `Authorization: ApiKey base64(id:key)`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorApiKey extends EmulatorPrivileges {
  readonly id: string
  readonly key: Redacted.Redacted<string>
}

/**
 * A bearer token accepted with `Authorization: Bearer <token>`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorToken extends EmulatorPrivileges {
  readonly token: Redacted.Redacted<string>
}

/**
 * A connector defined in `kibana.yml` (`xpack.actions.preconfigured`): visible in every space,
 * executable, never updatable or deletable.
 *
 * @since 0.1.0
 * @category models
 */
export interface PreconfiguredConnector {
  readonly id: string
  readonly name: string
  readonly connectorTypeId: string
  readonly config?: JsonObject
  readonly secrets?: JsonObject
}

/**
 * A space created at startup besides `default` (same fields as `POST /api/spaces/space`).
 *
 * @since 0.1.0
 * @category models
 */
export interface SeedSpace {
  readonly id: string
  readonly name: string
  readonly description?: string
  readonly initials?: string
  readonly color?: string
  readonly imageUrl?: string
  readonly disabledFeatures?: ReadonlyArray<string>
  readonly solution?: "security" | "oblt" | "es" | "classic"
}

/**
 * What an injected fault does.
 *
 * - `Latency`: waits, then the request continues (other rules may still apply).
 * - `Status`: answers with that status: 429 is Kibana's rate-limiter answer (`Server is overloaded`,
 *   `Retry-After`), 503 its not-ready answer (plain text `Kibana server is not ready yet`,
 *   `Retry-After: 30`), any other status Kibana's error envelope.
 * - `Drop`: closes the connection without an answer (a transport error for the client).
 * - `DropAfterCommit`: runs the request (a create is stored, a document written), then closes the
 *   connection without an answer: the client cannot tell whether it happened (a lost answer).
 *
 * @since 0.1.0
 * @category models
 */
export type Fault =
  | { readonly _tag: "Latency"; readonly delay: Duration.DurationInput }
  | { readonly _tag: "Status"; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly _tag: "Drop" }
  | { readonly _tag: "DropAfterCommit" }

/**
 * When a fault applies. Faults run after route lookup and before authentication, like Kibana's
 * pre-auth rate limiter; unknown routes and the `/_es` endpoint are never faulted.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultRule {
  readonly fault: Fault
  /** HTTP method to match (any when absent). */
  readonly method?: string
  /**
   * Path pattern without the `/s/<space>` prefix, e.g. `/api/actions/connector/{id}/_execute` or
   * `/api/actions/*` (`{name}` matches one segment, `*` anything). Any route when absent.
   */
  readonly path?: string
  /** How many matching requests the fault hits before it is used up (unlimited when absent). */
  readonly times?: number
  /** The fraction (0..1) of matching requests it hits (all when absent). */
  readonly probability?: number
}

/**
 * The license of the emulated cluster. A connector type whose `minimumLicenseRequired` is above it is
 * listed with `enabled_in_license: false` and refused on create, update and execute, as Kibana does.
 *
 * @since 0.1.0
 * @category models
 */
export type LicenseType = LicenseLevel

/**
 * Options of the emulator. Every field is optional; see `defaultCredentials` for what a bare
 * emulator accepts.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorOptions {
  /**
   * The Kibana version played (default `9.4.3`): reported by `/api/status`, checked against `kbn-version`,
   * and selecting the behaviour profile (`8.18` for 8.18 – 8.19, `9.0-9.3`, `9.4` for 9.4 and later; see
   * `KibanaProfile`). Versions before 8.18 are refused.
   */
  readonly version?: string
  /** Users (default: `elastic` / `changeme`). */
  readonly users?: ReadonlyArray<EmulatorUser>
  /** API keys (default: one key, see `defaultApiKey`). */
  readonly apiKeys?: ReadonlyArray<EmulatorApiKey>
  /** Bearer tokens (default: none). */
  readonly tokens?: ReadonlyArray<EmulatorToken>
  /** `false` models Kibana without security: no credentials are needed (default `true`). */
  readonly security?: boolean
  readonly preconfiguredConnectors?: ReadonlyArray<PreconfiguredConnector>
  readonly spaces?: ReadonlyArray<SeedSpace>
  /** The cluster's license (default `trial`, which enables every connector type, as a trial license does). */
  readonly license?: LicenseType
  /** Connector types (default: the built-in `.index`, `.server-log`, `.webhook`, ... types). */
  readonly connectorTypes?: ReadonlyArray<ConnectorTypeSpec>
  /**
   * How long connectors wait for the services they call, like Kibana's `xpack.actions.responseTimeout`
   * (default 60 s).
   */
  readonly outboundTimeout?: Duration.DurationInput
  /** Largest accepted request body in bytes, like Kibana's `server.maxPayload` (default 1 MiB). */
  readonly maxPayloadBytes?: number
  readonly faults?: ReadonlyArray<FaultRule>
  /** The HTTP client `.webhook` and similar connectors use for real outbound calls (default: fetch). */
  readonly outboundHttpClient?: HttpClient.HttpClient
  /**
   * The base URL `.slack_api` connectors call instead of Kibana's fixed `https://slack.com/api/` (which a
   * Kibana reaches only through its proxy settings), e.g. the simulators' `urlOf("slack-api") + "api/"`.
   */
  readonly slackApiUrl?: string
}

/**
 * The default user: `elastic` / `changeme` (superuser).
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultUser: EmulatorUser = { username: "elastic", password: Redacted.make("changeme") }

/**
 * The default API key: id `emulator`, key `emulator-api-key`; send
 * `Authorization: ApiKey ZW11bGF0b3I6ZW11bGF0b3ItYXBpLWtleQ==` (base64 of `emulator:emulator-api-key`).
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultApiKey: EmulatorApiKey = { id: "emulator", key: Redacted.make("emulator-api-key") }

/**
 * The `encoded` form of an API key, as sent after `ApiKey ` (base64 of `id:key`).
 *
 * @since 0.1.0
 * @category utils
 */
export const encodeApiKey = (apiKey: EmulatorApiKey): Redacted.Redacted<string> =>
  Redacted.make(Buffer.from(`${apiKey.id}:${Redacted.value(apiKey.key)}`).toString("base64"))

/**
 * Kibana's default `server.maxPayload`: 1 MiB.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultMaxPayloadBytes = 1_048_576

/**
 * The version reported when none is configured.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultVersion = "9.4.3"
