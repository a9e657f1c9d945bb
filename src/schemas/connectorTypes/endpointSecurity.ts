/**
 * Endpoint security connectors: `.sentinelone`, `.crowdstrike` and `.microsoft_defender_endpoint`
 * (`src/platform/packages/shared/kbn-connector-schemas/sentinelone/schemas/v1.ts`, `.../crowdstrike/schemas/v1.ts`,
 * `.../microsoft_defender_endpoint/schemas/v1.ts`). Their sub-actions are driven by Elastic Defend's
 * response actions; their results are the vendors' raw answers.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  inputsWithSecrets,
  JsonObject,
  noDefaults,
  RawResult,
  Secret,
  subAction
} from "./common.js"

/**
 * `.sentinelone` config: the management console URL.
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneConfig = Schema.Struct({ url: Schema.String })

/**
 * `.sentinelone` secrets: an API token.
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneSecrets = Schema.Struct({ token: Secret })

const agentFilter = JsonObject

/**
 * `.sentinelone` params, by `subAction` (filters are passed to SentinelOne's API as given).
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneParams = Schema.Union(
  subAction("getAgents", agentFilter),
  subAction("isolateHost", Schema.Struct({ uuid: Schema.String })),
  subAction("releaseHost", Schema.Struct({ uuid: Schema.String })),
  subAction("getRemoteScripts", JsonObject),
  subAction(
    "executeScript",
    Schema.Struct({ filter: JsonObject, script: JsonObject })
  ),
  subAction("getRemoteScriptStatus", Schema.Struct({ parentTaskId: Schema.String })),
  subAction("getActivities", JsonObject)
)

/**
 * `.crowdstrike` config: the Falcon API URL.
 *
 * @since 0.1.0
 * @category models
 */
export const CrowdstrikeConfig = Schema.Struct({ url: Schema.String })

/**
 * `.crowdstrike` secrets: an API client.
 *
 * @since 0.1.0
 * @category models
 */
export const CrowdstrikeSecrets = Schema.Struct({ clientId: Schema.String, clientSecret: Secret })

/**
 * `.crowdstrike` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const CrowdstrikeParams = Schema.Union(
  subAction("getAgentDetails", Schema.Struct({ ids: Schema.Array(Schema.String) })),
  subAction("getAgentOnlineStatus", Schema.Struct({ ids: Schema.Array(Schema.String) })),
  subAction(
    "hostActions",
    Schema.Struct({
      command: Schema.Literal("contain", "lift_containment"),
      ids: Schema.Array(Schema.String),
      comment: Schema.optional(Schema.String),
      actionParameters: Schema.optional(JsonObject)
    })
  ),
  subAction(
    "executeRTRCommand",
    Schema.Struct({ command: Schema.String, endpoint_ids: Schema.Array(Schema.String) })
  ),
  subAction("getRTRCloudScripts", JsonObject)
)

/**
 * `.microsoft_defender_endpoint` config: the Entra ID application and the Defender API.
 *
 * @since 0.1.0
 * @category models
 */
export const MicrosoftDefenderConfig = Schema.Struct({
  clientId: Schema.String,
  tenantId: Schema.String,
  /** e.g. `https://login.microsoftonline.com`. */
  oAuthServerUrl: Schema.String,
  /** e.g. `https://securitycenter.onmicrosoft.com/windowsatpservice/.default`. */
  oAuthScope: Schema.String,
  /** e.g. `https://api.securitycenter.microsoft.com`. */
  apiUrl: Schema.String
})

/**
 * `.microsoft_defender_endpoint` secrets: the application's client secret.
 *
 * @since 0.1.0
 * @category models
 */
export const MicrosoftDefenderSecrets = Schema.Struct({ clientSecret: Secret })

/**
 * `.microsoft_defender_endpoint` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const MicrosoftDefenderParams = Schema.Union(
  subAction("testConnector", Schema.Struct({})),
  subAction("getAgentDetails", Schema.Struct({ id: Schema.String })),
  subAction(
    "getAgentList",
    Schema.Struct({ page: Schema.optional(Schema.Number), pageSize: Schema.optional(Schema.Number) })
  ),
  subAction("isolateHost", Schema.Struct({ id: Schema.String, comment: Schema.String })),
  subAction("releaseHost", Schema.Struct({ id: Schema.String, comment: Schema.String })),
  subAction(
    "getActions",
    Schema.Struct({ page: Schema.optional(Schema.Number), pageSize: Schema.optional(Schema.Number) })
  ),
  subAction(
    "runScript",
    Schema.Struct({
      id: Schema.String,
      comment: Schema.optional(Schema.String),
      parameters: Schema.Struct({ scriptName: Schema.String, args: Schema.optional(Schema.String) })
    })
  ),
  subAction("cancelAction", Schema.Struct({ actionId: Schema.String, comment: Schema.String }))
)

/**
 * The `.sentinelone` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const SentinelOneType = {
  id: ".sentinelone",
  source: "src/platform/packages/shared/kbn-connector-schemas/sentinelone/schemas/v1.ts",
  ...inputsWithSecrets(".sentinelone", { config: SentinelOneConfig }, SentinelOneSecrets),
  params: SentinelOneParams,
  results: {
    getAgents: RawResult,
    isolateHost: RawResult,
    releaseHost: RawResult,
    getRemoteScripts: RawResult,
    executeScript: RawResult,
    getRemoteScriptStatus: RawResult,
    getActivities: RawResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition

/**
 * The `.crowdstrike` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const CrowdstrikeType = {
  id: ".crowdstrike",
  source: "src/platform/packages/shared/kbn-connector-schemas/crowdstrike/schemas/v1.ts",
  ...inputsWithSecrets(".crowdstrike", { config: CrowdstrikeConfig }, CrowdstrikeSecrets),
  params: CrowdstrikeParams,
  results: {
    getAgentDetails: RawResult,
    getAgentOnlineStatus: RawResult,
    hostActions: RawResult,
    executeRTRCommand: RawResult,
    getRTRCloudScripts: RawResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition

/**
 * The `.microsoft_defender_endpoint` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const MicrosoftDefenderType = {
  id: ".microsoft_defender_endpoint",
  source: "src/platform/packages/shared/kbn-connector-schemas/microsoft_defender_endpoint/schemas/v1.ts",
  ...inputsWithSecrets(".microsoft_defender_endpoint", { config: MicrosoftDefenderConfig }, MicrosoftDefenderSecrets),
  params: MicrosoftDefenderParams,
  results: {
    testConnector: RawResult,
    getAgentDetails: RawResult,
    getAgentList: RawResult,
    isolateHost: RawResult,
    releaseHost: RawResult,
    getActions: RawResult,
    runScript: RawResult,
    cancelAction: RawResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
