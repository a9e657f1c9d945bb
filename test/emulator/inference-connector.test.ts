import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { call } from "./helpers.js"

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

const createInference = (connectorId: string, taskType: string, inferenceId: string, extra: object = {}) =>
  Effect.flatMap(url, (base) =>
    call(base, "POST", `/api/actions/connector/${connectorId}`, {
      body: {
        name: connectorId,
        connector_type_id: ".inference",
        config: { provider: "openai", taskType, inferenceId, providerConfig: { model_id: "gpt-4o" }, ...extra },
        secrets: { providerSecrets: { api_key: "sk-secret-key-123" } }
      }
    }))

const execute = (connectorId: string, subAction: string, subActionParams: unknown) =>
  Effect.flatMap(url, (base) =>
    call(base, "POST", `/api/actions/connector/${connectorId}/_execute`, {
      body: { params: { subAction, subActionParams } }
    }))

const es = (method: string, path: string, body?: unknown) =>
  Effect.flatMap(url, (base) => call(base, method, `/_es${path}`, body === undefined ? {} : { body }))

describe(".inference over HTTP", () => {
  layer(EmulatorServer.layerServer(), { excludeTestServices: true })((it) => {
    it.effect("create puts the inference endpoint Kibana's preSaveHook puts, without its secrets", () =>
      Effect.gen(function*() {
        const created = yield* createInference("inf-create", "completion", "my-completion", {
          taskTypeConfig: { "user.name": "x" }
        })
        assert.strictEqual(created.status, 200)
        const endpoint = yield* es("GET", "/_inference/completion/my-completion")
        assert.strictEqual(endpoint.status, 200)
        assert.deepStrictEqual(endpoint.json, {
          endpoints: [{
            inference_id: "my-completion",
            task_type: "completion",
            service: "openai",
            service_settings: { model_id: "gpt-4o" },
            task_settings: { user: { name: "x" } }
          }]
        })
        assert.notInclude(endpoint.text, "sk-secret")
      }))

    it.effect("Kibana's configValidator refuses an unknown provider or task type, before any endpoint", () =>
      Effect.gen(function*() {
        const provider = yield* Effect.flatMap(
          url,
          (base) =>
            call(base, "POST", "/api/actions/connector/inf-provider", {
              body: {
                name: "p",
                connector_type_id: ".inference",
                config: { provider: "acme", taskType: "completion", inferenceId: "acme" }
              }
            })
        )
        assert.strictEqual(provider.status, 400)
        assert.strictEqual(
          provider.json.message,
          "error validating connector type config: Error configuring Inference API action: " +
            "Error: API Provider is not supported: acme by Inference Endpoint."
        )
        const task = yield* createInference("inf-task", "translation", "translation")
        assert.strictEqual(task.status, 400)
        assert.strictEqual(
          task.json.message,
          "error validating connector type config: Error configuring Inference API action: " +
            "Error: Task type is not supported: translation by Inference Endpoint."
        )
        assert.strictEqual((yield* es("GET", "/_inference/translation")).status, 404)
      }))

    it.effect("a second connector on an existing endpoint is refused, and the endpoint stays", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* createInference("inf-first", "rerank", "taken")).status, 200)
        const second = yield* createInference("inf-second", "rerank", "taken")
        assert.strictEqual(second.status, 500)
        assert.strictEqual(second.json.message, "An internal server error occurred.")
        assert.strictEqual(
          (yield* Effect.flatMap(url, (base) => call(base, "GET", "/api/actions/connector/inf-second"))).status,
          404
        )
        assert.strictEqual((yield* es("GET", "/_inference/rerank/taken")).status, 200)
      }))

    it.effect("a connector id conflict deletes the endpoint its preSaveHook created (postSaveHook)", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* createInference("inf-dup", "completion", "dup-a")).status, 200)
        const conflict = yield* createInference("inf-dup", "completion", "dup-b")
        assert.strictEqual(conflict.status, 409)
        assert.strictEqual((yield* es("GET", "/_inference/completion/dup-b")).status, 404)
        assert.strictEqual((yield* es("GET", "/_inference/completion/dup-a")).status, 200)
      }))

    it.effect("update replaces the endpoint with the new settings", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* createInference("inf-update", "completion", "updated")).status, 200)
        const updated = yield* Effect.flatMap(url, (base) =>
          call(base, "PUT", "/api/actions/connector/inf-update", {
            body: {
              name: "renamed",
              config: {
                provider: "openai",
                taskType: "completion",
                inferenceId: "updated",
                providerConfig: { model_id: "gpt-5" }
              },
              secrets: { providerSecrets: { api_key: "k2" } }
            }
          }))
        assert.strictEqual(updated.status, 200)
        const endpoint = yield* es("GET", "/_inference/completion/updated")
        assert.deepStrictEqual(endpoint.json.endpoints[0].service_settings, { model_id: "gpt-5" })
      }))

    it.effect("delete removes the endpoint (postDeleteHook)", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* createInference("inf-delete", "sparse_embedding", "to-delete")).status, 200)
        const deleted = yield* Effect.flatMap(url, (base) => call(base, "DELETE", "/api/actions/connector/inf-delete"))
        assert.strictEqual(deleted.status, 204)
        const missing = yield* es("GET", "/_inference/sparse_embedding/to-delete")
        assert.strictEqual(missing.status, 404)
        assert.deepStrictEqual(missing.json, {
          error: {
            root_cause: [{ type: "resource_not_found_exception", reason: "Inference endpoint not found [to-delete]" }],
            type: "resource_not_found_exception",
            reason: "Inference endpoint not found [to-delete]"
          },
          status: 404
        })
      }))

    it.effect("completion answers Kibana's data: one { result } per input", () =>
      Effect.gen(function*() {
        yield* createInference("inf-completion", "completion", "run-completion")
        const answer = yield* execute("inf-completion", "completion", { input: "hello there" })
        assert.deepStrictEqual(answer.json, {
          connector_id: "inf-completion",
          status: "ok",
          data: [{ result: "Emulated completion of: hello there" }]
        })
      }))

    it.effect("rerank renames relevance_score to score, most relevant first", () =>
      Effect.gen(function*() {
        yield* createInference("inf-rerank", "rerank", "run-rerank")
        const answer = yield* execute("inf-rerank", "rerank", {
          input: ["nothing here", "red apples", "red and green apples"],
          query: "green apples"
        })
        assert.strictEqual(answer.json.status, "ok")
        assert.deepStrictEqual(answer.json.data, [
          { score: 1, index: 2 },
          { score: 0.5, index: 1 },
          { score: 0, index: 0 }
        ])
        const direct = yield* es("POST", "/_inference/rerank/run-rerank", { input: ["a b"], query: "b" })
        assert.deepStrictEqual(direct.json, { rerank: [{ index: 0, relevance_score: 1 }] })
      }))

    it.effect("text_embedding is a deterministic dense vector of the endpoint's dimensions", () =>
      Effect.gen(function*() {
        yield* createInference("inf-dense", "text_embedding", "run-dense", {
          providerConfig: { model_id: "text-embedding-3-small", dimensions: 4 }
        })
        const first = yield* execute("inf-dense", "text_embedding", { input: "cats", inputType: "ingest" })
        const again = yield* execute("inf-dense", "text_embedding", { input: "cats", inputType: "search" })
        const other = yield* execute("inf-dense", "text_embedding", { input: "dogs", inputType: "ingest" })
        assert.strictEqual(first.json.status, "ok")
        assert.lengthOf(first.json.data, 1)
        assert.lengthOf(first.json.data[0].embedding, 4)
        for (const value of first.json.data[0].embedding) assert.isTrue(value >= -1 && value <= 1)
        assert.deepStrictEqual(again.json.data, first.json.data)
        assert.notDeepEqual(other.json.data, first.json.data)
      }))

    it.effect("sparse_embedding weighs each token of the input", () =>
      Effect.gen(function*() {
        yield* createInference("inf-sparse", "sparse_embedding", "run-sparse")
        const answer = yield* execute("inf-sparse", "sparse_embedding", { input: "Quick brown fox" })
        assert.strictEqual(answer.json.status, "ok")
        assert.lengthOf(answer.json.data, 1)
        assert.strictEqual(answer.json.data[0].is_truncated, false)
        assert.deepStrictEqual(Object.keys(answer.json.data[0].embedding), ["quick", "brown", "fox"])
        for (const weight of Object.values<number>(answer.json.data[0].embedding)) {
          assert.isTrue(weight > 0 && weight <= 1)
        }
      }))

    it.effect("unified_completion folds the streamed chunks into Kibana's message", () =>
      Effect.gen(function*() {
        yield* createInference("inf-chat", "chat_completion", "run-chat")
        const answer = yield* execute("inf-chat", "unified_completion", {
          body: { messages: [{ role: "system", content: "be brief" }, { role: "user", content: "say hi" }] }
        })
        assert.deepStrictEqual(answer.json.data, {
          choices: [{
            message: { content: "Emulated completion of: say hi", refusal: null, role: "assistant" }
          }],
          object: "chat.completion",
          usage: { completion_tokens: 5, prompt_tokens: 2, total_tokens: 7 },
          id: "chatcmpl-run-chat",
          model: "openai"
        })
        const stream = yield* es("POST", "/_inference/chat_completion/run-chat/_stream", {
          messages: [{ role: "user", content: "x" }]
        })
        assert.strictEqual(stream.headers.get("content-type"), "text/event-stream")
        assert.isTrue(stream.text.endsWith("data: [DONE]\n\n"))
      }))

    it.effect("a missing endpoint is the client's ResponseError for completion, a user error for chat", () =>
      Effect.gen(function*() {
        yield* createInference("inf-gone", "completion", "gone")
        yield* createInference("inf-chat-gone", "chat_completion", "chat-gone")
        assert.strictEqual((yield* es("DELETE", "/_inference/completion/gone")).json.acknowledged, true)
        assert.strictEqual((yield* es("DELETE", "/_inference/chat_completion/chat-gone")).status, 200)
        const completion = yield* execute("inf-gone", "completion", { input: "x" })
        assert.strictEqual(completion.json.status, "error")
        assert.strictEqual(completion.json.message, "an error occurred while running the action")
        assert.strictEqual(
          completion.json.service_message,
          "resource_not_found_exception\n\tRoot causes:\n\t\tresource_not_found_exception: Inference endpoint not found [gone]"
        )
        assert.strictEqual(completion.json.errorSource, "framework")
        const chat = yield* execute("inf-chat-gone", "unified_completion", { body: { messages: [] } })
        assert.strictEqual(chat.json.status, "error")
        assert.match(chat.json.service_message, /^Inference endpoint \[chat-gone\] returned status code 404: \{"error"/)
        assert.strictEqual(chat.json.errorSource, "user")
      }))

    it.effect("a task type the endpoint does not have is Elasticsearch's incompatible task_type error", () =>
      Effect.gen(function*() {
        yield* createInference("inf-mismatch", "rerank", "mismatch")
        const answer = yield* execute("inf-mismatch", "completion", { input: "x" })
        assert.include(
          answer.json.service_message,
          "Incompatible task_type, the requested type [completion] does not match the model type [rerank]"
        )
      }))

    it.effect("Elasticsearch's API directly: put, a taken id, rerank settings and secrets kept out", () =>
      Effect.gen(function*() {
        const body = {
          service: "cohere",
          service_settings: { model_id: "rerank-v3", api_key: "co-secret-1" },
          task_settings: { return_documents: true, top_n: 1 }
        }
        const put = yield* es("PUT", "/_inference/rerank/direct", body)
        assert.strictEqual(put.status, 200)
        assert.deepStrictEqual(put.json, {
          inference_id: "direct",
          task_type: "rerank",
          service: "cohere",
          service_settings: { model_id: "rerank-v3" },
          task_settings: { return_documents: true, top_n: 1 }
        })
        const taken = yield* es("PUT", "/_inference/completion/direct", body)
        assert.strictEqual(taken.status, 400)
        assert.strictEqual(taken.json.error.type, "resource_already_exists_exception")
        assert.strictEqual(taken.json.error.reason, "Inference endpoint [direct] already exists")
        const ranked = yield* es("POST", "/_inference/rerank/direct", { input: ["x", "y z"], query: "z" })
        assert.deepStrictEqual(ranked.json, { rerank: [{ index: 1, relevance_score: 1, text: "y z" }] })
        const byId = yield* es("GET", "/_inference/direct")
        assert.strictEqual(byId.json.endpoints[0].task_type, "rerank")
        assert.notInclude(byId.text, "co-secret")
      }))

    it.effect("bad params and unknown sub-actions keep Kibana's errors", () =>
      Effect.gen(function*() {
        yield* createInference("inf-errors", "completion", "errors")
        const bad = yield* execute("inf-errors", "completion", { input: 1 })
        assert.strictEqual(bad.json.status, "error")
        assert.match(bad.json.service_message, /^Request validation failed \(.*input/s)
        assert.strictEqual(bad.json.errorSource, "user")
        const unknown = yield* execute("inf-errors", "translate", {})
        assert.strictEqual(
          unknown.json.service_message,
          "Sub action \"translate\" is not registered. Connector id: inf-errors. Connector name: AI Connector. " +
            "Connector type: .inference"
        )
      }))
  })
})
