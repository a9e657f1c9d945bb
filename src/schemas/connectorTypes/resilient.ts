/**
 * `.resilient`: incidents in IBM Resilient (QRadar SOAR), a sub-action connector
 * (`src/platform/packages/shared/kbn-connector-schemas/resilient/schemas/v1.ts`; results:
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/resilient/resilient.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  inputsWithSecrets,
  JsonObject,
  noDefaults,
  PushComment,
  PushResult,
  Secret,
  subAction
} from "./common.js"

/**
 * `.resilient` config.
 *
 * @since 0.1.0
 * @category models
 */
export const ResilientConfig = Schema.Struct({ apiUrl: Schema.String, orgId: Schema.String })

/**
 * `.resilient` secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const ResilientSecrets = Schema.Struct({ apiKeyId: Schema.String, apiKeySecret: Secret })

/**
 * `.resilient` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const ResilientParams = Schema.Union(
  subAction(
    "pushToService",
    Schema.Struct({
      incident: Schema.Struct({
        name: Schema.String,
        description: Schema.optional(Schema.NullOr(Schema.String)),
        externalId: Schema.optional(Schema.NullOr(Schema.String)),
        /** Resilient incident type ids. */
        incidentTypes: Schema.optional(Schema.NullOr(Schema.Array(Schema.Number))),
        severityCode: Schema.optional(Schema.NullOr(Schema.Number)),
        /** More incident fields by name (at most 50); custom fields go under `properties` by themselves. */
        additionalFields: Schema.optional(Schema.NullOr(JsonObject))
      }),
      comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment)))
    })
  ),
  subAction("getFields", Schema.Struct({})),
  subAction("incidentTypes", Schema.Struct({})),
  subAction("severity", Schema.Struct({}))
)

/**
 * An incident type or severity: Kibana turns Resilient's numeric `value` into the string `id`.
 *
 * @since 0.1.0
 * @category models
 */
export const ResilientChoice = Schema.Struct({ id: Schema.String, name: Schema.String })

/**
 * A Resilient incident field, as `getFields` lists it.
 *
 * @since 0.1.0
 * @category models
 */
export const ResilientField = Schema.Struct({
  name: Schema.String,
  input_type: Schema.String,
  read_only: Schema.Boolean,
  required: Schema.NullOr(Schema.String),
  text: Schema.String,
  /** `properties` for custom fields. */
  prefix: Schema.NullOr(Schema.String),
  values: Schema.NullOr(Schema.Array(JsonObject))
})

/**
 * The `.resilient` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const ResilientType = {
  id: ".resilient",
  source: "src/platform/packages/shared/kbn-connector-schemas/resilient/schemas/v1.ts",
  ...inputsWithSecrets(".resilient", { config: ResilientConfig }, ResilientSecrets),
  params: ResilientParams,
  results: {
    pushToService: PushResult,
    getFields: Schema.Array(ResilientField),
    incidentTypes: Schema.Array(ResilientChoice),
    severity: Schema.Array(ResilientChoice)
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
