/**
 * The `.webhook` connector: makes the real HTTP call and maps the outcome the way Kibana does.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/webhook/schemas/v1.ts`,
 * `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/common/auth/schemas/v1.ts`;
 * custom config rules: `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/webhook/validations.ts`;
 * executor and results: `.../connector_types/webhook/index.ts` and `.../webhook/errors.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"

// `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/common/auth/constants.ts`
const authTypes = {
  basic: "webhook-authentication-basic",
  ssl: "webhook-authentication-ssl",
  oauth2ClientCredentials: "webhook-oauth2-client-credentials",
  queryParam: "http-authentication-query-param"
} as const

const methods = ["post", "put", "patch", "get", "delete"] as const

const headers = V.record(V.string())

const config = V.strictObject({
  url: V.string(),
  method: V.withDefault(V.literals(methods), "post"),
  headers: V.withDefault(V.nullable(headers), null),
  hasAuth: V.withDefault(V.boolean, true),
  authType: V.optional(
    V.literalUnion([authTypes.basic, authTypes.ssl, authTypes.oauth2ClientCredentials, authTypes.queryParam, null])
  ),
  certType: V.optional(V.literals(["ssl-crt-key", "ssl-pfx"])),
  ca: V.optional(V.string()),
  verificationMode: V.optional(V.literals(["none", "certificate", "full"])),
  accessTokenUrl: V.optional(V.string()),
  clientId: V.optional(V.string()),
  scope: V.optional(V.string()),
  additionalFields: V.optional(V.nullable(V.string()))
})

const nullableString = V.withDefault(V.nullable(V.string()), null)

const invalidSecrets = "must specify one of the following schemas: user and password; crt and key " +
  "(with optional password); pfx (with optional password); or clientSecret (for OAuth2)"

// `SecretConfigurationSchemaValidation` in common/auth/schemas/v1.ts: exactly one credential shape, or none
const credentialShapeProblems = (
  secrets: { readonly [K in "clientSecret" | "crt" | "key" | "password" | "pfx" | "user"]: string | null }
): ReadonlyArray<string> => {
  const { clientSecret, crt, key, password, pfx, user } = secrets
  const valid = (!password && !user && !crt && !key && !pfx && !clientSecret) ||
    (password && user && !crt && !key && !pfx && !clientSecret) ||
    (crt && key && !user && !pfx && !clientSecret) ||
    (!crt && !key && !user && pfx && !clientSecret) ||
    (!password && !user && !crt && !key && !pfx && clientSecret)
  return valid ? [] : [invalidSecrets]
}

/**
 * Secrets shared by `.webhook` and the other HTTP connectors that use Kibana's common auth schema.
 *
 * @since 0.1.0
 * @category validation
 */
export const webhookSecrets = V.refine(
  V.strictObject({
    user: nullableString,
    password: nullableString,
    crt: nullableString,
    key: nullableString,
    pfx: nullableString,
    clientSecret: nullableString,
    secretHeaders: V.withDefault(V.nullable(headers), null)
  }),
  credentialShapeProblems
)

const configError = (message: string) => `error validation webhook action config: ${message}`

const additionalFieldsProblem = (additionalFields: unknown): boolean => {
  if (typeof additionalFields !== "string" || additionalFields === "") return false
  const parsed = Outbound.parseJson(additionalFields)
  return typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0
}

// Kibana prints the runtime's error (`TypeError: Invalid URL` on the Node versions it ships with)
const urlProblem = (url: string): string | undefined =>
  URL.canParse(url) ? undefined : configError("unable to parse url: TypeError: Invalid URL")

// `validateConnectorTypeConfig` in webhook/validations.ts, in its order; allowedHosts is `*` here
const customConfigProblem = (value: Config): string | undefined => {
  const problem = urlProblem(value.url)
  if (problem !== undefined) return problem
  if (Boolean(value.authType) && !value.hasAuth) {
    return configError("authType must be null or undefined if hasAuth is false")
  }
  if (additionalFieldsProblem(value.additionalFields)) {
    return configError("additionalFields must be a non-empty JSON object.")
  }
  if (value.authType === authTypes.oauth2ClientCredentials) {
    const missing = [
      ...(value.accessTokenUrl ? [] : ["Access Token URL (accessTokenUrl)"]),
      ...(value.clientId ? [] : ["Client ID (clientId)"])
    ]
    if (missing.length > 0) return configError(`missing ${missing.join(", ")} fields`)
    return value.accessTokenUrl === undefined ? undefined : urlProblem(value.accessTokenUrl)
  }
  return undefined
}

const params = V.strictObject({ body: V.optional(V.string()) })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof webhookSecrets>
type Params = V.TypeOf<typeof params>

// HTTP statuses Kibana attributes to the user rather than the framework
const userErrorCodes = [400, 404, 405, 406, 410, 411, 414, 428, 431]

const requestFailed = (serviceMessage: string): ExecutorResult => ({
  status: "error",
  message: "error calling webhook, request failed",
  serviceMessage
})

const retryLater = (serviceMessage: string): ExecutorResult => ({
  status: "error",
  message: "error calling webhook, retry later",
  retry: true,
  serviceMessage
})

const errorResponseMessage = (response: Extract<Outbound.OutboundResult, { _tag: "Response" }>): string => {
  const parsed = Outbound.parseJson(response.body)
  const raw = V.isJsonObject(parsed) ? parsed.message : undefined
  const text = typeof raw === "string" ? raw : raw != null ? JSON.stringify(raw) : undefined
  return `[${response.status}] ${response.statusText}${text ? `: ${text}` : ""}`
}

/**
 * Kibana's mapping of the webhook's outcome to an executor result.
 *
 * @since 0.1.0
 * @category executor
 */
export const webhookResult = (
  outcome: Outbound.OutboundResult,
  body: string | undefined,
  now: number
): ExecutorResult => {
  if (outcome._tag === "Failure") {
    return requestFailed(outcome.code === undefined ? outcome.message : `[${outcome.code}] ${outcome.message}`)
  }
  if (outcome.status >= 200 && outcome.status < 300) {
    return body === undefined ? { status: "ok" } : { status: "ok", data: body }
  }
  const serviceMessage = errorResponseMessage(outcome)
  if (outcome.status >= 500) return retryLater(serviceMessage)
  if (outcome.status === 429) {
    const seconds = Outbound.retryAfterSeconds(outcome.headers)
    if (seconds === undefined) return retryLater(serviceMessage)
    const retry = new Date(now + seconds * 1000).toISOString()
    return { status: "error", message: `error calling webhook, retry at ${retry}`, retry, serviceMessage }
  }
  return {
    status: "error",
    message: "error calling webhook, invalid response",
    serviceMessage,
    ...(userErrorCodes.includes(outcome.status) ? { errorSource: "user" as const } : {})
  }
}

const basicAuthorization = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

// what the emulator records: the request as sent, minus credential values
const redactHeaders = (
  headers: Readonly<Record<string, string>>,
  secretNames: ReadonlyArray<string>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) =>
      name.toLowerCase() === "authorization" || secretNames.includes(name) ? [name, "<redacted>"] : [name, value]
    )
  )

const outboundMethods: Readonly<Record<typeof methods[number], Outbound.OutboundRequest["method"]>> = {
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  get: "GET",
  delete: "DELETE"
}

const execute = ({ config, connectorId, params, secrets, services }: ExecutorInput<Config, Secrets, Params>) =>
  Effect.gen(function*() {
    const authType = config.authType
    if (config.hasAuth && authType != null && authType !== authTypes.basic) {
      return requestFailed(`the Kibana emulator does not support webhook authType "${authType}"`)
    }
    const secretHeaders = secrets.secretHeaders ?? {}
    const headers: Record<string, string> = {
      ...(config.hasAuth && secrets.user !== null && secrets.password !== null
        ? { Authorization: basicAuthorization(secrets.user, secrets.password) }
        : {}),
      ...config.headers,
      ...secretHeaders
    }
    const method = outboundMethods[config.method]
    // GET and DELETE never carry a body; an empty body is not sent either (axios_utils `...(data ? {data} : {})`)
    const body = method !== "GET" && method !== "DELETE" && params.body ? params.body : undefined
    const url = config.url
    const outcome = yield* Outbound.send(services.httpClient, { method, url, headers, body }, services.outboundTimeout)
    const now = yield* Clock.currentTimeMillis
    yield* services.recordWebhookCall({
      connectorId,
      method,
      url,
      headers: redactHeaders(headers, Object.keys(secretHeaders)),
      body,
      status: outcome._tag === "Response" ? outcome.status : undefined,
      timestamp: new Date(now)
    })
    return webhookResult(outcome, params.body, now)
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const webhookConnectorType: ConnectorTypeSpec = define({
  id: ".webhook",
  name: "Webhook",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, customConfigProblem),
  secrets: V.validate(webhookSecrets),
  params: V.validate(params),
  execute
})
