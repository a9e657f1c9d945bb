/**
 * `.torq`: an event to a Torq webhook integration
 * (`src/platform/packages/shared/kbn-connector-schemas/torq/schemas/v1.ts`; host rule and executor in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/torq/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret } from "./common.js"

/**
 * `.torq` config: the integration URL (host `hooks.torq.io`, `hooks.eu.torq.io` or `localhost`).
 *
 * @since 0.1.0
 * @category models
 */
export const TorqConfig = Schema.Struct({ webhookIntegrationUrl: Schema.String })

/**
 * `.torq` secrets.
 *
 * @since 0.1.0
 * @category models
 */
export const TorqSecrets = Schema.Struct({ token: Secret })

/**
 * `.torq` params: the body, a JSON string (an unparsable one is an execution error).
 *
 * @since 0.1.0
 * @category models
 */
export const TorqParams = Schema.Struct({ body: Schema.String })

/**
 * What a successful `.torq` execution returns: the `body` string it sent (Torq's answer is not passed on).
 *
 * @since 0.1.0
 * @category models
 */
export const TorqResult = Schema.String

/**
 * The `.torq` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const TorqType = {
  id: ".torq",
  source: "src/platform/packages/shared/kbn-connector-schemas/torq/schemas/v1.ts",
  ...inputsWithSecrets(".torq", { config: TorqConfig }, TorqSecrets),
  params: TorqParams,
  result: TorqResult,
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
