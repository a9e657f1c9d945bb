/**
 * `.opsgenie` and `.jira-service-management`: alerts in Opsgenie and Jira Service Management
 * (`x-pack/platform/plugins/shared/stack_connectors/server/connector_types/opsgenie/schema.ts`,
 * `src/platform/packages/shared/kbn-connector-schemas/jira-service-management/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret, subAction } from "./common.js"

/**
 * Opsgenie and Jira Service Management config: the API URL.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieConfig = Schema.Struct({ apiUrl: Schema.String })

/**
 * Opsgenie and Jira Service Management secrets: the API key.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieSecrets = Schema.Struct({ apiKey: Secret })

const Responder = Schema.Struct({
  type: Schema.Literal("team", "user", "escalation", "schedule"),
  id: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  username: Schema.optional(Schema.String)
})

/**
 * `createAlert` params: `message` up to 130 characters (newer Kibana truncates longer ones).
 *
 * @since 0.1.0
 * @category models
 */
export const CreateAlertParams = Schema.Struct({
  message: Schema.NonEmptyString,
  /** Deduplication key (Kibana's default: the rule and alert ids). */
  alias: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  responders: Schema.optional(Schema.Array(Responder)),
  visibleTo: Schema.optional(Schema.Array(Responder)),
  actions: Schema.optional(Schema.Array(Schema.String)),
  tags: Schema.optional(Schema.Array(Schema.String)),
  details: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  entity: Schema.optional(Schema.String),
  source: Schema.optional(Schema.String),
  /** Opsgenie's default: `P3`. */
  priority: Schema.optional(Schema.Literal("P1", "P2", "P3", "P4", "P5")),
  user: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String)
})

/**
 * `closeAlert` params.
 *
 * @since 0.1.0
 * @category models
 */
export const CloseAlertParams = Schema.Struct({
  alias: Schema.String,
  user: Schema.optional(Schema.String),
  source: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String)
})

/**
 * Opsgenie and Jira Service Management params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieParams = Schema.Union(
  subAction("createAlert", CreateAlertParams),
  subAction("closeAlert", CloseAlertParams)
)

/**
 * Opsgenie's answer to an alert request, which it processes asynchronously (`requestId` tracks it).
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieAlertResult = Schema.Struct({
  result: Schema.String,
  took: Schema.Number,
  requestId: Schema.String
})

/**
 * The `.opsgenie` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const OpsgenieType = {
  id: ".opsgenie",
  source: "x-pack/platform/plugins/shared/stack_connectors/server/connector_types/opsgenie/schema.ts",
  ...inputsWithSecrets(".opsgenie", { config: OpsgenieConfig }, OpsgenieSecrets),
  params: OpsgenieParams,
  results: { createAlert: OpsgenieAlertResult, closeAlert: OpsgenieAlertResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition

/**
 * The `.jira-service-management` connector type (Kibana 9.1+).
 *
 * @since 0.1.0
 * @category types
 */
export const JiraServiceManagementType = {
  id: ".jira-service-management",
  source: "src/platform/packages/shared/kbn-connector-schemas/jira-service-management/schemas/v1.ts",
  ...inputsWithSecrets(".jira-service-management", { config: OpsgenieConfig }, OpsgenieSecrets),
  params: OpsgenieParams,
  results: { createAlert: OpsgenieAlertResult, closeAlert: OpsgenieAlertResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
