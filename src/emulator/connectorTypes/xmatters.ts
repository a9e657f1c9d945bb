/**
 * The `.xmatters` connector: posts the alert to an xMatters flow, with basic auth (`configUrl`) or with
 * the API key in the URL (`secretsUrl`).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/xmatters/schemas/v1.ts;
 * custom rules, executor and results:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/xmatters/index.ts.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

const config = V.strictObject({
  configUrl: nullableString,
  usesBasic: V.withDefault(V.boolean, true)
})

const secrets = V.strictObject({ user: nullableString, password: nullableString, secretsUrl: nullableString })

const params = V.strictObject({
  alertActionGroupName: V.optional(V.string()),
  signalId: V.optional(V.string()),
  ruleName: V.optional(V.string()),
  date: V.optional(V.string()),
  severity: V.string(),
  spaceId: V.optional(V.string()),
  tags: V.optional(V.string())
})

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const configProblem = ({ configUrl, usesBasic }: Config) =>
  usesBasic && configUrl && !URL.canParse(configUrl)
    ? "Error configuring xMatters action: unable to parse url: Invalid URL"
    : undefined

const secretsProblem = ({ password, secretsUrl, user }: Secrets) => {
  if (!secretsUrl && !user && !password) return "Provide either secretsUrl link or user/password to authenticate"
  if (secretsUrl) {
    if (user || password) {
      return "Cannot use user/password for URL authentication. Provide valid secretsUrl or use Basic Authentication."
    }
    return URL.canParse(secretsUrl) ? undefined : "Invalid secretsUrl: TypeError: Invalid URL"
  }
  return !user || !password ? "Both user and password must be specified." : undefined
}

// `validateConnector`: which credentials go with `usesBasic`
const connectorProblem = ({ configUrl, usesBasic }: Config, { password, secretsUrl, user }: Secrets) => {
  if (usesBasic) {
    if (secretsUrl) return "secretsUrl should not be provided when usesBasic is true"
    if (user == null) return "Provide valid Username"
    if (password == null) return "Provide valid Password"
    if (configUrl == null) return "Provide valid configUrl"
    return undefined
  }
  if (user || password) return "Username and password should not be provided when usesBasic is false"
  if (configUrl) return "configUrl should not be provided when usesBasic is false"
  if (secretsUrl == null) return "Provide valid secretsUrl with API Key"
  return undefined
}

const postingError = (serviceMessage: string): ExecutorResult => ({
  status: "error",
  message: "Error triggering xMatters workflow",
  serviceMessage
})

/**
 * Kibana's mapping of xMatters' answer to an executor result.
 *
 * @since 0.1.0
 * @category executor
 */
export const xmattersResult = (outcome: Outbound.OutboundResult, payload: unknown): ExecutorResult => {
  if (outcome._tag === "Failure") return postingError(outcome.message)
  if (outcome.status >= 200 && outcome.status < 300) return { status: "ok", data: payload }
  if (outcome.status === 429 || outcome.status >= 500) {
    return {
      status: "error",
      message: `Error triggering xMatters flow: http status ${outcome.status}, retry later`,
      retry: true
    }
  }
  return { status: "error", message: `Error triggering xMatters flow: unexpected status ${outcome.status}` }
}

/**
 * @since 0.1.0
 * @category connector types
 */
export const xmattersConnectorType: ConnectorTypeSpec = define({
  id: ".xmatters",
  name: "xMatters",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, configProblem),
  secrets: V.validate(secrets, secretsProblem),
  params: V.validate(params),
  connector: connectorProblem,
  execute: ({ config, params, secrets, services }) =>
    Effect.gen(function*() {
      // xMatters treats a request without signalId and alertActionGroupName as a test
      const payload = { ...params, severity: params.severity || "High" }
      const url = config.usesBasic ? config.configUrl : secrets.secretsUrl
      if (!url) return postingError("Error: no url provided")
      const authorization = config.usesBasic && secrets.user !== null && secrets.password !== null
        ? { Authorization: `Basic ${Buffer.from(`${secrets.user}:${secrets.password}`).toString("base64")}` }
        : {}
      const outcome = yield* Outbound.send(services.httpClient, {
        method: "POST",
        url,
        headers: { "Content-Type": "application/json", ...authorization },
        body: JSON.stringify(payload)
      }, services.outboundTimeout)
      return xmattersResult(outcome, payload)
    })
})
