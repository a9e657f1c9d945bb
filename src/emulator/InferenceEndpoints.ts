/**
 * The emulator's Elasticsearch inference endpoints (`_inference/{task_type}/{inference_id}`): created,
 * read, deleted and run, with Elasticsearch's errors. Running one does not call any model: every result
 * is a deterministic function of the input (hashes and token overlap), so tests can assert exact values.
 *
 * Shapes: elastic/elasticsearch-specification:specification/inference/_types/Results.ts; errors:
 * elastic/elasticsearch:x-pack/plugin/inference/src/main/java/org/elasticsearch/xpack/inference/registry/ModelRegistry.java
 * (`Inference endpoint not found [{}]`, a 404 `resource_not_found_exception`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { createHash } from "node:crypto"
import { isJsonObject, type JsonObject } from "./connectorTypes/validation.js"

/**
 * An inference endpoint as Elasticsearch describes it (`GET _inference/...`); secret service settings
 * are kept apart and never shown.
 *
 * @since 0.1.0
 * @category models
 */
export interface InferenceEndpoint {
  readonly inference_id: string
  readonly task_type: string
  readonly service: string
  readonly service_settings: JsonObject
  readonly task_settings: JsonObject
}

/**
 * An Elasticsearch error: its HTTP status and root cause.
 *
 * @since 0.1.0
 * @category models
 */
export interface InferenceFailure {
  readonly status: number
  readonly type: string
  readonly reason: string
}

/**
 * What `POST _inference/{task_type}/{inference_id}` is asked: `input` (one text or several), `query`
 * for rerank, `task_settings` overriding the endpoint's.
 *
 * @since 0.1.0
 * @category models
 */
export interface InferenceRequest {
  readonly input: ReadonlyArray<string>
  readonly query?: string | undefined
  readonly taskSettings?: JsonObject | undefined
}

/**
 * What a unified chat completion is asked: OpenAI-style `messages` and an optional `model`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChatCompletionRequest {
  readonly messages: ReadonlyArray<unknown>
  readonly model?: string | undefined
}

/**
 * Elasticsearch's error body for a failure: `{error: {root_cause: [...], type, reason}, status}`.
 *
 * @since 0.1.0
 * @category models
 */
export const errorBody = (failure: InferenceFailure): JsonObject => {
  const cause = { type: failure.type, reason: failure.reason }
  return { error: { root_cause: [cause], ...cause }, status: failure.status }
}

/**
 * The endpoints of one emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface InferenceEndpoints {
  /** Creates an endpoint; its secret service settings (`api_key`, ...) are dropped, as answers never show them. */
  readonly put: (endpoint: InferenceEndpoint) => Effect.Effect<Either.Either<InferenceEndpoint, InferenceFailure>>
  /** The endpoint with that id (of that task type when given). */
  readonly get: (
    taskType: string | undefined,
    inferenceId: string
  ) => Effect.Effect<Either.Either<InferenceEndpoint, InferenceFailure>>
  readonly delete: (
    taskType: string | undefined,
    inferenceId: string
  ) => Effect.Effect<Either.Either<InferenceEndpoint, InferenceFailure>>
  /**
   * The unified chat completion of a `chat_completion` endpoint: the OpenAI-style `chat.completion.chunk`
   * events Elasticsearch streams (the answer, its finish, then the usage), before `[DONE]`.
   */
  readonly chatCompletion: (
    inferenceId: string,
    request: ChatCompletionRequest
  ) => Effect.Effect<Either.Either<ReadonlyArray<JsonObject>, InferenceFailure>>
  /** Runs an endpoint: the body Elasticsearch answers for its task type. */
  readonly infer: (
    taskType: string | undefined,
    inferenceId: string,
    request: InferenceRequest
  ) => Effect.Effect<Either.Either<JsonObject, InferenceFailure>>
}

const notFound = (inferenceId: string): InferenceFailure => ({
  status: 404,
  type: "resource_not_found_exception",
  reason: `Inference endpoint not found [${inferenceId}]`
})

// TransportPutInferenceModelAction: an id is taken whatever the task type
const alreadyExists = (inferenceId: string): InferenceFailure => ({
  status: 400,
  type: "resource_already_exists_exception",
  reason: `Inference endpoint [${inferenceId}] already exists`
})

// BaseTransportInferenceAction: the path's task type must be the endpoint's (or `any`)
const incompatibleTaskType = (requested: string, actual: string): InferenceFailure => ({
  status: 400,
  type: "status_exception",
  reason: `Incompatible task_type, the requested type [${requested}] does not match the model type [${actual}]`
})

// the services' secret settings (DefaultSecretSettings `api_key`, AWS `access_key`/`secret_key`, Google
// `service_account_json`): Elasticsearch keeps them out of every answer
const secretSettingKeys = new Set(["api_key", "access_key", "secret_key", "service_account_json"])

const withoutSecrets = (settings: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(settings).filter(([key]) => !secretSettingKeys.has(key)))

const digest = (text: string, salt: number) => createHash("sha256").update(`${salt}:${text}`).digest()

// the standard analyzer, approximately: lower-cased runs of letters and digits
const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}_']+/u).filter((token) => token !== "")

const round = (value: number) => Math.round(value * 1e6) / 1e6

/** `dimensions` floats in [-1, 1] from SHA-256 of the text: the same text always embeds the same. */
const denseEmbedding = (text: string, dimensions: number): Array<number> => {
  const values: Array<number> = []
  for (let block = 0; values.length < dimensions; block++) {
    for (const byte of digest(text, block)) {
      if (values.length === dimensions) break
      values.push(round(byte / 127.5 - 1))
    }
  }
  return values
}

/** One weight in (0, 1] per distinct token, from SHA-256 of the token. */
const sparseEmbedding = (text: string): JsonObject =>
  Object.fromEntries(tokens(text).map((token) => [token, round((digest(token, 0)[0]! + 1) / 256)]))

/** The share of the query's distinct tokens the text contains. */
const relevance = (query: string, text: string): number => {
  const wanted = new Set(tokens(query))
  if (wanted.size === 0) return 0
  const present = new Set(tokens(text))
  return round([...wanted].filter((token) => present.has(token)).length / wanted.size)
}

// the text embedding size: the endpoint's `dimensions` setting, else a small fixed size
const defaultDimensions = 8

const dimensionsOf = (settings: JsonObject) => {
  const value = settings.dimensions
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 4096
    ? value
    : defaultDimensions
}

const run = (endpoint: InferenceEndpoint, request: InferenceRequest): JsonObject => {
  const taskSettings = { ...endpoint.task_settings, ...request.taskSettings }
  switch (endpoint.task_type) {
    case "text_embedding":
      return {
        text_embedding: request.input.map((text) => ({
          embedding: denseEmbedding(text, dimensionsOf(endpoint.service_settings))
        }))
      }
    case "sparse_embedding":
      return {
        sparse_embedding: request.input.map((text) => ({ is_truncated: false, embedding: sparseEmbedding(text) }))
      }
    case "rerank": {
      const query = request.query ?? ""
      const ranked = request.input
        .map((text, index) => ({ index, relevance_score: relevance(query, text), text }))
        .sort((left, right) => right.relevance_score - left.relevance_score || left.index - right.index)
      const topN = taskSettings.top_n
      return {
        rerank: (typeof topN === "number" ? ranked.slice(0, topN) : ranked).map(({ text, ...rest }) =>
          taskSettings.return_documents === true ? { ...rest, text } : rest
        )
      }
    }
    default:
      return { completion: request.input.map((text) => ({ result: completionOf(text) })) }
  }
}

// the last user message's text, which the emulated model answers
const lastUserText = (messages: ReadonlyArray<unknown>): string => {
  const user = [...messages].reverse().find((message) => isJsonObject(message) && message.role === "user")
  const content = isJsonObject(user) ? user.content : undefined
  return typeof content === "string" ? content : ""
}

const words = (text: string) => text.split(/\s+/).filter((word) => word !== "").length

// token counts are the prompt's and the answer's word counts
const chatChunks = (endpoint: InferenceEndpoint, request: ChatCompletionRequest): ReadonlyArray<JsonObject> => {
  const prompt = lastUserText(request.messages)
  const content = completionOf(prompt)
  const chunk = (choices: ReadonlyArray<JsonObject>, usage?: JsonObject): JsonObject => ({
    id: `chatcmpl-${endpoint.inference_id}`,
    choices,
    model: request.model ?? endpoint.service,
    object: "chat.completion.chunk",
    ...(usage === undefined ? {} : { usage })
  })
  return [
    chunk([{ delta: { content, role: "assistant" }, index: 0 }]),
    chunk([{ delta: {}, finish_reason: "stop", index: 0 }]),
    chunk([], {
      completion_tokens: words(content),
      prompt_tokens: words(prompt),
      total_tokens: words(content) + words(prompt)
    })
  ]
}

/**
 * The emulated model's answer to a prompt: a fixed sentence quoting it, so tests know what to expect.
 *
 * @since 0.1.0
 * @category constructors
 */
export const completionOf = (prompt: string): string => `Emulated completion of: ${prompt}`

/**
 * Creates an empty set of endpoints. Each operation runs in one synchronous step.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeInferenceEndpoints: Effect.Effect<InferenceEndpoints> = Effect.sync(() => {
  const endpoints = new Map<string, InferenceEndpoint>()
  const find = (taskType: string | undefined, inferenceId: string) => {
    const endpoint = endpoints.get(inferenceId)
    if (endpoint === undefined) return Either.left(notFound(inferenceId))
    return taskType === undefined || taskType === "any" || taskType === endpoint.task_type
      ? Either.right(endpoint)
      : Either.left(incompatibleTaskType(taskType, endpoint.task_type))
  }
  return {
    put: (endpoint) =>
      Effect.sync(() => {
        if (endpoints.has(endpoint.inference_id)) return Either.left(alreadyExists(endpoint.inference_id))
        const stored = { ...endpoint, service_settings: withoutSecrets(endpoint.service_settings) }
        endpoints.set(endpoint.inference_id, stored)
        return Either.right(stored)
      }),
    get: (taskType, inferenceId) => Effect.sync(() => find(taskType, inferenceId)),
    delete: (taskType, inferenceId) =>
      Effect.sync(() =>
        Either.map(find(taskType, inferenceId), (endpoint) => {
          endpoints.delete(endpoint.inference_id)
          return endpoint
        })
      ),
    chatCompletion: (inferenceId, request) =>
      Effect.sync(() => Either.map(find("chat_completion", inferenceId), (endpoint) => chatChunks(endpoint, request))),
    infer: (taskType, inferenceId, request) =>
      Effect.sync(() => Either.map(find(taskType, inferenceId), (endpoint) => run(endpoint, request)))
  }
})
