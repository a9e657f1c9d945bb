/**
 * A lean path from the Kibana client to a transport, beside the `HttpClient` interface: plain strings
 * in, status, headers and text out, and the per-attempt timeout handled by the transport's own timer
 * instead of a fiber race. Transports this library ships (`UndiciHttpClient`, the emulator's
 * in-process client) attach it to the `HttpClient` they provide; any other `HttpClient` works through
 * its ordinary interface.
 *
 * The emulator keeps its own copy of these shapes (`src/emulator/wire.ts`), so that it depends on nothing in
 * the client: the two meet at the `Symbol.for` key.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Effect from "effect/Effect"

/** Where the lean path hangs on an `HttpClient` value. */
export const WireTypeId: unique symbol = Symbol.for("effect-kibana/Wire")

/** A request body as a transport takes it: text, or UTF-8 bytes made once for every attempt. */
export type WireBody = string | Uint8Array | undefined

/** One attempt, ready to send. */
export interface WireRequest {
  readonly method: string
  /** `http://host:port`, without a trailing slash. */
  readonly origin: string
  /** The path, base path included, without the query. */
  readonly path: string
  /** The query string without `?`; empty when there is none. */
  readonly query: string
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: WireBody
  /** Milliseconds allowed for the attempt, answer body included. */
  readonly timeoutMillis: number
  /** The largest answer body to read; past it the attempt fails with `TooLarge` without reading the rest. */
  readonly maxBytes: number
}

/** An answer read in full. */
export interface WireAnswer {
  readonly status: number
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly text: string
}

/** Why an attempt got no answer. */
export type WireFailure =
  | { readonly _tag: "Timeout" }
  /** The answer's body was longer than `maxBytes`. */
  | { readonly _tag: "TooLarge"; readonly status: number }
  /** `answered`: the failure came while reading the answer's body, so the request reached the server. */
  | { readonly _tag: "Transport"; readonly cause: unknown; readonly answered: boolean }

/** The lean path of a transport. */
export type Wire = (request: WireRequest) => Effect.Effect<WireAnswer, WireFailure>

/** The lean path of `client`, when it has one. A client derived with `HttpClient.mapRequest` & co. has none. */
export const wireOf = (client: HttpClient.HttpClient): Wire | undefined =>
  (client as HttpClient.HttpClient & { readonly [WireTypeId]?: Wire })[WireTypeId]

/** `client` with `wire` attached. */
export const withWire = (client: HttpClient.HttpClient, wire: Wire): HttpClient.HttpClient =>
  Object.assign(client, { [WireTypeId]: wire })
