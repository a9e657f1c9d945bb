import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import { builtInConnectorTypes } from "../../src/emulator/connectorTypes/index.js"
import type { Issue, Validation } from "../../src/emulator/connectorTypes/validation.js"
import { zodV3 } from "../../src/emulator/connectorTypes/wording.js"
import type { ConnectorTypeSpec, JsonObject } from "../../src/emulator/ConnectorTypeSpec.js"

const type = (id: string): ConnectorTypeSpec => {
  const spec = builtInConnectorTypes.find((candidate) => candidate.id === id)
  if (spec === undefined) throw new Error(`no connector type ${id}`)
  return spec
}

const right = (validation: Validation<JsonObject>) => {
  if (Either.isLeft(validation)) throw new Error(`expected a valid value, got: ${zodV3(validation.left)}`)
  return validation.right
}

const left = (validation: Validation<JsonObject>) => {
  if (Either.isRight(validation)) throw new Error(`expected a failure, got: ${JSON.stringify(validation.right)}`)
  return zodV3(validation.left)
}

const required = (...path: Array<string | number>): Issue => ({
  path,
  kind: { _tag: "InvalidType", expected: "string", received: "undefined", input: undefined }
})

const formatIssues = (issues: ReadonlyArray<Issue>) => zodV3({ _tag: "Issues", issues })

describe("connector type listing", () => {
  it("registers Kibana 9.x's 31 stack connector types in Kibana's order, with license and features", () => {
    assert.deepStrictEqual(builtInConnectorTypes.map((spec) => spec.id), [
      ".email",
      ".index",
      ".pagerduty",
      ".swimlane",
      ".server-log",
      ".slack",
      ".slack_api",
      ".webhook",
      ".cases-webhook",
      ".xmatters",
      ".servicenow",
      ".servicenow-sir",
      ".servicenow-itom",
      ".jira",
      ".teams",
      ".torq",
      ".opsgenie",
      ".jira-service-management",
      ".tines",
      ".gen-ai",
      ".bedrock",
      ".gemini",
      ".d3security",
      ".resilient",
      ".thehive",
      ".xsoar",
      ".mcp",
      ".sentinelone",
      ".crowdstrike",
      ".inference",
      ".microsoft_defender_endpoint"
    ])
    const summary = (id: string) => {
      const spec = type(id)
      return [spec.minimumLicenseRequired, spec.supportedFeatureIds, spec.isDeprecated, spec.isSystemActionType]
    }
    assert.deepStrictEqual(summary(".index"), ["basic", ["alerting", "uptime", "siem"], false, false])
    assert.deepStrictEqual(summary(".slack"), ["gold", ["alerting", "uptime", "siem"], true, false])
    assert.deepStrictEqual(summary(".servicenow"), ["platinum", ["alerting", "cases", "uptime", "siem"], false, false])
    assert.deepStrictEqual(summary(".cases-webhook"), ["gold", ["cases"], false, false])
    assert.deepStrictEqual(summary(".gen-ai"), [
      "enterprise",
      ["generativeAIForSecurity", "generativeAIForObservability", "generativeAIForSearchPlayground"],
      false,
      false
    ])
    assert.deepStrictEqual(summary(".crowdstrike"), ["enterprise", ["endpointSecurity"], false, false])
  })
})

describe("zod error formatting (format_zod_error.ts)", () => {
  it("prints one error without a count and several with numbered lines", () => {
    assert.strictEqual(formatIssues([required("url")]), "Field \"url\": Required")
    assert.strictEqual(
      formatIssues([
        required("apiUrl"),
        required("gcpRegion"),
        required("gcpProjectID")
      ]),
      "3 errors:\n [1]: Field \"apiUrl\": Required;\n [2]: Field \"gcpRegion\": Required;\n [3]: Field \"gcpProjectID\": Required"
    )
  })

  it("nests paths with dots, puts object-level errors first and stops after five", () => {
    assert.strictEqual(
      formatIssues([required("allowedChannels", 0, "name")]),
      "Field \"allowedChannels.0.name\": Required"
    )
    const issues = ["a", "b", "c", "d", "e", "f", "g"].map((field) => (required(field)))
    assert.strictEqual(
      formatIssues([...issues, { path: [], kind: { _tag: "UnrecognizedKeys", keys: ["x"] } }]),
      "8 errors:\n [1]: Unrecognized key(s) in object: 'x';\n [2]: Field \"a\": Required;\n [3]: Field \"b\": Required;" +
        "\n [4]: Field \"c\": Required;\n [5]: Field \"d\": Required;\n [6]: and 3 more"
    )
  })
})

describe(".index", () => {
  const spec = type(".index")

  it("stores config with Kibana's defaults", () => {
    assert.deepStrictEqual(right(spec.validateConfig({ index: "my-index" })), {
      index: "my-index",
      refresh: false,
      executionTimeField: null
    })
    assert.deepStrictEqual(
      right(spec.validateConfig({ index: "i", refresh: true, executionTimeField: "@timestamp" })),
      {
        index: "i",
        refresh: true,
        executionTimeField: "@timestamp"
      }
    )
  })

  it("reports missing, mistyped and unknown config keys", () => {
    assert.strictEqual(left(spec.validateConfig({})), "Field \"index\": Required")
    assert.strictEqual(left(spec.validateConfig({ index: 42 })), "Field \"index\": Expected string, received number")
    assert.strictEqual(
      left(spec.validateConfig({ index: "i", indeX: "x" })),
      "Unrecognized key(s) in object: 'indeX'"
    )
    assert.strictEqual(
      left(spec.validateConfig({ refresh: "yes" })),
      "2 errors:\n [1]: Field \"index\": Required;\n [2]: Field \"refresh\": Expected boolean, received string"
    )
  })

  it("accepts only empty secrets", () => {
    assert.deepStrictEqual(right(spec.validateSecrets({})), {})
    assert.strictEqual(left(spec.validateSecrets({ password: "x" })), "Unrecognized key(s) in object: 'password'")
  })

  it("validates params: documents, and the alert-history prefix of indexOverride", () => {
    assert.deepStrictEqual(right(spec.validateParams({ documents: [{ a: 1 }] })), {
      documents: [{ a: 1 }],
      indexOverride: null
    })
    assert.strictEqual(left(spec.validateParams({})), "Field \"documents\": Required")
    assert.strictEqual(
      left(spec.validateParams({ documents: ["x"] })),
      "Field \"documents.0\": Expected object, received string"
    )
    assert.strictEqual(
      left(spec.validateParams({ documents: [], indexOverride: "other-index" })),
      "Field \"indexOverride\": index must start with \"kibana-alert-history-\""
    )
    assert.deepStrictEqual(
      right(spec.validateParams({ documents: [], indexOverride: "kibana-alert-history-x" })).indexOverride,
      "kibana-alert-history-x"
    )
  })
})

describe(".server-log", () => {
  const spec = type(".server-log")

  it("has empty config and secrets, defaulting to {}", () => {
    assert.deepStrictEqual(right(spec.validateConfig(undefined)), {})
    assert.deepStrictEqual(right(spec.validateConfig({})), {})
    assert.strictEqual(left(spec.validateConfig({ a: 1 })), "Unrecognized key(s) in object: 'a'")
  })

  it("defaults the level to info and rejects unknown levels", () => {
    assert.deepStrictEqual(right(spec.validateParams({ message: "hi" })), { message: "hi", level: "info" })
    assert.strictEqual(
      left(spec.validateParams({ message: "hi", level: "verbose" })),
      "Field \"level\": Invalid enum value. Expected 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', received 'verbose'"
    )
    assert.strictEqual(left(spec.validateParams({})), "Field \"message\": Required")
  })
})

describe(".webhook", () => {
  const spec = type(".webhook")
  const invalidSecrets = "must specify one of the following schemas: user and password; crt and key " +
    "(with optional password); pfx (with optional password); or clientSecret (for OAuth2)"

  it("stores config with Kibana's defaults (webhook.ts FTR test)", () => {
    assert.deepStrictEqual(right(spec.validateConfig({ url: "http://localhost:9200/endpoint" })), {
      url: "http://localhost:9200/endpoint",
      method: "post",
      headers: null,
      hasAuth: true
    })
  })

  it("reports Kibana's config messages (webhook/index.test.ts)", () => {
    assert.strictEqual(
      left(spec.validateConfig({ url: "http://example.com", method: "https" })),
      "Field \"method\": Invalid enum value. Expected 'post' | 'put' | 'patch' | 'get' | 'delete', received 'https'"
    )
    assert.strictEqual(
      left(spec.validateConfig({ url: "http://example.com", headers: "application/json" })),
      "Field \"headers\": Expected object, received string"
    )
    assert.strictEqual(
      left(spec.validateConfig({ url: "example.com/do-something" })),
      "error validation webhook action config: unable to parse url: TypeError: Invalid URL"
    )
    assert.strictEqual(left(spec.validateConfig({})), "Field \"url\": Required")
    assert.strictEqual(
      left(
        spec.validateConfig({ url: "http://example.com", hasAuth: false, authType: "webhook-authentication-basic" })
      ),
      "error validation webhook action config: authType must be null or undefined if hasAuth is false"
    )
    assert.strictEqual(
      left(spec.validateConfig({ url: "https://test.com", authType: "webhook-oauth2-client-credentials" })),
      "error validation webhook action config: missing Access Token URL (accessTokenUrl), Client ID (clientId) fields"
    )
  })

  it("applies the one-credential-shape rule to secrets", () => {
    assert.deepStrictEqual(right(spec.validateSecrets({})), {
      user: null,
      password: null,
      crt: null,
      key: null,
      pfx: null,
      clientSecret: null,
      secretHeaders: null
    })
    assert.deepStrictEqual(right(spec.validateSecrets({ user: "bob", password: "s" })).user, "bob")
    assert.strictEqual(left(spec.validateSecrets({ user: "bob" })), invalidSecrets)
    assert.strictEqual(left(spec.validateSecrets({ crt: "c" })), invalidSecrets)
    assert.strictEqual(left(spec.validateSecrets({ user: 1 })), "Field \"user\": Expected string, received number")
  })

  it("accepts an optional string body only", () => {
    assert.deepStrictEqual(right(spec.validateParams({})), {})
    assert.deepStrictEqual(right(spec.validateParams({ body: "x" })), { body: "x" })
    assert.strictEqual(left(spec.validateParams({ body: 1 })), "Field \"body\": Expected string, received number")
  })
})

describe(".slack and .teams", () => {
  it("require a parsable webhookUrl secret and a non-empty message", () => {
    const slack = type(".slack")
    assert.deepStrictEqual(right(slack.validateConfig({})), {})
    assert.strictEqual(left(slack.validateSecrets({})), "Field \"webhookUrl\": Required")
    assert.strictEqual(
      left(slack.validateSecrets({ webhookUrl: "fee-fi-fo-fum" })),
      "error configuring slack action: unable to parse host name from webhookUrl"
    )
    assert.strictEqual(
      left(slack.validateParams({ message: "" })),
      "Field \"message\": String must contain at least 1 character(s)"
    )
    assert.strictEqual(
      left(type(".teams").validateSecrets({ webhookUrl: "nope" })),
      "error configuring teams action: unable to parse host name from webhookUrl"
    )
  })
})

describe(".email", () => {
  const spec = type(".email")

  it("stores config with defaults and coerces the port", () => {
    assert.deepStrictEqual(right(spec.validateConfig({ from: "bob@example.com", host: "smtp", port: "25" })), {
      service: "other",
      host: "smtp",
      port: 25,
      secure: null,
      from: "bob@example.com",
      hasAuth: true,
      tenantId: null,
      clientId: null,
      oauthTokenUrl: null
    })
  })

  it("reports Kibana's config rules", () => {
    assert.strictEqual(left(spec.validateConfig({})), "Field \"from\": Required")
    assert.strictEqual(left(spec.validateConfig({ from: "a@b.c" })), "[host]/[port] is required")
    assert.strictEqual(left(spec.validateConfig({ from: "a@b.c", host: "h" })), "[port] is required")
    assert.strictEqual(
      left(spec.validateConfig({ from: "a@b.c", host: "h", port: 70000 })),
      "Field \"port\": Number must be less than or equal to 65535"
    )
    assert.strictEqual(
      left(spec.validateConfig({ from: "a@b.c", service: "nope" })),
      "[service] value 'nope' is not valid"
    )
    assert.isTrue(Either.isRight(spec.validateConfig({ from: "a@b.c", service: "gmail" })))
    assert.strictEqual(
      left(spec.validateConfig({ from: "a@b.c", service: "exchange_server" })),
      "[clientId]/[tenantId] is required"
    )
  })

  it("checks user and password against hasAuth (validateConnector)", () => {
    const config = right(spec.validateConfig({ from: "a@b.c", host: "h", port: 25 }))
    assert.strictEqual(spec.validateConnector(config, right(spec.validateSecrets({}))), "[user] is required")
    assert.strictEqual(
      spec.validateConnector(config, right(spec.validateSecrets({ user: "u" }))),
      "[password] is required"
    )
    assert.isUndefined(spec.validateConnector(config, right(spec.validateSecrets({ user: "u", password: "p" }))))
  })

  it("requires a recipient and applies param defaults", () => {
    assert.strictEqual(
      left(spec.validateParams({ subject: "s", message: "m" })),
      "At least one entry in [to], [cc], or [bcc] is required"
    )
    assert.deepStrictEqual(right(spec.validateParams({ to: ["a@b.c"], subject: "s", message: "m" })), {
      to: ["a@b.c"],
      cc: [],
      bcc: [],
      subject: "s",
      message: "m",
      messageHTML: null,
      kibanaFooterLink: { path: "/", text: "Go to Elastic" }
    })
    assert.strictEqual(
      left(spec.validateParams({ to: ["a@b.c"] })),
      "2 errors:\n [1]: Field \"subject\": Required;\n [2]: Field \"message\": Required"
    )
  })
})

describe(".pagerduty", () => {
  const spec = type(".pagerduty")

  it("defaults apiUrl to null and requires routingKey", () => {
    assert.deepStrictEqual(right(spec.validateConfig({})), { apiUrl: null })
    assert.strictEqual(left(spec.validateSecrets({})), "Field \"routingKey\": Required")
  })

  it("checks dedupKey, timestamp and enums", () => {
    assert.strictEqual(
      left(spec.validateParams({ eventAction: "resolve" })),
      "DedupKey is required when eventAction is \"resolve\""
    )
    assert.strictEqual(left(spec.validateParams({ timestamp: "not a date" })), "error parsing timestamp \"not a date\"")
    assert.strictEqual(
      left(spec.validateParams({ severity: "low" })),
      "Field \"severity\": Invalid enum value. Expected 'critical' | 'error' | 'warning' | 'info', received 'low'"
    )
    assert.strictEqual(
      left(spec.validateParams({ dedupKey: "x".repeat(256) })),
      "Field \"dedupKey\": String must contain at most 255 character(s)"
    )
    assert.deepStrictEqual(right(spec.validateParams({ customDetails: "{\"a\":1}" })), { customDetails: { a: 1 } })
  })
})
