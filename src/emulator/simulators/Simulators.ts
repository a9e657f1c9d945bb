/**
 * Simulators of the services connectors call (Opsgenie, Jira, OpenAI, ...), served on their own loopback
 * port, like the `actions_simulators` plugin Kibana's own API tests use. Each vendor answers under
 * `<url>/<vendor>/` like the vendor's API, records what it received, and can be switched into a failure
 * mode (an error status, a slow answer, or down).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Runtime from "effect/Runtime"
import * as Http from "node:http"
import { isJsonObject } from "../connectorTypes/validation.js"
import type { EmulatorServerError } from "../EmulatorError.js"
import { close, listen } from "../EmulatorServer.js"
import { aiVendors } from "./aiVendors.js"
import { securityVendors } from "./securityVendors.js"
import { type SimulatorAnswer, type SimulatorRequest, type Vendor, vendors as baseVendors } from "./vendors.js"

const vendors = { ...baseVendors, ...aiVendors, ...securityVendors }

/**
 * The simulated vendors.
 *
 * @since 0.1.0
 * @category models
 */
export type VendorName = keyof typeof vendors

/**
 * How a vendor answers.
 *
 * - `Normal`: like the vendor's API.
 * - `Status`: every request gets this status with the vendor's error body (4xx, 5xx).
 * - `Slow`: answers normally after `delay` (longer than the emulator's `outboundTimeout` to time out).
 * - `Down`: closes every connection without an answer.
 *
 * @since 0.1.0
 * @category models
 */
export type SimulatorMode =
  | { readonly _tag: "Normal" }
  | { readonly _tag: "Status"; readonly status: number }
  | { readonly _tag: "Slow"; readonly delay: Duration.DurationInput }
  | { readonly _tag: "Down" }

/**
 * One request a vendor received, as it received it (credentials included, as the vendor sees them).
 *
 * @since 0.1.0
 * @category models
 */
export interface ReceivedRequest {
  readonly vendor: VendorName
  readonly method: string
  /** The path under the vendor's base URL, e.g. `/v2/alerts`. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  readonly body: unknown
  readonly timestamp: Date
}

/**
 * The running simulators.
 *
 * @since 0.1.0
 * @category tags
 */
export class Simulators extends Context.Tag("effect-kibana/Simulators")<Simulators, Simulators.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Simulators {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The server's base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
    readonly url: string
    /** The base URL to configure a connector with, e.g. `http://127.0.0.1:40123/opsgenie/`. */
    readonly urlOf: (vendor: VendorName) => string
    /** What the vendor received, oldest first. */
    readonly received: (vendor: VendorName) => Effect.Effect<ReadonlyArray<ReceivedRequest>>
    readonly setMode: (vendor: VendorName, mode: SimulatorMode) => Effect.Effect<void>
    /** Forgets what was received and puts every vendor back to `Normal`. */
    readonly reset: Effect.Effect<void>
  }
}

const maxReceived = 10_000

const normal: SimulatorMode = { _tag: "Normal" }

const readBody = (request: Http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })

const parseBody = (text: string): unknown => {
  if (text === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const headersOf = (request: Http.IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]]
    )
  )

const isVendorName = (name: string): name is VendorName => Object.hasOwn(vendors, name)

const notFound: SimulatorAnswer = { status: 404, body: { message: "no such simulator" } }

const write = (response: Http.ServerResponse, answer: SimulatorAnswer) => {
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {})
  response.writeHead(answer.status, {
    "content-type": typeof answer.body === "string" ? "text/plain" : "application/json",
    ...answer.headers
  })
  response.end(text)
}

const answerFor = (vendor: Vendor, mode: SimulatorMode, request: SimulatorRequest) =>
  mode._tag === "Status" ? { status: mode.status, body: vendor.errorBody(mode.status) } : vendor.handle(request)

/**
 * Starts the simulators on loopback; they stop with the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: { readonly host?: string; readonly port?: number } = {}) =>
  Effect.gen(function*() {
    const received = yield* Ref.make<ReadonlyArray<ReceivedRequest>>([])
    const modes = yield* Ref.make<ReadonlyMap<VendorName, SimulatorMode>>(new Map())
    const runPromise = Runtime.runPromise(yield* Effect.runtime<never>())

    const handle = (request: Http.IncomingMessage, text: string) =>
      Effect.gen(function*() {
        const url = new URL(request.url ?? "/", "http://simulator")
        const [, vendorName = "", ...rest] = url.pathname.split("/")
        if (!isVendorName(vendorName)) return notFound
        const mode = (yield* Ref.get(modes)).get(vendorName) ?? normal
        if (mode._tag === "Down") return undefined
        const simulated: SimulatorRequest = {
          method: request.method ?? "GET",
          path: `/${rest.join("/")}`,
          query: Object.fromEntries(url.searchParams),
          headers: headersOf(request),
          body: parseBody(text)
        }
        const timestamp = new Date(yield* Clock.currentTimeMillis)
        yield* Ref.update(received, (all) => [
          ...all.slice(Math.max(0, all.length + 1 - maxReceived)),
          { vendor: vendorName, ...simulated, timestamp }
        ])
        if (mode._tag === "Slow") yield* Effect.sleep(mode.delay)
        return answerFor(vendors[vendorName], mode, simulated)
      })

    const server = Http.createServer((request, response) => {
      readBody(request)
        .then((text) => runPromise(handle(request, text)))
        .then((answer) => answer === undefined ? request.socket.destroy() : write(response, answer))
        .catch(() => request.socket.destroy())
    })
    const host = options.host ?? "127.0.0.1"
    const address = yield* Effect.acquireRelease(listen(server, host, options.port ?? 0), () => close(server))
    const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
    return Simulators.of({
      url,
      urlOf: (vendor) => `${url}/${vendor}/`,
      received: (vendor) => Effect.map(Ref.get(received), (all) => all.filter((entry) => entry.vendor === vendor)),
      setMode: (vendor, mode) => Ref.update(modes, (all) => new Map(all).set(vendor, mode)),
      reset: Effect.zipRight(Ref.set(received, []), Ref.set(modes, new Map()))
    })
  })

/**
 * The simulators as a scoped layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: { readonly host?: string; readonly port?: number } = {}
): Layer.Layer<Simulators, EmulatorServerError> => Layer.scoped(Simulators, make(options))

/**
 * The JSON object a vendor received, or `{}`.
 *
 * @since 0.1.0
 * @category utils
 */
export const bodyObject = (request: ReceivedRequest) => isJsonObject(request.body) ? request.body : {}

/**
 * A mode that keeps a vendor from answering for longer than `timeout`.
 *
 * @since 0.1.0
 * @category utils
 */
export const slowerThan = (timeout: Duration.DurationInput): SimulatorMode => ({
  _tag: "Slow",
  delay: Duration.sum(Duration.decode(timeout), Duration.seconds(1))
})
