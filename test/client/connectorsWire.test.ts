// What Connectors puts on the wire and how it reads Kibana's answers, against an HttpClient double:
// exact request bodies (snake_case, secrets in clear only there), 8.x and 9.x response shapes,
// execute's HTTP-200 failures.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { ConnectorTypeId, noSecrets } from "../../src/schemas/ConnectorInput.js"
import * as Connectors from "../../src/services/Connectors.js"
import type { FakeAnswer, SeenRequest } from "./fakeHttp.js"
import { fakeKibana } from "./fakeHttp.js"

const id = "c1"

const wire = (overrides: Record<string, unknown> = {}) => ({
  id: "c1",
  name: "hook",
  connector_type_id: ".webhook",
  is_preconfigured: false,
  is_deprecated: false,
  is_system_action: false,
  is_missing_secrets: false,
  config: { url: "https://example.test/hook", method: "post", headers: null, hasAuth: true },
  ...overrides
})

const withConnectors = <A, E>(
  answer: (request: SeenRequest, index: number) => FakeAnswer,
  use: (connectors: Connectors.Connectors.Service) => Effect.Effect<A, E>
) => {
  const fake = fakeKibana(answer)
  return Effect.flatMap(Connectors.Connectors, use).pipe(
    Effect.provide(fake.layer),
    Effect.map((result) => ({ result, seen: fake.seen }))
  )
}

describe("Connectors request bodies", () => {
  it.effect("create with a chosen id posts to /connector/{id}; secrets are plain only in the body", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withConnectors(
        () => ({ status: 200, body: wire() }),
        (connectors) =>
          connectors.create({
            connectorTypeId: ".webhook",
            name: "hook",
            config: { url: "https://example.test/hook", hasAuth: true },
            secrets: { user: "bob", password: Redacted.make("s3cret-pw") }
          }, { id: "my-hook" })
      )
      assert.strictEqual(seen[0].url, "http://kibana.test:5601/api/actions/connector/my-hook")
      assert.deepStrictEqual(JSON.parse(seen[0].body!), {
        connector_type_id: ".webhook",
        name: "hook",
        config: { url: "https://example.test/hook", hasAuth: true },
        secrets: { user: "bob", password: "s3cret-pw" }
      })
      assert.strictEqual(result.connectorTypeId, ".webhook")
      assert.strictEqual(result.isMissingSecrets, false)
    }))

  it.effect("the generic input takes any connector type with Redacted secrets", () =>
    Effect.gen(function*() {
      const { seen } = yield* withConnectors(
        () => ({ status: 200, body: wire({ connector_type_id: ".slack", config: {} }) }),
        (connectors) =>
          connectors.create({
            connectorTypeId: ConnectorTypeId.make(".slack"),
            name: "slack",
            secrets: Redacted.make({ webhookUrl: "https://hooks.slack.test/T000/B000/XXXX" })
          })
      )
      assert.deepStrictEqual(JSON.parse(seen[0].body!), {
        connector_type_id: ".slack",
        name: "slack",
        secrets: { webhookUrl: "https://hooks.slack.test/T000/B000/XXXX" }
      })
    }))

  it.effect("update sends name, config and secrets, never the connector type", () =>
    Effect.gen(function*() {
      const { seen } = yield* withConnectors(
        () => ({ status: 200, body: wire() }),
        (connectors) =>
          Effect.zipRight(
            connectors.update(id, {
              connectorTypeId: ".webhook",
              name: "hook",
              config: { url: "https://example.test/v2" },
              secrets: { user: "bob", password: Redacted.make("new-pw") }
            }),
            connectors.update(id, {
              connectorTypeId: ".webhook",
              name: "hook",
              config: { url: "https://example.test/v2", hasAuth: false },
              secrets: noSecrets
            })
          )
      )
      assert.strictEqual(seen[0].method, "PUT")
      assert.strictEqual(seen[0].url, "http://kibana.test:5601/api/actions/connector/c1")
      assert.deepStrictEqual(JSON.parse(seen[0].body!), {
        name: "hook",
        config: { url: "https://example.test/v2" },
        secrets: { user: "bob", password: "new-pw" }
      })
      assert.deepStrictEqual(JSON.parse(seen[1].body!), {
        name: "hook",
        config: { url: "https://example.test/v2", hasAuth: false },
        secrets: {}
      })
    }))

  it.effect("input that does not match its schema is KibanaInputError naming the field, nothing sent", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({ status: 200, body: wire() }))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) =>
        // a JavaScript caller (no type checking) passing a plain-string password
        connectors.create({
          connectorTypeId: ".webhook",
          name: "hook",
          config: { url: "https://example.test" },
          secrets: { user: "bob", password: "plain-text-password" as unknown as Redacted.Redacted<string> }
        })).pipe(Effect.flip, Effect.provide(fake.layer))
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.include(error.message, "secrets")
      assert.notInclude(error.message, "plain-text-password")
      assert.include(error.message, "secrets.password: Expected Redacted(<redacted>)")
      assert.strictEqual(fake.seen.length, 0)
    }))

  it.effect("a blank chosen id is KibanaInputError, nothing sent", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({ status: 200, body: wire() }))
      const error = yield* Effect.flatMap(
        Connectors.Connectors,
        (connectors) => connectors.create({ connectorTypeId: ".server-log", name: "log" }, { id: " " })
      ).pipe(Effect.flip, Effect.provide(fake.layer))
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.include(error.message, "Connectors.create: invalid id: must not be blank")
      assert.strictEqual(fake.seen.length, 0)
    }))

  it.effect("an id that is a dot segment (\".\", \"..\") is KibanaInputError, nothing sent", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({ status: 200, body: wire() }))
      const errors = yield* Effect.flatMap(Connectors.Connectors, (connectors) =>
        Effect.all([
          // URL resolution would turn these into `POST /api/actions/connector/` (a generated id) ...
          Effect.flip(connectors.create({ connectorTypeId: ".server-log", name: "log" }, { id: "." })),
          Effect.flip(connectors.get("..")),
          Effect.flip(connectors.delete(".")),
          // ... and `POST /api/actions/connector/_execute` (a create with id `_execute`)
          Effect.flip(connectors.execute(".", {}))
        ])).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(errors.map((error) => error._tag), Array(4).fill("KibanaInputError"))
      assert.include(errors[0].message, "Connectors.create: invalid id: \".\" cannot be sent in a URL path")
      assert.strictEqual(fake.seen.length, 0)
    }))

  it.effect("listTypes passes feature_id only when given", () =>
    Effect.gen(function*() {
      const type = {
        id: ".index",
        name: "Index",
        enabled: true,
        enabled_in_config: true,
        enabled_in_license: true,
        minimum_license_required: "basic",
        supported_feature_ids: ["alerting", "uptime", "siem"],
        is_system_action_type: false
      }
      const { result, seen } = yield* withConnectors(
        () => ({ status: 200, body: [type] }),
        (connectors) => Effect.zip(connectors.listTypes(), connectors.listTypes({ featureId: "alerting" }))
      )
      assert.strictEqual(seen[0].url, "http://kibana.test:5601/api/actions/connector_types")
      assert.strictEqual(seen[1].url, "http://kibana.test:5601/api/actions/connector_types?feature_id=alerting")
      assert.strictEqual(result[0][0].minimumLicenseRequired, "basic")
      assert.deepStrictEqual(result[0][0].supportedFeatureIds, ["alerting", "uptime", "siem"])
    }))
})

describe("Connectors response shapes across versions", () => {
  it.effect("8.x connector without 9.x fields, 9.x with extra and unknown fields, preconfigured without config", () =>
    Effect.gen(function*() {
      const { result } = yield* withConnectors(() => ({
        status: 200,
        body: [
          // 7.x/early 8.x: no is_deprecated / is_system_action
          {
            id: "a",
            name: "A",
            connector_type_id: ".index",
            is_preconfigured: false,
            is_missing_secrets: false,
            config: {}
          },
          // 9.x / recent main
          wire({
            id: "b",
            is_connector_type_deprecated: false,
            auth_mode: "shared",
            referenced_by_count: 2,
            inbound_events_enabled: false,
            some_future_field: { x: 1 }
          }),
          // preconfigured: no config, no is_missing_secrets
          {
            id: "my-slack1",
            name: "Slack#xyz",
            connector_type_id: ".slack",
            is_preconfigured: true,
            is_deprecated: false,
            is_system_action: false,
            referenced_by_count: 0
          }
        ]
      }), (connectors) => connectors.list())
      const [old, recent, preconfigured] = result
      assert.strictEqual(old.isDeprecated, false)
      assert.strictEqual(old.isSystemAction, false)
      assert.isUndefined(old.isConnectorTypeDeprecated)
      assert.strictEqual(recent.authMode, "shared")
      assert.strictEqual(recent.referencedByCount, 2)
      assert.isUndefined(preconfigured.config)
      assert.isUndefined(preconfigured.isMissingSecrets)
      assert.isTrue(preconfigured.isPreconfigured)
    }))
})

describe("Connectors.execute", () => {
  it.effect("status ok returns the data", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withConnectors(
        () => ({ status: 200, body: { connector_id: "c1", status: "ok", data: { answer: 42 } } }),
        (connectors) => connectors.execute(id, { message: "hi" })
      )
      assert.strictEqual(seen[0].url, "http://kibana.test:5601/api/actions/connector/c1/_execute")
      assert.deepStrictEqual(JSON.parse(seen[0].body!), { params: { message: "hi" } })
      assert.strictEqual(result.connectorId, "c1")
      assert.deepStrictEqual(result.data, { answer: 42 })
    }))

  it.effect("status error (HTTP 200) fails with KibanaExecutionError carrying Kibana's fields", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({
        status: 200,
        body: {
          connector_id: "c1",
          status: "error",
          message: "an error occurred while running the action",
          service_message: "expected failure for kibana-alerting-test-data actions-failure-1:space1",
          retry: true,
          errorSource: "framework"
        }
      }))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.execute(id, {})).pipe(
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaExecutionError")
      if (error._tag === "KibanaExecutionError") {
        assert.strictEqual(error.connectorId, "c1")
        assert.strictEqual(error.message, "an error occurred while running the action")
        assert.strictEqual(
          error.serviceMessage,
          "expected failure for kibana-alerting-test-data actions-failure-1:space1"
        )
        assert.strictEqual(error.retry, true)
        assert.strictEqual(error.errorSource, "framework")
      }
    }))

  it.effect("retry as an ISO date becomes a Date", () =>
    Effect.gen(function*() {
      const fake = fakeKibana(() => ({
        status: 200,
        body: { connector_id: "c1", status: "error", message: "rate limited", retry: "2025-01-02T03:04:05.000Z" }
      }))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.execute(id, {})).pipe(
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaExecutionError")
      if (error._tag === "KibanaExecutionError") {
        assert.instanceOf(error.retry, Date)
        assert.strictEqual((error.retry as Date).toISOString(), "2025-01-02T03:04:05.000Z")
      }
    }))

  it.effect("204 (the executor returned nothing) is a success without data", () =>
    Effect.gen(function*() {
      const { result } = yield* withConnectors(() => ({ status: 204 }), (connectors) => connectors.execute(id, {}))
      assert.strictEqual(result.connectorId, "c1")
      assert.isUndefined(result.data)
    }))

  it.effect("a 200 whose body is not JSON is a KibanaDecodeError, never a silent success", () =>
    Effect.gen(function*() {
      // e.g. a proxy answering `OK` in plain text: the connector may not have run at all
      const fake = fakeKibana(() => ({ status: 200, text: "OK", headers: { "content-type": "text/plain" } }))
      const error = yield* Effect.flatMap(Connectors.Connectors, (connectors) => connectors.execute(id, {})).pipe(
        Effect.flip,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(error._tag, "KibanaDecodeError")
    }))

  it.effect("executeIndex returns the decoded bulk response", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withConnectors(() => ({
        status: 200,
        body: {
          connector_id: "c1",
          status: "ok",
          data: {
            errors: false,
            took: 3,
            items: [{ create: { _index: "logs", _id: "d1", _version: 1, result: "created", status: 201 } }]
          }
        }
      }), (connectors) => connectors.executeIndex(id, [{ message: "hello" }]))
      assert.deepStrictEqual(JSON.parse(seen[0].body!), { params: { documents: [{ message: "hello" }] } })
      assert.strictEqual(result.errors, false)
      assert.deepStrictEqual(result.items[0].create, {
        index: "logs",
        id: "d1",
        version: 1,
        result: "created",
        status: 201
      })
    }))
})

describe("Connectors errors never repeat a secret Kibana echoes", () => {
  const webhookUrl = "https://hooks.slack.com/services/T000/B000/echoed-slack-token"
  // Kibana's slack API test asserts this 400 for a webhookUrl outside xpack.actions.allowedHosts
  const echo = (url: string) =>
    `error validating action type secrets: error configuring slack action: target url "${url}" is not added to the Kibana config xpack.actions.allowedHosts`
  const answer = (): FakeAnswer => ({
    status: 400,
    body: { statusCode: 400, error: "Bad Request", message: echo(webhookUrl), attributes: { url: webhookUrl } }
  })
  const slack = {
    connectorTypeId: ConnectorTypeId.make(".slack"),
    name: "alerts",
    secrets: Redacted.make({ webhookUrl })
  }
  const texts = (error: unknown) => [(error as Error).message, String(error), JSON.stringify(error)]

  it.effect("create and update: the secret becomes <redacted> in kibanaMessage, message, String and JSON", () =>
    Effect.gen(function*() {
      const { result: created } = yield* withConnectors(answer, (connectors) => Effect.flip(connectors.create(slack)))
      const { result: updated } = yield* withConnectors(
        answer,
        (connectors) => Effect.flip(connectors.update(id, slack))
      )
      for (const error of [created, updated]) {
        assert.strictEqual(error._tag, "KibanaBadRequest")
        assert.strictEqual((error as { kibanaMessage: string }).kibanaMessage, echo("<redacted>"))
        assert.deepStrictEqual((error as { attributes: unknown }).attributes, { url: "<redacted>" })
        for (const text of texts(error)) assert.notInclude(text, "echoed-slack-token")
      }
    }))
})
