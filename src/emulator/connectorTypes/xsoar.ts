/**
 * The `.xsoar` connector (Cortex XSOAR): a sub-action type whose `getPlaybooks` searches the playbooks and
 * `run` creates an incident, against `<url>` (on-premises) or `<url>/xsoar/public/v1` (cloud, when an
 * `apiKeyID` is set, sent as `x-xdr-auth-id`).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/xsoar/schemas/v1.ts; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/xsoar/xsoar.ts.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { defineSubActionType, subAction, SubActionError, subActionWithoutSchema } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ url: V.string() })
const secrets = V.strictObject({ apiKey: V.string(), apiKeyID: V.withDefault(V.nullable(V.string()), null) })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const runParams = V.strictObject({
  name: V.string(),
  playbookId: V.withDefault(V.nullable(V.string()), null),
  createInvestigation: V.boolean,
  severity: V.coercedNumber(),
  isRuleSeverity: V.withDefault(V.nullable(V.boolean), false),
  body: V.withDefault(V.nullable(V.string()), null)
})

const isCloud = (secrets: Secrets) => secrets.apiKeyID !== null && secrets.apiKeyID !== ""

const urlOf = (config: Config, secrets: Secrets, path: string) =>
  isCloud(secrets) ? `${config.url}/xsoar/public/v1${path}` : `${config.url}${path}`

const authHeaders = (secrets: Secrets): Record<string, string> =>
  isCloud(secrets) && secrets.apiKeyID !== null
    ? { Authorization: secrets.apiKey, "x-xdr-auth-id": secrets.apiKeyID }
    : { Authorization: secrets.apiKey }

// `getResponseErrorMessage`
const errorMessage = (response: VendorResponse | undefined, transportMessage: string) =>
  response?.statusText ? `API Error: ${response.statusText}` : `AxiosError: ${transportMessage}`

const getPlaybooks = subActionWithoutSchema<Config, Secrets>(({ config, secrets, services }) =>
  Effect.map(
    vendorRequest(services, {
      method: "POST",
      url: urlOf(config, secrets, "/playbook/search"),
      headers: authHeaders(secrets),
      body: {}
    }, errorMessage),
    (response) => response.data
  )
)

const run = subAction<Config, Secrets, V.TypeOf<typeof runParams>>(
  runParams,
  ({ config, params, secrets, services }) =>
    Effect.gen(function*() {
      const { body, ...incident } = params
      // `formatIncidentBody`: the body's JSON, overridden by the incident fields
      const parsed = Either.try({
        try: (): unknown => JSON.parse(body ?? "{}"),
        catch: (error) =>
          new SubActionError({
            message: `Error parsing alert body for xSOAR: ${String(error)}`,
            errorSource: "framework"
          })
      })
      if (Either.isLeft(parsed)) return yield* parsed.left
      yield* vendorRequest(services, {
        method: "POST",
        url: urlOf(config, secrets, "/incident"),
        headers: authHeaders(secrets),
        body: { ...(V.isJsonObject(parsed.right) ? parsed.right : {}), ...incident }
      }, errorMessage)
      // Kibana's `run` answers nothing, which the framework turns into `{}`
      return undefined
    })
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const xsoarConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".xsoar",
  name: "XSOAR",
  minimumLicenseRequired: "platinum",
  supportedFeatureIds: ["siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: { getPlaybooks, run }
})
