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
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec, ExecutorInput, ExecutorResult, JsonObject } from "../ConnectorTypeSpec.js"
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
  method: V.withDefault(V.literals(methods), () => "post"),
  headers: V.withDefault(V.nullable(headers), () => null),
  hasAuth: V.withDefault(V.boolean, () => true),
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

const nullableString = V.withDefault(V.nullable(V.string()), () => null)

const invalidSecrets = "must specify one of the following schemas: user and password; crt and key " +
  "(with optional password); pfx (with optional password); or clientSecret (for OAuth2)"

// `SecretConfigurationSchemaValidation` in common/auth/schemas/v1.ts: exactly one credential shape, or none
const credentialShapeProblems = (secrets: JsonObject): ReadonlyArray<string> => {
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
    secretHeaders: V.withDefault(V.nullable(headers), () => null)
  }),
  credentialShapeProblems
)

const configError = (message: string) => `error validation webhook action config: ${message}`

const additionalFieldsProblem = (additionalFields: unknown): boolean => {
  if (typeof additionalFields !== "string" || additionalFields === "") return false
  const parsed = Outbound.parseJson(additionalFields)
  return typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0
}

const urlProblem = (url: string): string | undefined => {
  try {
    new URL(url)
    return undefined
  } catch (error) {
    // Kibana prints the runtime's error (`TypeError: Invalid URL` on the Node versions it ships with)
    return configError(`unable to parse url: ${String(error)}`)
  }
}

// `validateConnectorTypeConfig` in webhook/validations.ts, in its order; allowedHosts is `*` here
const customConfigProblem = (value: JsonObject): string | undefined => {
  const problem = urlProblem(value.url as string)
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
    return urlProblem(value.accessTokenUrl as string)
  }
  return undefined
}

const params = V.strictObject({ body: V.optional(V.string()) })

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
  const raw = typeof parsed === "object" && parsed !== null ? (parsed as JsonObject).message : undefined
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

const makeExecute = (timeout: Duration.Duration) => (input: ExecutorInput): Effect.Effect<ExecutorResult> =>
  Effect.gen(function*() {
    const { config, connectorId, params, secrets, services } = input
    const authType = config.authType as string | null | undefined
    if (config.hasAuth === true && authType != null && authType !== authTypes.basic) {
      return requestFailed(`the Kibana emulator does not support webhook authType "${authType}"`)
    }
    const secretHeaders = (secrets.secretHeaders ?? {}) as Record<string, string>
    const headers: Record<string, string> = {
      ...(config.hasAuth === true && typeof secrets.user === "string" && typeof secrets.password === "string"
        ? { Authorization: basicAuthorization(secrets.user, secrets.password) }
        : {}),
      ...(config.headers as Record<string, string> | null),
      ...secretHeaders
    }
    const method = config.method as typeof methods[number]
    // GET and DELETE never carry a body; an empty body is not sent either (axios_utils `...(data ? {data} : {})`)
    const body = method !== "get" && method !== "delete" && params.body ? params.body as string : undefined
    const url = config.url as string
    const outcome = yield* Outbound.send(
      services.httpClient,
      { method: method.toUpperCase() as Outbound.OutboundRequest["method"], url, headers, body },
      timeout
    )
    const now = yield* Clock.currentTimeMillis
    yield* services.recordWebhookCall({
      connectorId,
      method: method.toUpperCase(),
      url,
      headers: redactHeaders(headers, Object.keys(secretHeaders)),
      body,
      status: outcome._tag === "Response" ? outcome.status : undefined,
      timestamp: new Date(now)
    })
    return webhookResult(outcome, params.body as string | undefined, now)
  })

/**
 * Builds the `.webhook` connector type, with a custom timeout if wanted.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWebhookConnectorType = (options: Outbound.OutboundOptions = {}): ConnectorTypeSpec => ({
  id: ".webhook",
  name: "Webhook",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  validateConfig: V.validate(config, customConfigProblem),
  validateSecrets: V.validate(webhookSecrets),
  validateParams: V.validate(params),
  execute: makeExecute(Outbound.timeoutOf(options))
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const webhookConnectorType: ConnectorTypeSpec = makeWebhookConnectorType()
