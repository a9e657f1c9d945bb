// An `HttpClient` double that records every request and answers from a script, for transport tests
// that need exact control of statuses, headers, failures and time (TestClock).
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Layer } from "effect"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"

export type FakeAnswer =
  | {
    readonly status: number
    readonly body?: unknown
    readonly text?: string
    readonly headers?: Record<string, string>
  }
  | { readonly fail: "refused" | "reset" }
  | { readonly hang: true }

export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code })

const bodyText = (request: HttpClientRequest.HttpClientRequest): string | undefined => {
  const body = request.body
  if (body._tag === "Uint8Array") return new TextDecoder().decode(body.body)
  return undefined
}

const toResponse = (request: HttpClientRequest.HttpClientRequest, answer: FakeAnswer) => {
  if ("hang" in answer) return Effect.never
  if ("fail" in answer) {
    return answer.fail === "refused"
      ? Effect.fail(
        new HttpClientError.RequestError({
          request,
          reason: "Transport",
          cause: new TypeError("fetch failed", {
            cause: systemError("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:5601")
          })
        })
      )
      : Effect.fail(
        new HttpClientError.RequestError({
          request,
          reason: "Transport",
          cause: systemError("ECONNRESET", "socket hang up")
        })
      )
  }
  const isJson = answer.text === undefined
  const text = isJson ? (answer.body === undefined ? null : JSON.stringify(answer.body)) : answer.text
  const headers = {
    ...(isJson && text !== null ? { "content-type": "application/json; charset=utf-8" } : {}),
    ...answer.headers
  }
  return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(text, { status: answer.status, headers })))
}

/**
 * A fake HTTP client answering each request with `answer(request, attempt)`; `seen` records what was sent.
 */
export const makeFake = (answer: (request: SeenRequest, index: number) => FakeAnswer) => {
  const seen: Array<SeenRequest> = []
  const client = HttpClient.make((request, url) => {
    const recorded: SeenRequest = {
      method: request.method,
      url: url.toString(),
      headers: request.headers,
      body: bodyText(request)
    }
    seen.push(recorded)
    return toResponse(request, answer(recorded, seen.length - 1))
  })
  return { seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** The Kibana client and Connectors over a fake, with retries off unless the options say otherwise. */
export const fakeKibana = (
  answer: (request: SeenRequest, index: number) => FakeAnswer,
  options: Partial<KibanaClient.KibanaClientOptions> = {}
) => {
  const fake = makeFake(answer)
  // The version is pinned so version gates never add a status lookup to the scripted exchange.
  const client = KibanaClient.layer({
    url: "http://kibana.test:5601",
    retry: { times: 0 },
    serverVersion: "9.4.3",
    ...options
  }).pipe(
    Layer.provide(fake.layer)
  )
  return { seen: fake.seen, layer: Layer.provideMerge(Connectors.layer, client) }
}

/** A Kibana error envelope answer. */
export const kibanaError = (statusCode: number, error: string, message: string, headers?: Record<string, string>) => ({
  status: statusCode,
  body: { statusCode, error, message },
  ...(headers === undefined ? {} : { headers })
})
