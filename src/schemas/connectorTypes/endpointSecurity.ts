/**
 * Endpoint security connectors: `.sentinelone`, `.crowdstrike` and `.microsoft_defender_endpoint`
 * (`src/platform/packages/shared/kbn-connector-schemas/sentinelone/schemas/v1.ts`, `.../crowdstrike/schemas/v1.ts`,
 * `.../microsoft_defender_endpoint/schemas/v1.ts`, and for CrowdStrike
 * `x-pack/platform/plugins/shared/stack_connectors/common/crowdstrike/schema.ts`). Their sub-actions are driven
 * by Elastic Defend's response actions; their results are the vendors' answers, which Kibana does not
 * validate, so the typed results name the fields a caller reads and keep the rest.
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

const nullableString = Schema.optional(Schema.NullOr(Schema.String))

/**
 * A SentinelOne agent filter (`uuid`, `ids`, `computerName`, ... as SentinelOne's `GET agents` takes them),
 * with the alerts it answers.
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneAgentFilter = Schema.Struct({
  // `SentinelOneBaseFilterSchema`'s keys: each a nullable string (null, the default, is not sent)
  K8SNodeName__contains: nullableString,
  coreCount__lt: nullableString,
  rangerStatuses: nullableString,
  adUserQuery__contains: nullableString,
  rangerVersionsNin: nullableString,
  rangerStatusesNin: nullableString,
  coreCount__gte: nullableString,
  threatCreatedAt__gte: nullableString,
  decommissionedAt__lte: nullableString,
  operationalStatesNin: nullableString,
  appsVulnerabilityStatusesNin: nullableString,
  mitigationMode: nullableString,
  createdAt__gte: nullableString,
  gatewayIp: nullableString,
  cloudImage__contains: nullableString,
  registeredAt__between: nullableString,
  threatMitigationStatus: nullableString,
  installerTypesNin: nullableString,
  appsVulnerabilityStatuses: nullableString,
  threatResolved: nullableString,
  mitigationModeSuspicious: nullableString,
  isUpToDate: nullableString,
  adComputerQuery__contains: nullableString,
  updatedAt__gte: nullableString,
  azureResourceGroup__contains: nullableString,
  scanStatus: nullableString,
  threatContentHash: nullableString,
  osTypesNin: nullableString,
  threatRebootRequired: nullableString,
  totalMemory__between: nullableString,
  firewallEnabled: nullableString,
  gcpServiceAccount__contains: nullableString,
  updatedAt__gt: nullableString,
  remoteProfilingStates: nullableString,
  filteredGroupIds: nullableString,
  agentVersions: nullableString,
  activeThreats: nullableString,
  machineTypesNin: nullableString,
  lastActiveDate__gt: nullableString,
  awsSubnetIds__contains: nullableString,
  installerTypes: nullableString,
  registeredAt__gte: nullableString,
  migrationStatus: nullableString,
  cloudTags__contains: nullableString,
  totalMemory__gte: nullableString,
  decommissionedAt__lt: nullableString,
  threatCreatedAt__lt: nullableString,
  updatedAt__lte: nullableString,
  osArch: nullableString,
  registeredAt__gt: nullableString,
  registeredAt__lt: nullableString,
  siteIds: nullableString,
  networkInterfaceInet__contains: nullableString,
  groupIds: nullableString,
  uuids: nullableString,
  accountIds: nullableString,
  scanStatusesNin: nullableString,
  cpuCount__lte: nullableString,
  locationIds: nullableString,
  awsSecurityGroups__contains: nullableString,
  networkStatusesNin: nullableString,
  activeThreats__gt: nullableString,
  infected: nullableString,
  osVersion__contains: nullableString,
  machineTypes: nullableString,
  agentPodName__contains: nullableString,
  computerName__like: nullableString,
  threatCreatedAt__gt: nullableString,
  consoleMigrationStatusesNin: nullableString,
  computerName: nullableString,
  decommissionedAt__between: nullableString,
  cloudInstanceId__contains: nullableString,
  createdAt__lte: nullableString,
  coreCount__between: nullableString,
  totalMemory__lte: nullableString,
  remoteProfilingStatesNin: nullableString,
  adComputerMember__contains: nullableString,
  threatCreatedAt__between: nullableString,
  totalMemory__gt: nullableString,
  ids: nullableString,
  agentVersionsNin: nullableString,
  updatedAt__between: nullableString,
  locationEnabled: nullableString,
  locationIdsNin: nullableString,
  osTypes: nullableString,
  encryptedApplications: nullableString,
  filterId: nullableString,
  decommissionedAt__gt: nullableString,
  adUserMember__contains: nullableString,
  uuid: nullableString,
  coreCount__lte: nullableString,
  coreCount__gt: nullableString,
  cloudNetwork__contains: nullableString,
  clusterName__contains: nullableString,
  cpuCount__gte: nullableString,
  query: nullableString,
  lastActiveDate__between: nullableString,
  rangerStatus: nullableString,
  domains: nullableString,
  cloudProvider: nullableString,
  lastActiveDate__lt: nullableString,
  scanStatuses: nullableString,
  hasLocalConfiguration: nullableString,
  networkStatuses: nullableString,
  isPendingUninstall: nullableString,
  createdAt__gt: nullableString,
  cpuCount__lt: nullableString,
  consoleMigrationStatuses: nullableString,
  adQuery: nullableString,
  updatedAt__lt: nullableString,
  createdAt__lt: nullableString,
  adComputerName__contains: nullableString,
  cloudInstanceSize__contains: nullableString,
  registeredAt__lte: nullableString,
  networkQuarantineEnabled: nullableString,
  cloudAccount__contains: nullableString,
  cloudLocation__contains: nullableString,
  rangerVersions: nullableString,
  networkInterfaceGatewayMacAddress__contains: nullableString,
  uuid__contains: nullableString,
  agentNamespace__contains: nullableString,
  K8SNodeLabels__contains: nullableString,
  adQuery__contains: nullableString,
  K8SType__contains: nullableString,
  countsFor: nullableString,
  totalMemory__lt: nullableString,
  externalId__contains: nullableString,
  filteredSiteIds: nullableString,
  decommissionedAt__gte: nullableString,
  cpuCount__gt: nullableString,
  threatHidden: nullableString,
  isUninstalled: nullableString,
  computerName__contains: nullableString,
  lastActiveDate__lte: nullableString,
  adUserName__contains: nullableString,
  isActive: nullableString,
  userActionsNeeded: nullableString,
  threatCreatedAt__lte: nullableString,
  domainsNin: nullableString,
  operationalStates: nullableString,
  externalIp__contains: nullableString,
  isDecommissioned: nullableString,
  networkInterfacePhysical__contains: nullableString,
  lastActiveDate__gte: nullableString,
  createdAt__between: nullableString,
  cpuCount__between: nullableString,
  lastLoggedInUserName__contains: nullableString,
  awsRole__contains: nullableString,
  K8SVersion__contains: nullableString,
  alertIds: Schema.optional(Schema.Array(Schema.String))
})

/**
 * `.sentinelone` params, by `subAction` (filters are passed to SentinelOne's API as given).
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneParams = Schema.Union(
  subAction("getAgents", SentinelOneAgentFilter),
  /** The first agent the filter finds is disconnected from the network. */
  subAction("isolateHost", SentinelOneAgentFilter),
  subAction("releaseHost", SentinelOneAgentFilter),
  subAction("getRemoteScripts", JsonObject),
  subAction(
    "executeScript",
    Schema.Struct({
      filter: Schema.Struct({ uuids: Schema.optional(Schema.String), ids: Schema.optional(Schema.String) }),
      script: Schema.Struct(
        { scriptId: Schema.String },
        Schema.Record({ key: Schema.String, value: Schema.Unknown })
      ),
      alertIds: Schema.optional(Schema.Array(Schema.String))
    })
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
      alertIds: Schema.optional(Schema.Array(Schema.String)),
      /** Sent as `action_parameters: [{ name, value }]`. */
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

// an OData filter value: one (`eq`) or several (`in`)
const oneOrMany = <A extends Schema.Schema.AnyNoContext>(value: A) =>
  Schema.optional(Schema.Union(value, Schema.NonEmptyArray(value)))

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
    Schema.Struct({
      computerDnsName: oneOrMany(Schema.String),
      id: oneOrMany(Schema.String),
      version: oneOrMany(Schema.String),
      deviceValue: oneOrMany(Schema.String),
      aaDeviceId: oneOrMany(Schema.String),
      machineTags: oneOrMany(Schema.String),
      lastSeen: oneOrMany(Schema.String),
      exposureLevel: oneOrMany(Schema.String),
      onboardingStatus: oneOrMany(Schema.String),
      lastIpAddress: oneOrMany(Schema.String),
      healthStatus: oneOrMany(
        Schema.Literal(
          "Active",
          "Inactive",
          "ImpairedCommunication",
          "NoSensorData",
          "NoSensorDataImpairedCommunication",
          "Unknown"
        )
      ),
      osPlatform: oneOrMany(Schema.String),
      riskScore: oneOrMany(Schema.String),
      rbacGroupId: oneOrMany(Schema.String),
      /** Kibana's default: `1`. */
      page: Schema.optional(Schema.Number),
      /** Kibana's default: `20` (at most 1000). */
      pageSize: Schema.optional(Schema.Number)
    })
  ),
  subAction("isolateHost", Schema.Struct({ id: Schema.String, comment: Schema.String })),
  subAction("releaseHost", Schema.Struct({ id: Schema.String, comment: Schema.String })),
  subAction(
    "getActions",
    Schema.Struct({
      id: oneOrMany(Schema.String),
      status: oneOrMany(Schema.Literal("Pending", "InProgress", "Succeeded", "Failed", "TimeOut", "Cancelled")),
      machineId: oneOrMany(Schema.String),
      type: oneOrMany(
        Schema.Literal(
          "RunAntiVirusScan",
          "Offboard",
          "LiveResponse",
          "CollectInvestigationPackage",
          "Isolate",
          "Unisolate",
          "StopAndQuarantineFile",
          "RestrictCodeExecution",
          "UnrestrictCodeExecution"
        )
      ),
      requestor: oneOrMany(Schema.String),
      creationDateTimeUtc: oneOrMany(Schema.String),
      page: Schema.optional(Schema.Number),
      pageSize: Schema.optional(Schema.Number),
      sortField: Schema.optional(Schema.String),
      /** Kibana's default: `desc`. */
      sortDirection: Schema.optional(Schema.Literal("asc", "desc"))
    })
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

const rest = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * SentinelOne's agent list (`GET /web/api/v2.1/agents`).
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneAgents = Schema.Struct({
  pagination: Schema.Struct({ totalItems: Schema.Number, nextCursor: Schema.optional(Schema.NullOr(Schema.String)) }),
  data: Schema.Array(
    Schema.Struct(
      { id: Schema.String, uuid: Schema.String, computerName: Schema.String, networkStatus: Schema.String },
      rest
    )
  )
}, rest)

/**
 * What SentinelOne answers a connect or disconnect: how many agents it affected.
 *
 * @since 0.1.0
 * @category models
 */
export const SentinelOneAffected = Schema.Struct({ data: Schema.Struct({ affected: Schema.Number }, rest) }, rest)

/**
 * A CrowdStrike Falcon answer: its `resources` (devices, states or actions) and `errors`.
 *
 * @since 0.1.0
 * @category models
 */
export const CrowdstrikeResources = Schema.Struct({
  resources: Schema.Array(JsonObject),
  errors: Schema.optional(Schema.NullOr(Schema.Array(Schema.Unknown)))
}, rest)

/**
 * A Defender machine (`GET /api/machines/<id>`).
 *
 * @since 0.1.0
 * @category models
 */
export const MicrosoftDefenderMachine = Schema.Struct({ id: Schema.String }, rest)

/**
 * A Defender machine action (isolate, release, ...).
 *
 * @since 0.1.0
 * @category models
 */
export const MicrosoftDefenderMachineAction = Schema.Struct(
  { id: Schema.String, type: Schema.String, status: Schema.String, machineId: Schema.String },
  rest
)

const defenderPage = <A extends Schema.Schema.AnyNoContext>(item: A) =>
  Schema.Struct({
    value: Schema.Array(item),
    page: Schema.Number,
    pageSize: Schema.Number,
    /** `@odata.count`, or `-1` when Defender does not say. */
    total: Schema.Number
  }, rest)

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
    getAgents: SentinelOneAgents,
    isolateHost: SentinelOneAffected,
    releaseHost: SentinelOneAffected,
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
    getAgentDetails: CrowdstrikeResources,
    getAgentOnlineStatus: CrowdstrikeResources,
    hostActions: CrowdstrikeResources,
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
    testConnector: Schema.Struct({ results: Schema.Array(Schema.String) }),
    getAgentDetails: MicrosoftDefenderMachine,
    getAgentList: defenderPage(MicrosoftDefenderMachine),
    isolateHost: MicrosoftDefenderMachineAction,
    releaseHost: MicrosoftDefenderMachineAction,
    getActions: defenderPage(MicrosoftDefenderMachineAction),
    runScript: RawResult,
    cancelAction: RawResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
