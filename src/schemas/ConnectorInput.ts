/**
 * What a caller sends to create or update a connector: a typed input for each of Kibana's 31 stack
 * connector types (see `connectorTypes/`), and a generic input for any other connector type.
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
import { NoSecrets } from "./connectorTypes/common.js"
import { connectorTypes } from "./connectorTypes/index.js"
import { JsonObject } from "./Json.js"

export {
  /**
   * @since 0.1.0
   */
  NoSecrets,
  /**
   * @since 0.1.0
   */
  noSecrets
} from "./connectorTypes/common.js"

/**
 * The id of a connector type, for the generic input. Branded so that a typed input (`.index`,
 * `.webhook`, ...) with a wrong `config` is a type error instead of silently becoming generic:
 * write `ConnectorTypeId.make(".my-custom-type")`.
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

const genericFields = {
  connectorTypeId: Schema.propertySignature(ConnectorTypeId).pipe(Schema.fromKey("connector_type_id")),
  name: Schema.String,
  config: Schema.optional(JsonObject)
}

/**
 * The input of `create` for a connector type the library does not type (custom or newer types).
 *
 * @since 0.1.0
 * @category models
 */
export const GenericCreateConnectorInput = Schema.Struct({
  ...genericFields,
  secrets: Schema.optional(Schema.Redacted(JsonObject))
})

/**
 * @since 0.1.0
 * @category models
 */
export type GenericCreateConnectorInput = typeof GenericCreateConnectorInput.Type

/**
 * The input of `update` for a connector type the library does not type.
 *
 * @since 0.1.0
 * @category models
 */
export const GenericUpdateConnectorInput = Schema.Struct({
  ...genericFields,
  secrets: Schema.Union(NoSecrets, Schema.Redacted(JsonObject))
})

const t = connectorTypes

/**
 * Input of `Connectors.create`: the `connectorTypeId` literal selects the typed `config` and `secrets`.
 * Secrets are required where Kibana requires them, optional where a type may have none.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateConnectorInput = Schema.Union(
  t[".index"].create,
  t[".server-log"].create,
  t[".email"].create,
  t[".webhook"].create,
  t[".slack"].create,
  t[".slack_api"].create,
  t[".teams"].create,
  t[".pagerduty"].create,
  t[".xmatters"].create,
  t[".torq"].create,
  t[".servicenow"].create,
  t[".servicenow-sir"].create,
  t[".servicenow-itom"].create,
  t[".jira"].create,
  t[".jira-service-management"].create,
  t[".opsgenie"].create,
  t[".resilient"].create,
  t[".swimlane"].create,
  t[".cases-webhook"].create,
  t[".thehive"].create,
  t[".xsoar"].create,
  t[".tines"].create,
  t[".d3security"].create,
  t[".gen-ai"].create,
  t[".bedrock"].create,
  t[".gemini"].create,
  t[".inference"].create,
  t[".mcp"].create,
  t[".sentinelone"].create,
  t[".crowdstrike"].create,
  t[".microsoft_defender_endpoint"].create,
  GenericCreateConnectorInput
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
 * purpose that the connector keeps none (for the types where that is allowed: `.webhook`, `.email`,
 * `.cases-webhook`, `.mcp`, `.inference`, and generic types). `.index` and `.server-log` have no secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateConnectorInput = Schema.Union(
  t[".index"].update,
  t[".server-log"].update,
  t[".email"].update,
  t[".webhook"].update,
  t[".slack"].update,
  t[".slack_api"].update,
  t[".teams"].update,
  t[".pagerduty"].update,
  t[".xmatters"].update,
  t[".torq"].update,
  t[".servicenow"].update,
  t[".servicenow-sir"].update,
  t[".servicenow-itom"].update,
  t[".jira"].update,
  t[".jira-service-management"].update,
  t[".opsgenie"].update,
  t[".resilient"].update,
  t[".swimlane"].update,
  t[".cases-webhook"].update,
  t[".thehive"].update,
  t[".xsoar"].update,
  t[".tines"].update,
  t[".d3security"].update,
  t[".gen-ai"].update,
  t[".bedrock"].update,
  t[".gemini"].update,
  t[".inference"].update,
  t[".mcp"].update,
  t[".sentinelone"].update,
  t[".crowdstrike"].update,
  t[".microsoft_defender_endpoint"].update,
  GenericUpdateConnectorInput
)

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateConnectorInput = typeof UpdateConnectorInput.Type
