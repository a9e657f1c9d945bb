/**
 * `.xmatters`: an event to an xMatters flow
 * (`src/platform/packages/shared/kbn-connector-schemas/xmatters/schemas/v1.ts`; the connector rules and
 * executor in `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/xmatters/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, fixedDefaults, inputsWithSecrets, Secret } from "./common.js"

/**
 * `.xmatters` config, by `usesBasic` (Kibana's default: `true`; `configUrl` defaults to `null`). Send
 * `usesBasic` explicitly: Kibana checks create against the raw body, where an absent `usesBasic` counts
 * as `false` although `true` is stored.
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
  // Kibana: "Cannot use user/password for URL authentication", so each shape excludes the other's keys
  Schema.Struct({ user: Schema.String, password: Secret, secretsUrl: Schema.optional(Schema.Never) }),
  Schema.Struct({ secretsUrl: Secret, user: Schema.optional(Schema.Never), password: Schema.optional(Schema.Never) })
)

/**
 * `.xmatters` params.
 *
 * @since 0.1.0
 * @category models
 */
export const XmattersParams = Schema.Struct({
  /** xMatters' `critical`, `high`, `medium`, `low` or `minimal` (Kibana sends `High` when empty). */
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
 * What a successful `.xmatters` execution returns: the payload it posted (xMatters' answer is not
 * passed on); an empty `severity` became `High`.
 *
 * @since 0.1.0
 * @category models
 */
export const XmattersResult = Schema.Struct({
  severity: Schema.String,
  alertActionGroupName: Schema.optional(Schema.String),
  signalId: Schema.optional(Schema.String),
  ruleName: Schema.optional(Schema.String),
  date: Schema.optional(Schema.String),
  spaceId: Schema.optional(Schema.String),
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
  result: XmattersResult,
  defaults: fixedDefaults({ usesBasic: true, configUrl: null })
} as const satisfies ConnectorTypeDefinition
