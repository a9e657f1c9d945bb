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
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as V from "./connectorTypes/validation.js"
import type { InferenceEndpoints } from "./InferenceEndpoints.js"

/**
 * A JSON object as stored in a connector's `config` or `secrets`, or sent as `params`.
 *
 * @since 0.1.0
 * @category models
 */
export type JsonObject = V.JsonObject

/**
 * The feature ids of Kibana's generative AI connectors (`.gen-ai`, `.bedrock`, `.gemini`, `.inference`):
 * `GenerativeAIForSecurityConnectorFeatureId` and its two siblings in
 * elastic/kibana:x-pack/platform/plugins/shared/actions/common/connector_feature_config.ts.
 *
 * @since 0.1.0
 * @category constants
 */
export const generativeAiFeatureIds: ReadonlyArray<string> = [
  "generativeAIForSecurity",
  "generativeAIForObservability",
  "generativeAIForSearchPlayground"
]

/**
 * Kibana's license levels, as reported by `minimum_license_required`.
 *
 * @since 0.1.0
 * @category models
 */
export type LicenseLevel = "basic" | "standard" | "gold" | "platinum" | "enterprise" | "trial"

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
  /** The Elasticsearch inference endpoints `.inference` connectors create and run. */
  readonly inference: InferenceEndpoints
  readonly recordServerLog: (entry: ServerLogEntry) => Effect.Effect<void>
  readonly recordWebhookCall: (call: WebhookCall) => Effect.Effect<void>
  /** A real HTTP client (never the emulator's in-process one) for `.webhook` targets. */
  readonly httpClient: HttpClient.HttpClient
  /** How long an outbound call waits, like Kibana's `xpack.actions.responseTimeout`. */
  readonly outboundTimeout: Duration.Duration
  /** Where `.slack_api` connectors call Slack's Web API (Kibana's fixed `https://slack.com/api/` when absent). */
  readonly slackApiUrl?: string | undefined
}

/**
 * The input of one execution: validated config, secrets and params (Kibana's defaults filled in).
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecutorInput<Config, Secrets, Params> {
  readonly connectorId: string
  readonly config: Config
  readonly secrets: Secrets
  readonly params: Params
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
 * What Kibana's registration of a connector type says about it, and what the type listing shows.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectorTypeInfo {
  readonly id: string
  readonly name: string
  readonly minimumLicenseRequired: LicenseLevel
  readonly supportedFeatureIds: ReadonlyArray<string>
  /** System action types (`.cases`, ...) are refused on the connector API and left out of the listing. */
  readonly isSystemActionType: boolean
  /** Whether connectors of this type report `is_connector_type_deprecated: true`. */
  readonly isDeprecated: boolean
}

/**
 * Kibana's connector lifecycle hooks (actions `ActionType.preSaveHook`, `postSaveHook`, `postDeleteHook`;
 * elastic/kibana:x-pack/platform/plugins/shared/actions/server/application/connector/methods/{create,update,delete}).
 * A failing `preSave` aborts the save with the message Kibana's hook throws.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectorHooks<Config, Secrets> {
  readonly preSave: (input: {
    readonly config: Config
    readonly secrets: Secrets
    readonly isUpdate: boolean
    readonly services: ExecutorServices
  }) => Effect.Effect<void, HookFailed>
  /** After the saved object was written, or failed to be (`wasSuccessful`). */
  readonly postSave: (input: {
    readonly config: Config
    readonly isUpdate: boolean
    readonly wasSuccessful: boolean
    readonly services: ExecutorServices
  }) => Effect.Effect<void>
  readonly postDelete: (input: { readonly config: Config; readonly services: ExecutorServices }) => Effect.Effect<void>
}

/**
 * What a connector hook throws.
 *
 * @since 0.1.0
 * @category models
 */
export interface HookFailed {
  readonly _tag: "HookFailed"
  readonly message: string
}

/**
 * A connector type with its typed values: how config, secrets and params are validated (with Kibana's
 * defaults), and how a connector of the type runs. Register it with `define`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectorType<Config, Secrets, Params> extends ConnectorTypeInfo {
  readonly config: (input: unknown) => V.Validation<Config>
  readonly secrets: (input: unknown) => V.Validation<Secrets>
  readonly params: (input: unknown) => V.Validation<Params>
  /**
   * Kibana's cross-field check of config and secrets together (e.g. `.email` needs `user` when
   * `hasAuth`); the message comes WITHOUT the `error validating action type connector: ` prefix.
   */
  readonly connector?: ((config: Config, secrets: Secrets) => string | undefined) | undefined
  readonly hooks?: ConnectorHooks<Config, Secrets> | undefined
  /** Fails only when a sub-action's own params are rejected (the sub-action framework validates them late). */
  readonly execute: (
    input: ExecutorInput<Config, Secrets, Params>
  ) => Effect.Effect<ExecutorResult, ExecutionRejected>
}

/**
 * Why an execution did not reach the executor: the stored config or secrets, or the params, were rejected.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecutionRejected {
  readonly _tag: "ExecutionRejected"
  readonly target: "config" | "secrets" | "params" | "subActionParams"
  readonly failure: V.ValidationFailure
}

/**
 * A registered connector type as the routes see it: its values are plain JSON, each operation validates
 * before it hands typed values to the type.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectorTypeSpec extends ConnectorTypeInfo {
  readonly validateConfig: (config: unknown) => V.Validation<JsonObject>
  readonly validateSecrets: (secrets: unknown) => V.Validation<JsonObject>
  readonly validateParams: (params: unknown) => V.Validation<JsonObject>
  /** Validates config and secrets together; the cross-field message comes without Kibana's prefix. */
  readonly validateConnector: (config: JsonObject, secrets: JsonObject) => string | undefined
  /** The type's lifecycle hooks over validated config and secrets (no-ops for types without hooks). */
  readonly hooks: ConnectorHooks<JsonObject, JsonObject>
  /**
   * Validates the stored config and secrets and the params, as Kibana's action executor does, then runs
   * the type's executor.
   */
  readonly execute: (input: ExecutorInput<JsonObject, JsonObject, unknown>) => Effect.Effect<
    ExecutorResult,
    ExecutionRejected
  >
}

/**
 * An execution rejected for a value that failed validation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const rejected = (target: ExecutionRejected["target"]) => (failure: V.ValidationFailure): ExecutionRejected => ({
  _tag: "ExecutionRejected",
  target,
  failure
})

const noHooks: ConnectorHooks<JsonObject, JsonObject> = {
  preSave: () => Effect.void,
  postSave: () => Effect.void,
  postDelete: () => Effect.void
}

// Hooks get typed values: config and secrets were validated before any save, so a value that no
// longer validates has nothing for a hook to act on.
const typedHooks = <Config, Secrets>(
  type: Pick<ConnectorType<Config, Secrets, never>, "config" | "secrets">,
  hooks: ConnectorHooks<Config, Secrets>
): ConnectorHooks<JsonObject, JsonObject> => ({
  preSave: ({ config, isUpdate, secrets, services }) =>
    Either.match(Either.all([type.config(config), type.secrets(secrets)]), {
      onLeft: () => Effect.void,
      onRight: ([typedConfig, typedSecrets]) =>
        hooks.preSave({ config: typedConfig, secrets: typedSecrets, isUpdate, services })
    }),
  postSave: ({ config, ...rest }) =>
    Either.match(type.config(config), {
      onLeft: () => Effect.void,
      onRight: (typedConfig) => hooks.postSave({ config: typedConfig, ...rest })
    }),
  postDelete: ({ config, services }) =>
    Either.match(type.config(config), {
      onLeft: () => Effect.void,
      onRight: (typedConfig) => hooks.postDelete({ config: typedConfig, services })
    })
})

/**
 * Registers a typed connector type: the routes get JSON in and out, the type gets its own values.
 *
 * @since 0.1.0
 * @category constructors
 */
export const define = <Config extends JsonObject, Secrets extends JsonObject, Params extends JsonObject>(
  type: ConnectorType<Config, Secrets, Params>
): ConnectorTypeSpec => ({
  id: type.id,
  name: type.name,
  minimumLicenseRequired: type.minimumLicenseRequired,
  supportedFeatureIds: type.supportedFeatureIds,
  isSystemActionType: type.isSystemActionType,
  isDeprecated: type.isDeprecated,
  validateConfig: type.config,
  validateSecrets: type.secrets,
  validateParams: type.params,
  hooks: type.hooks === undefined ? noHooks : typedHooks(type, type.hooks),
  validateConnector: (config, secrets) => {
    const connector = type.connector
    if (connector === undefined) return undefined
    const typedConfig = type.config(config)
    const typedSecrets = type.secrets(secrets)
    return Either.isRight(typedConfig) && Either.isRight(typedSecrets)
      ? connector(typedConfig.right, typedSecrets.right)
      : undefined
  },
  execute: ({ config, connectorId, params, secrets, services }) =>
    Effect.gen(function*() {
      const typedConfig = yield* Either.mapLeft(type.config(config), rejected("config"))
      const typedSecrets = yield* Either.mapLeft(type.secrets(secrets), rejected("secrets"))
      const typedParams = yield* Either.mapLeft(type.params(params), rejected("params"))
      return yield* type.execute({
        connectorId,
        config: typedConfig,
        secrets: typedSecrets,
        params: typedParams,
        services
      })
    })
})
