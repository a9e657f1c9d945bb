/**
 * `.pagerduty`: an event to PagerDuty's Events API v2
 * (`src/platform/packages/shared/kbn-connector-schemas/pagerduty/schemas/v1.ts`; executor in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/pagerduty/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, fixedDefaults, inputsWithSecrets, JsonObject, Secret } from "./common.js"

/**
 * `.pagerduty` config.
 *
 * @since 0.1.0
 * @category models
 */
export const PagerDutyConfig = Schema.Struct({
  /** Kibana's default: `null`, which is `https://events.pagerduty.com/v2/enqueue`. */
  apiUrl: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * `.pagerduty` secrets: the integration's routing key.
 *
 * @since 0.1.0
 * @category models
 */
export const PagerDutySecrets = Schema.Struct({ routingKey: Secret })

const Link = Schema.Struct({ href: Schema.String, text: Schema.String })

/** At most 255 characters. */
const DedupKey = Schema.String.pipe(Schema.maxLength(255))

/**
 * `.pagerduty` params that trigger an event (the default `eventAction`).
 *
 * @since 0.1.0
 * @category models
 */
export const PagerDutyTriggerParams = Schema.Struct({
  /** Kibana's default: `trigger`. */
  eventAction: Schema.optional(Schema.Literal("trigger")),
  /** Groups events into one incident (Kibana's default: none, PagerDuty makes one up). */
  dedupKey: Schema.optional(DedupKey),
  /** At most 1024 characters (Kibana's default: `No summary provided.`). */
  summary: Schema.optional(Schema.String.pipe(Schema.maxLength(1024))),
  /** Kibana's default: `Kibana Action <connector id>`. */
  source: Schema.optional(Schema.String),
  /** Kibana's default: `info`. */
  severity: Schema.optional(Schema.Literal("critical", "error", "warning", "info")),
  /** A date Kibana can parse, sent as ISO (Kibana's default: none, PagerDuty's receive time). */
  timestamp: Schema.optional(Schema.String),
  component: Schema.optional(Schema.String),
  group: Schema.optional(Schema.String),
  class: Schema.optional(Schema.String),
  links: Schema.optional(Schema.Array(Link)),
  customDetails: Schema.optional(JsonObject)
})

/**
 * `.pagerduty` params that acknowledge or resolve the incident of a `dedupKey`: Kibana requires the key
 * (`DedupKey is required when eventAction is "resolve"`) and sends nothing else.
 *
 * @since 0.1.0
 * @category models
 */
export const PagerDutyCloseParams = Schema.Struct({
  eventAction: Schema.Literal("acknowledge", "resolve"),
  dedupKey: DedupKey
})

/**
 * `.pagerduty` params, by `eventAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const PagerDutyParams = Schema.Union(PagerDutyTriggerParams, PagerDutyCloseParams)

/**
 * PagerDuty's answer to an event (`status: "success"`), passed on by Kibana when PagerDuty answers 202:
 * `dedupKey` names the incident for a later acknowledge or resolve.
 *
 * @since 0.1.0
 * @category models
 */
export const PagerDutyResult = Schema.Struct({
  status: Schema.String,
  message: Schema.String,
  dedupKey: Schema.optional(Schema.String).pipe(Schema.fromKey("dedup_key"))
})

/**
 * The `.pagerduty` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const PagerDutyType = {
  id: ".pagerduty",
  source: "src/platform/packages/shared/kbn-connector-schemas/pagerduty/schemas/v1.ts",
  ...inputsWithSecrets(".pagerduty", { config: Schema.optional(PagerDutyConfig) }, PagerDutySecrets),
  params: PagerDutyParams,
  result: PagerDutyResult,
  defaults: fixedDefaults({ apiUrl: null })
} as const satisfies ConnectorTypeDefinition
