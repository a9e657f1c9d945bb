/**
 * Connectors as data: what Kibana's connectors API returns (connectors, connector types), what a caller
 * sends to create or update one (`CreateConnectorInput`, `UpdateConnectorInput`), and what executing one
 * returns (`ConnectorExecuteResult`, `IndexBulkResponse`). The `Connectors` service manages them.
 *
 * The wire is snake_case, the API camelCase. Unknown fields are ignored and every field that differs
 * between Kibana 8.x and 9.x is optional, so one schema reads every version from 7.13 (the first with
 * the snake_case API) to 9.x (`x-pack/platform/plugins/shared/actions/common/routes/connector/response/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { TypedConnectorTypeId } from "./connectorTypes/index.js"
import { JsonObject } from "./Json.js"

export * from "./ConnectorExecution.js"
export * from "./ConnectorInput.js"
export * from "./connectorTypes/index.js"
export * from "./Json.js"

/**
 * A connector's id: the UUID Kibana generated, or the id chosen at creation (`create(input, { id })`) or in
 * `kibana.yml` for a preconfigured connector. Ids are plain strings, as space ids are; operations check
 * them before sending and fail with `KibanaInputError` when one cannot be used.
 *
 * @since 0.1.0
 * @category models
 */
export const ConnectorId = Schema.NonEmptyString

/**
 * @since 0.1.0
 * @category models
 */
export type ConnectorId = typeof ConnectorId.Type

/**
 * A connector as Kibana returns it. Secrets are never returned.
 *
 * @since 0.1.0
 * @category models
 */
export class Connector extends Schema.Class<Connector>("Connector")({
  id: ConnectorId,
  name: Schema.String,
  connectorTypeId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("connector_type_id")),
  /** Defined in `kibana.yml`; cannot be updated or deleted through the API. */
  isPreconfigured: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("is_preconfigured")),
  /** Absent before 8.x. */
  isDeprecated: Schema.optionalWith(Schema.Boolean, { default: () => false }).pipe(Schema.fromKey("is_deprecated")),
  /** Absent before 8.x. */
  isSystemAction: Schema.optionalWith(Schema.Boolean, { default: () => false }).pipe(
    Schema.fromKey("is_system_action")
  ),
  /** Omitted for preconfigured connectors. */
  isMissingSecrets: Schema.optionalWith(Schema.Boolean, { exact: true }).pipe(Schema.fromKey("is_missing_secrets")),
  /** 9.x only. */
  isConnectorTypeDeprecated: Schema.optionalWith(Schema.Boolean, { exact: true }).pipe(
    Schema.fromKey("is_connector_type_deprecated")
  ),
  /** Recent 9.x only: `shared` or `personal`. */
  authMode: Schema.optionalWith(Schema.String, { exact: true }).pipe(Schema.fromKey("auth_mode")),
  /** Only in `list`: how many saved objects reference the connector. */
  referencedByCount: Schema.optionalWith(Schema.Number, { exact: true }).pipe(Schema.fromKey("referenced_by_count")),
  /** The stored configuration, with Kibana's defaults applied; omitted for preconfigured connectors. */
  config: Schema.optionalWith(JsonObject, { exact: true })
}) {}

/**
 * A connector type as listed by `GET /api/actions/connector_types`.
 *
 * @since 0.1.0
 * @category models
 */
export class ConnectorType extends Schema.Class<ConnectorType>("ConnectorType")({
  id: Schema.String,
  name: Schema.String,
  enabled: Schema.Boolean,
  enabledInConfig: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("enabled_in_config")),
  enabledInLicense: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("enabled_in_license")),
  /** `basic`, `standard`, `gold`, `platinum`, `enterprise` or `trial`. */
  minimumLicenseRequired: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("minimum_license_required")),
  supportedFeatureIds: Schema.propertySignature(Schema.Array(Schema.String)).pipe(
    Schema.fromKey("supported_feature_ids")
  ),
  isSystemActionType: Schema.optionalWith(Schema.Boolean, { default: () => false }).pipe(
    Schema.fromKey("is_system_action_type")
  ),
  /** 9.x only. */
  isDeprecated: Schema.optionalWith(Schema.Boolean, { exact: true }).pipe(Schema.fromKey("is_deprecated")),
  /** 9.x only: `yml`, `spec` or `stack`. */
  source: Schema.optionalWith(Schema.String, { exact: true }),
  /** 9.x only. */
  subFeature: Schema.optionalWith(Schema.String, { exact: true }).pipe(Schema.fromKey("sub_feature")),
  /** 9.x only. */
  description: Schema.optionalWith(Schema.String, { exact: true }),
  /** 9.x only. */
  isExperimental: Schema.optionalWith(Schema.Boolean, { exact: true }).pipe(Schema.fromKey("is_experimental"))
}) {}

/**
 * A connector whose type the client types (`ensure` returns one; `isOfType` narrows any connector), so
 * `Connectors.executeTyped` checks its params and decodes its result.
 *
 * @since 0.1.0
 * @category models
 */
export type TypedConnector<T extends TypedConnectorTypeId> = Connector & { readonly connectorTypeId: T }

/**
 * Narrows a connector to its type, e.g. `Connector.isOfType(connector, ".slack")`.
 *
 * @since 0.1.0
 * @category guards
 */
export const isOfType = <T extends TypedConnectorTypeId>(
  connector: Connector,
  connectorTypeId: T
): connector is TypedConnector<T> => connector.connectorTypeId === connectorTypeId
