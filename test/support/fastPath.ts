/**
 * The property every fast decoder (a hand-written reader beside a response schema) must hold: over
 * generated bodies, whatever it decodes the schema decodes too, to the same value with its keys in the
 * same order; anything else it leaves to the schema.
 */
import { assert } from "@effect/vitest"
import { Either, FastCheck as fc, ParseResult, type Schema } from "effect"

/** `valid` most of the time, else `field`: mostly well-formed, so the fast path is exercised as well as refused. */
export const mostly = <A, B>(valid: fc.Arbitrary<A>, field: fc.Arbitrary<B>) =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: field, weight: 1 })

/**
 * Checks `fast` against `schema` over 3,000 bodies from `bodies` and fails unless it accepted more than
 * `minAccepted` of them. `plain` turns a decoded value into what is compared (a class instance's fields).
 */
export const assertAgreesWithSchema = <A, I>(options: {
  readonly schema: Schema.Schema<A, I>
  readonly fast: (body: unknown) => A | undefined
  readonly bodies: fc.Arbitrary<unknown>
  readonly minAccepted: number
  readonly plain?: (value: A) => unknown
}) => {
  const decode = ParseResult.decodeUnknownEither(options.schema, { errors: "all" })
  const plain = options.plain ?? ((value: A) => value)
  let accepted = 0
  fc.assert(
    fc.property(options.bodies, (body) => {
      const fast = options.fast(body)
      if (fast === undefined) return
      accepted++
      const slow = decode(body)
      assert.isTrue(Either.isRight(slow), "the fast path accepted what the schema refuses")
      const expected = (slow as Either.Right<never, A>).right
      assert.deepStrictEqual(Object.keys(fast as object), Object.keys(expected as object))
      assert.deepStrictEqual(plain(fast), plain(expected))
    }),
    { numRuns: 3000 }
  )
  assert.isAbove(accepted, options.minAccepted)
}
