/**
 * `.gen-ai`: OpenAI, Azure OpenAI and OpenAI-compatible services
 * (`src/platform/packages/shared/kbn-connector-schemas/openai/schemas/v1.ts`; connector in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/openai/openai.ts`).
 *
 * Config is a union on `apiProvider`; secrets are an API key, or PKI certificates for `Other`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  inputsWithSecrets,
  JsonObject,
  Secret,
  StringRecord,
  subAction,
  versionDefault
} from "./common.js"

const modelSettings = {
  headers: Schema.optional(StringRecord),
  /** Tokens the model accepts (Kibana's default: none, the model's own). */
  contextWindowLength: Schema.optional(Schema.Number),
  /** Kibana's default: none (the service's own). */
  temperature: Schema.optional(Schema.Number)
}

/**
 * `.gen-ai` config, by `apiProvider`.
 *
 * @since 0.1.0
 * @category models
 */
export const OpenAiConfig = Schema.Union(
  Schema.Struct({
    apiProvider: Schema.Literal("OpenAI"),
    apiUrl: Schema.String,
    organizationId: Schema.optional(Schema.String),
    projectId: Schema.optional(Schema.String),
    /** Kibana's default: its current default OpenAI model (`gpt-4.1` in 9.x). */
    defaultModel: Schema.optional(Schema.String),
    ...modelSettings
  }),
  Schema.Struct({
    apiProvider: Schema.Literal("Azure OpenAI"),
    /** The deployment's chat completions URL (the model is part of it). */
    apiUrl: Schema.String,
    defaultModel: Schema.optional(Schema.String),
    ...modelSettings
  }),
  Schema.Struct({
    apiProvider: Schema.Literal("Other"),
    apiUrl: Schema.String,
    defaultModel: Schema.String,
    /** TLS verification for PKI (Kibana's default: `full`). */
    verificationMode: Schema.optional(Schema.Literal("full", "certificate", "none")),
    enableNativeFunctionCalling: Schema.optional(Schema.Boolean),
    ...modelSettings
  })
)

/**
 * `.gen-ai` secrets: an API key, or (for `Other`) PKI certificate, key and CA, PEM-encoded.
 *
 * @since 0.1.0
 * @category models
 */
export const OpenAiSecrets = Schema.Union(
  Schema.Struct({ apiKey: Secret }),
  Schema.Struct({
    apiKey: Schema.optional(Secret),
    certificateData: Secret,
    privateKeyData: Secret,
    caData: Schema.optional(Secret)
  })
)

const FunctionCall = Schema.Struct({ arguments: Schema.String, name: Schema.String })

/**
 * A chat message of `invokeAI`.
 *
 * @since 0.1.0
 * @category models
 */
export const OpenAiMessage = Schema.Struct({
  role: Schema.String,
  content: Schema.String,
  name: Schema.optional(Schema.String),
  /** Deprecated by OpenAI in favour of `tool_calls`. */
  function_call: Schema.optional(FunctionCall),
  tool_calls: Schema.optional(
    Schema.Array(Schema.Struct({ id: Schema.String, type: Schema.String, function: FunctionCall }))
  ),
  tool_call_id: Schema.optional(Schema.String)
})

/**
 * Which plugin and use case a call counts towards in Kibana's telemetry.
 *
 * @since 0.1.0
 * @category models
 */
export const TelemetryMetadata = Schema.Struct({
  pluginId: Schema.optional(Schema.String),
  aggregateBy: Schema.optional(Schema.String),
  useCase: Schema.optional(Schema.String)
})

const runBody = Schema.Struct({
  /** The request body sent to the chat completions API, as a JSON string. */
  body: Schema.String,
  /** Milliseconds (Kibana's default: the connector framework's timeout). */
  timeout: Schema.optional(Schema.Number),
  telemetryMetadata: Schema.optional(TelemetryMetadata)
})

/**
 * A tool the model may call (`parameters` is its JSON schema).
 *
 * @since 0.1.0
 * @category models
 */
export const OpenAiTool = Schema.Struct({
  type: Schema.Literal("function"),
  function: Schema.Struct({
    name: Schema.String,
    description: Schema.optional(Schema.String),
    parameters: JsonObject,
    strict: Schema.optional(Schema.Boolean)
  })
})

/**
 * `invokeAI` params.
 *
 * @since 0.1.0
 * @category models
 */
export const InvokeAiParams = Schema.Struct({
  messages: Schema.Array(OpenAiMessage),
  /** Kibana's default: the connector's `defaultModel`. */
  model: Schema.optional(Schema.String),
  tools: Schema.optional(Schema.Array(OpenAiTool)),
  tool_choice: Schema.optional(
    Schema.Union(
      Schema.Literal("none", "auto", "required"),
      Schema.Struct({ type: Schema.Literal("function"), function: Schema.Struct({ name: Schema.String }) })
    )
  ),
  /** Deprecated by OpenAI in favour of `tools`. */
  functions: Schema.optional(
    Schema.Array(Schema.Struct({ name: Schema.String, description: Schema.String, parameters: JsonObject }))
  ),
  /** Deprecated by OpenAI in favour of `tool_choice`. */
  function_call: Schema.optional(
    Schema.Union(Schema.Literal("none", "auto"), Schema.Struct({ name: Schema.String }))
  ),
  temperature: Schema.optional(Schema.Number),
  stop: Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Array(Schema.String)))),
  n: Schema.optional(Schema.Number),
  response_format: Schema.optional(Schema.Unknown),
  timeout: Schema.optional(Schema.Number),
  telemetryMetadata: Schema.optional(TelemetryMetadata)
})

/**
 * `.gen-ai` params, by `subAction` (the streaming sub-actions answer with a stream, so they are left to
 * the untyped `execute`).
 *
 * @since 0.1.0
 * @category models
 */
export const OpenAiParams = Schema.Union(
  subAction("run", runBody),
  subAction("test", runBody),
  subAction("invokeAI", InvokeAiParams),
  subAction("getDashboard", Schema.Struct({ dashboardId: Schema.String }))
)

/**
 * Token usage of a completion.
 *
 * @since 0.1.0
 * @category models
 */
export const TokenUsage = Schema.Struct({
  prompt_tokens: Schema.Number,
  completion_tokens: Schema.Number,
  total_tokens: Schema.Number
})

/**
 * What `invokeAI` returns: the answer's text and token usage.
 *
 * @since 0.1.0
 * @category models
 */
export const InvokeAiResult = Schema.Struct({ message: Schema.String, usage: TokenUsage })

/**
 * What `run` and `test` return: the chat completion.
 *
 * @since 0.1.0
 * @category models
 */
export const ChatCompletion = Schema.Struct({
  id: Schema.optional(Schema.String),
  object: Schema.optional(Schema.String),
  /** Unix seconds. */
  created: Schema.optional(Schema.Number),
  model: Schema.optional(Schema.String),
  usage: TokenUsage,
  choices: Schema.Array(
    Schema.Struct({
      /** `content` is null when the model answered with tool calls. */
      message: Schema.Struct({ role: Schema.String, content: Schema.optional(Schema.NullOr(Schema.String)) }),
      finish_reason: Schema.optional(Schema.String),
      index: Schema.optional(Schema.Number)
    })
  )
})

/**
 * What `getDashboard` returns: whether the token usage dashboard exists.
 *
 * @since 0.1.0
 * @category models
 */
export const DashboardResult = Schema.Struct({ available: Schema.Boolean })

/**
 * The `.gen-ai` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const OpenAiType = {
  id: ".gen-ai",
  source: "src/platform/packages/shared/kbn-connector-schemas/openai/schemas/v1.ts",
  ...inputsWithSecrets(".gen-ai", { config: OpenAiConfig }, OpenAiSecrets),
  params: OpenAiParams,
  results: { run: ChatCompletion, test: ChatCompletion, invokeAI: InvokeAiResult, getDashboard: DashboardResult },
  defaults: (config): Readonly<Record<string, unknown>> =>
    config.apiProvider === "OpenAI"
      ? { defaultModel: versionDefault }
      : config.apiProvider === "Other"
      ? { verificationMode: "full" }
      : {}
} as const satisfies ConnectorTypeDefinition
