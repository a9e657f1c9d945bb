/**
 * `.server-log`: writes a line to Kibana's log
 * (`src/platform/packages/shared/kbn-connector-schemas/server_log/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithoutSecrets, noDefaults } from "./common.js"

/**
 * `.server-log` params.
 *
 * @since 0.1.0
 * @category models
 */
export const ServerLogParams = Schema.Struct({
  message: Schema.String,
  /** Kibana's default: `info`. */
  level: Schema.optional(Schema.Literal("trace", "debug", "info", "warn", "error", "fatal"))
})

/**
 * The `.server-log` connector type: no config, no secrets, no result.
 *
 * @since 0.1.0
 * @category types
 */
export const ServerLogType = {
  id: ".server-log",
  source: "src/platform/packages/shared/kbn-connector-schemas/server_log/schemas/v1.ts",
  ...inputsWithoutSecrets(".server-log", {}),
  params: ServerLogParams,
  result: Schema.Void,
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
