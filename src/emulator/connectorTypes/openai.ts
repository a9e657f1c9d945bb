/**
 * The `.gen-ai` connector (OpenAI, Azure OpenAI and OpenAI-compatible services): its `run`, `test` and
 * `invokeAI` sub-actions post chat completions to `config.apiUrl`; the streaming sub-actions and
 * `getDashboard` are not emulated.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/openai/schemas/v1.ts and
 * `.../openai/constants.ts`; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/openai/openai.ts and
 * `.../openai/lib/utils.ts` (`sanitizeRequest`, `getRequestWithStreamOption`, auth headers).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { generativeAiFeatureIds } from "../ConnectorTypeSpec.js"
import { notEmulatedSubActionOf } from "./notEmulated.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

/**
 * The model `OpenAI` connectors use when none is configured (`DEFAULT_MODEL` in openai/constants.ts).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultOpenAiModel = "gpt-4.1"

const headers = V.optional(V.record(V.string()))
const number = V.optional(V.coercedNumber())

const config = V.union(
  V.strictObject({
    apiProvider: V.literals(["Azure OpenAI"]),
    apiUrl: V.string(),
    defaultModel: V.optional(V.string()),
    headers,
    contextWindowLength: number,
    temperature: number
  }),
  V.strictObject({
    apiProvider: V.literals(["OpenAI"]),
    apiUrl: V.string(),
    organizationId: V.optional(V.string()),
    projectId: V.optional(V.string()),
    defaultModel: V.withDefault(V.string(), defaultOpenAiModel),
    headers,
    contextWindowLength: number,
    temperature: number
  }),
  V.strictObject({
    apiProvider: V.literals(["Other"]),
    apiUrl: V.string(),
    defaultModel: V.string(),
    verificationMode: V.optional(V.literals(["full", "certificate", "none"])),
    headers,
    contextWindowLength: number,
    temperature: number,
    enableNativeFunctionCalling: V.optional(V.boolean)
  })
)

const nonEmpty = V.optional(V.string({ min: 1 }))

const secrets = V.union(
  V.strictObject({ apiKey: V.string() }),
  V.strictObject({ apiKey: nonEmpty, certificateData: nonEmpty, privateKeyData: nonEmpty, caData: nonEmpty })
)

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const telemetryMetadata = V.optional(V.strictObject({
  pluginId: V.optional(V.string()),
  aggregateBy: V.optional(V.string()),
  useCase: V.optional(V.string())
}))

const runParams = V.strictObject({
  body: V.string(),
  signal: V.optional(V.unknown),
  timeout: number,
  telemetryMetadata
})

const message = V.strictObject({
  role: V.string(),
  content: V.string(),
  name: V.optional(V.string()),
  function_call: V.optional(V.strictObject({ arguments: V.string(), name: V.string() })),
  tool_calls: V.optional(V.array(V.strictObject({
    id: V.string(),
    function: V.strictObject({ arguments: V.string(), name: V.string() }),
    type: V.string()
  }))),
  tool_call_id: V.optional(V.string())
})

const invokeAiParams = V.strictObject({
  messages: V.array(message),
  model: V.optional(V.string()),
  tools: V.optional(V.array(V.record(V.unknown))),
  tool_choice: V.optional(V.unknown),
  functions: V.optional(V.array(V.record(V.unknown))),
  function_call: V.optional(V.unknown),
  n: number,
  stop: V.optional(V.nullable(V.union(V.string(), V.array(V.string())))),
  temperature: number,
  response_format: V.optional(V.unknown),
  signal: V.optional(V.unknown),
  timeout: number,
  telemetryMetadata
})

// utils.ts: OpenAI sends a bearer token (and its organization and project), Azure an `api-key`
const authHeaders = (config: Config, secrets: Secrets): Record<string, string> => {
  const apiKey = secrets.apiKey ?? ""
  if (config.apiProvider === "Azure OpenAI") return { "api-key": apiKey }
  return {
    Authorization: `Bearer ${apiKey}`,
    ...(config.apiProvider === "OpenAI" && config.organizationId
      ? { "OpenAI-Organization": config.organizationId }
      : {}),
    ...(config.apiProvider === "OpenAI" && config.projectId ? { "OpenAI-Project": config.projectId } : {})
  }
}

// `sanitizeRequest`: never stream on run; OpenAI-style providers get the default model when none is given
const completionBody = (config: Config, body: V.JsonObject): V.JsonObject => ({
  ...body,
  stream: false,
  ...(config.apiProvider !== "Azure OpenAI" && body.model === undefined && config.defaultModel !== undefined
    ? { model: config.defaultModel }
    : {})
})

// `getResponseErrorMessage`
const errorMessage = (response: VendorResponse | undefined, transportMessage: string) => {
  if (response === undefined) return `Unexpected API Error: ${transportMessage}`
  const data = response.data
  const error = V.isJsonObject(data) && V.isJsonObject(data.error) ? data.error.message : undefined
  if (response.status === 401) return `Unauthorized API Error${typeof error === "string" ? ` - ${error}` : ""}`
  return `API Error: ${response.statusText}${typeof error === "string" ? ` - ${error}` : ""}`
}

const complete = (input: {
  readonly config: Config
  readonly secrets: Secrets
  readonly services: Parameters<typeof vendorRequest>[0]
  readonly body: V.JsonObject
}) =>
  vendorRequest(input.services, {
    method: "POST",
    url: input.config.apiUrl,
    headers: { ...input.config.headers, ...authHeaders(input.config, input.secrets) },
    body: completionBody(input.config, input.body)
  }, errorMessage)

const run = subAction<Config, Secrets, V.TypeOf<typeof runParams>>(
  runParams,
  ({ config, params, secrets, services }) =>
    Effect.gen(function*() {
      // Kibana parses the body with JSON.parse: its SyntaxError is what the execution reports
      const parsed = Either.try({
        try: (): unknown => JSON.parse(params.body),
        catch: (error) =>
          new SubActionError({
            message: error instanceof Error ? error.message : String(error),
            errorSource: "framework"
          })
      })
      if (Either.isLeft(parsed)) return yield* parsed.left
      const body = V.isJsonObject(parsed.right) ? parsed.right : {}
      return (yield* complete({ config, secrets, services, body })).data
    })
)

const invokeAi = subAction<Config, Secrets, V.TypeOf<typeof invokeAiParams>>(
  invokeAiParams,
  ({ config, params, secrets, services }) =>
    Effect.gen(function*() {
      const { signal: _signal, telemetryMetadata: _telemetry, timeout: _timeout, ...body } = params
      const response = yield* complete({ config, secrets, services, body })
      const data = V.isJsonObject(response.data) ? response.data : {}
      const choices = Array.isArray(data.choices) ? data.choices : []
      const first: unknown = choices[0]
      const reply = V.isJsonObject(first) && V.isJsonObject(first.message) ? first.message.content : undefined
      return { message: typeof reply === "string" ? reply : "", usage: data.usage }
    })
)

const notEmulated = notEmulatedSubActionOf<Config, Secrets>(".gen-ai")

/**
 * @since 0.1.0
 * @category connector types
 */
export const openAiConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".gen-ai",
  name: "OpenAI",
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
    stream: notEmulated,
    invokeStream: notEmulated,
    invokeAsyncIterator: notEmulated,
    getDashboard: notEmulated
  }
})
