/**
 * `.inference`: an Elasticsearch inference endpoint, created, replaced and deleted along with the
 * connector (`src/platform/packages/shared/kbn-connector-schemas/inference/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  fixedDefaults,
  inputsWithOptionalSecrets,
  JsonObject,
  StringRecord,
  subAction
} from "./common.js"

/**
 * `.inference` config.
 *
 * @since 0.1.0
 * @category models
 */
export const InferenceConfig = Schema.Struct({
  /** The inference service, e.g. `openai`, `elastic`, `elasticsearch`. */
  provider: Schema.String,
  /** `completion`, `chat_completion`, `text_embedding`, `sparse_embedding`, `rerank`. */
  taskType: Schema.String,
  /** The Elasticsearch inference endpoint id. */
  inferenceId: Schema.String,
  /** The service's settings (Kibana's default: `{}`). */
  providerConfig: Schema.optional(JsonObject),
  /** The task's settings (Kibana's default: `{}`). */
  taskTypeConfig: Schema.optional(JsonObject),
  contextWindowLength: Schema.optional(Schema.Number),
  headers: Schema.optional(StringRecord),
  temperature: Schema.optional(Schema.Number)
})

/**
 * `.inference` secrets: the provider's secret settings, e.g. `{ api_key }` (Kibana's default: `{}`).
 *
 * @since 0.1.0
 * @category models
 */
export const InferenceSecrets = Schema.Struct({
  providerSecrets: Schema.Redacted(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/**
 * `.inference` params, by `subAction` (streaming ones are left to the untyped `execute`).
 *
 * @since 0.1.0
 * @category models
 */
export const InferenceParams = Schema.Union(
  subAction(
    "unified_completion",
    Schema.Struct({
      body: Schema.Struct({
        messages: Schema.Array(JsonObject),
        model: Schema.optional(Schema.String),
        max_tokens: Schema.optional(Schema.Number),
        tools: Schema.optional(Schema.Array(JsonObject)),
        tool_choice: Schema.optional(Schema.Unknown),
        temperature: Schema.optional(Schema.Number),
        stop: Schema.optional(Schema.Array(Schema.String)),
        top_p: Schema.optional(Schema.Number),
        user: Schema.optional(Schema.String),
        n: Schema.optional(Schema.Number)
      })
    })
  ),
  subAction("completion", Schema.Struct({ input: Schema.String })),
  subAction("rerank", Schema.Struct({ input: Schema.Array(Schema.String), query: Schema.String })),
  subAction(
    "text_embedding",
    Schema.Struct({ input: Schema.String, inputType: Schema.String })
  ),
  subAction("sparse_embedding", Schema.Struct({ input: Schema.String }))
)

const optionalNumber = Schema.optional(Schema.Number)
const optionalString = Schema.optional(Schema.String)
const nullableString = Schema.optional(Schema.NullOr(Schema.String))

/**
 * What `unified_completion` answers: the streamed chunks folded into one message (Kibana's
 * `UnifiedChatCompleteResponseSchema` and `chunksIntoMessage` in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/inference/helpers.ts`).
 *
 * @since 0.1.0
 * @category models
 */
export const InferenceUnifiedCompletionResult = Schema.Struct({
  id: Schema.String,
  choices: Schema.Array(Schema.Struct({
    finish_reason: Schema.optional(
      Schema.NullOr(Schema.Literal("stop", "length", "tool_calls", "content_filter", "function_call"))
    ),
    index: optionalNumber,
    message: Schema.Struct({
      content: nullableString,
      refusal: nullableString,
      role: optionalString,
      tool_calls: Schema.optional(Schema.Array(Schema.Struct({
        id: optionalString,
        index: optionalNumber,
        function: Schema.optional(Schema.Struct({ arguments: optionalString, name: optionalString })),
        type: optionalString
      })))
    })
  })),
  created: optionalNumber,
  model: optionalString,
  object: optionalString,
  usage: Schema.optional(Schema.NullOr(Schema.Struct({
    completion_tokens: optionalNumber,
    prompt_tokens: optionalNumber,
    total_tokens: optionalNumber
  })))
})

/**
 * The `.inference` connector type. Secrets are required on update: Kibana takes `{}` as "no provider
 * secrets" and replaces the endpoint's key with nothing.
 *
 * @since 0.1.0
 * @category types
 */
export const InferenceType = {
  id: ".inference",
  source: "src/platform/packages/shared/kbn-connector-schemas/inference/schemas/v1.ts",
  ...inputsWithOptionalSecrets(".inference", { config: InferenceConfig }, InferenceSecrets),
  params: InferenceParams,
  // the response schemas of kbn-connector-schemas/inference/schemas/v1.ts; `performApiRerank` renames
  // Elasticsearch's `relevance_score` to `score`
  results: {
    unified_completion: InferenceUnifiedCompletionResult,
    completion: Schema.Array(Schema.Struct({ result: Schema.String })),
    rerank: Schema.Array(Schema.Struct({ text: optionalString, index: Schema.Number, score: Schema.Number })),
    text_embedding: Schema.Array(Schema.Struct({ embedding: Schema.Array(Schema.Number) })),
    sparse_embedding: Schema.Array(JsonObject)
  },
  defaults: fixedDefaults({ providerConfig: {}, taskTypeConfig: {} })
} as const satisfies ConnectorTypeDefinition
