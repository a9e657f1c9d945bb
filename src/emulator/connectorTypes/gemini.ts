/**
 * The `.gemini` connector (Google Gemini on Vertex AI): `run`, `test`, `invokeAI` and `invokeAIRaw` get an
 * OAuth access token for the service account in `credentialsJson` (a signed JWT exchanged at Google's token
 * endpoint, as `google-auth-library` does), then post to
 * `<apiUrl>/v1/projects/<project>/locations/<region>/publishers/google/models/<model>:generateContent`.
 * `invokeStream` and `getDashboard` are not emulated.
 *
 * Two differences from Kibana: the token is requested from the credentials' `token_uri` (a real key file
 * names Google's endpoint, which is where Kibana always goes; a test points it at a simulator), and it is
 * requested for every execution (Kibana keeps it for 3500 seconds as a connector token).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/gemini/schemas/v1.ts; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/gemini/gemini.ts,
 * `.../gemini/validators.ts` and
 * elastic/kibana:x-pack/platform/plugins/shared/actions/server/lib/get_gcp_oauth_access_token.ts.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { sign } from "node:crypto"
import type { ConnectorTypeSpec, ExecutorServices } from "../ConnectorTypeSpec.js"
import { generativeAiFeatureIds } from "../ConnectorTypeSpec.js"
import { notEmulatedSubActionOf } from "./notEmulated.js"
import * as Outbound from "./outbound.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const optionalNumber = V.optional(V.coercedNumber())

const config = V.strictObject({
  apiUrl: V.string(),
  defaultModel: V.withDefault(V.string(), "gemini-2.5-pro"),
  gcpRegion: V.string(),
  gcpProjectID: V.string(),
  contextWindowLength: optionalNumber,
  temperature: optionalNumber
})
const secrets = V.strictObject({ credentialsJson: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const telemetryMetadata = V.optional(V.strictObject({
  pluginId: V.optional(V.string()),
  aggregateBy: V.optional(V.string())
}))

const runParams = V.strictObject({
  body: V.unknown,
  model: V.optional(V.string()),
  signal: V.optional(V.unknown),
  timeout: optionalNumber,
  temperature: optionalNumber,
  stopSequences: V.optional(V.array(V.string())),
  raw: V.optional(V.boolean),
  telemetryMetadata
})

const invokeAiParams = V.strictObject({
  maxOutputTokens: optionalNumber,
  messages: V.unknown,
  systemInstruction: V.optional(V.string()),
  model: V.optional(V.string()),
  temperature: optionalNumber,
  stopSequences: V.optional(V.array(V.string())),
  signal: V.optional(V.unknown),
  timeout: optionalNumber,
  tools: V.optional(V.array(V.unknown)),
  toolConfig: V.optional(V.strictObject({
    mode: V.literals(["AUTO", "ANY", "NONE"]),
    allowedFunctionNames: V.optional(V.array(V.string()))
  })),
  telemetryMetadata
})

type InvokeAiParams = V.TypeOf<typeof invokeAiParams>

type Input = { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices }

const failure = (message: string) => new SubActionError({ message, errorSource: "framework" })

const googleTokenUri = "https://oauth2.googleapis.com/token"
const cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

const tokenFailure = (reason: string) =>
  failure(
    "Unable to retrieve access token. Ensure the service account has the right permissions and the Vertex AI " +
      `endpoint is enabled in the GCP project. Error: ${reason}`
  )

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url")

// `validateGeminiSecrets`, then the parse `getAccessToken` does itself
const serviceAccount = (secrets: Secrets) =>
  Effect.gen(function*() {
    if (secrets.credentialsJson === "") return yield* failure("Google Service Account credentials JSON is required.")
    const parsed = Either.try((): unknown => JSON.parse(secrets.credentialsJson))
    if (Either.isLeft(parsed)) return yield* failure("Invalid JSON format for credentials.")
    const credentials = V.isJsonObject(parsed.right) ? parsed.right : {}
    if (credentials.type !== "service_account") {
      return yield* failure(
        `Invalid credential type. Only "service_account" credentials are supported. Type was "${
          String(credentials.type)
        }".`
      )
    }
    return credentials
  })

// google-auth-library's JWT client (via gtoken): an RS256 assertion exchanged for a bearer token
const accessToken = (input: Input) =>
  Effect.gen(function*() {
    const credentials = yield* serviceAccount(input.secrets)
    if (typeof credentials.client_email !== "string") {
      return yield* tokenFailure("The incoming JSON object does not contain a client_email field")
    }
    if (typeof credentials.private_key !== "string") {
      return yield* tokenFailure("The incoming JSON object does not contain a private_key field")
    }
    const tokenUri = typeof credentials.token_uri === "string" ? credentials.token_uri : googleTokenUri
    const iat = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const unsigned = `${
      base64url({
        alg: "RS256",
        typ: "JWT",
        ...(typeof credentials.private_key_id === "string" ? { kid: credentials.private_key_id } : {})
      })
    }.${base64url({ iss: credentials.client_email, scope: cloudPlatformScope, aud: tokenUri, exp: iat + 3600, iat })}`
    const privateKey = credentials.private_key
    const signature = Either.try({
      try: () => sign("RSA-SHA256", Buffer.from(unsigned, "utf8"), privateKey).toString("base64url"),
      catch: (error) => tokenFailure(error instanceof Error ? error.message : String(error))
    })
    if (Either.isLeft(signature)) return yield* signature.left
    const outcome = yield* Outbound.send(input.services.httpClient, {
      method: "POST",
      url: tokenUri,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: `${unsigned}.${signature.right}`
      }).toString()
    }, input.services.outboundTimeout)
    if (outcome._tag === "Failure") return yield* tokenFailure(outcome.message)
    const data = Outbound.parseJson(outcome.body)
    if (outcome.status < 200 || outcome.status >= 300) {
      // gtoken: `<error>: <error_description>` from Google's answer, else gaxios' status message
      const error = V.isJsonObject(data) && typeof data.error === "string" ? data.error : undefined
      const description = V.isJsonObject(data) && typeof data.error_description === "string"
        ? `: ${data.error_description}`
        : ""
      return yield* tokenFailure(
        error === undefined ? `Request failed with status code ${outcome.status}` : `${error}${description}`
      )
    }
    const token = V.isJsonObject(data) ? data.access_token : undefined
    if (typeof token !== "string" || token === "") {
      return yield* failure(
        "Error occurred while retrieving the access token. Ensure that the credentials are vaild."
      )
    }
    return token
  })

// `getResponseErrorMessage`
const errorMessage = (
  response: VendorResponse | undefined,
  _transportMessage: string,
  transport?: { readonly code: string | undefined; readonly message: string }
) => {
  if (response === undefined) return `Unexpected API Error: ${transport?.code ?? ""} - ${transport?.message ?? ""}`
  const data = V.isJsonObject(response.data) ? response.data : {}
  if (V.isJsonObject(data.error)) {
    const { message, status } = data.error
    return `API Error: ${typeof status === "string" && status ? `${status}: ` : ""}${
      typeof message === "string" ? message : ""
    }`
  }
  const vendorMessage = typeof data.message === "string" ? data.message : undefined
  if (response.status === 400 && vendorMessage === "The requested operation is not recognized by the service.") {
    return `API Error: ${vendorMessage}`
  }
  if (response.status === 401) return `Unauthorized API Error${vendorMessage ? `: ${vendorMessage}` : ""}`
  return `API Error: ${response.statusText}${vendorMessage ? ` - ${vendorMessage}` : ""}`
}

const first = (value: unknown): unknown => Array.isArray(value) ? value[0] : undefined

const field = (value: unknown, key: string): unknown => V.isJsonObject(value) ? value[key] : undefined

// `runApi`: raw answers the service's data, else the first candidate's first text part
const runApi = (
  input: Input,
  params: { readonly body: unknown; readonly model?: string | undefined; readonly raw?: boolean | undefined }
) =>
  Effect.gen(function*() {
    const model = params.model ?? input.config.defaultModel
    const path = `/v1/projects/${input.config.gcpProjectID}/locations/${input.config.gcpRegion}` +
      `/publishers/google/models/${model}:generateContent`
    const token = yield* accessToken(input)
    const response = yield* vendorRequest(input.services, {
      method: "POST",
      url: `${input.config.apiUrl}${path}`,
      headers: { Authorization: `Bearer ${token}` },
      body: params.body
    }, errorMessage)
    if (params.raw === true) return response.data
    const usageMetadata = field(response.data, "usageMetadata")
    if (!V.isJsonObject(usageMetadata)) {
      return yield* failure("Response validation failed (Error: usageMetadata: Required)")
    }
    const text = field(first(field(field(first(field(response.data, "candidates")), "content"), "parts")), "text")
    return { completion: text, usageMetadata }
  })

const run = subAction<Config, Secrets, V.TypeOf<typeof runParams>>(runParams, (input) => runApi(input, input.params))

interface Content {
  readonly role: string
  readonly parts: Array<{ text: string }>
}

// `formatGeminiPayload`
const geminiPayload = (params: InvokeAiParams) => {
  const contents: Array<unknown> = []
  let previousRole: string | null = null
  let lastUser: Content | undefined
  for (const row of Array.isArray(params.messages) ? params.messages : []) {
    const role = field(row, "role") === "assistant" ? "model" : "user"
    if (field(row, "parts") !== undefined) {
      contents.push(row)
      lastUser = undefined
    } else if (role === "user" && previousRole === "user" && lastUser?.parts[0] !== undefined) {
      // consecutive user messages join, so that turns alternate
      lastUser.parts[0].text += ` ${String(field(row, "content"))}`
    } else {
      const content: Content = { role, parts: [{ text: String(field(row, "content")) }] }
      contents.push(content)
      lastUser = role === "user" ? content : undefined
    }
    previousRole = role
  }
  return {
    contents,
    generation_config: { temperature: params.temperature ?? 0, maxOutputTokens: params.maxOutputTokens },
    ...(params.systemInstruction ? { system_instruction: { parts: [{ text: params.systemInstruction }] } } : {}),
    ...(params.toolConfig
      ? {
        tool_config: {
          function_calling_config: {
            mode: params.toolConfig.mode,
            allowed_function_names: params.toolConfig.allowedFunctionNames
          }
        }
      }
      : {}),
    safety_settings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", threshold: "BLOCK_ONLY_HIGH" }]
  }
}

const invokeAi = subAction<Config, Secrets, InvokeAiParams>(invokeAiParams, (input) =>
  Effect.map(
    runApi(input, { body: JSON.stringify(geminiPayload(input.params)), model: input.params.model }),
    (result) => ({
      message: V.isJsonObject(result) ? result.completion : undefined,
      usageMetadata: V.isJsonObject(result) ? result.usageMetadata : undefined
    })
  ))

const invokeAiRaw = subAction<Config, Secrets, InvokeAiParams>(invokeAiParams, (input) =>
  runApi(input, {
    body: JSON.stringify({ ...geminiPayload(input.params), tools: input.params.tools }),
    model: input.params.model,
    raw: true
  }))

const notEmulated = notEmulatedSubActionOf<Config, Secrets>(".gemini")

/**
 * @since 0.1.0
 * @category connector types
 */
export const geminiConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".gemini",
  name: "Google Gemini",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: generativeAiFeatureIds,
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: {
    run,
    test: run,
    invokeAI: invokeAi,
    invokeAIRaw: invokeAiRaw,
    invokeStream: notEmulated,
    getDashboard: notEmulated
  }
})
