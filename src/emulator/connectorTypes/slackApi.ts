/**
 * The `.slack_api` connector (Slack Web API with a bot token): validated as Kibana validates it; its
 * executor is not emulated yet (an execution answers an error naming the type).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/slack_api/schemas/v1.ts;
 * executor: `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/slack_api/`.
 *
 * @since 0.1.0
 */
import { type ConnectorTypeSpec, define } from "../ConnectorTypeSpec.js"
import { notEmulatedResult } from "./notEmulated.js"
import * as V from "./validation.js"

const config = V.strictObject({
  allowedChannels: V.optional(V.array(V.strictObject({ id: V.string({ min: 1 }), name: V.string({ min: 1 }) }), {
    max: 500
  }))
})

const secrets = V.strictObject({ token: V.string({ min: 1 }) })

const channels = V.optional(V.array(V.string(), { max: 1 }))

// `validateBlockkit`
const blockKitProblems = (text: string): ReadonlyArray<string> => {
  try {
    const parsed: unknown = JSON.parse(text)
    return V.isJsonObject(parsed) && Object.hasOwn(parsed, "blocks")
      ? []
      : ["block kit body must contain field \"blocks\""]
  } catch (error) {
    return [`block kit body is not valid JSON - ${error instanceof Error ? error.message : String(error)}`]
  }
}

const params = V.union(
  V.strictObject({
    subAction: V.literalUnion(["validChannelId"]),
    subActionParams: V.strictObject({ channelId: V.optional(V.string()) })
  }),
  V.strictObject({
    subAction: V.literalUnion(["postMessage"]),
    subActionParams: V.strictObject({ channels, channelIds: channels, text: V.string({ min: 1 }) })
  }),
  V.strictObject({
    subAction: V.literalUnion(["postBlockkit"]),
    subActionParams: V.strictObject({ channels, channelIds: channels, text: V.refine(V.string(), blockKitProblems) })
  })
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const slackApiConnectorType: ConnectorTypeSpec = define<
  V.TypeOf<typeof config>,
  V.TypeOf<typeof secrets>,
  V.TypeOf<typeof params>
>({
  id: ".slack_api",
  name: "Slack API",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["uptime", "alerting", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  params: V.validate(params),
  execute: () => notEmulatedResult(".slack_api")
})
