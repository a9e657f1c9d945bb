/**
 * The `.microsoft_defender_endpoint` connector: each call gets a client-credentials token from Entra ID
 * (`POST <oAuthServerUrl>/<tenantId>/oauth2/v2.0/token`), then reads or acts on machines under
 * `<apiUrl>/api/machines` (`getAgentDetails`, `getAgentList`, `isolateHost`, `releaseHost`) and lists
 * `<apiUrl>/api/machineactions` (`getActions`); `testConnector` tries each, as Kibana does. A 401 gets a new
 * token and one retry. `runScript`, `getLibraryFiles`, `getActionResults` and `cancelAction` are not
 * emulated.
 *
 * Difference from Kibana: a token is requested for every execution (Kibana keeps it as a connector token
 * until it expires).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/microsoft_defender_endpoint/schemas/v1.ts;
 * executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/microsoft_defender_endpoint/microsoft_defender_endpoint.ts
 * and `.../o_auth_token_manager.ts`.
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

const nonEmpty = V.string({ min: 1 })

const config = V.strictObject({
  clientId: nonEmpty,
  tenantId: nonEmpty,
  oAuthServerUrl: nonEmpty,
  oAuthScope: nonEmpty,
  apiUrl: nonEmpty
})
const secrets = V.strictObject({ clientSecret: nonEmpty })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const oneOrMany = V.optional(V.union(nonEmpty, V.array(nonEmpty, { min: 1 })))
const oneOrManyOf = (values: ReadonlyArray<string>) =>
  V.optional(V.union(V.literals(values), V.array(V.literals(values), { min: 1 })))
const page = V.optional(V.coercedNumber({ min: 1 }))
const pageSize = V.optional(V.coercedNumber({ min: 1, max: 1000 }))

const agentDetailsParams = V.strictObject({ id: nonEmpty })
const hostParams = V.strictObject({ id: nonEmpty, comment: nonEmpty })

const agentListParams = V.strictObject({
  computerDnsName: oneOrMany,
  id: oneOrMany,
  version: oneOrMany,
  deviceValue: oneOrMany,
  aaDeviceId: oneOrMany,
  machineTags: oneOrMany,
  lastSeen: oneOrMany,
  exposureLevel: oneOrMany,
  onboardingStatus: oneOrMany,
  lastIpAddress: oneOrMany,
  healthStatus: oneOrManyOf([
    "Active",
    "Inactive",
    "ImpairedCommunication",
    "NoSensorData",
    "NoSensorDataImpairedCommunication",
    "Unknown"
  ]),
  osPlatform: oneOrMany,
  riskScore: oneOrMany,
  rbacGroupId: oneOrMany,
  page,
  pageSize
})

const getActionsParams = V.strictObject({
  id: oneOrMany,
  status: oneOrManyOf(["Pending", "InProgress", "Succeeded", "Failed", "TimeOut", "Cancelled"]),
  machineId: oneOrMany,
  type: oneOrManyOf([
    "RunAntiVirusScan",
    "Offboard",
    "LiveResponse",
    "CollectInvestigationPackage",
    "Isolate",
    "Unisolate",
    "StopAndQuarantineFile",
    "RestrictCodeExecution",
    "UnrestrictCodeExecution"
  ]),
  requestor: oneOrMany,
  creationDateTimeUtc: oneOrMany,
  page,
  pageSize,
  sortField: V.optional(nonEmpty),
  sortDirection: V.optional(V.literals(["asc", "desc"]))
})

type Input = { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices }

const normalizeUrl = (url: string) => (url.endsWith("/") ? url.slice(0, -1) : url).replace(/([^:]\/)\/+/g, "$1")

// `getResponseErrorMessage`: the message, the request axios made (unknown without an answer) and the body
const errorMessageFor = (method: string, url: string) =>
(
  response: VendorResponse | undefined,
  _transportMessage: string,
  transport?: { readonly code: string | undefined; readonly message: string }
) => {
  const called = response === undefined ? "[undefined] undefined" : `[${method.toLowerCase()}] ${normalizeUrl(url)}`
  const tail = `\nURL called:${called}\nResponse body: ${JSON.stringify(response?.data ?? {})}`
  if (response === undefined) return `${transport?.message ?? "Unknown API Error"}${tail}`
  if (response.status === 401) return `Unauthorized API Error (401)${tail}`
  return `API Error: [${response.statusText}] Request failed with status code ${response.status}${tail}`
}

// OAuthTokenManager: the token endpoint is the tenant's path on the OAuth server, whatever path it had
const token = (input: Input) =>
  Effect.gen(function*() {
    const url = URL.canParse(input.config.oAuthServerUrl) ? new URL(input.config.oAuthServerUrl) : undefined
    if (url === undefined) return yield* new SubActionError({ message: "Invalid URL", errorSource: "framework" })
    url.pathname = `/${input.config.tenantId}/oauth2/v2.0/token`
    const response = yield* vendorRequest(input.services, {
      method: "POST",
      url: url.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: input.config.clientId,
        scope: input.config.oAuthScope,
        client_secret: input.secrets.clientSecret
      }).toString()
    }, errorMessageFor("POST", url.toString()))
    return V.isJsonObject(response.data) ? String(response.data.access_token) : "undefined"
  })

// `fetchFromMicrosoft`: answers are not validated; a 401 gets a new token and one more try
const fetchFromMicrosoft = (input: Input, request: {
  readonly method: "GET" | "POST"
  readonly url: string
  readonly query?: Readonly<Record<string, unknown>>
  readonly body?: unknown
}) => {
  const attempt = Effect.flatMap(token(input), (bearer) =>
    vendorRequest(input.services, {
      method: request.method,
      url: request.query === undefined ? request.url : `${request.url}?${axiosQueryString(request.query)}`,
      headers: { Authorization: `Bearer ${bearer}` },
      ...(request.body === undefined ? {} : { body: request.body })
    }, errorMessageFor(request.method, request.url)))
  return attempt.pipe(
    Effect.catchIf((error) => error.message.includes("Status code: 401"), () => attempt),
    Effect.map((response) => response.data)
  )
}

const machines = (input: Input) => `${input.config.apiUrl}/api/machines`

// `buildODataUrlParams`
const oData = (options: {
  readonly filter: Readonly<Record<string, unknown>>
  readonly page: number
  readonly pageSize: number
  readonly sortField?: string | undefined
  readonly sortDirection: string
}) => {
  const entries = Object.entries(options.filter).filter(([, value]) => value !== undefined)
  const filter = entries.map(([key, value]) =>
    Array.isArray(value)
      ? `${key} in (${value.map((item) => `'${String(item)}'`).join(",")})`
      : `${key} eq '${String(value)}'`
  ).join(" AND ")
  return {
    $count: true,
    ...(options.pageSize ? { $top: options.pageSize } : {}),
    ...(options.page > 1 ? { $skip: options.page * options.pageSize - options.pageSize } : {}),
    ...(options.sortField ? { $orderby: `${options.sortField} ${options.sortDirection}` } : {}),
    ...(entries.length > 0 ? { $filter: filter } : {})
  }
}

const paged = (response: unknown, page: number, pageSize: number) => {
  const data = V.isJsonObject(response) ? response : {}
  return { ...data, page, pageSize, total: data["@odata.count"] ?? -1 }
}

const agentDetails = (input: Input, id: string) =>
  fetchFromMicrosoft(input, { method: "GET", url: `${machines(input)}/${id}` })

const isolate = (input: Input, params: V.TypeOf<typeof hostParams>) =>
  fetchFromMicrosoft(input, {
    method: "POST",
    url: `${machines(input)}/${params.id}/isolate`,
    body: { Comment: params.comment, IsolationType: "Full" }
  })

const release = (input: Input, params: V.TypeOf<typeof hostParams>) =>
  fetchFromMicrosoft(input, {
    method: "POST",
    url: `${machines(input)}/${params.id}/unisolate`,
    body: { Comment: params.comment }
  })

const actions = (input: Input, params: V.TypeOf<typeof getActionsParams>) => {
  const { page = 1, pageSize = 20, sortDirection = "desc", sortField, ...filter } = params
  return Effect.map(
    fetchFromMicrosoft(input, {
      method: "GET",
      url: `${input.config.apiUrl}/api/machineactions`,
      query: oData({ filter, page, pageSize, sortField, sortDirection })
    }),
    (response) => paged(response, page, pageSize)
  )
}

// `testConnector`: a missing test machine (ResourceNotFound) still proves the API answered
const tried = <A>(call: Effect.Effect<A, SubActionError>, success: string) =>
  call.pipe(
    Effect.catchIf((error) => error.message.includes("ResourceNotFound"), () => Effect.void),
    Effect.as(success)
  )

const testParams = V.strictObject({})

const testConnector = subAction<Config, Secrets, V.TypeOf<typeof testParams>>(
  testParams,
  (input) =>
    Effect.gen(function*() {
      const machine = { id: "elastic-connector-test", comment: "connector test" }
      return {
        results: [
          yield* tried(agentDetails(input, machine.id), "API call to Machines API was successful"),
          yield* tried(isolate(input, machine), "API call to Machine Isolate was successful"),
          yield* tried(release(input, machine), "API call to Machine Release was successful"),
          yield* tried(actions(input, { pageSize: 1 }), "API call to Machine Actions was successful")
        ]
      }
    })
)

const notEmulated = notEmulatedSubActionOf<Config, Secrets>(".microsoft_defender_endpoint")

/**
 * @since 0.1.0
 * @category connector types
 */
export const microsoftDefenderEndpointConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".microsoft_defender_endpoint",
  name: "Microsoft Defender for Endpoint",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: ["endpointSecurity"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: {
    testConnector,
    getAgentDetails: subAction<Config, Secrets, V.TypeOf<typeof agentDetailsParams>>(
      agentDetailsParams,
      (input) => agentDetails(input, input.params.id)
    ),
    getAgentList: subAction<Config, Secrets, V.TypeOf<typeof agentListParams>>(agentListParams, (input) => {
      const { page = 1, pageSize = 20, ...filter } = input.params
      return Effect.map(
        fetchFromMicrosoft(input, {
          method: "GET",
          url: machines(input),
          query: oData({ filter, page, pageSize, sortDirection: "desc" })
        }),
        (response) => paged(response, page, pageSize)
      )
    }),
    isolateHost: subAction<Config, Secrets, V.TypeOf<typeof hostParams>>(
      hostParams,
      (input) => isolate(input, input.params)
    ),
    releaseHost: subAction<Config, Secrets, V.TypeOf<typeof hostParams>>(
      hostParams,
      (input) => release(input, input.params)
    ),
    getActions: subAction<Config, Secrets, V.TypeOf<typeof getActionsParams>>(
      getActionsParams,
      (input) => actions(input, input.params)
    ),
    getLibraryFiles: notEmulated,
    runScript: notEmulated,
    getActionResults: notEmulated,
    cancelAction: notEmulated
  }
})
