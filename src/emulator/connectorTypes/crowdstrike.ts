/**
 * The `.crowdstrike` connector (CrowdStrike Falcon): each call first gets an OAuth2 token
 * (`POST <url>/oauth2/token`, the API client as basic auth), then `getAgentDetails` and
 * `getAgentOnlineStatus` read `devices/entities/devices/v2` and `devices/entities/online-state/v1`, and
 * `hostActions` posts `devices/entities/devices-actions/v2?action_name=<command>`. The real-time response
 * sub-actions (registered by Kibana only behind `crowdstrikeConnectorRTROn`) are not emulated.
 *
 * Difference from Kibana: a token is requested for every execution (Kibana keeps one for 29 minutes, shared
 * by all CrowdStrike connectors).
 *
 * Schemas: elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/common/crowdstrike/schema.ts
 * (`CrowdstrikeHostActionsParamsSchema`, `CrowdstrikeGetAgentsParamsSchema`); executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/crowdstrike/crowdstrike.ts.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec, ExecutorServices } from "../ConnectorTypeSpec.js"
import { notEmulatedSubActionOf } from "./notEmulated.js"
import { defineSubActionType, subAction } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ url: V.string() })
const secrets = V.strictObject({ clientId: V.string(), clientSecret: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const agentsParams = V.strictObject({ ids: V.array(V.string()) })

const hostActionsParams = V.strictObject({
  command: V.literals(["contain", "lift_containment"]),
  actionParameters: V.optional(V.record(V.unknown)),
  ids: V.array(V.string()),
  alertIds: V.optional(V.array(V.string())),
  comment: V.optional(V.string())
})

// `paramsSerializer`: `encodeURIComponent` of each value, so an array of ids becomes `a%2Cb`
const queryString = (params: Readonly<Record<string, string | ReadonlyArray<string>>>) =>
  Object.entries(params).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join("&")

// `getResponseErrorMessage`: the first of CrowdStrike's `errors`, else what the connection says
const errorMessage = (
  response: VendorResponse | undefined,
  _transportMessage: string,
  transport?: { readonly code: string | undefined; readonly message: string }
) => {
  const data = response?.data
  const [first] = V.isJsonObject(data) && Array.isArray(data.errors) ? data.errors : []
  if (V.isJsonObject(first) && typeof first.message === "string") return first.message
  if (transport?.code === "ECONNREFUSED") {
    const address = /ECONNREFUSED (\S+)$/.exec(transport.message)?.[1]
    if (address !== undefined) return `Connection Refused: ${address}`
  }
  if (response === undefined) return "Unknown API Error: {}"
  return `API Error: ${JSON.stringify(data ?? {})}`
}

type Input = { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices }

// `getTokenRequest`: form-encoded, with an empty body
const token = (input: Input) =>
  Effect.map(
    vendorRequest(input.services, {
      method: "POST",
      url: `${input.config.url}/oauth2/token`,
      headers: {
        accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        authorization: `Basic ${
          Buffer.from(`${input.secrets.clientId}:${input.secrets.clientSecret}`).toString("base64")
        }`
      },
      body: ""
    }, errorMessage),
    (response) => V.isJsonObject(response.data) ? response.data.access_token : undefined
  )

// `crowdstrikeApiRequest`: the bearer token on every call; answers are not validated
const apiRequest = (input: Input, request: {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly query: Readonly<Record<string, string | ReadonlyArray<string>>>
  readonly body?: unknown
}) =>
  Effect.gen(function*() {
    const bearer = yield* token(input)
    const response = yield* vendorRequest(input.services, {
      method: request.method,
      url: `${input.config.url}${request.path}?${queryString(request.query)}`,
      headers: { Authorization: `Bearer ${String(bearer)}` },
      ...(request.body === undefined ? {} : { body: request.body })
    }, errorMessage)
    return response.data
  })

const agents = (path: string) =>
  subAction<Config, Secrets, V.TypeOf<typeof agentsParams>>(
    agentsParams,
    (input) => apiRequest(input, { method: "GET", path, query: { ids: input.params.ids } })
  )

const hostActions = subAction<Config, Secrets, V.TypeOf<typeof hostActionsParams>>(hostActionsParams, (input) => {
  const { actionParameters, command, ids } = input.params
  return apiRequest(input, {
    method: "POST",
    path: "/devices/entities/devices-actions/v2",
    query: { action_name: command },
    body: {
      ids,
      ...(actionParameters
        ? { action_parameters: Object.entries(actionParameters).map(([name, value]) => ({ name, value })) }
        : {})
    }
  })
})

const notEmulated = notEmulatedSubActionOf<Config, Secrets>(".crowdstrike")

/**
 * @since 0.1.0
 * @category connector types
 */
export const crowdstrikeConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".crowdstrike",
  name: "CrowdStrike",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: ["endpointSecurity"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: {
    getAgentDetails: agents("/devices/entities/devices/v2"),
    getAgentOnlineStatus: agents("/devices/entities/online-state/v1"),
    hostActions,
    executeRTRCommand: notEmulated,
    batchActiveResponderExecuteRTR: notEmulated,
    batchAdminExecuteRTR: notEmulated,
    getRTRCloudScripts: notEmulated
  }
})
