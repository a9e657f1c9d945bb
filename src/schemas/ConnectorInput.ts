/**
 * What a caller sends to create or update a connector: typed inputs for `.index`, `.server-log` and
 * `.webhook`, and a generic input for any other connector type.
 *
 * Inputs are camelCase and encode to Kibana's wire form (`connector_type_id`). Inside `config`, Kibana
 * itself uses camelCase (`executionTimeField`, `hasAuth`), so those keys are sent as written. Secret
 * fields are `Redacted` and only become plain text when the request body is encoded.
 *
 * Kibana's own validation (`x-pack/platform/plugins/shared/actions/common/routes/connector/apis/create/schemas/v1.ts`)
 * still applies: a blank name or a config its connector type rejects fails with `KibanaBadRequest`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { JsonObject } from "./Json.js"

const SecretString = Schema.Redacted(Schema.String)

const typeIdOf = <const Id extends string>(id: Id) =>
  Schema.propertySignature(Schema.Literal(id)).pipe(Schema.fromKey("connector_type_id"))

/**
 * An explicit "this connector has no secrets" for `update`, which replaces the stored secrets whole.
 * Encodes to `{}`.
 *
 * @since 0.1.0
 * @category models
 */
export const NoSecrets = Schema.transform(Schema.Struct({}), Schema.TaggedStruct("NoSecrets", {}), {
  strict: true,
  decode: () => ({ _tag: "NoSecrets" as const }),
  encode: () => ({})
})

/**
 * @since 0.1.0
 * @category models
 */
export type NoSecrets = typeof NoSecrets.Type

/**
 * The value to pass as `secrets` when an updated connector must end up with no secrets.
 *
 * @since 0.1.0
 * @category constructors
 */
export const noSecrets: NoSecrets = { _tag: "NoSecrets" }

/**
 * The id of a connector type, for the generic input. Branded so that a typed input (`.index`,
 * `.webhook`, ...) with a wrong `config` is a type error instead of silently becoming generic:
 * write `ConnectorTypeId.make(".slack")`.
 *
 * @since 0.1.0
 * @category models
 */
export const ConnectorTypeId = Schema.NonEmptyString.pipe(Schema.brand("ConnectorTypeId"))

/**
 * @since 0.1.0
 * @category models
 */
export type ConnectorTypeId = typeof ConnectorTypeId.Type

/**
 * `.index` config: the Elasticsearch index documents are written to.
 *
 * @since 0.1.0
 * @category models
 */
export const IndexConfig = Schema.Struct({
  index: Schema.String,
  /** Refresh the index after each write (Kibana's default: `false`). */
  refresh: Schema.optional(Schema.Boolean),
  /** A field set to the execution time in every document (Kibana's default: `null`, none). */
  executionTimeField: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export type IndexConfig = typeof IndexConfig.Type

/**
 * `.webhook` config (`src/platform/packages/shared/kbn-connector-schemas/webhook/schemas/v1.ts`).
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookConfig = Schema.Struct({
  url: Schema.String,
  /** Kibana's default: `post`; 8.x accepts only `post` and `put`. */
  method: Schema.optional(Schema.Literal("post", "put", "patch", "get", "delete")),
  headers: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.String }))),
  /** Kibana's default: `true`. */
  hasAuth: Schema.optional(Schema.Boolean),
  authType: Schema.optional(
    Schema.NullOr(
      Schema.Literal(
        "webhook-authentication-basic",
        "webhook-authentication-ssl",
        "webhook-oauth2-client-credentials",
        "http-authentication-query-param"
      )
    )
  ),
  certType: Schema.optional(Schema.Literal("ssl-crt-key", "ssl-pfx")),
  ca: Schema.optional(Schema.String),
  verificationMode: Schema.optional(Schema.Literal("none", "certificate", "full"))
})

/**
 * @since 0.1.0
 * @category models
 */
export type WebhookConfig = typeof WebhookConfig.Type

/**
 * `.webhook` secrets: one of the combinations Kibana accepts (basic auth, certificate and key, PFX,
 * OAuth2 client secret).
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookSecrets = Schema.Union(
  Schema.Struct({ user: Schema.String, password: SecretString }),
  Schema.Struct({ crt: SecretString, key: SecretString, password: Schema.optional(SecretString) }),
  Schema.Struct({ pfx: SecretString, password: Schema.optional(SecretString) }),
  Schema.Struct({ clientSecret: SecretString })
)

/**
 * @since 0.1.0
 * @category models
 */
export type WebhookSecrets = typeof WebhookSecrets.Type

const indexFields = { connectorTypeId: typeIdOf(".index"), name: Schema.String, config: IndexConfig }
const serverLogFields = { connectorTypeId: typeIdOf(".server-log"), name: Schema.String }
const webhookFields = { connectorTypeId: typeIdOf(".webhook"), name: Schema.String, config: WebhookConfig }
const genericFields = {
  connectorTypeId: Schema.propertySignature(ConnectorTypeId).pipe(Schema.fromKey("connector_type_id")),
  name: Schema.String,
  config: Schema.optional(JsonObject)
}

/**
 * Input of `Connectors.create`. Secrets are optional: a new connector has nothing to lose.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateConnectorInput = Schema.Union(
  Schema.Struct(indexFields),
  Schema.Struct(serverLogFields),
  Schema.Struct({ ...webhookFields, secrets: Schema.optional(WebhookSecrets) }),
  Schema.Struct({ ...genericFields, secrets: Schema.optional(Schema.Redacted(JsonObject)) })
)

/**
 * @since 0.1.0
 * @category models
 */
export type CreateConnectorInput = typeof CreateConnectorInput.Type

/**
 * Input of `Connectors.update`. Kibana replaces `config` and `secrets` whole (the connector type never
 * changes; `connectorTypeId` only selects the shape of `config` and `secrets` and is not sent). So
 * every type that can hold secrets requires `secrets`: the new secrets, or `noSecrets` to state on
 * purpose that the connector keeps none. `.index` and `.server-log` have no secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateConnectorInput = Schema.Union(
  Schema.Struct(indexFields),
  Schema.Struct(serverLogFields),
  Schema.Struct({ ...webhookFields, secrets: Schema.Union(NoSecrets, WebhookSecrets) }),
  Schema.Struct({ ...genericFields, secrets: Schema.Union(NoSecrets, Schema.Redacted(JsonObject)) })
)

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateConnectorInput = typeof UpdateConnectorInput.Type
