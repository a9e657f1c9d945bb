/**
 * Sub-action types whose services the emulator does not call yet: `.inference`.
 * Config and secrets are validated as Kibana validates them, an unknown sub-action is Kibana's error,
 * and a known one answers an error naming the type (its params are not validated).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/<type>/schemas/v1.ts and
 * `<type>/constants.ts` (sub-action names, default models); registration:
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/<type>/index.ts`.
 *
 * @since 0.1.0
 */
import type { ConnectorTypeSpec, LicenseLevel } from "../ConnectorTypeSpec.js"
import { notEmulatedSubAction } from "./notEmulated.js"
import { defineSubActionType, subActionWithoutSchema } from "./subActions.js"
import * as V from "./validation.js"

const unemulated = <Config extends V.JsonObject, Secrets extends V.JsonObject>(options: {
  readonly id: string
  readonly name: string
  readonly minimumLicenseRequired: LicenseLevel
  readonly supportedFeatureIds: ReadonlyArray<string>
  readonly config: V.Validator<Config>
  readonly secrets: V.Validator<Secrets>
  readonly subActions: ReadonlyArray<string>
}): ConnectorTypeSpec =>
  defineSubActionType<Config, Secrets>({
    id: options.id,
    name: options.name,
    minimumLicenseRequired: options.minimumLicenseRequired,
    supportedFeatureIds: options.supportedFeatureIds,
    isSystemActionType: false,
    isDeprecated: false,
    config: V.validate(options.config),
    secrets: V.validate(options.secrets),
    subActions: Object.fromEntries(
      options.subActions.map((name) => [name, subActionWithoutSchema(() => notEmulatedSubAction(options.id))])
    )
  })

const generativeAi = ["generativeAIForSecurity", "generativeAIForObservability", "generativeAIForSearchPlayground"]
const optionalNumber = V.optional(V.coercedNumber())

const anyRecord = V.record(V.unknown)

/**
 * @since 0.1.0
 * @category connector types
 */
export const inferenceConnectorType: ConnectorTypeSpec = unemulated({
  id: ".inference",
  name: "AI Connector",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: generativeAi,
  config: V.strictObject({
    provider: V.string(),
    taskType: V.string(),
    inferenceId: V.string(),
    providerConfig: V.withDefault(anyRecord, {}),
    taskTypeConfig: V.withDefault(anyRecord, {}),
    contextWindowLength: optionalNumber,
    headers: V.optional(V.record(V.string())),
    temperature: optionalNumber
  }),
  secrets: V.strictObject({ providerSecrets: V.withDefault(anyRecord, {}) }),
  subActions: [
    "unified_completion",
    "unified_completion_stream",
    "unified_completion_async_iterator",
    "completion",
    "rerank",
    "text_embedding",
    "sparse_embedding"
  ]
})
