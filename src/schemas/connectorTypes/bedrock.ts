/**
 * `.bedrock`: Amazon Bedrock
 * (`src/platform/packages/shared/kbn-connector-schemas/bedrock/schemas/v1.ts`; results from
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/bedrock/bedrock.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  inputsWithSecrets,
  JsonObject,
  Secret,
  subAction,
  versionDefault
} from "./common.js"
import { DashboardResult } from "./openai.js"

/**
 * `.bedrock` config.
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockConfig = Schema.Struct({
  /** `https://bedrock-runtime.<region>.amazonaws.com`. */
  apiUrl: Schema.String,
  /** Kibana's default: its current default Claude model on Bedrock. */
  defaultModel: Schema.optional(Schema.String),
  contextWindowLength: Schema.optional(Schema.Number),
  temperature: Schema.optional(Schema.Number)
})

/**
 * `.bedrock` secrets: an AWS access key and its secret.
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockSecrets = Schema.Struct({ accessKey: Secret, secret: Secret })

/**
 * A message of `invokeAI` (`content`, or Bedrock's own `rawContent` blocks).
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockMessage = Schema.Struct({
  role: Schema.String,
  content: Schema.optional(Schema.String),
  rawContent: Schema.optional(Schema.Array(Schema.Unknown))
})

const runParams = Schema.Struct({
  /** The request body for Bedrock's `invoke` API, as a JSON string. */
  body: Schema.String,
  model: Schema.optional(Schema.String),
  /** `true` answers Bedrock's own response instead of `{ completion, stop_reason, usage }`. */
  raw: Schema.optional(Schema.Boolean),
  timeout: Schema.optional(Schema.Number)
})

/**
 * A tool the model may call (Anthropic's tool definition).
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockTool = Schema.Struct({ name: Schema.String, description: Schema.String, input_schema: JsonObject })

const invokeFields = {
  model: Schema.optional(Schema.String),
  /** Kibana's default: `0` for `invokeAI`. */
  temperature: Schema.optional(Schema.Number),
  stopSequences: Schema.optional(Schema.Array(Schema.String)),
  system: Schema.optional(Schema.String),
  /** Kibana's default: `8191`. */
  maxTokens: Schema.optional(Schema.Number),
  anthropicVersion: Schema.optional(Schema.String),
  tools: Schema.optional(Schema.Array(BedrockTool)),
  toolChoice: Schema.optional(
    Schema.Struct({ type: Schema.Literal("auto", "any", "tool"), name: Schema.optional(Schema.String) })
  ),
  timeout: Schema.optional(Schema.Number)
}

/**
 * `.bedrock` params, by `subAction` (streaming ones are left to the untyped `execute`).
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockParams = Schema.Union(
  subAction("run", runParams),
  subAction("test", runParams),
  subAction("invokeAI", Schema.Struct({ messages: Schema.Array(BedrockMessage), ...invokeFields })),
  subAction(
    "invokeAIRaw",
    Schema.Struct({
      messages: Schema.Array(Schema.Struct({ role: Schema.String, content: Schema.Unknown })),
      ...invokeFields
    })
  ),
  subAction("getDashboard", Schema.Struct({ dashboardId: Schema.String }))
)

/**
 * Token counts of a Bedrock answer (Kibana passes through any other counters).
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockUsage = Schema.Struct(
  {
    input_tokens: Schema.Number,
    output_tokens: Schema.Number,
    cache_creation_input_tokens: Schema.optional(Schema.Number)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * What `run` and `test` return: the completion text, or with `raw: true` Bedrock's own answer.
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockRunResult = Schema.Union(
  Schema.Struct({
    completion: Schema.String,
    stop_reason: Schema.optional(Schema.String),
    usage: Schema.optional(BedrockUsage)
  }),
  JsonObject
)

/**
 * What `invokeAI` returns: the trimmed completion and its token counts.
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockInvokeAiResult = Schema.Struct({ message: Schema.String, usage: Schema.optional(BedrockUsage) })

/**
 * The `.bedrock` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const BedrockType = {
  id: ".bedrock",
  source: "src/platform/packages/shared/kbn-connector-schemas/bedrock/schemas/v1.ts",
  ...inputsWithSecrets(".bedrock", { config: BedrockConfig }, BedrockSecrets),
  params: BedrockParams,
  results: {
    run: BedrockRunResult,
    test: BedrockRunResult,
    invokeAI: BedrockInvokeAiResult,
    invokeAIRaw: JsonObject,
    getDashboard: DashboardResult
  },
  defaults: () => ({ defaultModel: versionDefault })
} as const satisfies ConnectorTypeDefinition
