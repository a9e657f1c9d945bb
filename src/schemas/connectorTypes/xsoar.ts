/**
 * `.xsoar`: playbooks in Cortex XSOAR (Kibana 9.1+)
 * (`src/platform/packages/shared/kbn-connector-schemas/xsoar/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret } from "./common.js"

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
      /** The incident's name. */
      name: Schema.String,
      /** The playbook to run (Kibana's default: `null`, XSOAR's default playbook). */
      playbookId: Schema.optional(Schema.NullOr(Schema.String)),
      createInvestigation: Schema.Boolean,
      /** XSOAR's numeric incident severity. */
      severity: Schema.Number,
      /** Use the rule's severity instead (Kibana's default: `false`). */
      isRuleSeverity: Schema.optional(Schema.NullOr(Schema.Boolean)),
      /** Extra incident fields, a JSON string (Kibana's default: `null`). */
      body: Schema.optional(Schema.NullOr(Schema.String))
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
 * What `run` returns: `{}` (the connector's `run` returns nothing, and the sub-action framework sends
 * `data ?? {}`; `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/xsoar/xsoar.ts`).
 *
 * @since 0.1.0
 * @category models
 */
export const XsoarRunResult = Schema.Struct({})

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
  results: { getPlaybooks: XsoarPlaybooks, run: XsoarRunResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
