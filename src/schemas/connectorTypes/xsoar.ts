/**
 * `.xsoar`: playbooks in Cortex XSOAR (Kibana 9.1+)
 * (`src/platform/packages/shared/kbn-connector-schemas/xsoar/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, RawResult, Secret } from "./common.js"

/**
 * `.xsoar` config.
 *
 * @since 0.1.0
 * @category models
 */
export const XsoarConfig = Schema.Struct({ url: Schema.String })

/**
 * `.xsoar` secrets: the API key, and its id for XSOAR 8 (Kibana's default: `null`).
 *
 * @since 0.1.0
 * @category models
 */
export const XsoarSecrets = Schema.Struct({ apiKey: Secret, apiKeyID: Schema.optional(Schema.NullOr(Schema.String)) })

/**
 * `.xsoar` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const XsoarParams = Schema.Union(
  Schema.Struct({ subAction: Schema.Literal("getPlaybooks"), subActionParams: Schema.optional(Schema.Null) }),
  Schema.Struct({
    subAction: Schema.Literal("run"),
    subActionParams: Schema.Struct({
      name: Schema.String,
      playbookId: Schema.optional(Schema.String),
      createInvestigation: Schema.Boolean,
      severity: Schema.Number,
      isRuleSeverity: Schema.optional(Schema.Boolean),
      body: Schema.optional(Schema.String)
    })
  })
)

/**
 * The playbooks `getPlaybooks` lists.
 *
 * @since 0.1.0
 * @category models
 */
export const XsoarPlaybooks = Schema.Struct({
  playbooks: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String }))
})

/**
 * The `.xsoar` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const XsoarType = {
  id: ".xsoar",
  source: "src/platform/packages/shared/kbn-connector-schemas/xsoar/schemas/v1.ts",
  ...inputsWithSecrets(".xsoar", { config: XsoarConfig }, XsoarSecrets),
  params: XsoarParams,
  results: { getPlaybooks: XsoarPlaybooks, run: RawResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
