/**
 * `.swimlane`: records in a Swimlane application
 * (`src/platform/packages/shared/kbn-connector-schemas/swimlane/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  inputsWithSecrets,
  noDefaults,
  PushComment,
  PushResult,
  Secret,
  subAction
} from "./common.js"

const FieldMapping = Schema.NullOr(
  Schema.Struct({ id: Schema.String, key: Schema.String, name: Schema.String, fieldType: Schema.String })
)

/**
 * Which Swimlane field receives each alert or case property (each Kibana's default: `null`).
 *
 * @since 0.1.0
 * @category models
 */
export const SwimlaneMappings = Schema.Struct({
  ruleNameConfig: Schema.optional(FieldMapping),
  alertIdConfig: Schema.optional(FieldMapping),
  caseIdConfig: Schema.optional(FieldMapping),
  caseNameConfig: Schema.optional(FieldMapping),
  commentsConfig: Schema.optional(FieldMapping),
  severityConfig: Schema.optional(FieldMapping),
  descriptionConfig: Schema.optional(FieldMapping)
})

/**
 * `.swimlane` config.
 *
 * @since 0.1.0
 * @category models
 */
export const SwimlaneConfig = Schema.Struct({
  apiUrl: Schema.String,
  appId: Schema.String,
  connectorType: Schema.Literal("all", "alerts", "cases"),
  mappings: SwimlaneMappings
})

/**
 * `.swimlane` secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const SwimlaneSecrets = Schema.Struct({ apiToken: Secret })

const nullableString = Schema.optional(Schema.NullOr(Schema.String))

/**
 * `.swimlane` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const SwimlaneParams = subAction(
  "pushToService",
  Schema.Struct({
    incident: Schema.Struct({
      alertId: nullableString,
      ruleName: nullableString,
      caseId: nullableString,
      caseName: nullableString,
      severity: nullableString,
      description: nullableString,
      externalId: nullableString
    }),
    comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment)))
  })
)

/**
 * The `.swimlane` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const SwimlaneType = {
  id: ".swimlane",
  source: "src/platform/packages/shared/kbn-connector-schemas/swimlane/schemas/v1.ts",
  ...inputsWithSecrets(".swimlane", { config: SwimlaneConfig }, SwimlaneSecrets),
  params: SwimlaneParams,
  results: { pushToService: PushResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
