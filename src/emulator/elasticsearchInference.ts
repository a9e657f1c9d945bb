/**
 * Elasticsearch's inference API over the emulator's endpoints, as far as `.inference` connectors use it:
 * `PUT`, `GET` and `DELETE _inference/{task_type}/{inference_id}`, `POST _inference/{task_type}/{inference_id}`
 * and the streamed chat completion `POST _inference/chat_completion/{inference_id}/_stream`.
 *
 * Paths and bodies: elastic/elasticsearch-specification:specification/inference/{put,get,delete,inference,
 * chat_completion_unified}/*Request.ts and their responses.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { isJsonObject } from "./connectorTypes/validation.js"
import type { JsonObject } from "./ConnectorTypeSpec.js"
import { decodePathSegments, esError, noHandler, respond } from "./elasticsearch.js"
import type { EmulatorRequest, EmulatorResponse } from "./EmulatorHttp.js"
import { errorBody, type InferenceEndpoints, type InferenceFailure } from "./InferenceEndpoints.js"

const failure = (cause: InferenceFailure) => respond(cause.status, errorBody(cause))

const answer = <A>(result: Either.Either<A, InferenceFailure>, render: (value: A) => unknown) =>
  Either.match(result, { onLeft: failure, onRight: (value) => respond(200, render(value)) })

// a body the emulator cannot run: a parse error naming the missing field
const badRequest = (reason: string) => esError(400, { type: "parse_exception", reason })

const parseObject = (body: string): JsonObject | undefined => {
  if (body === "") return undefined
  const parsed = Either.try(() => JSON.parse(body))
  return Either.isRight(parsed) && isJsonObject(parsed.right) ? parsed.right : undefined
}

const stringList = (value: unknown): ReadonlyArray<string> | undefined =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value) && value.every((item) => typeof item === "string")
    ? value
    : undefined

const objectOr = (value: unknown): JsonObject => isJsonObject(value) ? value : {}

const put = (endpoints: InferenceEndpoints, taskType: string, inferenceId: string, body: string) => {
  const config = parseObject(body)
  if (config === undefined || typeof config.service !== "string") {
    return Effect.succeed(badRequest("Required [service]"))
  }
  return Effect.map(
    endpoints.put({
      inference_id: inferenceId,
      task_type: taskType,
      service: config.service,
      service_settings: objectOr(config.service_settings),
      task_settings: objectOr(config.task_settings)
    }),
    (result) => answer(result, (endpoint) => endpoint)
  )
}

const infer = (endpoints: InferenceEndpoints, taskType: string | undefined, inferenceId: string, body: string) => {
  const request = parseObject(body)
  const input = stringList(request?.input)
  if (request === undefined || input === undefined) return Effect.succeed(badRequest("Required [input]"))
  const query = request.query
  return Effect.map(
    endpoints.infer(taskType, inferenceId, {
      input,
      query: typeof query === "string" ? query : undefined,
      taskSettings: objectOr(request.task_settings)
    }),
    (result) => answer(result, (value) => value)
  )
}

const sse = (events: ReadonlyArray<unknown>): EmulatorResponse => ({
  _tag: "Response",
  status: 200,
  headers: { "x-elastic-product": "Elasticsearch", "content-type": "text/event-stream" },
  body: [...events.map((event) => `event: message\ndata: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"].join("")
})

const chatCompletionStream = (endpoints: InferenceEndpoints, inferenceId: string, body: string) => {
  const request = parseObject(body)
  const messages = request?.messages
  if (request === undefined || !Array.isArray(messages)) return Effect.succeed(badRequest("Required [messages]"))
  const model = request.model
  return Effect.map(
    endpoints.chatCompletion(inferenceId, { messages, model: typeof model === "string" ? model : undefined }),
    Either.match({ onLeft: failure, onRight: sse })
  )
}

/**
 * Whether an Elasticsearch path (without `/_es`) is under `_inference`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const isInferencePath = (path: string): boolean => path === "/_inference" || path.startsWith("/_inference/")

/**
 * Answers a request under `_inference` (`request.path` comes without the emulator's `/_es` prefix).
 *
 * @since 0.1.0
 * @category handlers
 */
export const handleInference = (
  endpoints: InferenceEndpoints,
  request: EmulatorRequest
): Effect.Effect<EmulatorResponse> => {
  const method = request.method.toUpperCase()
  const segments = decodePathSegments(request.path)
  if (segments === undefined) return Effect.succeed(noHandler(request))
  const [, first, second, third] = segments
  // `_inference/{inference_id}` or `_inference/{task_type}/{inference_id}`
  const taskType = segments.length === 3 ? first : undefined
  const inferenceId = segments.length === 3 ? second : first
  if (segments.length === 4 && method === "POST" && first === "chat_completion" && third === "_stream") {
    return chatCompletionStream(endpoints, second!, request.body)
  }
  if (inferenceId !== undefined && segments.length <= 3) {
    switch (method) {
      case "GET":
        return Effect.map(
          endpoints.get(taskType, inferenceId),
          (result) => answer(result, (endpoint) => ({ endpoints: [endpoint] }))
        )
      case "DELETE":
        return Effect.map(
          endpoints.delete(taskType, inferenceId),
          (result) => answer(result, () => ({ acknowledged: true, pipelines: [] }))
        )
      case "PUT":
        if (taskType !== undefined) return put(endpoints, taskType, inferenceId, request.body)
        break
      case "POST":
        return infer(endpoints, taskType, inferenceId, request.body)
    }
  }
  return Effect.succeed(noHandler(request))
}
