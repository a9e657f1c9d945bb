/**
 * `.inference` (AI Connector): an Elasticsearch inference endpoint behind a connector. Saving the connector
 * creates (or replaces) the endpoint, deleting it deletes the endpoint, and each sub-action runs the
 * endpoint through the emulator's inference API (`ExecutorServices.inference`, also served under
 * `/_es/_inference`), whose results are deterministic.
 *
 * Hooks: elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/inference/index.ts;
 * sub-actions: `.../inference/inference.ts` and `helpers.ts` (`chunksIntoMessage`); schemas:
 * `src/platform/packages/shared/kbn-connector-schemas/inference/schemas/v1.ts`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { ConnectorHooks, ConnectorTypeSpec, ExecutorServices, HookFailed } from "../ConnectorTypeSpec.js"
import { generativeAiFeatureIds } from "../ConnectorTypeSpec.js"
import {
  type ChatCompletionRequest,
  errorBody,
  type InferenceFailure,
  type InferenceRequest
} from "../InferenceEndpoints.js"
import { notEmulatedSubAction } from "./notEmulated.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"

const optionalNumber = V.optional(V.coercedNumber())
const anyRecord = V.record(V.unknown)

const config = V.strictObject({
  provider: V.string(),
  taskType: V.string(),
  inferenceId: V.string(),
  providerConfig: V.withDefault(anyRecord, {}),
  taskTypeConfig: V.withDefault(anyRecord, {}),
  contextWindowLength: optionalNumber,
  headers: V.optional(V.record(V.string())),
  temperature: optionalNumber
})

const secrets = V.strictObject({ providerSecrets: V.withDefault(anyRecord, {}) })

// ServiceProviderKeys (kbn-connector-schemas/inference/constants.ts)
const providers = new Set([
  "amazonbedrock",
  "azureopenai",
  "azureaistudio",
  "cohere",
  "elasticsearch",
  "googleaistudio",
  "googlevertexai",
  "hugging_face",
  "mistral",
  "openai",
  "anthropic",
  "watsonxai",
  "alibabacloud-ai-search",
  "elastic"
])

const subActionNames = [
  "unified_completion",
  "unified_completion_stream",
  "unified_completion_async_iterator",
  "completion",
  "rerank",
  "text_embedding",
  "sparse_embedding"
]

// index.ts `configValidator`: a known provider, and a task type named like a sub-action (or `chat_completion`);
// what it throws is wrapped in `Error configuring Inference API action: <err.toString()>`
const configProblem = ({ provider, taskType }: V.TypeOf<typeof config>): string | undefined => {
  const problem = !providers.has(provider)
    ? `API Provider is not supported${provider.length > 0 ? `: ${provider}` : ""} by Inference Endpoint.`
    : taskType !== "chat_completion" && !subActionNames.some((name) => name === taskType.toLowerCase())
    ? `Task type is not supported${taskType.length > 0 ? `: ${taskType}` : ""} by Inference Endpoint.`
    : undefined
  return problem === undefined ? undefined : `Error configuring Inference API action: Error: ${problem}`
}

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const telemetryMetadata = V.optional(V.strictObject({
  pluginId: V.optional(V.string()),
  aggregateBy: V.optional(V.string())
}))

// AIMessage and AITool: subsets of OpenAI's chat completion params
const message = V.strictObject({
  role: V.string(),
  content: V.optional(V.nullable(V.string())),
  name: V.optional(V.string()),
  tool_calls: V.optional(V.array(V.strictObject({
    id: V.string(),
    function: V.strictObject({ arguments: V.optional(V.string()), name: V.optional(V.string()) }),
    type: V.string()
  }))),
  tool_call_id: V.optional(V.string())
})

const tool = V.strictObject({
  type: V.string(),
  function: V.strictObject({
    name: V.string(),
    description: V.optional(V.string()),
    parameters: V.optional(anyRecord)
  })
})

const unifiedParams = V.strictObject({
  body: V.strictObject({
    messages: V.withDefault(V.array(message), []),
    model: V.optional(V.string()),
    max_tokens: optionalNumber,
    metadata: V.optional(V.record(V.string())),
    n: optionalNumber,
    stop: V.optional(V.nullable(V.union(V.string(), V.array(V.string())))),
    temperature: optionalNumber,
    tool_choice: V.optional(V.union(
      V.string(),
      V.strictObject({ type: V.string(), function: V.strictObject({ name: V.string() }) })
    )),
    tools: V.optional(V.array(tool)),
    top_p: optionalNumber,
    user: V.optional(V.string())
  }),
  signal: V.optional(V.unknown),
  telemetryMetadata
})

const completionParams = V.strictObject({ input: V.string() })
const rerankParams = V.strictObject({ input: V.withDefault(V.array(V.string()), []), query: V.string() })
const sparseEmbeddingParams = V.strictObject({ input: V.string() })
const textEmbeddingParams = V.strictObject({ input: V.string(), inputType: V.string() })

// lib/unflatten_object.ts: `{"a.b": 1}` becomes `{a: {b: 1}}`
const unflatten = (flat: V.JsonObject): V.JsonObject => {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(flat)) {
    const path = key.split(".")
    let target = result
    for (const part of path.slice(0, -1)) {
      const next = target[part]
      target = V.isJsonObject(next) ? next : (target[part] = {})
    }
    target[path[path.length - 1]!] = value
  }
  return result
}

// the official client's ResponseError message (@elastic/transport lib/errors.js), which the hooks and the
// sub-action framework report as is
const responseErrorMessage = (failure: InferenceFailure) =>
  `${failure.type}\n\tRoot causes:\n\t\t${failure.type}: ${failure.reason}`

const hookFailed = (message: string): HookFailed => ({ _tag: "HookFailed", message })

// deleteInferenceEndpoint: a failure is logged and rethrown; hooks after the save only log it
const deleteEndpoint = (services: ExecutorServices, config: Config) =>
  Effect.asVoid(services.inference.delete(config.taskType, config.inferenceId))

const hooks: ConnectorHooks<Config, Secrets> = {
  preSave: ({ config, isUpdate, secrets, services }) =>
    Effect.gen(function*() {
      const existing = yield* services.inference.get(config.taskType, config.inferenceId)
      const exists = Either.isRight(existing)
      if (!isUpdate && exists) {
        return yield* Effect.fail(hookFailed(
          `Inference with id ${config.inferenceId} and task type ${config.taskType} already exists.`
        ))
      }
      // no update API for inference endpoints: Kibana deletes and puts again
      if (isUpdate && exists) yield* deleteEndpoint(services, config)
      const created = yield* services.inference.put({
        inference_id: config.inferenceId,
        task_type: config.taskType,
        service: config.provider,
        service_settings: { ...unflatten(config.providerConfig), ...unflatten(secrets.providerSecrets) },
        task_settings: unflatten(config.taskTypeConfig)
      })
      if (Either.isLeft(created)) return yield* Effect.fail(hookFailed(responseErrorMessage(created.left)))
    }),
  postSave: ({ config, isUpdate, services, wasSuccessful }) =>
    !wasSuccessful && !isUpdate ? deleteEndpoint(services, config) : Effect.void,
  postDelete: ({ config, services }) => deleteEndpoint(services, config)
}

// performInferenceApi: the client's error is thrown as is (a framework error)
const performInference = (services: ExecutorServices, config: Config, taskType: string, request: InferenceRequest) =>
  Effect.flatMap(
    services.inference.infer(taskType, config.inferenceId, request),
    Either.match({
      onLeft: (failure) =>
        Effect.fail(new SubActionError({ message: responseErrorMessage(failure), errorSource: "framework" })),
      onRight: Effect.succeed
    })
  )

const listAt = (response: V.JsonObject, key: string): ReadonlyArray<unknown> => {
  const value = response[key]
  return Array.isArray(value) ? value : []
}

// `truncateUpstreamBody`: error text is capped at 1,000 characters
const truncate = (text: string) => text.length > 1000 ? `${text.slice(0, 1000 - 15)}... [truncated]` : text

interface ToolCall {
  id: string
  type?: unknown
  function: { name: string; arguments: string }
}

/**
 * `performApiUnifiedCompletion`: the streamed chunks folded into one message (`chunksIntoMessage`).
 */
const unifiedCompletion = (services: ExecutorServices, config: Config, request: ChatCompletionRequest) =>
  Effect.flatMap(services.inference.chatCompletion(config.inferenceId, request), (result) => {
    if (Either.isLeft(result)) {
      // performApiUnifiedCompletionStream: an error status carries the body Elasticsearch answered
      const failure = result.left
      return Effect.fail(
        new SubActionError({
          message: truncate(
            `Inference endpoint [${config.inferenceId}] returned status code ${failure.status}: ${
              JSON.stringify(errorBody(failure))
            }`
          ),
          errorSource: failure.status < 500 ? "user" : "framework"
        })
      )
    }
    return Effect.succeed(foldChunks(result.right))
  })

const foldChunks = (chunks: ReadonlyArray<V.JsonObject>): V.JsonObject => {
  let content = ""
  let refusal: unknown = null
  let toolCalls: Array<ToolCall> | undefined
  let usage: unknown
  let last: V.JsonObject = {}
  for (const chunk of chunks) {
    const choices = listAt(chunk, "choices")
    const first = choices[0]
    if (choices.length > 0 && !chunk.usage && V.isJsonObject(first)) {
      const delta = V.isJsonObject(first.delta) ? first.delta : {}
      content += typeof delta.content === "string" ? delta.content : ""
      if (delta.refusal) refusal = delta.refusal
      for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
        if (!V.isJsonObject(call) || typeof call.index !== "number") continue
        toolCalls ??= []
        if (toolCalls.length - 1 !== call.index) toolCalls.push({ id: "", function: { name: "", arguments: "" } })
        const target = toolCalls[call.index]
        if (target === undefined) continue
        const fn = V.isJsonObject(call.function) ? call.function : {}
        if (typeof fn.name === "string") target.function.name += fn.name
        if (typeof fn.arguments === "string") target.function.arguments += fn.arguments
        if (typeof call.id === "string") target.id += call.id
        if (call.type) target.type = call.type
      }
    } else if (chunk.usage) {
      usage = chunk.usage
    }
    last = chunk
  }
  return {
    choices: [{
      message: {
        content: content === "" ? null : content,
        refusal,
        role: "assistant",
        ...(toolCalls === undefined ? {} : {
          tool_calls: toolCalls.map((call) =>
            call.function.arguments.trim() === ""
              ? { ...call, function: { ...call.function, arguments: "{}" } }
              : call
          )
        })
      }
    }],
    object: "chat.completion",
    ...(usage === undefined ? {} : { usage }),
    id: last.id,
    model: last.model
  }
}

const unified = subAction<Config, Secrets, V.TypeOf<typeof unifiedParams>>(
  unifiedParams,
  ({ config, params, services }) =>
    unifiedCompletion(services, config, {
      messages: params.body.messages,
      model: params.body.model
    })
)

// the stream sub-actions answer a Node stream, which the execute API has no JSON for
const streamed = subAction<Config, Secrets, V.TypeOf<typeof unifiedParams>>(
  unifiedParams,
  () => notEmulatedSubAction(".inference")
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const inferenceConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".inference",
  name: "AI Connector",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: generativeAiFeatureIds,
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, configProblem),
  secrets: V.validate(secrets),
  hooks,
  subActions: {
    unified_completion: unified,
    unified_completion_stream: streamed,
    unified_completion_async_iterator: streamed,
    completion: subAction<Config, Secrets, V.TypeOf<typeof completionParams>>(
      completionParams,
      ({ config, params, services }) =>
        Effect.map(
          performInference(services, config, "completion", { input: [params.input] }),
          (response) => listAt(response, "completion")
        )
    ),
    rerank: subAction<Config, Secrets, V.TypeOf<typeof rerankParams>>(
      rerankParams,
      ({ config, params, services }) =>
        Effect.map(
          performInference(services, config, "rerank", { input: params.input, query: params.query }),
          // performApiRerank: `relevance_score` is renamed `score`
          (response) =>
            listAt(response, "rerank").map((entry) => {
              if (!V.isJsonObject(entry)) return entry
              const { relevance_score: score, ...rest } = entry
              return { score, ...rest }
            })
        )
    ),
    text_embedding: subAction<Config, Secrets, V.TypeOf<typeof textEmbeddingParams>>(
      textEmbeddingParams,
      ({ config, params, services }) =>
        Effect.map(
          performInference(services, config, "text_embedding", {
            input: [params.input],
            taskSettings: { input_type: params.inputType }
          }),
          (response) => listAt(response, "text_embedding")
        )
    ),
    sparse_embedding: subAction<Config, Secrets, V.TypeOf<typeof sparseEmbeddingParams>>(
      sparseEmbeddingParams,
      ({ config, params, services }) =>
        Effect.map(
          performInference(services, config, "sparse_embedding", { input: [params.input] }),
          (response) => listAt(response, "sparse_embedding")
        )
    )
  }
})
