/**
 * The `.sentinelone` connector (SentinelOne): `getAgents` lists agents through
 * `GET <url>/web/api/v2.1/agents` with the filter as query parameters, `isolateHost` and `releaseHost` find
 * the agent the same way and post `agents/actions/disconnect` or `agents/actions/connect` for it. The API
 * token goes in the `APIToken` query parameter. The script, file and activity sub-actions are not emulated.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/sentinelone/schemas/v1.ts
 * (`SentinelOneBaseFilterSchema`); executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/sentinelone/sentinelone.ts.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec, ExecutorServices } from "../ConnectorTypeSpec.js"
import { axiosQueryString } from "./axiosQuery.js"
import { notEmulatedSubActionOf } from "./notEmulated.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ url: V.string() })
const secrets = V.strictObject({ token: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const apiPath = "/web/api/v2.1"

// the agent filter keys of `SentinelOneBaseFilterSchema`, each a nullable string defaulting to null
const filterKeys = [
  "K8SNodeName__contains",
  "coreCount__lt",
  "rangerStatuses",
  "adUserQuery__contains",
  "rangerVersionsNin",
  "rangerStatusesNin",
  "coreCount__gte",
  "threatCreatedAt__gte",
  "decommissionedAt__lte",
  "operationalStatesNin",
  "appsVulnerabilityStatusesNin",
  "mitigationMode",
  "createdAt__gte",
  "gatewayIp",
  "cloudImage__contains",
  "registeredAt__between",
  "threatMitigationStatus",
  "installerTypesNin",
  "appsVulnerabilityStatuses",
  "threatResolved",
  "mitigationModeSuspicious",
  "isUpToDate",
  "adComputerQuery__contains",
  "updatedAt__gte",
  "azureResourceGroup__contains",
  "scanStatus",
  "threatContentHash",
  "osTypesNin",
  "threatRebootRequired",
  "totalMemory__between",
  "firewallEnabled",
  "gcpServiceAccount__contains",
  "updatedAt__gt",
  "remoteProfilingStates",
  "filteredGroupIds",
  "agentVersions",
  "activeThreats",
  "machineTypesNin",
  "lastActiveDate__gt",
  "awsSubnetIds__contains",
  "installerTypes",
  "registeredAt__gte",
  "migrationStatus",
  "cloudTags__contains",
  "totalMemory__gte",
  "decommissionedAt__lt",
  "threatCreatedAt__lt",
  "updatedAt__lte",
  "osArch",
  "registeredAt__gt",
  "registeredAt__lt",
  "siteIds",
  "networkInterfaceInet__contains",
  "groupIds",
  "uuids",
  "accountIds",
  "scanStatusesNin",
  "cpuCount__lte",
  "locationIds",
  "awsSecurityGroups__contains",
  "networkStatusesNin",
  "activeThreats__gt",
  "infected",
  "osVersion__contains",
  "machineTypes",
  "agentPodName__contains",
  "computerName__like",
  "threatCreatedAt__gt",
  "consoleMigrationStatusesNin",
  "computerName",
  "decommissionedAt__between",
  "cloudInstanceId__contains",
  "createdAt__lte",
  "coreCount__between",
  "totalMemory__lte",
  "remoteProfilingStatesNin",
  "adComputerMember__contains",
  "threatCreatedAt__between",
  "totalMemory__gt",
  "ids",
  "agentVersionsNin",
  "updatedAt__between",
  "locationEnabled",
  "locationIdsNin",
  "osTypes",
  "encryptedApplications",
  "filterId",
  "decommissionedAt__gt",
  "adUserMember__contains",
  "uuid",
  "coreCount__lte",
  "coreCount__gt",
  "cloudNetwork__contains",
  "clusterName__contains",
  "cpuCount__gte",
  "query",
  "lastActiveDate__between",
  "rangerStatus",
  "domains",
  "cloudProvider",
  "lastActiveDate__lt",
  "scanStatuses",
  "hasLocalConfiguration",
  "networkStatuses",
  "isPendingUninstall",
  "createdAt__gt",
  "cpuCount__lt",
  "consoleMigrationStatuses",
  "adQuery",
  "updatedAt__lt",
  "createdAt__lt",
  "adComputerName__contains",
  "cloudInstanceSize__contains",
  "registeredAt__lte",
  "networkQuarantineEnabled",
  "cloudAccount__contains",
  "cloudLocation__contains",
  "rangerVersions",
  "networkInterfaceGatewayMacAddress__contains",
  "uuid__contains",
  "agentNamespace__contains",
  "K8SNodeLabels__contains",
  "adQuery__contains",
  "K8SType__contains",
  "countsFor",
  "totalMemory__lt",
  "externalId__contains",
  "filteredSiteIds",
  "decommissionedAt__gte",
  "cpuCount__gt",
  "threatHidden",
  "isUninstalled",
  "computerName__contains",
  "lastActiveDate__lte",
  "adUserName__contains",
  "isActive",
  "userActionsNeeded",
  "threatCreatedAt__lte",
  "domainsNin",
  "operationalStates",
  "externalIp__contains",
  "isDecommissioned",
  "networkInterfacePhysical__contains",
  "lastActiveDate__gte",
  "createdAt__between",
  "cpuCount__between",
  "lastLoggedInUserName__contains",
  "awsRole__contains",
  "K8SVersion__contains"
] as const

const filter = V.strictObject({
  ...Object.fromEntries(filterKeys.map((key) => [key, V.optional(V.nullable(V.string()))])),
  alertIds: V.optional(V.array(V.string()))
})

type Filter = V.TypeOf<typeof filter>

// `getResponseErrorMessage`: every message ends with the answer's body
const errorMessage = (
  response: VendorResponse | undefined,
  _transportMessage: string,
  transport?: { readonly code: string | undefined; readonly message: string }
) => {
  const body = `\nResponse body: ${JSON.stringify(response?.data ?? {})}`
  if (response === undefined) return `${transport?.message ?? "Unknown API Error"}${body}`
  if (response.status === 401) return `Unauthorized API Error (401)${body}`
  return `API Error: [${response.statusText}] Request failed with status code ${response.status}${body}`
}

type Input = { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices }

// `sentinelOneApiRequest`: the token rides as the last query parameter; answers are not validated
const apiRequest = (input: Input, request: {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly query?: Readonly<Record<string, unknown>>
  readonly body?: unknown
}) =>
  Effect.map(
    vendorRequest(input.services, {
      method: request.method,
      url: `${input.config.url}${apiPath}${request.path}?${
        axiosQueryString({ ...request.query, APIToken: input.secrets.token })
      }`,
      ...(request.body === undefined ? {} : { body: request.body })
    }, errorMessage),
    (response) => response.data
  )

const getAgentsOf = (input: Input, payload: Filter) =>
  apiRequest(input, { method: "GET", path: "/agents", query: payload })

const failure = (message: string) => new SubActionError({ message, errorSource: "framework" })

const getAgents = subAction<Config, Secrets, Filter>(filter, (input) => getAgentsOf(input, input.params))

// `isolateHost` / `releaseHost`: the first agent the filter finds, refused when already in the wanted state
const connection = (action: "disconnect" | "connect") =>
  subAction<Config, Secrets, Filter>(filter, (input) =>
    Effect.gen(function*() {
      const { alertIds: _alertIds, ...payload } = input.params
      const found = yield* getAgentsOf(input, payload)
      const agents = V.isJsonObject(found) && Array.isArray(found.data) ? found.data : []
      const [agent] = agents
      if (!V.isJsonObject(agent)) return yield* failure("No agents found")
      const isolated = agent.networkStatus === "disconnected"
      if (action === "disconnect" && isolated) return yield* failure("Agent already isolated")
      if (action === "connect" && !isolated) return yield* failure("Agent not isolated")
      return yield* apiRequest(input, {
        method: "POST",
        path: `/agents/actions/${action}`,
        body: { filter: { ids: agent.id } }
      })
    }))

const notEmulated = notEmulatedSubActionOf<Config, Secrets>(".sentinelone")

/**
 * @since 0.1.0
 * @category connector types
 */
export const sentinelOneConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".sentinelone",
  name: "Sentinel One",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: ["endpointSecurity"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: {
    getAgents,
    isolateHost: connection("disconnect"),
    releaseHost: connection("connect"),
    executeScript: notEmulated,
    getRemoteScripts: notEmulated,
    getRemoteScriptStatus: notEmulated,
    getRemoteScriptResults: notEmulated,
    downloadRemoteScriptResults: notEmulated,
    fetchAgentFiles: notEmulated,
    downloadAgentFile: notEmulated,
    getActivities: notEmulated
  }
})
