/**
 * `.d3security`: events to D3 Security's SOAR
 * (`src/platform/packages/shared/kbn-connector-schemas/d3security/schemas/v1.ts`; connector in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/d3security/d3security.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret, subAction } from "./common.js"

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
  /** The event, a JSON string (Kibana's default: none). */
  body: Schema.optional(Schema.String),
  /** Added to the body (Kibana's default: empty). */
  severity: Schema.optional(Schema.String),
  /** Added to the body (Kibana's default: empty). */
  eventType: Schema.optional(Schema.String)
})

/**
 * D3's answer to an event, which Kibana checks has a `refid` and passes on.
 *
 * @since 0.1.0
 * @category models
 */
export const D3SecurityResult = Schema.Struct({ refid: Schema.String })

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
  results: { run: D3SecurityResult, test: D3SecurityResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
