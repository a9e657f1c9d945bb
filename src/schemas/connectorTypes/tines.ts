/**
 * `.tines`: events to Tines stories
 * (`src/platform/packages/shared/kbn-connector-schemas/tines/schemas/v1.ts`; connector in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/tines/tines.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, RawResult, Secret, subAction } from "./common.js"

/**
 * `.tines` config: the tenant URL.
 *
 * @since 0.1.0
 * @category models
 */
export const TinesConfig = Schema.Struct({ url: Schema.String })

/**
 * `.tines` secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const TinesSecrets = Schema.Struct({ email: Schema.String, token: Secret })

/**
 * A Tines webhook agent, as `webhooks` lists it; `run` posts to `<url>/webhook/<path>/<secret>`.
 *
 * @since 0.1.0
 * @category models
 */
export const TinesWebhook = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  storyId: Schema.Number,
  path: Schema.optional(Schema.String),
  secret: Schema.optional(Schema.String)
})

const runParams = Schema.Struct({
  /** The webhook to post to; or `webhookUrl` (one of the two is required). */
  webhook: Schema.optional(TinesWebhook),
  webhookUrl: Schema.optional(Schema.String),
  /** The event, a JSON string. */
  body: Schema.String
})

/**
 * `.tines` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const TinesParams = Schema.Union(
  Schema.Struct({ subAction: Schema.Literal("stories"), subActionParams: Schema.optional(Schema.Null) }),
  subAction("webhooks", Schema.Struct({ storyId: Schema.Number })),
  subAction("run", runParams),
  // `test` is registered with the same schema and method as `run`
  subAction("test", runParams)
)

/**
 * The stories `stories` lists; `incompleteResponse` when Tines had more than Kibana fetched.
 *
 * @since 0.1.0
 * @category models
 */
export const TinesStories = Schema.Struct({
  stories: Schema.Array(Schema.Struct({ id: Schema.Number, name: Schema.String, published: Schema.Boolean })),
  incompleteResponse: Schema.Boolean
})

/**
 * The webhooks of a story, as `webhooks` lists them.
 *
 * @since 0.1.0
 * @category models
 */
export const TinesWebhooks = Schema.Struct({
  webhooks: Schema.Array(TinesWebhook),
  incompleteResponse: Schema.Boolean
})

/**
 * The `.tines` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const TinesType = {
  id: ".tines",
  source: "src/platform/packages/shared/kbn-connector-schemas/tines/schemas/v1.ts",
  ...inputsWithSecrets(".tines", { config: TinesConfig }, TinesSecrets),
  params: TinesParams,
  /** `run` and `test` pass on Tines' answer to the webhook. */
  results: { stories: TinesStories, webhooks: TinesWebhooks, run: RawResult, test: RawResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
