/**
 * `.gemini`: Google Gemini on Vertex AI
 * (`src/platform/packages/shared/kbn-connector-schemas/gemini/schemas/v1.ts`; results from
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/gemini/gemini.ts`).
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
 * `.gemini` config.
 *
 * @since 0.1.0
 * @category models
 */
export const GeminiConfig = Schema.Struct({
  apiUrl: Schema.String,
  gcpRegion: Schema.String,
  gcpProjectID: Schema.String,
  /** Kibana's default: its current default Gemini model. */
  defaultModel: Schema.optional(Schema.String),
  contextWindowLength: Schema.optional(Schema.Number),
  temperature: Schema.optional(Schema.Number)
})

/**
 * `.gemini` secrets: a service account's JSON key.
 *
 * @since 0.1.0
 * @category models
 */
export const GeminiSecrets = Schema.Struct({ credentialsJson: Secret })

const invokeAiParams = Schema.Struct({
  /** `{ role, content }` messages, or Gemini's own `{ role, parts }` contents sent as they are. */
  messages: Schema.Array(JsonObject),
  model: Schema.optional(Schema.String),
  /** Kibana's default: `0`. */
  temperature: Schema.optional(Schema.Number),
  stopSequences: Schema.optional(Schema.Array(Schema.String)),
  systemInstruction: Schema.optional(Schema.String),
  tools: Schema.optional(Schema.Array(JsonObject)),
  toolConfig: Schema.optional(
    Schema.Struct({
      mode: Schema.Literal("AUTO", "ANY", "NONE"),
      allowedFunctionNames: Schema.optional(Schema.Array(Schema.String))
    })
  ),
  maxOutputTokens: Schema.optional(Schema.Number),
  timeout: Schema.optional(Schema.Number)
})

const runParams = Schema.Struct({
  /** The request body for Vertex AI's `generateContent`, as a JSON string. */
  body: Schema.String,
  model: Schema.optional(Schema.String),
  temperature: Schema.optional(Schema.Number),
  stopSequences: Schema.optional(Schema.Array(Schema.String)),
  raw: Schema.optional(Schema.Boolean),
  timeout: Schema.optional(Schema.Number)
})

/**
 * `.gemini` params, by `subAction` (streaming ones are left to the untyped `execute`).
 *
 * @since 0.1.0
 * @category models
 */
export const GeminiParams = Schema.Union(
  subAction("run", runParams),
  subAction("test", runParams),
  subAction("invokeAI", invokeAiParams),
  subAction("invokeAIRaw", invokeAiParams),
  subAction("getDashboard", Schema.Struct({ dashboardId: Schema.String }))
)

// Kibana's RunApiResponseSchema requires all three counts
const usage = Schema.optional(
  Schema.Struct({
    promptTokenCount: Schema.Number,
    candidatesTokenCount: Schema.Number,
    totalTokenCount: Schema.Number
  })
)

/**
 * What `run` and `test` return: the first candidate's text and the token counts, or with `raw: true`
 * Vertex AI's own answer.
 *
 * @since 0.1.0
 * @category models
 */
export const GeminiResult = Schema.Union(Schema.Struct({ completion: Schema.String, usageMetadata: usage }), JsonObject)

/**
 * The `.gemini` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const GeminiType = {
  id: ".gemini",
  source: "src/platform/packages/shared/kbn-connector-schemas/gemini/schemas/v1.ts",
  ...inputsWithSecrets(".gemini", { config: GeminiConfig }, GeminiSecrets),
  params: GeminiParams,
  results: {
    run: GeminiResult,
    test: GeminiResult,
    invokeAI: Schema.Struct({ message: Schema.String, usageMetadata: usage }),
    invokeAIRaw: JsonObject,
    getDashboard: DashboardResult
  },
  defaults: () => ({ defaultModel: versionDefault })
} as const satisfies ConnectorTypeDefinition
