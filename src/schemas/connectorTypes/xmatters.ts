/**
 * `.xmatters`: an event to an xMatters flow
 * (`src/platform/packages/shared/kbn-connector-schemas/xmatters/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, fixedDefaults, inputsWithSecrets, RawResult, Secret } from "./common.js"

/**
 * `.xmatters` config, by `usesBasic`. Send `usesBasic` explicitly: Kibana checks create against the raw
 * body, where an absent `usesBasic` counts as `false` although `true` is stored.
 *
 * @since 0.1.0
 * @category models
 */
export const XmattersConfig = Schema.Union(
  Schema.Struct({ usesBasic: Schema.Literal(true), configUrl: Schema.String }),
  Schema.Struct({ usesBasic: Schema.Literal(false), configUrl: Schema.optional(Schema.Null) })
)

/**
 * `.xmatters` secrets: `user` and `password` with basic auth, else the flow URL with its API key.
 *
 * @since 0.1.0
 * @category models
 */
export const XmattersSecrets = Schema.Union(
  Schema.Struct({ user: Schema.String, password: Secret }),
  Schema.Struct({ secretsUrl: Secret })
)

/**
 * `.xmatters` params.
 *
 * @since 0.1.0
 * @category models
 */
export const XmattersParams = Schema.Struct({
  /** `critical`, `high`, `medium`, `low`, `minimal` (Kibana sends `High` when empty). */
  severity: Schema.String,
  alertActionGroupName: Schema.optional(Schema.String),
  signalId: Schema.optional(Schema.String),
  ruleName: Schema.optional(Schema.String),
  date: Schema.optional(Schema.String),
  spaceId: Schema.optional(Schema.String),
  /** Comma-separated. */
  tags: Schema.optional(Schema.String)
})

/**
 * The `.xmatters` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const XmattersType = {
  id: ".xmatters",
  source: "src/platform/packages/shared/kbn-connector-schemas/xmatters/schemas/v1.ts",
  ...inputsWithSecrets(".xmatters", { config: XmattersConfig }, XmattersSecrets),
  params: XmattersParams,
  result: RawResult,
  defaults: fixedDefaults({ usesBasic: true, configUrl: null })
} as const satisfies ConnectorTypeDefinition
