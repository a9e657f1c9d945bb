/**
 * The emulator's side of the lean path some clients (effect-kibana's own) use beside the `HttpClient`
 * interface: a request as plain strings in, status, headers and text out. The emulator keeps its own copy of
 * the shapes so that it depends on nothing in the client; the two meet at the `Symbol.for` key.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Effect from "effect/Effect"

const WireTypeId: unique symbol = Symbol.for("effect-kibana/Wire")

/** One attempt, ready to send. */
export interface WireRequest {
  readonly method: string
  readonly origin: string
  /** The path, base path included, without the query. */
  readonly path: string
  /** The query string without `?`; empty when there is none. */
  readonly query: string
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array | undefined
  readonly timeoutMillis: number
  readonly maxBytes: number
}

/** An answer read in full. */
export interface WireAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly text: string
}

/** Why an attempt got no answer. */
export type WireFailure =
  | { readonly _tag: "Timeout" }
  | { readonly _tag: "TooLarge"; readonly status: number }
  | { readonly _tag: "Transport"; readonly cause: unknown; readonly answered: boolean }

/** The lean path of a transport. */
export type Wire = (request: WireRequest) => Effect.Effect<WireAnswer, WireFailure>

/** `client` with `wire` attached. */
export const withWire = (client: HttpClient.HttpClient, wire: Wire): HttpClient.HttpClient =>
  Object.assign(client, { [WireTypeId]: wire })
