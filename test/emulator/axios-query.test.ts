// axios' params serializer, as the emulator's SentinelOne and Defender executors send query strings: what
// a server parses back is exactly the non-null params, whatever characters they hold.
import { assert, describe, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { axiosQueryString } from "../../src/emulator/connectorTypes/axiosQuery.js"

const numRuns = Number(process.env.PROPERTY_RUNS ?? 50)

describe("axiosQueryString", () => {
  it.prop(
    "a server parses back every non-null value, and nothing else",
    [fc.dictionary(fc.string({ minLength: 1 }), fc.option(fc.string(), { nil: null }))],
    ([params]) => {
      const parsed = new URLSearchParams(axiosQueryString(params))
      const expected = Object.entries(params).filter(([, value]) => value !== null)
      assert.deepStrictEqual([...parsed.entries()], expected)
    },
    { fastCheck: { numRuns } }
  )

  it.prop(
    "arrays repeat their key with `[]`",
    [fc.array(fc.string(), { minLength: 1, maxLength: 5 })],
    ([values]) => {
      const parsed = new URLSearchParams(axiosQueryString({ alertIds: values }))
      assert.deepStrictEqual(parsed.getAll("alertIds[]"), values)
    },
    { fastCheck: { numRuns } }
  )
})
