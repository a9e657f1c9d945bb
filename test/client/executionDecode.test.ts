import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { decodeEnvelope, fastDecodeEnvelope } from "../../src/internal/execution.js"
import { ExecuteResponse } from "../../src/schemas/ConnectorExecution.js"
import { assertAgreesWithSchema, mostly as mostlyOf } from "../support/fastPath.js"

// The fast path of an execution's envelope must give exactly what the schema gives, or step aside; and
// stepping aside, a body too deep for the schema is refused before the schema recurses into it.

const json = fc.jsonValue({ maxDepth: 3 })
const field = fc.oneof(json, fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined))
const mostly = <A>(valid: fc.Arbitrary<A>) => mostlyOf(valid, field)
const envelope = fc.record({
  connector_id: mostly(fc.string()),
  status: mostly(fc.constantFrom("ok", "error")),
  message: mostly(fc.string()),
  service_message: mostly(fc.string()),
  data: json,
  retry: mostly(fc.oneof(fc.boolean(), fc.constant(null), fc.constant("2026-12-01T00:00:00.000Z"))),
  errorSource: mostly(fc.constantFrom("user", "framework")),
  extra: field
}, { requiredKeys: [] })

const nested = (depth: number): unknown => {
  let value: unknown = "leaf"
  for (let i = 0; i < depth; i++) value = { value }
  return value
}

describe("fastDecodeEnvelope", () => {
  it("decodes as the ExecuteResponse schema does, or leaves the body to it", () =>
    assertAgreesWithSchema({
      schema: ExecuteResponse,
      fast: fastDecodeEnvelope,
      bodies: fc.oneof(envelope, field),
      minAccepted: 200
    }))

  it.effect("a well-formed envelope keeps its data whole; a malformed deep one is refused, not recursed into", () =>
    Effect.gen(function*() {
      const answer = { method: "POST", path: "/api/actions/connector/c1/_execute", status: 200 }
      const deep = nested(10_000)
      const ok = yield* decodeEnvelope({ ...answer, body: { connector_id: "c1", status: "ok", data: deep } })
      assert.strictEqual(ok.data, deep)

      const error = yield* Effect.flip(decodeEnvelope({ ...answer, body: { connector_id: 1, data: deep } }))
      assert.strictEqual(error._tag, "KibanaDecodeError")
      assert.strictEqual(error.issue, "body: nested deeper than 256 levels")
      assert.strictEqual(error.path, answer.path)
    }))
})
