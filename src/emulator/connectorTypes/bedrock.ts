/**
 * The `.bedrock` connector (Amazon Bedrock): `run`, `test`, `invokeAI` and `invokeAIRaw` post to
 * `<apiUrl>/model/<model>/invoke`, signed with AWS Signature Version 4 (service `bedrock`). The streaming
 * sub-actions, the AWS SDK ones (`bedrockClientSend`, `converse`, `converseStream`) and `getDashboard` are
 * not emulated.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/bedrock/schemas/v1.ts and
 * `.../bedrock/constants.ts`; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/bedrock/bedrock.ts
 * and `.../bedrock/utils.ts` (`formatBedrockBody`, `ensureMessageFormat`, `parseContent`).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { ConnectorTypeSpec, ExecutorServices } from "../ConnectorTypeSpec.js"
import { generativeAiFeatureIds } from "../ConnectorTypeSpec.js"
import { regionOfHost, signV4 } from "./awsSigV4.js"
import { notEmulatedSubActionOf } from "./notEmulated.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const optionalNumber = V.optional(V.coercedNumber())

const config = V.strictObject({
  apiUrl: V.string(),
  region: V.optional(V.string()),
  defaultModel: V.withDefault(V.string(), "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
  contextWindowLength: optionalNumber,
  temperature: optionalNumber
})
const secrets = V.strictObject({ accessKey: V.string(), secret: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

// DEFAULT_TOKEN_LIMIT in bedrock/constants.ts
const defaultTokenLimit = 8191

const telemetryMetadata = V.optional(V.strictObject({
  pluginId: V.optional(V.string()),
  aggregateBy: V.optional(V.string())
}))

const runParams = V.strictObject({
  body: V.string(),
  model: V.optional(V.string()),
  signal: V.optional(V.unknown),
  timeout: optionalNumber,
  raw: V.optional(V.boolean),
  telemetryMetadata
})

const message = V.refine(
  V.strictObject({ role: V.string(), content: V.optional(V.string()), rawContent: V.optional(V.array(V.unknown)) }),
  (value) =>
    value.content === undefined && value.rawContent === undefined
      ? ["Must specify either content or rawContent"]
      : value.content !== undefined && value.rawContent !== undefined
      ? ["content and rawContent can not be used at the same time"]
      : []
)

const tool = V.strictObject({ name: V.string(), description: V.string(), input_schema: V.record(V.unknown) })

const toolChoice = V.strictObject({ type: V.literals(["auto", "any", "tool"]), name: V.optional(V.string()) })

const invokeFields = {
  model: V.optional(V.string()),
  temperature: optionalNumber,
  stopSequences: V.optional(V.array(V.string())),
  system: V.optional(V.string()),
  maxTokens: optionalNumber,
  signal: V.optional(V.unknown),
  timeout: optionalNumber,
  anthropicVersion: V.optional(V.string()),
  tools: V.optional(V.array(tool)),
  toolChoice: V.optional(toolChoice),
  telemetryMetadata
}

const invokeAiParams = V.strictObject({ messages: V.array(message), ...invokeFields })

const invokeAiRawParams = V.strictObject({
  messages: V.array(V.strictObject({ role: V.string(), content: V.unknown })),
  ...invokeFields
})

type Message = V.TypeOf<typeof message>

// `getResponseErrorMessage`
const errorMessage = (
  response: VendorResponse | undefined,
  _transportMessage: string,
  transport?: { readonly code: string | undefined; readonly message: string }
) => {
  if (response === undefined) return `Unexpected API Error: ${transport?.code ?? ""} - ${transport?.message ?? ""}`
  const data = response.data
  const vendorMessage = V.isJsonObject(data) && typeof data.message === "string" ? data.message : undefined
  if (response.status === 400 && vendorMessage === "The requested operation is not recognized by the service.") {
    return `API Error: ${vendorMessage}\n\nThe Kibana Connector in use may need to be reconfigured with an updated ` +
      "Amazon Bedrock endpoint, like `bedrock-runtime`."
  }
  if (response.status === 401) return `Unauthorized API Error${vendorMessage ? `: ${vendorMessage}` : ""}`
  return `API Error: ${response.statusText}${vendorMessage ? ` - ${vendorMessage}` : ""}`
}

const thrownError = (error: unknown) =>
  new SubActionError({ message: error instanceof Error ? error.message : String(error), errorSource: "framework" })

// `ensureMessageFormat`: system messages join the system prompt, two messages of one role in a row merge
const ensureMessageFormat = (messages: ReadonlyArray<Message>, systemPrompt: string | undefined) => {
  let system = systemPrompt ?? ""
  const formatted: Array<{ role: string; content: unknown }> = []
  for (const m of messages) {
    if (m.role === "system") {
      system = `${system.length > 0 ? `${system}\n` : ""}${m.content}`
      continue
    }
    const role = m.role === "assistant" || m.role === "ai" ? "assistant" : "user"
    if (m.rawContent !== undefined) {
      formatted.push({ role, content: m.rawContent })
      continue
    }
    const last = formatted[formatted.length - 1]
    if (last !== undefined && last.role === m.role && typeof last.content === "string") {
      formatted[formatted.length - 1] = { content: `${last.content}\n${m.content}`, role: m.role }
    } else {
      formatted.push({ content: m.content, role })
    }
  }
  return system.length > 0 ? { system, messages: formatted } : { messages: formatted }
}

// `parseContent`
const parseContent = (content: ReadonlyArray<unknown>): string => {
  const texts = content.map((block) => V.isJsonObject(block) && typeof block.text === "string" ? block.text : undefined)
  const [first] = content
  if (content.length === 1 && V.isJsonObject(first) && first.type === "text" && texts[0]) return texts[0]
  if (content.length > 1) return texts.reduce<string>((acc, text) => text ? `${acc}\n${text}` : acc, "")
  return ""
}

const invoke = (
  input: { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices },
  body: string,
  model: string | undefined
) =>
  Effect.gen(function*() {
    // application inference profile ids are encoded once, never twice
    const decoded = yield* Either.try({
      try: () => decodeURIComponent(model ?? input.config.defaultModel),
      catch: thrownError
    })
    const path = `/model/${encodeURIComponent(decoded)}/invoke`
    const url = Either.try(() => new URL(input.config.apiUrl))
    if (Either.isLeft(url)) return yield* new SubActionError({ message: "Invalid URL", errorSource: "framework" })
    const signed = signV4({
      method: "POST",
      host: url.right.host,
      // Kibana signs the model path alone, whatever path `apiUrl` has
      path,
      query: "",
      headers: { "Content-Type": "application/json", Accept: "*/*" },
      body,
      service: "bedrock",
      region: regionOfHost(url.right.host),
      accessKeyId: input.secrets.accessKey,
      secretAccessKey: input.secrets.secret,
      now: new Date(yield* Clock.currentTimeMillis)
    })
    // the HTTP client sets Host and Content-Length itself, to the values signed
    const { Host: _host, "Content-Length": _length, ...headers } = signed
    return yield* vendorRequest(input.services, {
      method: "POST",
      url: `${input.config.apiUrl}${path}`,
      headers,
      body
    }, errorMessage)
  })

const responseValidationFailed = (reason: string) =>
  new SubActionError({ message: `Response validation failed (Error: ${reason})`, errorSource: "framework" })

// `runApi`: raw and Claude 2 (`prompt`) bodies answer the service's data, others `{ completion, stop_reason, usage }`
const runApi = (
  input: { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices },
  params: { readonly body: string; readonly model?: string | undefined; readonly raw?: boolean | undefined }
) =>
  Effect.gen(function*() {
    if (params.raw === true) return (yield* invoke(input, params.body, params.model)).data
    // `usesDeprecatedArguments` parses the body before anything is sent
    const parsed = yield* Either.try({ try: (): unknown => JSON.parse(params.body), catch: thrownError })
    const response = yield* invoke(input, params.body, params.model)
    const data = V.isJsonObject(response.data) ? response.data : {}
    if (V.isJsonObject(parsed) && parsed.prompt !== undefined && parsed.prompt !== null) {
      if (typeof data.completion !== "string") return yield* responseValidationFailed("completion: Required")
      return data
    }
    if (!Array.isArray(data.content)) return yield* responseValidationFailed("content: Required")
    return { completion: parseContent(data.content), stop_reason: data.stop_reason, usage: data.usage }
  })

const run = subAction<Config, Secrets, V.TypeOf<typeof runParams>>(runParams, (input) => runApi(input, input.params))

const invokeAi = subAction<Config, Secrets, V.TypeOf<typeof invokeAiParams>>(
  invokeAiParams,
  (input) =>
    Effect.gen(function*() {
      const { params } = input
      // `formatBedrockBody`
      const body = JSON.stringify({
        anthropic_version: "bedrock-2023-05-31",
        ...ensureMessageFormat(params.messages, params.system),
        max_tokens: params.maxTokens ?? defaultTokenLimit,
        stop_sequences: params.stopSequences,
        temperature: params.temperature ?? 0,
        tools: params.tools,
        tool_choice: params.toolChoice
      })
      const result = yield* runApi(input, { body, model: params.model })
      const completion = V.isJsonObject(result) && typeof result.completion === "string" ? result.completion : ""
      return { message: completion.trim(), usage: V.isJsonObject(result) ? result.usage : undefined }
    })
)

const invokeAiRaw = subAction<Config, Secrets, V.TypeOf<typeof invokeAiRawParams>>(invokeAiRawParams, (input) => {
  const { params } = input
  const body = JSON.stringify({
    messages: params.messages,
    stop_sequences: params.stopSequences,
    system: params.system,
    temperature: params.temperature,
    max_tokens: params.maxTokens ?? defaultTokenLimit,
    tools: params.tools,
    tool_choice: params.toolChoice,
    anthropic_version: params.anthropicVersion
  })
  return runApi(input, { body, model: params.model, raw: true })
})

const notEmulated = notEmulatedSubActionOf<Config, Secrets>(".bedrock")

/**
 * @since 0.1.0
 * @category connector types
 */
export const bedrockConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".bedrock",
  name: "Amazon Bedrock",
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
    getDashboard: notEmulated,
    bedrockClientSend: notEmulated,
    converse: notEmulated,
    converseStream: notEmulated
  }
})
