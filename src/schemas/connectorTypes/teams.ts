/**
 * `.teams`: a message to a Microsoft Teams incoming webhook
 * (`src/platform/packages/shared/kbn-connector-schemas/teams/schemas/v1.ts`; executor in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/teams/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret } from "./common.js"

/**
 * `.teams` secrets: the incoming webhook URL.
 *
 * @since 0.1.0
 * @category models
 */
export const TeamsSecrets = Schema.Struct({ webhookUrl: Secret })

/**
 * `.teams` params.
 *
 * @since 0.1.0
 * @category models
 */
export const TeamsParams = Schema.Struct({ message: Schema.NonEmptyString })

/**
 * What a successful `.teams` execution returns: the body it posted, `{ text: message }` (Teams' own
 * answer is not passed on).
 *
 * @since 0.1.0
 * @category models
 */
export const TeamsResult = Schema.Struct({ text: Schema.String })

/**
 * The `.teams` connector type: no config.
 *
 * @since 0.1.0
 * @category types
 */
export const TeamsType = {
  id: ".teams",
  source: "src/platform/packages/shared/kbn-connector-schemas/teams/schemas/v1.ts",
  ...inputsWithSecrets(".teams", {}, TeamsSecrets),
  params: TeamsParams,
  result: TeamsResult,
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
