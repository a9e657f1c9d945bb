// Ensure-by-name against the emulator: created / updated / unchanged, Kibana's defaults are no
// difference, concurrent ensures of one name create one connector, and the derived id's shape.
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { derivedId, sameConfig } from "../../src/internal/connectorEnsure.js"
import { ConnectorTypeId } from "../../src/schemas/ConnectorInput.js"
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

  it.effect("secrets are resent only when asked", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const input = { connectorTypeId: ".slack" as const, name: "ensure slack", secrets: slackSecrets }
      assert.strictEqual((yield* connectors.ensure(input)).outcome, "created")
      assert.strictEqual((yield* connectors.ensure(input)).outcome, "unchanged")
      assert.strictEqual((yield* connectors.ensure(input, { resendSecrets: true })).outcome, "updated")
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
  })
})
