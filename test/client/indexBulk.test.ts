// The one-pass decoder of `.index` bulk answers against the schema it stands in for: whatever it accepts,
// the schema accepts and decodes to the same value; a well-formed answer is always taken by the one pass.
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { readIndexBulk } from "../../src/internal/indexBulk.js"
import { IndexBulkResponse } from "../../src/schemas/ConnectorExecution.js"

const numRuns = Number(process.env.PROPERTY_RUNS ?? 200)
const decode = Schema.decodeUnknownEither(IndexBulkResponse)
const wellFormed = Arbitrary.make(Schema.encodedSchema(IndexBulkResponse))

// Answers near the right shape: fields missing, of the wrong type, or extra.
const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined))
const nearItem = fc.oneof(
  fc.record({
    create: fc.oneof(
      fc.record(
        { _index: field, _id: field, status: field, result: field, _version: field, _shards: fc.object() },
        { requiredKeys: [] }
      ),
      fc.constant([]),
      field
    )
  }, { requiredKeys: [] }),
  field
)
const nearAnswer = fc.record({
  errors: field,
  took: field,
  items: fc.oneof(fc.array(nearItem, { maxLength: 5 }), field)
}, { requiredKeys: [] })

describe("readIndexBulk", () => {
  it.prop("takes every well-formed answer, decoded as the schema decodes it", [wellFormed], ([answer]) => {
    const read = readIndexBulk(answer)
    assert.isDefined(read)
    assert.deepStrictEqual(read, Either.getOrThrow(decode(answer)))
  }, { fastCheck: { numRuns } })

  it.prop("accepts nothing the schema refuses, and decodes alike", [nearAnswer], ([answer]) => {
    const read = readIndexBulk(answer)
    const decoded = decode(answer)
    if (read !== undefined) {
      assert.isTrue(Either.isRight(decoded))
      assert.deepStrictEqual(read, Either.getOrThrow(decoded))
    }
  }, { fastCheck: { numRuns } })

  it("is an IndexBulkResponse with Kibana's field names mapped", () => {
    const read = readIndexBulk({
      errors: false,
      took: 3,
      items: [{ create: { _index: "logs", _id: "a1", _version: 1, result: "created", status: 201, _seq_no: 0 } }]
    })
    assert.instanceOf(read, IndexBulkResponse)
    assert.deepStrictEqual(read?.items, [{
      create: { index: "logs", id: "a1", version: 1, result: "created", status: 201 }
    }])
  })
})
