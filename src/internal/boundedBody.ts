/**
 * Reads an answer's body up to a size limit. Past it the stream is cancelled rather than drained, so a
 * runaway answer (a proxy's error page, a misrouted download) costs at most the limit in memory.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** The body was larger than the limit; nothing past the limit was kept. */
export interface TooLarge {
  readonly _tag: "TooLarge"
}

const tooLarge: TooLarge = { _tag: "TooLarge" }

/** The body as UTF-8 text, or `TooLarge` when it has (or declares) more than `maxBytes` bytes. */
export const readBoundedText = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<string, HttpClientError.ResponseError | TooLarge> =>
  Effect.suspend(() => {
    const declared = Number(response.headers["content-length"])
    if (Number.isFinite(declared) && declared > maxBytes) return Effect.fail(tooLarge)
    const chunks: Array<Uint8Array> = []
    let size = 0
    // A response without a body (204) has no stream at all.
    const body = Stream.catchAll(
      response.stream,
      (error) => error.reason === "EmptyBody" ? Stream.empty : Stream.fail(error)
    )
    return body.pipe(
      Stream.runForEachWhile((chunk) =>
        Effect.sync(() => {
          size += chunk.length
          if (size > maxBytes) return false
          chunks.push(chunk)
          return true
        })
      ),
      Effect.flatMap(() =>
        size > maxBytes ? Effect.fail(tooLarge) : Effect.succeed(Buffer.concat(chunks, size).toString("utf8"))
      )
    )
  })
