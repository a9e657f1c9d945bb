// Ensure-by-name against the emulator: created / updated / unchanged, Kibana's defaults are no
// difference, concurrent ensures of one name create one connector, and the derived id's shape.
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import { derivedId, sameConfig } from "../../src/internal/connectorEnsure.js"
import { ConnectorTypeId, noSecrets, type UpdateConnectorInput } from "../../src/schemas/ConnectorInput.js"
import * as Connectors from "../../src/services/Connectors.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import { KibanaTest } from "../../src/testing.js"

const slackSecrets = { webhookUrl: Redacted.make("https://hooks.slack.com/services/T0/B0/ensure") }

layer(KibanaTest.layer(), { excludeTestServices: true })("Connectors.ensure", (it) => {
  it.effect("created, then unchanged, then updated when the config differs", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const input = { connectorTypeId: ".index" as const, name: "ensure audit", config: { index: "audit" } }
      const first = yield* connectors.ensure(input)
      assert.strictEqual(first.outcome, "created")
      assert.match(first.connector.id, /^ensured-[0-9a-f]{28}$/)

      const second = yield* connectors.ensure(input)
      assert.strictEqual(second.outcome, "unchanged")
      assert.strictEqual(second.connector.id, first.connector.id)

      const third = yield* connectors.ensure({ ...input, config: { index: "audit", refresh: true } })
      assert.strictEqual(third.outcome, "updated")
      assert.strictEqual(third.connector.id, first.connector.id)
      assert.deepStrictEqual((yield* connectors.get(first.connector.id)).config?.refresh, true)
    }))

  it.effect("Kibana's defaults are not differences, whether the input states them or not", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const bare = {
        connectorTypeId: ".webhook" as const,
        name: "ensure hook",
        config: { url: "http://example.com/in" }
      }
      assert.strictEqual((yield* connectors.ensure(bare)).outcome, "created")
      // Kibana stored method post, headers null, hasAuth true: the same input is unchanged...
      assert.strictEqual((yield* connectors.ensure(bare)).outcome, "unchanged")
      // ... and so is the input that spells the defaults out
      const explicit = {
        ...bare,
        config: { ...bare.config, method: "post" as const, headers: null, hasAuth: true as const }
      }
      assert.strictEqual((yield* connectors.ensure(explicit)).outcome, "unchanged")
      // a non-default value is a difference
      assert.strictEqual(
        (yield* connectors.ensure({ ...bare, config: { ...bare.config, method: "put" } })).outcome,
        "updated"
      )
    }))

  it.effect("every executed type with config defaults: the minimal input, then the defaults spelled out, are unchanged", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const url = "https://service.example.com"
      const basic = { username: "u", password: Redacted.make("p") }
      // the minimal input is created once, then unchanged, and unchanged with the defaults written out
      const check = <E>(
        name: string,
        minimal: Effect.Effect<Connectors.EnsureResult, E>,
        spelledOut: Effect.Effect<Connectors.EnsureResult, E>
      ) =>
        Effect.gen(function*() {
          assert.strictEqual((yield* minimal).outcome, "created", name)
          assert.strictEqual((yield* minimal).outcome, "unchanged", name)
          assert.strictEqual((yield* spelledOut).outcome, "unchanged", name)
          assert.lengthOf((yield* connectors.list()).filter((c) => c.name === name), 1)
        })
      const index = { connectorTypeId: ".index", name: "defaults index", config: { index: "d" } } as const
      yield* check(
        index.name,
        connectors.ensure(index),
        connectors.ensure({ ...index, config: { index: "d", refresh: false, executionTimeField: null } })
      )
      const email = {
        connectorTypeId: ".email",
        name: "defaults email",
        config: { from: "a@example.com", host: "smtp.example.com", port: 25 },
        secrets: { user: "u", password: Redacted.make("p") }
      } as const
      yield* check(
        email.name,
        connectors.ensure(email),
        connectors.ensure({
          ...email,
          config: {
            ...email.config,
            service: "other",
            secure: null,
            hasAuth: true,
            tenantId: null,
            clientId: null,
            oauthTokenUrl: null
          }
        })
      )
      const pagerduty = {
        connectorTypeId: ".pagerduty",
        name: "defaults pagerduty",
        secrets: { routingKey: Redacted.make("r") }
      } as const
      yield* check(
        pagerduty.name,
        connectors.ensure(pagerduty),
        connectors.ensure({ ...pagerduty, config: { apiUrl: null } })
      )
      const xmatters = {
        connectorTypeId: ".xmatters",
        name: "defaults xmatters",
        config: { usesBasic: false },
        secrets: { secretsUrl: Redacted.make(`${url}/flow?apiKey=k`) }
      } as const
      yield* check(
        xmatters.name,
        connectors.ensure(xmatters),
        connectors.ensure({ ...xmatters, config: { usesBasic: false, configUrl: null } })
      )
      for (const connectorTypeId of [".servicenow", ".servicenow-sir"] as const) {
        const servicenow = {
          connectorTypeId,
          name: `defaults ${connectorTypeId}`,
          config: { apiUrl: url },
          secrets: basic
        }
        yield* check(
          servicenow.name,
          connectors.ensure(servicenow),
          connectors.ensure({ ...servicenow, config: { apiUrl: url, isOAuth: false, usesTableApi: true } })
        )
      }
      // the OpenAI default model depends on the Kibana version: left out, whatever Kibana stored is fine
      const openai = {
        connectorTypeId: ".gen-ai",
        name: "defaults openai",
        config: { apiProvider: "OpenAI", apiUrl: `${url}/v1/chat/completions` },
        secrets: { apiKey: Redacted.make("sk") }
      } as const
      yield* check(openai.name, connectors.ensure(openai), connectors.ensure(openai))
      const other = {
        connectorTypeId: ".gen-ai",
        name: "defaults other",
        config: { apiProvider: "Other", apiUrl: `${url}/v1/chat/completions`, defaultModel: "m" },
        secrets: { apiKey: Redacted.make("sk") }
      } as const
      yield* check(
        other.name,
        connectors.ensure(other),
        connectors.ensure({ ...other, config: { ...other.config, verificationMode: "full" } })
      )
    }))

  it.effect("secrets are resent only when asked", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const input = { connectorTypeId: ".slack" as const, name: "ensure slack", secrets: slackSecrets }
      assert.strictEqual((yield* connectors.ensure(input)).outcome, "created")
      assert.strictEqual((yield* connectors.ensure(input)).outcome, "unchanged")
      assert.strictEqual((yield* connectors.ensure(input, { resendSecrets: true })).outcome, "updated")
    }))

  it.effect("an update with `{}` secrets is refused before Kibana, which would wipe the webhook's", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      const input = {
        connectorTypeId: ".webhook" as const,
        name: "safe update hook",
        // nothing listens there: the call fails fast, and the emulator records what was sent
        config: { url: "http://127.0.0.1:9/in" },
        secrets: { user: "hook", password: Redacted.make("hook-pw") }
      }
      const { connector } = yield* connectors.ensure(input)
      const refused = yield* Effect.flip(
        // a caller without the types (JavaScript, or a cast) sends `{}`
        connectors.update(connector.id, { ...input, secrets: {} } as unknown as UpdateConnectorInput)
      )
      assert.strictEqual(refused._tag, "KibanaInputError")
      assert.include(refused.message, "secrets")
      // the stored credentials are still there: the next call still authenticates
      yield* connectors.executeTyped(connector, { body: "{}" }).pipe(Effect.ignore)
      const calls = yield* emulator.webhookCalls
      assert.strictEqual(calls.at(-1)?.headers["Authorization"], "<redacted>")
      // `noSecrets` says it on purpose, and then they are gone
      yield* connectors.update(connector.id, { ...input, secrets: noSecrets })
      yield* connectors.executeTyped(connector, { body: "{}" }).pipe(Effect.ignore)
      assert.isUndefined((yield* emulator.webhookCalls).at(-1)?.headers["Authorization"])
    }))

  it.effect("20 concurrent ensures of one name leave exactly one connector", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const input = { connectorTypeId: ".index" as const, name: "ensure race", config: { index: "race" } }
      const results = yield* Effect.all(Array.from({ length: 20 }, () => connectors.ensure(input)), {
        concurrency: "unbounded"
      })
      const named = (yield* connectors.list()).filter((connector) => connector.name === "ensure race")
      assert.lengthOf(named, 1)
      assert.deepStrictEqual(results.filter((result) => result.outcome === "created").length, 1)
      assert.isTrue(results.every((result) => result.connector.id === named[0]!.id))
    }))

  it.effect("the same name in two spaces is two connectors with different ids", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const input = { connectorTypeId: ".index" as const, name: "ensure per space", config: { index: "tenant" } }
      const inDefault = yield* connectors.ensure(input)
      const inOps = yield* connectors.ensure(input).pipe(withSpace("ensure-ops"))
      assert.strictEqual(inOps.outcome, "created")
      assert.notStrictEqual(inOps.connector.id, inDefault.connector.id)
    }))

  it.effect("findByName finds by name and type, and refuses to guess between duplicates", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      assert.isTrue(Option.isNone(yield* connectors.findByName("ensure twin", ".index")))
      const made = yield* connectors.create({ connectorTypeId: ".index", name: "ensure twin", config: { index: "a" } })
      const found = yield* connectors.findByName("ensure twin", ".index")
      assert.strictEqual(Option.getOrThrow(found).id, made.id)
      assert.isTrue(Option.isNone(yield* connectors.findByName("ensure twin", ".server-log")))
      yield* connectors.create({ connectorTypeId: ".index", name: "ensure twin", config: { index: "b" } })
      const error = yield* Effect.flip(connectors.findByName("ensure twin", ".index"))
      assert.strictEqual(error._tag, "KibanaAmbiguousConnector")
      const ensureError = yield* Effect.flip(
        connectors.ensure({ connectorTypeId: ".index", name: "ensure twin", config: { index: "a" } })
      )
      assert.strictEqual(ensureError._tag, "KibanaAmbiguousConnector")
    }))

  it.effect("a generic (untyped) type is ensured too", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const input = {
        connectorTypeId: ConnectorTypeId.make(".server-log"),
        name: "ensure generic",
        config: {}
      }
      assert.strictEqual((yield* connectors.ensure(input)).outcome, "created")
      assert.strictEqual((yield* connectors.ensure(input)).outcome, "unchanged")
    }))
})

describe("ensure internals", () => {
  it.effect("derived ids: 36 characters of [a-z0-9-], distinct per space, type, name and attempt", () =>
    Effect.gen(function*() {
      const ids = yield* Effect.all([
        derivedId("default", ".slack", "alerts", 0),
        derivedId("default", ".slack", "alerts", 0),
        derivedId("ops", ".slack", "alerts", 0),
        derivedId("default", ".teams", "alerts", 0),
        derivedId("default", ".slack", "alerts ", 0),
        derivedId("default", ".slack", "alerts", 1)
      ])
      for (const id of ids) assert.match(id, /^[a-z0-9-]{36}$/)
      assert.strictEqual(ids[0], ids[1])
      assert.strictEqual(new Set(ids).size, 5)
    }))

  it("sameConfig: absent equals null and the default; version-dependent defaults accept what is stored", () => {
    assert.isTrue(sameConfig(".index", { index: "a" }, { index: "a", refresh: false, executionTimeField: null }))
    assert.isFalse(sameConfig(".index", { index: "a" }, { index: "a", refresh: true, executionTimeField: null }))
    assert.isTrue(sameConfig(".gen-ai", { apiProvider: "OpenAI", apiUrl: "u" }, {
      apiProvider: "OpenAI",
      apiUrl: "u",
      defaultModel: "gpt-4.1"
    }))
    assert.isFalse(
      sameConfig(".gen-ai", { apiProvider: "OpenAI", apiUrl: "u", defaultModel: "gpt-5" }, {
        apiProvider: "OpenAI",
        apiUrl: "u",
        defaultModel: "gpt-4.1"
      })
    )
    assert.isTrue(
      sameConfig(".webhook", { url: "u", headers: { b: "2", a: "1" } }, { url: "u", headers: { a: "1", b: "2" } })
    )
    assert.isFalse(sameConfig(".custom", { a: 1 }, { a: 1, b: 2 }))
    // a webhook's absent authType is basic auth, whether Kibana stored it (zod 4) or not (zod 3)
    const storedHook = { url: "u", method: "post", headers: null, hasAuth: true }
    assert.isTrue(sameConfig(".webhook", { url: "u" }, storedHook))
    assert.isTrue(sameConfig(".webhook", { url: "u" }, { ...storedHook, authType: "webhook-authentication-basic" }))
    // ... and without auth there is none to default
    assert.isTrue(sameConfig(".webhook", { url: "u", hasAuth: false }, { ...storedHook, hasAuth: false }))
    assert.isFalse(
      sameConfig(".webhook", { url: "u", hasAuth: false }, {
        ...storedHook,
        hasAuth: false,
        authType: "webhook-authentication-ssl"
      })
    )
  })
})
