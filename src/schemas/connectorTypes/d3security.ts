/**
 * `.d3security`: events to D3 Security's SOAR
 * (`src/platform/packages/shared/kbn-connector-schemas/d3security/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, RawResult, Secret, subAction } from "./common.js"

/**
 * `.d3security` config: the webhook URL.
 *
 * @since 0.1.0
 * @category models
 */
export const D3SecurityConfig = Schema.Struct({ url: Schema.String })

/**
 * `.d3security` secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const D3SecuritySecrets = Schema.Struct({ token: Secret })

const runParams = Schema.Struct({
  body: Schema.optional(Schema.String),
  severity: Schema.optional(Schema.String),
  eventType: Schema.optional(Schema.String)
})

/**
 * `.d3security` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const D3SecurityParams = Schema.Union(subAction("run", runParams), subAction("test", runParams))

/**
 * The `.d3security` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const D3SecurityType = {
  id: ".d3security",
  source: "src/platform/packages/shared/kbn-connector-schemas/d3security/schemas/v1.ts",
  ...inputsWithSecrets(".d3security", { config: D3SecurityConfig }, D3SecuritySecrets),
  params: D3SecurityParams,
  results: { run: RawResult, test: RawResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
