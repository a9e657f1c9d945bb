/**
 * `.resilient`: incidents in IBM Resilient (QRadar SOAR)
 * (`src/platform/packages/shared/kbn-connector-schemas/resilient/schemas/v1.ts`).
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
        incidentTypes: Schema.optional(Schema.NullOr(Schema.Array(Schema.Number))),
        severityCode: Schema.optional(Schema.NullOr(Schema.Number)),
        additionalFields: Schema.optional(Schema.NullOr(JsonObject))
      }),
      comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment)))
    })
  ),
  subAction("getFields", Schema.Struct({})),
  subAction("incidentTypes", Schema.Struct({})),
  subAction("severity", Schema.Struct({}))
)

const IdName = Schema.Struct({ id: Schema.Number, name: Schema.String })

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
    getFields: Schema.Array(JsonObject),
    incidentTypes: Schema.Array(IdName),
    severity: Schema.Array(IdName)
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
