import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck as fc, ParseResult } from "effect"
import { fastDecodeConnector } from "../../src/internal/connectorDecode.js"
import { Connector } from "../../src/schemas/Connector.js"
import { assertAgreesWithSchema, mostly as mostlyOf } from "../support/fastPath.js"

// The fast path of the connector decode must give exactly what the schema gives, or step aside.

const decode = ParseResult.decodeUnknownEither(Connector, { errors: "all" })

const json = fc.jsonValue({ maxDepth: 3 })
const field = fc.oneof(json, fc.string(), fc.boolean(), fc.integer(), fc.constant(""), fc.constant(undefined))
const config = fc.oneof(
  { arbitrary: fc.dictionary(fc.oneof(fc.string(), fc.constant("__proto__")), json, { maxKeys: 4 }), weight: 6 },
  field,
  fc.array(json, { maxLength: 2 })
)
const mostly = <A>(valid: fc.Arbitrary<A>) => mostlyOf(valid, field)
const connector = fc.record({
  id: mostly(fc.string()),
  name: mostly(fc.string()),
  connector_type_id: mostly(fc.constant(".index")),
  is_preconfigured: mostly(fc.boolean()),
  is_deprecated: mostly(fc.boolean()),
  is_system_action: mostly(fc.boolean()),
  is_missing_secrets: mostly(fc.boolean()),
  is_connector_type_deprecated: mostly(fc.boolean()),
  auth_mode: mostly(fc.string()),
  referenced_by_count: mostly(fc.integer()),
  config,
  extra: field
}, { requiredKeys: [] })

describe("fastDecodeConnector", () => {
  it("decodes as the Connector schema does, or leaves the body to it", () =>
    assertAgreesWithSchema({
      schema: Connector,
      fast: (body) => {
        const fast = fastDecodeConnector(body)
        if (fast !== undefined) assert.instanceOf(fast, Connector)
        return fast
      },
      bodies: fc.oneof(connector, field),
      minAccepted: 50,
      plain: (value) => ({ ...value })
    }))

  it("takes the usual answers of the emulator", () => {
    const body = {
      id: "c1",
      name: "alerts",
      config: { index: "alerts", refresh: false, executionTimeField: null },
      connector_type_id: ".index",
      is_preconfigured: false,
      is_deprecated: false,
      is_missing_secrets: false,
      is_system_action: false,
      is_connector_type_deprecated: false
    }
    const fast = fastDecodeConnector(body)
    assert.isDefined(fast)
    assert.deepStrictEqual({ ...fast }, { ...Either.getOrThrow(decode(body)) })
    assert.isDefined(fastDecodeConnector({ id: "p", name: "pre", connector_type_id: ".index", is_preconfigured: true }))
  })
})
