/**
 * `.slack_api`: Slack's Web API with a bot token
 * (`src/platform/packages/shared/kbn-connector-schemas/slack_api/schemas/v1.ts`; results:
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/slack_api/service.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret } from "./common.js"

const Channel = Schema.Struct({
  /** Checked against `channelIds` when given (Kibana 9.x made it optional). */
  id: Schema.optional(Schema.NonEmptyString),
  /** Checked against `channelNames`. */
  name: Schema.NonEmptyString
})

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

/**
 * A Slack channel name with its leading `#` (Kibana's `validateChannelName`).
 *
 * @since 0.1.0
 * @category models
 */
export const SlackChannelName = Schema.TemplateLiteral("#", Schema.String).pipe(
  Schema.minLength(2),
  Schema.maxLength(200)
)

const target = {
  /** Deprecated by Kibana in favour of `channelIds` and `channelNames`; at most one. */
  channels: Schema.optional(Schema.Array(Schema.String).pipe(Schema.maxItems(1))),
  /** At most one. */
  channelIds: Schema.optional(Schema.Array(Schema.String).pipe(Schema.maxItems(1))),
  /** At most one; takes priority over `channelIds` and `channels`. */
  channelNames: Schema.optional(Schema.Array(SlackChannelName).pipe(Schema.maxItems(1)))
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
    /** Without `channelId` (or with an empty one) Kibana answers an error without calling Slack. */
    subActionParams: Schema.Struct({ channelId: Schema.optional(Schema.String) })
  })
)

/**
 * Slack's answer to `chat.postMessage`, which Kibana returns as it is when `ok` (Slack's other fields are
 * kept by the decoder's default and left out of the type).
 *
 * @since 0.1.0
 * @category models
 */
export const SlackPostMessageResult = Schema.Struct({
  ok: Schema.Boolean,
  channel: Schema.optional(Schema.String),
  ts: Schema.optional(Schema.String),
  message: Schema.optional(Schema.Struct({ text: Schema.optional(Schema.String) }))
})

/**
 * Slack's answer to `conversations.info`, which `validChannelId` returns when the channel exists.
 *
 * @since 0.1.0
 * @category models
 */
export const SlackValidChannelResult = Schema.Struct({
  ok: Schema.Boolean,
  channel: Schema.Struct({ id: Schema.String, name: Schema.String })
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
    validChannelId: SlackValidChannelResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
