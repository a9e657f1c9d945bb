/**
 * `.slack`: a message to a Slack incoming webhook
 * (`src/platform/packages/shared/kbn-connector-schemas/slack/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, RawResult, Secret } from "./common.js"

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
  /** Slack's answer (`{ text: "ok" }`). */
  result: RawResult,
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
