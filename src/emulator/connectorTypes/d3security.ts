/**
 * The `.d3security` connector: a sub-action type whose `run` and `test` post the event to the D3 SOAR
 * webhook with the `d3key` header.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/d3security/schemas/v1.ts;
 * executor: elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/d3security/d3security.ts
 * and `.../d3security/helpers.ts` (`addSeverityAndEventTypeInBody`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import { defineSubActionType, subAction } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ url: V.string() })
const secrets = V.strictObject({ token: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const runParams = V.strictObject({
  body: V.optional(V.string()),
  severity: V.optional(V.string()),
  eventType: V.optional(V.string())
})

// `getResponseErrorMessage`
const errorMessage = (response: VendorResponse | undefined) => {
  if (response === undefined) return "Unknown API Error"
  return response.status === 401 ? "Unauthorized API Error" : `API Error: ${response.status} - ${response.statusText}`
}

// helpers.ts `addSeverityAndEventTypeInBody`: the body (parsed when it is JSON) wrapped as an alert hit
const withSeverityAndEventType = (body: string, severity: string, eventType: string): string =>
  JSON.stringify({
    hits: {
      hits: {
        _source: {
          rawData: Outbound.parseJson(body) ?? body,
          "event.type": eventType,
          "kibana.alert.severity": severity
        }
      }
    }
  })

const run = subAction<Config, Secrets, V.TypeOf<typeof runParams>>(
  runParams,
  ({ config, params, secrets, services }) =>
    Effect.map(
      vendorRequest(services, {
        method: "POST",
        url: config.url,
        headers: { d3key: secrets.token },
        body: withSeverityAndEventType(params.body ?? "", params.severity ?? "", params.eventType ?? "")
      }, errorMessage),
      (response) => response.data
    )
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const d3SecurityConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".d3security",
  name: "D3 Security",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "siem", "workflows", "agentBuilder"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: { run, test: run }
})
