// Kibana's validation wordings from one structured issue shape; every expected text is copied from
// Kibana's (or zod's) own tests and docs, cited per case.
import { assert, describe, it } from "@effect/vitest"
import {
  configSchemaConnectorMessage,
  configSchemaMessage,
  prettifyZodV4
} from "../../src/emulator/validationFormatters.js"

describe("@kbn/config-schema wording (8.x)", () => {
  it("a literal set lists every alternative (8.x pagerduty params test)", () => {
    // elastic/kibana pagerduty connector test: `validateParams(actionType, { eventAction: 'ackynollage' })`
    assert.strictEqual(
      configSchemaConnectorMessage("params", [{
        code: "invalid_value",
        path: ["eventAction"],
        values: ["trigger", "resolve", "acknowledge"],
        received: "ackynollage"
      }]),
      "error validating action params: [eventAction]: types that failed validation:\n" +
        "- [eventAction.0]: expected value to equal [trigger]\n" +
        "- [eventAction.1]: expected value to equal [resolve]\n" +
        "- [eventAction.2]: expected value to equal [acknowledge]"
    )
  })

  it("the later literal wording says what it got (server-log params test)", () => {
    // elastic/kibana: server_log connector test, `validateParams(actionType, { message: 'x', level: 2 })`
    assert.strictEqual(
      configSchemaConnectorMessage("params", [{
        code: "invalid_value",
        path: ["level"],
        values: ["trace", "debug", "info", "warn", "error", "fatal"],
        received: 2
      }], { literalReceived: true }),
      "error validating action params: [level]: types that failed validation:\n" +
        "- [level.0]: expected value to equal [trace] but got [2]\n" +
        "- [level.1]: expected value to equal [debug] but got [2]\n" +
        "- [level.2]: expected value to equal [info] but got [2]\n" +
        "- [level.3]: expected value to equal [warn] but got [2]\n" +
        "- [level.4]: expected value to equal [error] but got [2]\n" +
        "- [level.5]: expected value to equal [fatal] but got [2]"
    )
  })

  it("types, lengths, nested paths and config/secrets prefixes", () => {
    // same server-log test: `{ message: 1 }`
    assert.strictEqual(
      configSchemaConnectorMessage("params", [{
        code: "invalid_type",
        path: ["message"],
        expected: "string",
        received: 1
      }]),
      "error validating action params: [message]: expected value of type [string] but got [number]"
    )
    // elastic/kibana: http config test (`ssl.verificationMode: 'nope'`), before the literal change
    assert.strictEqual(
      configSchemaMessage({
        code: "invalid_value",
        path: ["ssl", "verificationMode"],
        values: ["none", "certificate", "full"],
        received: "nope"
      }),
      "[ssl.verificationMode]: types that failed validation:\n" +
        "- [ssl.verificationMode.0]: expected value to equal [none]\n" +
        "- [ssl.verificationMode.1]: expected value to equal [certificate]\n" +
        "- [ssl.verificationMode.2]: expected value to equal [full]"
    )
    // validate_connector_id's schema: `maxLength: 36` runs before the validate function
    assert.strictEqual(
      configSchemaMessage({
        code: "too_big",
        path: ["id"],
        origin: "string",
        limit: 36,
        inclusive: true,
        actual: 37
      }),
      "[id]: value has length [37] but it must have a maximum length of [36]."
    )
    assert.strictEqual(
      configSchemaConnectorMessage("config", [
        { code: "unrecognized_keys", path: [], keys: ["refesh", "other"] },
        { code: "invalid_type", path: ["index"], expected: "string", received: null }
      ]),
      "error validating action type config: [refesh]: definition for this key is missing"
    )
    assert.strictEqual(
      configSchemaConnectorMessage("secrets", [{
        code: "custom",
        path: [],
        message: "must specify user and password"
      }]),
      "error validating action type secrets: must specify user and password"
    )
    // number_type.ts and array_type.ts
    assert.strictEqual(
      configSchemaMessage({ code: "too_small", path: ["n"], origin: "number", limit: 1, inclusive: true, actual: 0 }),
      "[n]: Value must be equal to or greater than [1]."
    )
    assert.strictEqual(
      configSchemaMessage({
        code: "too_big",
        path: ["to"],
        origin: "array",
        limit: 2,
        inclusive: true,
        actual: 3
      }),
      "[to]: array size is [3], but cannot be greater than [2]"
    )
  })
})

describe("zod v4 prettifyError wording (9.4)", () => {
  it("Kibana's own example (elastic/kibana issue #279618)", () => {
    assert.strictEqual(
      prettifyZodV4([{ code: "invalid_type", path: ["name"], expected: "string", received: undefined }]),
      "✖ Invalid input: expected string, received undefined\n  → at name"
    )
  })

  it("zod's documented example: sorted by path length, dot paths with indexes (zod.dev/error-formatting)", () => {
    assert.strictEqual(
      prettifyZodV4([
        { code: "invalid_type", path: ["username"], expected: "string", received: 1234 },
        { code: "invalid_type", path: ["favoriteNumbers", 1], expected: "number", received: "4" },
        { code: "unrecognized_keys", path: [], keys: ["extraKey"] }
      ]),
      [
        "✖ Unrecognized key: \"extraKey\"",
        "✖ Invalid input: expected string, received number",
        "  → at username",
        "✖ Invalid input: expected number, received string",
        "  → at favoriteNumbers[1]"
      ].join("\n")
    )
  })

  it("enums, bounds and odd keys in zod v4's words", () => {
    assert.strictEqual(
      prettifyZodV4([
        {
          code: "invalid_value",
          path: ["method"],
          values: ["post", "put", "patch", "get", "delete"],
          received: "head"
        },
        { code: "too_small", path: ["to"], origin: "array", limit: 1, inclusive: true, actual: 0 },
        {
          code: "too_big",
          path: ["headers", "X-Api-Key"],
          origin: "string",
          limit: 10,
          inclusive: true,
          actual: 11
        },
        { code: "invalid_value", path: ["hasAuth"], values: [true], received: false }
      ]),
      [
        "✖ Invalid option: expected one of \"post\"|\"put\"|\"patch\"|\"get\"|\"delete\"",
        "  → at method",
        "✖ Too small: expected array to have >=1 items",
        "  → at to",
        "✖ Invalid input: expected true",
        "  → at hasAuth",
        "✖ Too big: expected string to have <=10 characters",
        "  → at headers[\"X-Api-Key\"]"
      ].join("\n")
    )
  })
})
