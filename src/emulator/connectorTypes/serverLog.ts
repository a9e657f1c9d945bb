/**
 * The `.server-log` connector: records `Server log: <message>` in the emulator's server log.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/server_log/schemas/v1.ts`;
 * executor: `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/server_log/index.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as V from "./validation.js"

const levels = ["trace", "debug", "info", "warn", "error", "fatal"] as const

const empty = V.withDefault(V.strictObject({}), {})

const params = V.strictObject({
  message: V.string(),
  level: V.withDefault(V.literals(levels), "info")
})

type Params = V.TypeOf<typeof params>

// `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/lib/string_utils.ts`:
// control characters (except tab) become ";" so one execution logs exactly one line

const controlCharacters = /[\x00-\x08]|[\x0A-\x1F]|[\x7F-\x9F]|[\u2028-\u2029]/g

/**
 * Kibana's `withoutControlCharacters`.
 *
 * @since 0.1.0
 * @category utils
 */
export const withoutControlCharacters = (text: string): string => text.replace(controlCharacters, ";")

const execute = (
  { connectorId, params, services }: ExecutorInput<{}, {}, Params>
): Effect.Effect<ExecutorResult> =>
  Effect.gen(function*() {
    const timestamp = new Date(yield* Clock.currentTimeMillis)
    yield* services.recordServerLog({
      connectorId,
      level: params.level,
      message: `Server log: ${withoutControlCharacters(params.message)}`,
      timestamp
    })
    return { status: "ok" } as const
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const serverLogConnectorType: ConnectorTypeSpec = define({
  id: ".server-log",
  name: "Server log",
  minimumLicenseRequired: "basic",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(empty),
  secrets: V.validate(empty),
  params: V.validate(params),
  execute
})
