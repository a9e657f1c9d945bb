/**
 * The contract between the emulator's HTTP routes and its connector types.
 *
 * Routes (create, update, execute, list types) only know this interface; each connector type
 * (`.index`, `.server-log`, `.webhook`, ...) implements it with Kibana's own validation rules and
 * executor behaviour. Keeping the two apart lets a type be added without touching the routes.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"

/**
 * A JSON object as stored in a connector's `config` or `secrets`, or sent as `params`.
 *
 * @since 0.1.0
 * @category models
 */
export type JsonObject = { readonly [key: string]: unknown }

/**
 * Kibana's license levels, as reported by `minimum_license_required`.
 *
 * @since 0.1.0
 * @category models
 */
export type LicenseLevel = "basic" | "standard" | "gold" | "platinum" | "enterprise" | "trial"

/**
 * A validation outcome: the normalised value (Kibana's defaults applied) on the right, or Kibana's
 * reason text on the left, WITHOUT the `error validating ...: ` prefix, which the routes add.
 *
 * @since 0.1.0
 * @category models
 */
export type Validation = Either.Either<JsonObject, string>

/**
 * One document written by the `.index` connector, as the emulator's document store keeps it.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredDocument {
  readonly index: string
  readonly id: string
  readonly source: JsonObject
  readonly seqNo: number
}

/**
 * The Elasticsearch-like document store the `.index` connector writes into and the emulator's
 * Elasticsearch-compatible endpoint reads from.
 *
 * @since 0.1.0
 * @category models
 */
export interface DocumentStore {
  /** Indexes documents (op_type `create`) into `index`; returns the stored documents with their ids. */
  readonly bulkCreate: (
    index: string,
    documents: ReadonlyArray<JsonObject>
  ) => Effect.Effect<ReadonlyArray<StoredDocument>>
  /** All documents of an index, in insertion order (empty when the index does not exist). */
  readonly documents: (index: string) => Effect.Effect<ReadonlyArray<StoredDocument>>
  /** Names of the indices that exist. */
  readonly indices: Effect.Effect<ReadonlyArray<string>>
  /** Deletes an index; `false` when it did not exist. */
  readonly deleteIndex: (index: string) => Effect.Effect<boolean>
}

/**
 * A line logged by a `.server-log` connector.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerLogEntry {
  readonly connectorId: string
  readonly level: "trace" | "debug" | "info" | "warn" | "error" | "fatal"
  /** The text Kibana logs: `Server log: <message without control characters>`. */
  readonly message: string
  readonly timestamp: Date
}

/**
 * An outbound HTTP call made by a `.webhook` connector, with its outcome.
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookCall {
  readonly connectorId: string
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  /** HTTP status of the target's answer, or `undefined` when it could not be reached. */
  readonly status: number | undefined
  readonly timestamp: Date
}

/**
 * What an executor may use: the emulator's stores, and an HTTP client for real outbound calls.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecutorServices {
  readonly documents: DocumentStore
  readonly recordServerLog: (entry: ServerLogEntry) => Effect.Effect<void>
  readonly recordWebhookCall: (call: WebhookCall) => Effect.Effect<void>
  /** A real HTTP client (never the emulator's in-process one) for `.webhook` targets. */
  readonly httpClient: HttpClient.HttpClient
}

/**
 * The input of one execution: already-validated config and params, and the stored secrets.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecutorInput {
  readonly connectorId: string
  readonly config: JsonObject
  readonly secrets: JsonObject
  readonly params: JsonObject
  readonly services: ExecutorServices
}

/**
 * The executor's result, in Kibana's internal (camelCase) form. The execute route turns it into the
 * HTTP body (`connector_id`, `service_message`, ...); a failed execution is still HTTP 200.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecutorResult {
  readonly status: "ok" | "error"
  readonly message?: string
  readonly serviceMessage?: string
  readonly data?: unknown
  readonly retry?: boolean | string | null
  readonly errorSource?: "user" | "framework"
}

/**
 * A connector type: what `GET /api/actions/connector_types` lists, how config, secrets and params
 * are validated, and how the connector runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectorTypeSpec {
  readonly id: string
  readonly name: string
  readonly minimumLicenseRequired: LicenseLevel
  readonly supportedFeatureIds: ReadonlyArray<string>
  readonly isSystemActionType: boolean
  /** Whether connectors of this type report `is_connector_type_deprecated: true`. */
  readonly isDeprecated: boolean
  readonly validateConfig: (config: unknown) => Validation
  readonly validateSecrets: (secrets: unknown) => Validation
  readonly validateParams: (params: unknown) => Validation
  /**
   * Kibana's cross-field check of the validated config and secrets (e.g. `.email` needs `user` when
   * `hasAuth`); the reason comes WITHOUT the `error validating action type connector: ` prefix.
   */
  readonly validateConnector?: ((config: JsonObject, secrets: JsonObject) => string | undefined) | undefined
  readonly execute: (input: ExecutorInput) => Effect.Effect<ExecutorResult>
}
