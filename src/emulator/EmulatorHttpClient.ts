/**
 * An `HttpClient` that routes requests straight into a `KibanaEmulator`, without sockets.
 *
 * @since 0.1.0
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FiberRefs from "effect/FiberRefs"
import * as Layer from "effect/Layer"
import * as Runtime from "effect/Runtime"
import * as Scheduler from "effect/Scheduler"
import * as Stream from "effect/Stream"
import type * as EmulatorHttp from "./EmulatorHttp.js"
import { KibanaEmulator } from "./KibanaEmulator.js"
import type { Wire, WireAnswer, WireFailure, WireRequest } from "./wire.js"
import { withWire } from "./wire.js"

/**
 * A base URL to configure clients with when they use the in-process client (only the path and
 * query of a request reach the emulator).
 *
 * @since 0.1.0
 * @category constants
 */
export const inProcessUrl = "http://kibana.emulator.internal"

const decoder = new TextDecoder()

const encodeError = (request: HttpClientRequest.HttpClientRequest, description: string) =>
  new HttpClientError.RequestError({ request, reason: "Encode", description })

const bodyText = (
  request: HttpClientRequest.HttpClientRequest,
  body: HttpBody.HttpBody
): Effect.Effect<string, HttpClientError.RequestError> => {
  switch (body._tag) {
    case "Empty":
      return Effect.succeed("")
    case "Uint8Array":
      return Effect.succeed(decoder.decode(body.body))
    case "Raw":
      if (typeof body.body === "string") return Effect.succeed(body.body)
      if (body.body instanceof Uint8Array) return Effect.succeed(decoder.decode(body.body))
      return Effect.fail(encodeError(request, "the in-process Kibana emulator accepts text or bytes bodies only"))
    case "Stream":
      return Stream.runCollect(body.stream).pipe(
        Effect.map((chunks) => Buffer.concat(Chunk.toArray(chunks)).toString("utf8")),
        Effect.mapError((cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause }))
      )
    case "FormData":
      return Effect.fail(encodeError(request, "the in-process Kibana emulator does not accept form data"))
  }
}

// the same system error a real socket reports, so clients classify both modes alike
const dropped = () =>
  Object.assign(new Error("socket hang up (dropped by the Kibana emulator)"), { code: "ECONNRESET" })

const timedOut = (): WireFailure => ({ _tag: "Timeout" })

/**
 * What the handler's fiber inherits from the caller's: its default services only (the clock and random
 * numbers the emulator reads, so that `TestClock` and `TestRandom` drive it). The handler needs no
 * context, and forking with every one of the caller's fiber references copied them all (in-process
 * `Connectors.get`: 43 us of CPU per call this way, 45.5 with the copies; pinned, median of 8).
 */
const handlerRuntime = (caller: Fiber.RuntimeFiber<unknown, unknown>): Runtime.Runtime<never> =>
  Runtime.make({
    context: Context.empty(),
    runtimeFlags: Runtime.defaultRuntimeFlags,
    fiberRefs: FiberRefs.unsafeMake(
      new Map([[DefaultServices.currentServices, [[caller.id(), caller.currentDefaultServices]]]])
    )
  })

/**
 * The Kibana client's lean path: straight into the handler, no request or response objects. A request
 * the emulator answers without waiting (`KibanaEmulator.answersAtOnce`: most of them) runs on the
 * caller's fiber. Any other first runs synchronously on a fiber of its own, and only if it then waits (a
 * fault's latency, a connector's outbound call) is it raced against the attempt's timeout. A race on
 * every call (`Effect.timeoutFail`) forks two fibers and costs more than the handler itself.
 */
const wire = (emulator: KibanaEmulator.Service): Wire => {
  const answer = (request: EmulatorHttp.EmulatorRequest, maxBytes: number): Effect.Effect<WireAnswer, WireFailure> =>
    Effect.flatMap(emulator.handle(request), (response): Effect.Effect<WireAnswer, WireFailure> => {
      if (response._tag === "Drop") return Effect.fail({ _tag: "Transport", cause: dropped(), answered: false })
      const text = response.body ?? ""
      return Buffer.byteLength(text) > maxBytes
        ? Effect.fail({ _tag: "TooLarge", status: response.status })
        : Effect.succeed({ status: response.status, headers: response.headers, text })
    })

  const underTimeout = (request: EmulatorHttp.EmulatorRequest, attempt: WireRequest) =>
    Effect.withFiberRuntime<WireAnswer, WireFailure>((caller) => {
      const scheduler = new Scheduler.SyncScheduler()
      const fiber = Runtime.runFork(handlerRuntime(caller), answer(request, attempt.maxBytes), { scheduler })
      scheduler.flush()
      const exit = fiber.unsafePoll()
      if (exit !== null) return exit
      // The handler is waiting: its fiber goes on, joined under the attempt's timeout, and stopped when the
      // attempt ends first.
      return Fiber.join(fiber).pipe(
        Effect.timeoutFail({ duration: attempt.timeoutMillis, onTimeout: timedOut }),
        Effect.onExit(() => Fiber.interruptFork(fiber))
      )
    })

  return (attempt) => {
    const request: EmulatorHttp.EmulatorRequest = {
      method: attempt.method,
      path: attempt.path,
      query: new URLSearchParams(attempt.query),
      headers: attempt.headers,
      body: attempt.body === undefined
        ? ""
        : typeof attempt.body === "string"
        ? attempt.body
        : decoder.decode(attempt.body)
    }
    return emulator.answersAtOnce(request) ? answer(request, attempt.maxBytes) : underTimeout(request, attempt)
  }
}

/**
 * The in-process client for the emulator in the context. A `Drop` fault becomes a transport
 * `RequestError`, as a reset connection would.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<HttpClient.HttpClient, never, KibanaEmulator> = Effect.map(
  KibanaEmulator,
  (emulator) =>
    withWire(
      HttpClient.make((request, url) =>
        Effect.gen(function*() {
          const body = yield* bodyText(request, request.body)
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
          const response = yield* emulator.handle({
            method: request.method,
            path: url.pathname,
            query: url.searchParams,
            headers,
            body
          })
          if (response._tag === "Drop") {
            return yield* new HttpClientError.RequestError({
              request,
              reason: "Transport",
              cause: dropped(),
              description: "connection dropped by the Kibana emulator"
            })
          }
          return HttpClientResponse.fromWeb(
            request,
            new Response(response.body ?? null, { status: response.status, headers: response.headers })
          )
        })
      ),
      wire(emulator)
    )
)

/**
 * Provides `HttpClient.HttpClient` routed in-process into the emulator.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient, never, KibanaEmulator> = Layer.effect(
  HttpClient.HttpClient,
  make
)
