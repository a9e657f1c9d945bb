/**
 * Simulators of the endpoint security services connectors call: SentinelOne's management API, CrowdStrike
 * Falcon's API (with its OAuth2 token endpoint), Microsoft Entra ID's token endpoint and the Microsoft
 * Defender for Endpoint API. They keep no state: a SentinelOne agent whose uuid starts with `isolated-` is
 * disconnected, every other is connected, and Defender knows every machine but `elastic-connector-test`
 * (the id Kibana's `testConnector` probes with).
 *
 * @since 0.1.0
 * @internal
 */
import { randomUUID } from "node:crypto"
import { field, routed, type SimulatorAnswer, type SimulatorRequest, type Vendor } from "./vendorKit.js"

const nowIso = () => new Date().toISOString()

const bearer = (request: SimulatorRequest) => /^Bearer \S+/i.test(request.headers.authorization ?? "")

const commaList = (value: string | undefined) => (value ?? "").split(",").filter((item) => item !== "")

// SentinelOne: the API token rides in the `APIToken` query parameter
const sentinelOneAgent = (uuid: string, index: number) => ({
  id: String(1_000_000_000 + index),
  uuid,
  computerName: `${uuid}-host`,
  networkStatus: uuid.startsWith("isolated-") ? "disconnected" : "connected",
  osType: "linux",
  agentVersion: "23.4.1.1",
  isActive: true,
  lastActiveDate: nowIso()
})

const sentinelOneDenied: SimulatorAnswer = {
  status: 401,
  body: { errors: [{ code: 4010010, detail: "Authentication Failed", title: "Authentication Failed" }], data: null }
}

const sentinelOne: Vendor = {
  handle: (request) =>
    request.query.APIToken === undefined ? sentinelOneDenied : routed([
      ["GET", /^\/web\/api\/v2\.1\/agents$/, ({ query }) => {
        const uuids = [...commaList(query.uuids), ...commaList(query.uuid)]
        const agents = (uuids.length > 0 ? uuids : ["simulated-agent"]).map(sentinelOneAgent)
        return {
          status: 200,
          body: { pagination: { totalItems: agents.length, nextCursor: null }, errors: null, data: agents }
        }
      }],
      ["POST", /^\/web\/api\/v2\.1\/agents\/actions\/(disconnect|connect)$/, ({ body }) => ({
        status: 200,
        body: { data: { affected: commaList(String(field(field(body, "filter"), "ids") ?? "")).length } }
      })]
    ])(request),
  errorBody: (status) => ({
    errors: [{ code: status * 10000 + 10, detail: `simulated ${status}`, title: "simulated" }],
    data: null
  })
}

const falconMeta = () => ({ query_time: 0.01, powered_by: "simulator", trace_id: randomUUID() })

const falconDenied: SimulatorAnswer = {
  status: 401,
  body: { meta: falconMeta(), resources: [], errors: [{ code: 401, message: "access denied, authorization failed" }] }
}

const falconResources = (request: SimulatorRequest, resource: (id: string) => unknown): SimulatorAnswer =>
  bearer(request)
    ? { status: 200, body: { meta: falconMeta(), resources: commaList(request.query.ids).map(resource), errors: [] } }
    : falconDenied

const crowdstrike: Vendor = {
  handle: routed([
    ["POST", /^\/oauth2\/token$/, (request) =>
      (request.headers.authorization ?? "").startsWith("Basic ")
        ? { status: 201, body: { access_token: `falcon-${randomUUID()}`, expires_in: 1799, token_type: "bearer" } }
        : falconDenied],
    ["GET", /^\/devices\/entities\/devices\/v2$/, (request) =>
      falconResources(request, (id) => ({
        device_id: id,
        hostname: `${id}-host`,
        platform_name: "Linux",
        status: "normal",
        last_seen: nowIso()
      }))],
    [
      "GET",
      /^\/devices\/entities\/online-state\/v1$/,
      (request) => falconResources(request, (id) => ({ id, state: "online" }))
    ],
    ["POST", /^\/devices\/entities\/devices-actions\/v2$/, (request) => {
      if (!bearer(request)) return falconDenied
      const ids = field(request.body, "ids")
      return {
        status: 202,
        body: {
          meta: falconMeta(),
          resources: (Array.isArray(ids) ? ids : []).map((id) => ({
            id: String(id),
            path: "/devices/entities/devices/v1"
          })),
          errors: []
        }
      }
    }]
  ]),
  errorBody: (status) => ({
    meta: falconMeta(),
    resources: [],
    errors: [{ code: status, message: `simulated ${status}` }]
  })
}

// Entra ID: answers under `/<tenant>/oauth2/v2.0/token`, so this simulator is the tenant `entra`
const entra: Vendor = {
  handle: routed([
    ["POST", /^\/oauth2\/v2\.0\/token$/, (request) => {
      const form = new URLSearchParams(typeof request.body === "string" ? request.body : "")
      if (form.get("grant_type") !== "client_credentials" || !form.get("client_id") || !form.get("client_secret")) {
        return { status: 400, body: { error: "invalid_request", error_description: "AADSTS900144: missing parameter" } }
      }
      return {
        status: 200,
        body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: `entra-${randomUUID()}` }
      }
    }]
  ]),
  errorBody: (status) => ({ error: "simulated_error", error_description: `simulated ${status}` })
}

const defenderMachine = (id: string) => ({
  id,
  computerDnsName: `${id}.simulated.local`,
  osPlatform: "Windows11",
  healthStatus: "Active",
  onboardingStatus: "Onboarded",
  lastSeen: nowIso()
})

const defenderAction = (machineId: string, type: string, comment: unknown) => ({
  id: randomUUID(),
  type,
  requestor: "simulated-app",
  requestorComment: comment,
  status: "Pending",
  machineId,
  creationDateTimeUtc: nowIso()
})

const odata = (entity: string, value: ReadonlyArray<unknown>) => ({
  "@odata.context": `https://api.securitycenter.microsoft.com/api/$metadata#${entity}`,
  "@odata.count": value.length,
  value
})

const defenderRoutes = routed([
  [
    "GET",
    /^\/api\/machines$/,
    () => ({ status: 200, body: odata("Machines", [defenderMachine("simulated-machine")]) })
  ],
  ["GET", /^\/api\/machines\/([^/]+)$/, (_, match) => {
    const id = match[1] ?? ""
    return id === "elastic-connector-test"
      ? { status: 404, body: { error: { code: "ResourceNotFound", message: `Machine ${id} was not found` } } }
      : { status: 200, body: defenderMachine(id) }
  }],
  ["POST", /^\/api\/machines\/([^/]+)\/(isolate|unisolate)$/, (request, match) => {
    const id = match[1] ?? ""
    if (id === "elastic-connector-test") {
      return { status: 404, body: { error: { code: "ResourceNotFound", message: `Machine ${id} was not found` } } }
    }
    const type = match[2] === "isolate" ? "Isolate" : "Unisolate"
    return { status: 201, body: defenderAction(id, type, field(request.body, "Comment")) }
  }],
  ["GET", /^\/api\/machineactions$/, () => ({
    status: 200,
    body: odata("MachineActions", [defenderAction("simulated-machine", "Isolate", "simulated")])
  })]
])

const defender: Vendor = {
  handle: (request) =>
    bearer(request)
      ? defenderRoutes(request)
      : { status: 401, body: { error: { code: "Unauthorized", message: "Authorization header is missing" } } },
  errorBody: (status) => ({
    error: { code: status >= 500 ? "InternalServerError" : "BadRequest", message: `simulated ${status}` }
  })
}

/**
 * The endpoint security vendors, keyed by the path segment they answer under.
 *
 * @since 0.1.0
 * @internal
 */
export const securityVendors = {
  sentinelone: sentinelOne,
  crowdstrike,
  entra,
  defender
} satisfies Readonly<Record<string, Vendor>>
