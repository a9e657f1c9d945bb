/**
 * A lean `HttpClient` for Node, on undici's `Dispatcher.request`. Used as an ordinary `HttpClient`
 * it is `@effect/platform-node`'s undici client; the Kibana client takes a shorter path through it: the
 * request goes to undici as plain strings, the answer comes back as text, and the per-attempt timeout
 * is a timer that aborts the request rather than a race between fibers.
 *
 * ```ts
 * const live = KibanaClient.layer({ url, auth }).pipe(Layer.provide(UndiciHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { StringDecoder } from "node:string_decoder"
import type * as Undici from "undici"
import type { Wire, WireAnswer, WireFailure } from "../internal/wire.js"
import { withWire } from "../internal/wire.js"

const flattenHeaders = (headers: Record<string, string | Array<string> | undefined>) => {
  const flat: Record<string, string | undefined> = {}
  for (const name in headers) {
    const value = headers[name]
    flat[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return flat
}

class TimeoutError extends Error {
  override readonly name = "TimeoutError"
}

type Resume = (effect: Effect.Effect<WireAnswer, WireFailure>) => void

/**
 * One attempt as undici's dispatch handler. It lets go of what it holds (the answer's text, undici's
 * controller, the fiber's callback) as soon as it ends. An attempt that outlived a young-generation
 * collection is promoted, and whatever young object it still points to survives the next collections
 * with it, however dead both are: bulk benchmark, 300k documents through this transport alone, 77 MB
 * promoted when the attempt kept its answer, 27 MB this way (`undici.request`: 28 MB).
 */
class Attempt implements Undici.Dispatcher.DispatchHandler {
  private controller: Undici.Dispatcher.DispatchController | undefined
  private abortedWith: Error | undefined
  private status = 0
  private headers: Record<string, string | undefined> = {}
  private answered = false
  // Each chunk is decoded as it comes and let go (a StringDecoder keeps a character split between two
  // chunks whole). Chunks held until the end, then concatenated, kept the socket's read buffers alive
  // longer: writing 1M documents, RSS growth was 55-90 MB (median 72) against 35-74 (median 48) this way.
  private readonly decoder = new StringDecoder("utf8")
  private text = ""
  private received = 0
  private tooLarge = false
  private readonly timer: ReturnType<typeof setTimeout>

  constructor(private resume: Resume | undefined, private readonly maxBytes: number, timeoutMillis: number) {
    this.timer = setTimeout(() => this.abort(new TimeoutError("attempt timed out")), timeoutMillis)
    this.timer.unref()
  }

  /** Stops the request (timed out, too large, or interrupted) and frees its connection. */
  abort(reason: Error) {
    clearTimeout(this.timer)
    this.abortedWith = reason
    this.controller?.abort(reason)
  }

  onRequestStart(controller: Undici.Dispatcher.DispatchController) {
    this.controller = controller
    if (this.abortedWith !== undefined) controller.abort(this.abortedWith)
  }

  onResponseStart(_: unknown, statusCode: number, headers: Record<string, string | Array<string> | undefined>) {
    this.answered = true
    this.status = statusCode
    this.headers = flattenHeaders(headers)
  }

  onResponseData(_: unknown, chunk: Buffer) {
    this.received += chunk.length
    if (this.received > this.maxBytes) {
      // The rest is never read: the limit protects the client's memory from a runaway answer.
      this.tooLarge = true
      this.text = ""
      this.abort(new Error("answer larger than maxResponseBytes"))
      return
    }
    this.text += this.decoder.write(chunk)
  }

  onResponseEnd() {
    const text = this.text + this.decoder.end()
    this.end(Effect.succeed({ status: this.status, headers: this.headers, text }))
  }

  onResponseError(_: unknown, error: Error) {
    this.end(Effect.fail(
      this.tooLarge
        ? { _tag: "TooLarge", status: this.status }
        : this.abortedWith instanceof TimeoutError
        ? { _tag: "Timeout" }
        : { _tag: "Transport", cause: error, answered: this.answered }
    ))
  }

  private end(result: Effect.Effect<WireAnswer, WireFailure>) {
    clearTimeout(this.timer)
    const resume = this.resume
    this.resume = undefined
    this.controller = undefined
    this.text = ""
    resume?.(result)
  }
}

/**
 * The lean path over `dispatcher`: undici's dispatch API straight, the body decoded as it arrives
 * (no stream, no `AbortSignal`), and the attempt aborted by its own timer.
 */
const wire = (dispatcher: Undici.Dispatcher): Wire => (request) =>
  Effect.async<WireAnswer, WireFailure>((resume) => {
    const attempt = new Attempt(resume, request.maxBytes, request.timeoutMillis)
    dispatcher.dispatch({
      origin: request.origin,
      path: request.query === "" ? request.path : `${request.path}?${request.query}`,
      method: request.method as Undici.Dispatcher.HttpMethod,
      headers: request.headers,
      body: request.body ?? null
    }, attempt)
    // Interrupted (the caller gave up): stop the request and free the connection.
    return Effect.sync(() => attempt.abort(new Error("request interrupted")))
  })

/**
 * The client over `dispatcher` (an undici `Agent`, `Pool` or `Client`), which stays the caller's to
 * close. As with `layerWithoutDispatcher`, the dispatcher must not read a request's body once the
 * request has ended.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient =>
  withWire(NodeHttpClient.makeUndici(dispatcher), wire(dispatcher))

/**
 * The client over a new undici `Agent`, destroyed when the layer is released.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(NodeHttpClient.makeDispatcher, make)
)

/**
 * The client over the `NodeHttpClient.Dispatcher` in context, for a dispatcher with your own options
 * (TLS, connection limits, a proxy). A dispatcher wrapping another must not read a request's body once
 * the request has ended: the Kibana client reuses that memory for its next large body.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithoutDispatcher: Layer.Layer<HttpClient.HttpClient, never, NodeHttpClient.Dispatcher> = Layer
  .effect(HttpClient.HttpClient, Effect.map(NodeHttpClient.Dispatcher, make))
