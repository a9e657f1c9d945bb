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
  RawResult,
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
  results: {
    unified_completion: JsonObject,
    completion: Schema.Array(Schema.Struct({ result: Schema.String })),
    rerank: Schema.Array(Schema.Struct({ index: Schema.Number, relevance_score: Schema.Number })),
    text_embedding: RawResult,
    sparse_embedding: RawResult
  },
  defaults: fixedDefaults({ providerConfig: {}, taskTypeConfig: {} })
} as const satisfies ConnectorTypeDefinition
