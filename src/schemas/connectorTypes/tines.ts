/**
 * `.tines`: events to Tines stories
 * (`src/platform/packages/shared/kbn-connector-schemas/tines/schemas/v1.ts`).
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

const Webhook = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  storyId: Schema.Number,
  path: Schema.optional(Schema.String),
  secret: Schema.optional(Schema.String)
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
  subAction(
    "run",
    Schema.Struct({
      webhook: Schema.optional(Webhook),
      webhookUrl: Schema.optional(Schema.String),
      body: Schema.String
    })
  ),
  subAction("test", Schema.Struct({ body: Schema.String, webhookUrl: Schema.optional(Schema.String) }))
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
export const TinesWebhooks = Schema.Struct({ webhooks: Schema.Array(Webhook), incompleteResponse: Schema.Boolean })

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
  results: { stories: TinesStories, webhooks: TinesWebhooks, run: RawResult, test: RawResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
