// The pool of request bodies (src/internal/bodyPool.ts): a lease holds exactly the UTF-8 of its text,
// and keeps it while other bodies are encoded, until it is released; released buffers are reused
// within the pool's limits.
import { assert, describe, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { bodyPoolOf, makeBodyPool, withBodyPool } from "../../src/internal/bodyPool.js"
import type { BodyLease } from "../../src/internal/bodyPool.js"

const encoder = new TextEncoder()

// Texts of every kind: ASCII JSON, two-, three- and four-byte characters, lone surrogates (encoded as
// U+FFFD, as `TextEncoder` does), and lengths around the first buffer's size.
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom("a", "é", "日", "😀", "\uD800"), minLength: 3000, maxLength: 6000 })
)

/** Encode a text, or release the lease at `index` (modulo the leases held). */
const step = fc.oneof(
  text.map((text) => ({ _tag: "encode" as const, text })),
  fc.nat().map((index) => ({ _tag: "release" as const, index }))
)

describe("body pool", () => {
  it.prop(
    "a lease holds its text's UTF-8, unchanged by later leases, until released",
    [fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 4 })],
    ([steps, buffers]) => {
      const pool = makeBodyPool({ buffers, bufferBytes: 16_384 })
      const held: Array<{ readonly lease: BodyLease; readonly expected: Uint8Array }> = []
      for (const next of steps) {
        if (next._tag === "encode") {
          held.push({ lease: pool.encode(next.text), expected: encoder.encode(next.text) })
        } else if (held.length > 0) {
          held.splice(next.index % held.length, 1)[0]!.lease.release()
        }
        for (const { expected, lease } of held) assert.deepStrictEqual(lease.bytes, expected)
      }
    },
    { fastCheck: { numRuns: 200 } }
  )

  it("reuses a released buffer, and keeps no more than its limits", () => {
    const pool = makeBodyPool({ buffers: 1, bufferBytes: 1 << 20 })
    const first = pool.encode("x".repeat(10_000))
    first.release()
    first.release() // a second release gives nothing back twice
    const second = pool.encode("y".repeat(9_000))
    assert.strictEqual(second.bytes.buffer, first.bytes.buffer)
    const third = pool.encode("z".repeat(9_000)) // the only kept buffer is leased: a new one
    assert.notStrictEqual(third.bytes.buffer, second.bytes.buffer)
    second.release()
    third.release() // the pool is full: this one is left to the collector
    assert.strictEqual(pool.encode("w").bytes.buffer, second.bytes.buffer)

    const small = makeBodyPool({ buffers: 4, bufferBytes: 8192 })
    const large = small.encode("x".repeat(100_000))
    large.release() // larger than the pool keeps
    assert.notStrictEqual(small.encode("x".repeat(100_000)).bytes.buffer, large.bytes.buffer)
  })

  it("is found on the client it was attached to, not on a copy of it", () => {
    const pool = makeBodyPool()
    const client = withBodyPool({ request: () => "lean" }, pool)
    assert.strictEqual(bodyPoolOf(client), pool)
    assert.isUndefined(bodyPoolOf({ ...client, request: () => "elsewhere" }))
    assert.isUndefined(bodyPoolOf({}))
  })
})
