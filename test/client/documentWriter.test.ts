// The document writer against the in-process emulator: batching by count and bytes, progress, the
// summary, and what is (and is not) sent again when a batch fails.
import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck, Fiber, Layer, Stream, TestClock } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import type { ConnectorId } from "../../src/schemas/Connector.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as DocumentWriter from "../../src/services/DocumentWriter.js"
import { KibanaTest } from "../../src/testing.js"

const testLayer = DocumentWriter.layer.pipe(Layer.provideMerge(KibanaTest.layer()))

const indexConnector = (index: string) =>
  Effect.flatMap(
    Connectors.Connectors,
    (connectors) => connectors.create({ connectorTypeId: ".index", name: index, config: { index } })
  )

const documents = (count: number) => Stream.range(0, count - 1).pipe(Stream.map((n) => ({ n, message: `event ${n}` })))

const executeRequests = Effect.map(
  KibanaEmulator,
  (emulator) => Effect.map(emulator.requestLog, (log) => log.filter((entry) => entry.path.endsWith("/_execute")).length)
)

describe("DocumentWriter", () => {
  it.effect("writes a stream in batches of at most batchSize, reporting progress after each", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("events")
      const seen: Array<DocumentWriter.WriteProgress> = []
      const summary = yield* DocumentWriter.write(id, documents(1234), {
        batchSize: 100,
        concurrency: 3,
        onProgress: (progress) => Effect.sync(() => seen.push(progress))
      })
      assert.deepStrictEqual(summary, {
        documents: 1234,
        written: 1234,
        batches: 13,
        failedBatches: 0,
        failedDocuments: 0,
        resent: 0,
        failures: []
      })
      assert.strictEqual(seen.length, 13)
      assert.deepStrictEqual(seen.map((p) => p.batches), Array.from({ length: 13 }, (_, i) => i + 1))
      const stored = yield* (yield* KibanaEmulator).documents("events")
      assert.strictEqual(stored.length, 1234)
      assert.deepStrictEqual(new Set(stored.map((d) => d.source["n"])).size, 1234)
    }).pipe(Effect.provide(testLayer)))

  it.effect("has at most `concurrency` batches in flight", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("paced")
      yield* (yield* KibanaEmulator).setFaults([{
        fault: { _tag: "Latency", delay: "1 second" },
        method: "POST",
        path: "/api/actions/connector/{id}/_execute"
      }])
      const writing = yield* Effect.fork(DocumentWriter.write(id, documents(10), { batchSize: 1, concurrency: 3 }))
      const answered: Array<number> = []
      for (let second = 1; second <= 4; second++) {
        yield* TestClock.adjust("1 second")
        answered.push(yield* yield* executeRequests)
      }
      assert.deepStrictEqual(answered, [3, 6, 9, 10])
      assert.strictEqual((yield* Fiber.join(writing)).written, 10)
    }).pipe(Effect.provide(testLayer)))

  it.effect("cuts batches by bytes too, and takes a plain iterable", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("sized")
      const doc = { payload: "x".repeat(90) } // 104 bytes of JSON, 105 with its comma
      const summary = yield* DocumentWriter.write(id, Array.from({ length: 10 }, () => doc), {
        batchSize: 100,
        batchBytes: 350
      })
      assert.strictEqual(summary.written, 10)
      assert.strictEqual(summary.batches, 4) // 3 + 3 + 3 + 1
      assert.strictEqual(yield* yield* executeRequests, 4)
    }).pipe(Effect.provide(testLayer)))

  it.effect("works as a Sink", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("sunk")
      const writer = yield* DocumentWriter.DocumentWriter
      const summary = yield* Stream.run(documents(250), writer.sink(id, { batchSize: 60, concurrency: 2 }))
      assert.strictEqual(summary.written, 250)
      assert.strictEqual(summary.batches, 5)
      assert.strictEqual((yield* (yield* KibanaEmulator).documents("sunk")).length, 250)
    }).pipe(Effect.provide(testLayer)))

  it.effect("reports a batch the connector failed with Kibana's reason, and goes on", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("Not A Valid Index")
      const summary = yield* DocumentWriter.write(id, documents(30), { batchSize: 10, keepFailures: 2 })
      assert.strictEqual(summary.written, 0)
      assert.strictEqual(summary.failedBatches, 3)
      assert.strictEqual(summary.failedDocuments, 30)
      assert.strictEqual(summary.failures.length, 2)
      const [first] = summary.failures
      assert.strictEqual(first!.outcome, "Failed")
      assert.strictEqual(first!.error, "KibanaExecutionError")
      assert.strictEqual(first!.documents, 10)
      assert.include(first!.reason, "error indexing documents: Invalid index name [Not A Valid Index]")
    }).pipe(Effect.provide(testLayer)))

  it.effect("by default never sends again a batch whose outcome is unknown", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("once")
      const emulator = yield* KibanaEmulator
      yield* emulator.addFault({ fault: { _tag: "Drop" }, path: "/api/actions/connector/{id}/_execute", times: 1 })
      const summary = yield* DocumentWriter.write(id, documents(50), { batchSize: 10, concurrency: 1 })
      assert.strictEqual(summary.written, 40)
      assert.strictEqual(summary.resent, 0)
      assert.deepStrictEqual(summary.failures.map((f) => [f.batch, f.firstDocument, f.outcome, f.error]), [
        [0, 0, "Unknown", "KibanaUnknownOutcome"]
      ])
      assert.strictEqual(yield* yield* executeRequests, 5)
    }).pipe(Effect.provide(testLayer)))

  it.effect("reports a batch Kibana refused before its handler as not delivered", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("busy")
      const emulator = yield* KibanaEmulator
      yield* emulator.addFault({
        fault: { _tag: "Status", status: 429 },
        path: "/api/actions/connector/{id}/_execute",
        times: 1
      })
      const summary = yield* DocumentWriter.write(id, documents(20), { batchSize: 10, concurrency: 1 })
      assert.strictEqual(summary.written, 10)
      assert.deepStrictEqual(summary.failures.map((f) => [f.outcome, f.error]), [[
        "NotDelivered",
        "KibanaTooManyRequests"
      ]])
    }).pipe(Effect.provide(testLayer)))

  it.live("with at-least-once delivery resends a batch whose outcome is unknown", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("again")
      const emulator = yield* KibanaEmulator
      yield* emulator.addFault({
        fault: { _tag: "Status", status: 502 },
        path: "/api/actions/connector/{id}/_execute",
        times: 2
      })
      const summary = yield* DocumentWriter.write(id, documents(30), {
        batchSize: 10,
        concurrency: 1,
        delivery: "at-least-once",
        resendDelay: "1 millis"
      })
      assert.strictEqual(summary.written, 30)
      assert.strictEqual(summary.resent, 2)
      assert.strictEqual(summary.failedBatches, 0)
      assert.strictEqual(yield* yield* executeRequests, 5)
    }).pipe(Effect.provide(testLayer)))

  it.effect("stops at an error every batch would meet: the connector does not exist", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(DocumentWriter.write("missing" as ConnectorId, documents(30), { batchSize: 10 }))
      assert.strictEqual(error._tag, "KibanaNotFound")
    }).pipe(Effect.provide(testLayer)))

  it.effect("a document that cannot be JSON fails the write before it is sent", () =>
    Effect.gen(function*() {
      const { id } = yield* indexConnector("bigint")
      const error = yield* Effect.flip(DocumentWriter.write(id, [{ ok: 1 }, { count: 1n }], { batchSize: 10 }))
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.strictEqual(error._tag === "KibanaInputError" && error.field, "documents[1]")
      assert.strictEqual(yield* yield* executeRequests, 0)
    }).pipe(Effect.provide(testLayer)))
})

// Documents of any size (multi-byte characters included) under any count and byte limits: everything is
// written once, in order, and every batch is as full as the limits allow and no fuller.
describe("DocumentWriter batches, for any documents and limits", () => {
  const anyDocuments = FastCheck.array(
    FastCheck.record({
      // one to four bytes per character in UTF-8
      text: FastCheck.string({ unit: FastCheck.constantFrom("a", "é", "語", "😀", "\n"), maxLength: 60 }),
      n: FastCheck.integer()
    }),
    { maxLength: 40 }
  )
  const bodyBytes = (documents: ReadonlyArray<unknown>) => Buffer.byteLength(JSON.stringify({ params: { documents } }))

  it.effect.prop(
    "writes each document once, in order, in batches cut by count and by bytes",
    [anyDocuments, FastCheck.integer({ min: 1, max: 12 }), FastCheck.integer({ min: 40, max: 1500 })],
    ([docs, batchSize, batchBytes]) =>
      Effect.gen(function*() {
        const index = `prop-${crypto.randomUUID()}`
        const { id } = yield* indexConnector(index)
        const sizes: Array<number> = []
        const summary = yield* DocumentWriter.write(id, docs, {
          batchSize,
          batchBytes,
          concurrency: 1,
          onProgress: (progress) => Effect.sync(() => sizes.push(progress.documents - sizes.reduce((a, b) => a + b, 0)))
        })
        assert.strictEqual(summary.written, docs.length)
        assert.strictEqual(summary.failedBatches, 0)
        const stored = yield* (yield* KibanaEmulator).documents(index)
        assert.deepStrictEqual(stored.map((entry) => entry.source), docs)
        let first = 0
        for (const size of sizes) {
          const batch = docs.slice(first, first + size)
          assert.isAtMost(batch.length, batchSize)
          if (batch.length > 1) assert.isAtMost(bodyBytes(batch), batchBytes)
          const next = docs[first + size]
          // full: the next document would have broken a limit
          if (next !== undefined && batch.length < batchSize) assert.isAbove(bodyBytes([...batch, next]), batchBytes)
          first += size
        }
        assert.strictEqual(first, docs.length)
      }).pipe(Effect.provide(testLayer)),
    { fastCheck: { numRuns: 100 } }
  )
})
