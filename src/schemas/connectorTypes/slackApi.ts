/**
 * `.slack_api`: Slack's Web API with a bot token
 * (`src/platform/packages/shared/kbn-connector-schemas/slack_api/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, RawResult, Secret } from "./common.js"

const Channel = Schema.Struct({ id: Schema.String, name: Schema.String })

/**
 * `.slack_api` config.
 *
 * @since 0.1.0
 * @category models
 */
export const SlackApiConfig = Schema.Struct({
  /** At most 500 channels the connector may post to (Kibana's default: none, any channel). */
  allowedChannels: Schema.optional(Schema.Array(Channel).pipe(Schema.maxItems(500)))
})

/**
 * `.slack_api` secrets: the bot token.
 *
 * @since 0.1.0
 * @category models
 */
export const SlackApiSecrets = Schema.Struct({ token: Secret })

const target = {
  /** Deprecated by Kibana in favour of `channelIds`; at most one. */
  channels: Schema.optional(Schema.Array(Schema.String).pipe(Schema.maxItems(1))),
  /** At most one. */
  channelIds: Schema.optional(Schema.Array(Schema.String).pipe(Schema.maxItems(1)))
}

/**
 * `.slack_api` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const SlackApiParams = Schema.Union(
  Schema.Struct({
    subAction: Schema.Literal("postMessage"),
    subActionParams: Schema.Struct({ ...target, text: Schema.NonEmptyString })
  }),
  Schema.Struct({
    subAction: Schema.Literal("postBlockkit"),
    /** `text` is a JSON string with `blocks`. */
    subActionParams: Schema.Struct({ ...target, text: Schema.NonEmptyString })
  }),
  Schema.Struct({
    subAction: Schema.Literal("validChannelId"),
    subActionParams: Schema.Struct({ channelId: Schema.String })
  }),
  Schema.Struct({
    subAction: Schema.Literal("getAllowedChannels"),
    subActionParams: Schema.optional(Schema.Struct({}))
  })
)

/**
 * Slack's answer to `chat.postMessage`.
 *
 * @since 0.1.0
 * @category models
 */
export const SlackPostMessageResult = Schema.Struct({
  ok: Schema.Boolean,
  channel: Schema.optional(Schema.String),
  ts: Schema.optional(Schema.String)
})

/**
 * The `.slack_api` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const SlackApiType = {
  id: ".slack_api",
  source: "src/platform/packages/shared/kbn-connector-schemas/slack_api/schemas/v1.ts",
  ...inputsWithSecrets(".slack_api", { config: Schema.optional(SlackApiConfig) }, SlackApiSecrets),
  params: SlackApiParams,
  results: {
    postMessage: SlackPostMessageResult,
    postBlockkit: SlackPostMessageResult,
    validChannelId: RawResult,
    getAllowedChannels: RawResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
