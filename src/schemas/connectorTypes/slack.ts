/**
 * `.slack`: a message to a Slack incoming webhook
 * (`src/platform/packages/shared/kbn-connector-schemas/slack/schemas/v1.ts`; executor in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/slack/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret } from "./common.js"

/**
 * `.slack` secrets: the incoming webhook URL (its host must be in `xpack.actions.allowedHosts`).
 *
 * @since 0.1.0
 * @category models
 */
export const SlackSecrets = Schema.Struct({ webhookUrl: Secret })

/**
 * `.slack` params.
 *
 * @since 0.1.0
 * @category models
 */
export const SlackParams = Schema.Struct({ message: Schema.NonEmptyString })

/**
 * What a successful `.slack` execution returns: Slack's answer to the incoming webhook, `{ text: "ok" }`
 * (any other `text` is an execution error).
 *
 * @since 0.1.0
 * @category models
 */
export const SlackResult = Schema.Struct({ text: Schema.String })

/**
 * The `.slack` connector type: no config.
 *
 * @since 0.1.0
 * @category types
 */
export const SlackType = {
  id: ".slack",
  source: "src/platform/packages/shared/kbn-connector-schemas/slack/schemas/v1.ts",
  ...inputsWithSecrets(".slack", {}, SlackSecrets),
  params: SlackParams,
  result: SlackResult,
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
