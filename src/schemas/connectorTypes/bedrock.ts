/**
 * `.bedrock`: Amazon Bedrock
 * (`src/platform/packages/shared/kbn-connector-schemas/bedrock/schemas/v1.ts`).
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
  raw: Schema.optional(Schema.Boolean),
  timeout: Schema.optional(Schema.Number)
})

/**
 * `.bedrock` params, by `subAction` (streaming ones are left to the untyped `execute`).
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockParams = Schema.Union(
  subAction("run", runParams),
  subAction("test", runParams),
  subAction(
    "invokeAI",
    Schema.Struct({
      messages: Schema.Array(BedrockMessage),
      model: Schema.optional(Schema.String),
      temperature: Schema.optional(Schema.Number),
      stopSequences: Schema.optional(Schema.Array(Schema.String)),
      system: Schema.optional(Schema.String),
      maxTokens: Schema.optional(Schema.Number),
      tools: Schema.optional(Schema.Array(JsonObject)),
      toolChoice: Schema.optional(JsonObject),
      timeout: Schema.optional(Schema.Number)
    })
  ),
  subAction("getDashboard", Schema.Struct({ dashboardId: Schema.String }))
)

/**
 * What `run` and `test` return: the completion text.
 *
 * @since 0.1.0
 * @category models
 */
export const BedrockRunResult = Schema.Struct({
  completion: Schema.String,
  stop_reason: Schema.optional(Schema.String),
  usage: Schema.optional(Schema.Struct({ input_tokens: Schema.Number, output_tokens: Schema.Number }))
})

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
    invokeAI: Schema.Struct({ message: Schema.String }),
    getDashboard: DashboardResult
  },
  defaults: () => ({ defaultModel: versionDefault })
} as const satisfies ConnectorTypeDefinition
