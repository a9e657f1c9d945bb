/**
 * `.thehive`: cases and alerts in TheHive
 * (`src/platform/packages/shared/kbn-connector-schemas/thehive/schemas/v1.ts`; results:
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/thehive/thehive.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  fixedDefaults,
  inputsWithSecrets,
  PushComment,
  PushResult,
  Secret,
  subAction
} from "./common.js"

/**
 * `.thehive` config.
 *
 * @since 0.1.0
 * @category models
 */
export const TheHiveConfig = Schema.Struct({
  url: Schema.String,
  /** Kibana's default: `null` (the API key's organisation). */
  organisation: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * `.thehive` secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const TheHiveSecrets = Schema.Struct({ apiKey: Secret })

/**
 * TheHive severity: 1 (low) to 4 (critical); Kibana's default: 2.
 *
 * @since 0.1.0
 * @category models
 */
export const TheHiveSeverity = Schema.Int.pipe(Schema.between(1, 4))

/**
 * Traffic Light Protocol: 0 (white) to 4 (red); Kibana's default: 2 (amber).
 *
 * @since 0.1.0
 * @category models
 */
export const TheHiveTlp = Schema.Int.pipe(Schema.between(0, 4))

/**
 * `.thehive` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const TheHiveParams = Schema.Union(
  subAction(
    "pushToService",
    Schema.Struct({
      incident: Schema.Struct({
        title: Schema.String,
        description: Schema.String,
        externalId: Schema.optional(Schema.NullOr(Schema.String)),
        severity: Schema.optional(Schema.NullOr(TheHiveSeverity)),
        tlp: Schema.optional(Schema.NullOr(TheHiveTlp)),
        tags: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
      }),
      comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment)))
    })
  ),
  subAction(
    "createAlert",
    Schema.Struct({
      title: Schema.String,
      description: Schema.String,
      type: Schema.String,
      source: Schema.String,
      sourceRef: Schema.String,
      severity: Schema.optional(Schema.NullOr(TheHiveSeverity)),
      /** Use the rule's severity instead of `severity` (Kibana's default: `false`). */
      isRuleSeverity: Schema.optional(Schema.NullOr(Schema.Boolean)),
      tlp: Schema.optional(Schema.NullOr(TheHiveTlp)),
      tags: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
      /** A JSON object merged over the fields above (its keys win). */
      body: Schema.optional(Schema.NullOr(Schema.String))
    })
  )
)

/**
 * The `.thehive` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const TheHiveType = {
  id: ".thehive",
  source: "src/platform/packages/shared/kbn-connector-schemas/thehive/schemas/v1.ts",
  ...inputsWithSecrets(".thehive", { config: TheHiveConfig }, TheHiveSecrets),
  params: TheHiveParams,
  // thehive.ts `createAlert` returns nothing, which the sub-action framework answers as `{}`
  results: { pushToService: PushResult, createAlert: Schema.Struct({}) },
  defaults: fixedDefaults({ organisation: null })
} as const satisfies ConnectorTypeDefinition
