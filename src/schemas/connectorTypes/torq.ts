/**
 * `.torq`: an event to a Torq webhook integration
 * (`x-pack/platform/plugins/shared/stack_connectors/server/connector_types/torq/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, RawResult, Secret } from "./common.js"

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
 * `.torq` params: the body, a JSON string.
 *
 * @since 0.1.0
 * @category models
 */
export const TorqParams = Schema.Struct({ body: Schema.String })

/**
 * The `.torq` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const TorqType = {
  id: ".torq",
  source: "x-pack/platform/plugins/shared/stack_connectors/server/connector_types/torq/index.ts",
  ...inputsWithSecrets(".torq", { config: TorqConfig }, TorqSecrets),
  params: TorqParams,
  result: RawResult,
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
