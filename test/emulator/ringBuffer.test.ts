import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as RingBuffer from "../../src/emulator/RingBuffer.js"

describe("RingBuffer", () => {
  it.effect("keeps the most recent entries, oldest first, and can be cleared", () =>
    Effect.gen(function*() {
      const ring = yield* RingBuffer.make<number>(3)
      yield* ring.append(1)
      yield* ring.append(2)
      assert.deepStrictEqual(yield* ring.entries, [1, 2])
      for (const n of [3, 4, 5, 6, 7]) yield* ring.append(n)
      assert.deepStrictEqual(yield* ring.entries, [5, 6, 7])
      yield* ring.append(8)
      assert.deepStrictEqual(yield* ring.entries, [6, 7, 8])
      yield* ring.clear
      assert.deepStrictEqual(yield* ring.entries, [])
      yield* ring.append(9)
      assert.deepStrictEqual(yield* ring.entries, [9])
      for (const n of [10, 11, 12]) ring.unsafeAppend(n)
      assert.deepStrictEqual(yield* ring.entries, [10, 11, 12])
    }))
})
