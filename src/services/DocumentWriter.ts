/**
 * Writing documents at volume through an `.index` connector: a `Stream` (or any iterable) of
 * documents is cut into batches by count and by bytes, sent with bounded concurrency (the stream is
 * pulled only as fast as Kibana takes batches), and accounted for in a summary.
 *
 * Delivery. Kibana's `.index` executor takes no document ids, and reports a batch as failed when any
 * document in it fails while the others stay written. So a resent batch duplicates documents. By
 * default a batch is sent until it provably reached Kibana and never again: the client repeats only
 * what Kibana refused before its handler ran (429, 503, a refused connection). A batch whose outcome is
 * unknown (a timeout, a reset connection, a 5xx) is reported as failed. `delivery: "at-least-once"`
 * resends those too, accepting duplicates.
 *
 * ```ts
 * const summary = yield* DocumentWriter.write(connector.id, Stream.fromIterable(events), {
 *   batchSize: 500,
 *   concurrency: 4,
 *   onProgress: (progress) => Console.log(`${progress.written} written`)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Sink from "effect/Sink"
import * as Stream from "effect/Stream"
import * as Take from "effect/Take"
import type { KibanaExecutionError } from "../errors/KibanaError.js"
import { KibanaDecodeError, KibanaInputError } from "../errors/KibanaError.js"
import type {
  KibanaBadRequest,
  KibanaCommonError,
  KibanaNotFound,
  KibanaRequestError,
  KibanaSpaceNotFound
} from "../errors/KibanaError.js"
import { type BodyLease, bodyPoolOf } from "../internal/bodyPool.js"
import { decodeEnvelope, executionError } from "../internal/execution.js"
import { expectErrors } from "../internal/operation.js"
import { connectorPath } from "../internal/paths.js"
import { documentsWritten } from "../internal/telemetry.js"
import type { ConnectorId, JsonObject } from "../schemas/Connector.js"
import { KibanaClient } from "./KibanaClient.js"
import type { KibanaResponse } from "./KibanaClient.js"

/**
 * Options of a write.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteOptions {
  /** Most documents per batch (default 500). */
  readonly batchSize?: number | undefined
  /**
   * Most bytes of JSON per batch (default 900 KiB, under Kibana's default 1 MiB `maxPayload`). A single
   * document larger than this is sent alone, and Kibana rejects it (413).
   */
  readonly batchBytes?: number | undefined
  /** Batches in flight at once (default 4). */
  readonly concurrency?: number | undefined
  /**
   * `at-most-once` (default): a batch that may have reached Kibana is never sent again.
   * `at-least-once`: a batch whose outcome is unknown is resent, up to `resends` times; it may then be
   * stored twice.
   */
  readonly delivery?: "at-most-once" | "at-least-once" | undefined
  /** Resends per batch with `delivery: "at-least-once"` (default 3). */
  readonly resends?: number | undefined
  /** First wait before a resend, doubled each time (default 500 ms). */
  readonly resendDelay?: Duration.DurationInput | undefined
  /** How many failed batches the summary describes (default 100); the counts cover all of them. */
  readonly keepFailures?: number | undefined
  /** Called after each batch with the totals so far. */
  readonly onProgress?: ((progress: WriteProgress) => Effect.Effect<void>) | undefined
}

/**
 * The totals of a write so far.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteProgress {
  /** Documents taken from the source and sent (or given up on). */
  readonly documents: number
  /** Documents Kibana confirmed as written. */
  readonly written: number
  readonly batches: number
  readonly failedBatches: number
  /** Documents in failed batches (some may be stored: see `FailedBatch.outcome`). */
  readonly failedDocuments: number
  /** Batches sent again with `delivery: "at-least-once"`. */
  readonly resent: number
}

/**
 * What is known about a failed batch's documents:
 * - `Failed`: the connector ran and reported a failure; documents that did not fail themselves are stored;
 * - `Rejected`: Kibana refused the request (400, 413, ...); none are stored;
 * - `NotDelivered`: the request provably never reached Kibana's handler (429, 503, refused connection);
 * - `Unknown`: no answer (timeout, reset connection, 5xx); they may or may not be stored.
 *
 * @since 0.1.0
 * @category models
 */
export type BatchOutcome = "Failed" | "Rejected" | "NotDelivered" | "Unknown"

/**
 * A batch that was not written, and why.
 *
 * @since 0.1.0
 * @category models
 */
export interface FailedBatch {
  /** Position of the batch in the write, from 0. */
  readonly batch: number
  /** Position of its first document in the source, from 0. */
  readonly firstDocument: number
  readonly documents: number
  readonly outcome: BatchOutcome
  /** The error's tag, e.g. `KibanaExecutionError` or `KibanaTimeout`. */
  readonly error: string
  /** Kibana's reason (for the `.index` connector, the joined item failures), at most 2,000 characters. */
  readonly reason: string
}

/**
 * The result of a write.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteSummary extends WriteProgress {
  /** The first `keepFailures` failed batches. */
  readonly failures: ReadonlyArray<FailedBatch>
}

/**
 * Errors that end a write: the connector, the space or the credentials are unusable, so every further
 * batch would fail the same way. Everything else fails one batch and is reported in the summary.
 *
 * @since 0.1.0
 * @category errors
 */
export type WriteError =
  | KibanaNotFound
  | KibanaSpaceNotFound
  | Extract<
    KibanaCommonError,
    { readonly _tag: "KibanaUnauthorized" | "KibanaForbidden" | "KibanaWrongServer" | "KibanaInputError" }
  >

/**
 * The document writer service.
 *
 * @since 0.1.0
 * @category tags
 */
export class DocumentWriter extends Context.Tag("effect-kibana/DocumentWriter")<
  DocumentWriter,
  DocumentWriter.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace DocumentWriter {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** Writes every document of `documents` through the `.index` connector `connectorId`. */
    readonly write: <E = never, R = never>(
      connectorId: ConnectorId,
      documents: Stream.Stream<JsonObject, E, R> | Iterable<JsonObject>,
      options?: WriteOptions
    ) => Effect.Effect<WriteSummary, WriteError | E, R>
    /** The same write as a `Sink`: run a stream into it to get the summary. */
    readonly sink: (
      connectorId: ConnectorId,
      options?: WriteOptions
    ) => Sink.Sink<WriteSummary, JsonObject, never, WriteError>
  }
}

type SendError = KibanaExecutionError | KibanaBadRequest | KibanaNotFound | KibanaRequestError

/** One batch: the request body and where its documents sit in the source. */
interface Batch {
  readonly batch: number
  readonly firstDocument: number
  readonly documents: number
  /**
   * UTF-8 JSON, encoded once (the text it was made from dies young), into memory the client lends when
   * its transport allows (`internal/bodyPool.ts`). Released once the batch is settled.
   */
  readonly body: BodyLease
}

const fatalTags = new Set([
  "KibanaNotFound",
  "KibanaSpaceNotFound",
  "KibanaUnauthorized",
  "KibanaForbidden",
  "KibanaWrongServer",
  "KibanaInputError"
])

const isFatal = (error: SendError): error is WriteError => fatalTags.has(error._tag)

/**
 * What a batch's failure says about its documents; see `BatchOutcome`.
 *
 * @since 0.1.0
 * @category models
 */
export const batchOutcome = (error: SendError): BatchOutcome => {
  switch (error._tag) {
    case "KibanaExecutionError":
      return "Failed"
    case "KibanaTooManyRequests":
      return "NotDelivered"
    case "KibanaServerError":
      return error.status === 503 ? "NotDelivered" : "Unknown"
    case "KibanaTransportError":
      return error.reason === "ConnectionRefused" || error.reason === "DnsLookup" || error.reason === "InvalidUrl"
        ? "NotDelivered"
        : "Unknown"
    case "KibanaTimeout":
    case "KibanaDecodeError":
    case "KibanaUnknownOutcome":
      return "Unknown"
    default:
      return "Rejected"
  }
}

const reasonOf = (error: SendError): string => {
  const reason = error._tag === "KibanaExecutionError"
    ? error.serviceMessage === undefined ? error.message : `${error.message}: ${error.serviceMessage}`
    : error.message
  return reason.length > 2000 ? `${reason.slice(0, 2000)}...` : reason
}

/**
 * Reads an `.index` answer without decoding its items: a successful bulk answer is only counted.
 * A `status: "error"` answer becomes `KibanaExecutionError`.
 */
const countWritten = (
  response: KibanaResponse
): Effect.Effect<number, KibanaExecutionError | KibanaDecodeError> => {
  const body = response.body as { status?: unknown; data?: { items?: unknown } } | undefined
  if (body?.status === "ok" && Array.isArray(body.data?.items)) return Effect.succeed(body.data.items.length)
  if (body?.status === "error") {
    return Effect.flatMap(decodeEnvelope(response), (result) => Effect.fail(executionError(result)))
  }
  return Effect.fail(
    new KibanaDecodeError({
      method: response.method,
      path: response.path,
      status: response.status,
      issue: "expected an `.index` execution result with `status` and `data.items`"
    })
  )
}

/** The document's JSON text, or why it has none (a BigInt, a cycle). */
const serialize = (document: JsonObject, position: number): string | KibanaInputError => {
  try {
    return JSON.stringify(document)
  } catch (error) {
    return new KibanaInputError({
      operation: "DocumentWriter.write",
      field: `documents[${position}]`,
      reason: `cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`
    })
  }
}

const bodyOf = (json: ReadonlyArray<string>) => `{"params":{"documents":[${json.join(",")}]}}`

/** Fresh memory, for a client without a pool: nothing to give back. */
const freshBody = (text: string): BodyLease => ({ bytes: Buffer.from(text, "utf8"), release: () => {} })

/**
 * Cuts the next batch of at most `size` documents and `bytes` bytes of body from `source`, on demand: a
 * worker takes its batch when it is free to send it, so a body never waits in a queue. (Bodies built
 * ahead outlived two young-generation collections and were promoted: measured, that doubled the heap's
 * growth over a long write.) Only the upstream chunk being cut is held, so memory does not grow with the
 * stream. `undefined` once the source is exhausted.
 *
 * A batch is serialized whole, in one `JSON.stringify`; only a batch over `bytes` (or one that cannot
 * be serialized) is serialized document by document, to cut it exactly and to name the document at
 * fault. Per-document serialization of every batch cost a third more CPU and garbage per document.
 * Once a batch was cut by bytes, the next ones are serialized document by document straight away (large
 * documents would otherwise be serialized twice), until one is cut by count again.
 */
const batcher = <E, R>(
  source: Stream.Stream<JsonObject, E, R>,
  size: number,
  bytes: number,
  encode: (text: string) => BodyLease
): Effect.Effect<Effect.Effect<Batch | undefined, E | KibanaInputError, R>, never, Scope.Scope | R> =>
  Effect.map(Stream.toPull(source), (pull) => {
    // A copy of the upstream chunk, each slot cleared once its document is taken: a document then lives
    // only until its batch is serialized, not until the whole chunk is.
    let pending: Array<JsonObject | undefined> = []
    let index = 0
    let ended = false
    let batch = 0
    let seen = 0
    // documents taken for the previous batch that did not fit its bytes
    let carried: Array<JsonObject> = []
    let cutByBytes = false

    const more: Effect.Effect<void, E, R> = Effect.matchEffect(pull, {
      onFailure: Option.match({ onNone: () => Effect.sync(() => void (ended = true)), onSome: Effect.fail }),
      onSuccess: (chunk) =>
        Effect.sync(() => {
          pending = Chunk.toArray(chunk)
          index = 0
        })
    })

    const cut = (documents: ReadonlyArray<JsonObject>, body: BodyLease): Batch => {
      const full = { batch: batch++, firstDocument: seen, documents: documents.length, body }
      seen += documents.length
      return full
    }

    // Document by document: the longest prefix that fits (at least one document), the rest carried over.
    const cutExactly = (documents: ReadonlyArray<JsonObject>): Batch | KibanaInputError => {
      const json: Array<string> = []
      let used = bodyOf([]).length
      for (const document of documents) {
        const text = serialize(document, seen + json.length)
        if (typeof text !== "string") return text
        const length = Buffer.byteLength(text) + (json.length > 0 ? 1 : 0) // a comma before all but the first
        if (json.length > 0 && used + length > bytes) break
        json.push(text)
        used += length
      }
      carried = documents.slice(json.length)
      cutByBytes = carried.length > 0
      return cut(documents.slice(0, json.length), encode(bodyOf(json)))
    }

    const toBatch = (documents: ReadonlyArray<JsonObject>): Batch | KibanaInputError => {
      if (cutByBytes) return cutExactly(documents)
      let body: BodyLease
      try {
        body = encode(JSON.stringify({ params: { documents } }))
      } catch {
        return cutExactly(documents)
      }
      if (body.bytes.length <= bytes) return cut(documents, body)
      body.release()
      return cutExactly(documents)
    }

    return Effect.suspend(() => {
      const documents = carried
      carried = []
      const fill: Effect.Effect<Batch | undefined, E | KibanaInputError, R> = Effect.suspend(() => {
        while (documents.length < size && index < pending.length) {
          documents.push(pending[index]!)
          pending[index++] = undefined
        }
        if (documents.length < size && !ended) return Effect.zipRight(more, fill)
        if (documents.length === 0) return Effect.succeed(undefined)
        const next = toBatch(documents)
        return next instanceof KibanaInputError ? Effect.fail(next) : Effect.succeed(next)
      })
      return fill
    })
  })

/**
 * Runs `send` on batches from `next` with at most `concurrency` in flight, until `next` has none; the
 * first failure stops every worker. Workers rather than `Stream.mapEffect`, which cost about a
 * millisecond of CPU per element (profiled), more than sending the batch.
 */
const inWorkers = <E, R, E2>(
  next: Effect.Effect<Batch | undefined, E, R>,
  concurrency: number,
  send: (batch: Batch) => Effect.Effect<void, E2>
): Effect.Effect<void, E | E2, R> =>
  Effect.flatMap(Effect.makeSemaphore(1), (cutting) => {
    const take = cutting.withPermits(1)(next)
    const worker: Effect.Effect<void, E | E2, R> = Effect.flatMap(
      take,
      (batch) => batch === undefined ? Effect.void : Effect.zipRight(send(batch), worker)
    )
    return Effect.all(Array.from({ length: concurrency }, () => worker), { concurrency, discard: true })
  })

/**
 * Builds the writer over the Kibana client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<DocumentWriter.Service, never, KibanaClient> = Effect.gen(function*() {
  const kibana = yield* KibanaClient
  const pool = bodyPoolOf(kibana)
  const encode = pool === undefined ? freshBody : pool.encode

  const send = (path: `/${string}`, body: Uint8Array): Effect.Effect<number, SendError> =>
    kibana.request({
      method: "POST",
      path,
      bodyBytes: body,
      operation: "DocumentWriter.batch",
      connectorType: ".index"
    }).pipe(
      expectErrors("KibanaBadRequest", "KibanaNotFound", "KibanaUnknownOutcome"),
      Effect.flatMap(countWritten)
    )

  const write = <E = never, R = never>(
    connectorId: ConnectorId,
    documents: Stream.Stream<JsonObject, E, R> | Iterable<JsonObject>,
    options: WriteOptions = {}
  ): Effect.Effect<WriteSummary, WriteError | E, R> =>
    Effect.gen(function*() {
      const path = `${yield* connectorPath("DocumentWriter.write", connectorId)}/_execute` as const
      const size = Math.max(1, Math.floor(options.batchSize ?? 500))
      const bytes = Math.max(1, Math.floor(options.batchBytes ?? 900 * 1024))
      const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4))
      const keep = Math.max(0, Math.floor(options.keepFailures ?? 100))
      const resends = options.delivery === "at-least-once" ? Math.max(0, Math.floor(options.resends ?? 3)) : 0
      const resendSchedule = Schedule.exponential(options.resendDelay ?? Duration.millis(500)).pipe(
        Schedule.intersect(Schedule.recurs(resends))
      )

      const progress = { documents: 0, written: 0, batches: 0, failedBatches: 0, failedDocuments: 0, resent: 0 }
      const failures: Array<FailedBatch> = []

      const attempt = (body: Uint8Array): Effect.Effect<number, SendError> =>
        resends === 0 ? send(path, body) : send(path, body).pipe(
          Effect.retry({
            schedule: Schedule.tapInput(resendSchedule, () => Effect.sync(() => progress.resent++)),
            while: (error: SendError) => {
              const outcome = batchOutcome(error)
              return outcome === "Unknown" || outcome === "NotDelivered"
            }
          })
        )

      // The summary needs the batch's place and size; only the send (and its resends) needs the body.
      const settle = ({ body, ...batch }: Batch) =>
        attempt(body.bytes).pipe(
          Effect.ensuring(Effect.sync(body.release)),
          Effect.either,
          Effect.flatMap((result) => {
            progress.documents += batch.documents
            progress.batches++
            if (result._tag === "Right") {
              progress.written += result.right
              return documentsWritten(result.right)
            }
            const error = result.left
            if (isFatal(error)) return Effect.fail(error)
            progress.failedBatches++
            progress.failedDocuments += batch.documents
            if (failures.length < keep) {
              failures.push({
                batch: batch.batch,
                firstDocument: batch.firstDocument,
                documents: batch.documents,
                outcome: batchOutcome(error),
                error: error._tag,
                reason: reasonOf(error)
              })
            }
            return Effect.void
          }),
          Effect.zipRight(Effect.suspend(() => options.onProgress?.({ ...progress }) ?? Effect.void))
        )

      const source = Stream.StreamTypeId in documents ? documents : Stream.fromIterable(documents)
      const batches = batcher(source, size, bytes, encode)
      yield* Effect.scoped(Effect.flatMap(batches, (next) => inWorkers(next, concurrency, settle)))
      return { ...progress, failures: [...failures] }
    }).pipe(Effect.withSpan("DocumentWriter.write", { captureStackTrace: false }))

  const sink = (
    connectorId: ConnectorId,
    options?: WriteOptions
  ): Sink.Sink<WriteSummary, JsonObject, never, WriteError> =>
    Sink.unwrapScoped(Effect.gen(function*() {
      // The sink feeds a bounded queue that `write` drains: the upstream waits when batches back up.
      const queue = yield* Queue.bounded<Take.Take<JsonObject>>(16)
      const writer = yield* write(connectorId, Stream.flattenTake(Stream.fromQueue(queue)), options).pipe(
        Effect.ensuring(Queue.shutdown(queue)),
        Effect.forkScoped
      )
      // Once the writer stopped (a fatal error), offering fails: report the writer's error instead.
      const offer = (take: Take.Take<JsonObject>) =>
        Queue.offer(queue, take).pipe(Effect.catchAllCause(() => Effect.asVoid(Fiber.join(writer))))
      return Sink.forEachChunk((chunk: Chunk.Chunk<JsonObject>) => offer(Take.chunk(chunk))).pipe(
        Sink.mapEffect(() => Effect.zipRight(offer(Take.end), Fiber.join(writer)))
      )
    }))

  return DocumentWriter.of({ write, sink })
})

/**
 * The document writer over the `KibanaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<DocumentWriter, never, KibanaClient> = Layer.effect(DocumentWriter, make)

/**
 * Writes `documents` with the `DocumentWriter` in context; see `DocumentWriter.Service.write`.
 *
 * @since 0.1.0
 * @category accessors
 */
export const write = <E = never, R = never>(
  connectorId: ConnectorId,
  documents: Stream.Stream<JsonObject, E, R> | Iterable<JsonObject>,
  options?: WriteOptions
): Effect.Effect<WriteSummary, WriteError | E, R | DocumentWriter> =>
  Effect.flatMap(DocumentWriter, (writer) => writer.write(connectorId, documents, options))
