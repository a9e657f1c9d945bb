/**
 * Helpers the domain services (Connectors, Spaces, ...) build their operations from: decoding a body
 * with a schema, and narrowing the transport's error union to what one operation can fail with.
 */
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { KibanaDecodeError, KibanaUnexpectedStatus } from "../errors/KibanaError.js"
import type { KibanaRequestError, KibanaStatusError } from "../errors/KibanaError.js"

/** What decoding needs of an answer (a `KibanaResponse` is one), to name the request in a decode error. */
export interface DecodableAnswer {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly body: unknown
}

/** Decodes a response body with `schema`; a mismatch says which field and why. */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknown(schema, { errors: "all" })
  return (response: DecodableAnswer): Effect.Effect<A, KibanaDecodeError> =>
    decode(response.body).pipe(
      Effect.mapError((error) =>
        new KibanaDecodeError({
          method: response.method,
          path: response.path,
          status: response.status,
          issue: ParseResult.ArrayFormatter.formatErrorSync(error)
            .map((issue) => `${issue.path.length === 0 ? "body" : JSON.stringify(issue.path)}: ${issue.message}`)
            .join("; ")
        })
      )
    )
}

type StatusTag = KibanaStatusError["_tag"]

/**
 * Keeps the status errors an operation expects (`tags`) and turns any other 400/404/409 into
 * `KibanaUnexpectedStatus`, so each operation's error type lists exactly what it can fail with.
 */
export const expectErrors =
  <const Tags extends ReadonlyArray<StatusTag>>(...tags: Tags) =>
  <A, E extends KibanaRequestError, R>(
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<
    A,
    | Exclude<E, KibanaStatusError>
    | Extract<KibanaStatusError, { readonly _tag: Tags[number] }>
    | KibanaUnexpectedStatus,
    R
  > =>
    Effect.mapError(self, (error) => {
      const tag = error._tag as string
      const isStatusError = tag === "KibanaBadRequest" || tag === "KibanaNotFound" || tag === "KibanaConflict"
      if (!isStatusError || tags.includes(tag as StatusTag)) return error as any
      const { kibanaMessage, method, path, status } = error as unknown as KibanaStatusError
      return new KibanaUnexpectedStatus({ method, path, status, kibanaMessage })
    })
