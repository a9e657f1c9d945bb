// Version gates over a scripted Kibana: each refuses before anything but the status lookup is sent,
// passes on a version that has the feature, and the version is learned once.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { noSecrets } from "../../src/schemas/ConnectorInput.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import * as Spaces from "../../src/services/Spaces.js"
import { makeFake } from "./fakeHttp.js"
import type { FakeAnswer, SeenRequest } from "./fakeHttp.js"

const connectorBody = (id: string) => ({
  id,
  name: "hook",
  connector_type_id: ".webhook",
  config: { url: "https://example.test" },
  is_preconfigured: false,
  is_deprecated: false,
  is_system_action: false,
  is_missing_secrets: false
})

const statusBody = (number: string) => ({
  name: "kibana",
  uuid: "u",
  version: { number, build_hash: "h", build_number: 1, build_snapshot: false, build_flavor: "traditional" },
  status: { overall: { level: "available", summary: "ok" } }
})

/** A Kibana reporting `version` (or the `status` answer given); everything else succeeds. */
const kibanaAt = (
  version: string,
  options: Partial<KibanaClient.KibanaClientOptions> = {},
  status: (index: number) => FakeAnswer = () => ({ status: 200, body: statusBody(version) })
) => {
  let lookups = 0
  const fake = makeFake((request: SeenRequest): FakeAnswer => {
    const path = new URL(request.url).pathname
    if (path === "/api/status") return status(lookups++)
    if (path.startsWith("/api/spaces/space")) {
      return { status: 200, body: { id: "s", name: "S", disabledFeatures: [], ...JSON.parse(request.body ?? "{}") } }
    }
    return { status: 200, body: connectorBody(path.split("/").pop()!) }
  })
  const client = KibanaClient.layer({ url: "http://kibana.test:5601", retry: { times: 0 }, ...options }).pipe(
    Layer.provide(fake.layer)
  )
  const sent = () => fake.seen.map((request) => `${request.method} ${new URL(request.url).pathname}`)
  return { sent, layer: Layer.merge(Connectors.layer, Spaces.layer).pipe(Layer.provideMerge(client)) }
}

const webhook = (method?: string) => ({
  connectorTypeId: ".webhook" as const,
  name: "hook",
  config: { url: "https://example.test", ...(method === undefined ? {} : { method: method as "post" }) }
})

describe("version gates", () => {
  it.effect("caller-chosen connector ids: refused before 8.8, sent from 8.8", () =>
    Effect.gen(function*() {
      const old = kibanaAt("8.7.1")
      const error = yield* Effect.flip(
        Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook(), { id: "my-hook" })).pipe(
          Effect.provide(old.layer)
        )
      )
      assert.strictEqual(error._tag, "KibanaUnsupportedFeature")
      if (error._tag === "KibanaUnsupportedFeature") {
        assert.deepStrictEqual(
          { feature: error.feature, minimumVersion: error.minimumVersion, serverVersion: error.serverVersion },
          { feature: "caller-chosen connector ids", minimumVersion: "8.8.0", serverVersion: "8.7.1" }
        )
        assert.strictEqual(
          error.message,
          "Connectors.create: caller-chosen connector ids: available from Kibana 8.8.0, the server is 8.7.1"
        )
      }
      assert.deepStrictEqual(old.sent(), ["GET /api/status"])

      const supported = kibanaAt("8.8.0")
      yield* Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook(), { id: "my-hook" })).pipe(
        Effect.provide(supported.layer)
      )
      assert.deepStrictEqual(supported.sent(), ["GET /api/status", "POST /api/actions/connector/my-hook"])
    }))

  it.effect("9.4's connector id rules apply on 9.4+ with Kibana's wording, not before", () =>
    Effect.gen(function*() {
      const recent = kibanaAt("9.4.0")
      const create = (id: string) =>
        Effect.flip(Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook(), { id })))
      const [characters, length] = yield* Effect.all([create("My_Hook"), create("a".repeat(37))]).pipe(
        Effect.provide(recent.layer)
      )
      assert.strictEqual(characters._tag, "KibanaInputError")
      assert.strictEqual(
        characters.message,
        "Connectors.create: invalid id: Connector ID must contain only lowercase letters, numbers, and hyphens. " +
          "(Kibana 9.4.0 and later; the server is 9.4.0)"
      )
      assert.strictEqual(length._tag, "KibanaInputError")
      assert.include(length.message, "value has length [37] but it must have a maximum length of [36].")
      assert.deepStrictEqual(recent.sent(), ["GET /api/status"])

      const older = kibanaAt("9.3.2")
      yield* Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook(), { id: "My_Hook" })).pipe(
        Effect.provide(older.layer)
      )
      assert.deepStrictEqual(older.sent(), ["GET /api/status", "POST /api/actions/connector/My_Hook"])
    }))

  it.effect("webhook methods patch, get and delete: refused on 8.x (create and update), sent on 9.x", () =>
    Effect.gen(function*() {
      const v8 = kibanaAt("8.18.1")
      const [created, updated] = yield* Effect.all([
        Effect.flip(Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook("patch")))),
        Effect.flip(
          Effect.flatMap(
            Connectors.Connectors,
            (c) => c.update("x", { ...webhook("delete"), secrets: noSecrets })
          )
        )
      ]).pipe(Effect.provide(v8.layer))
      assert.strictEqual(created._tag, "KibanaUnsupportedFeature")
      assert.strictEqual(updated._tag, "KibanaUnsupportedFeature")
      if (updated._tag === "KibanaUnsupportedFeature") {
        assert.strictEqual(updated.feature, "the webhook method \"delete\"")
        assert.strictEqual(updated.minimumVersion, "9.0.0")
      }
      assert.deepStrictEqual(v8.sent(), ["GET /api/status"])
      // post and put need no version: no lookup at all
      yield* Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook("put"))).pipe(Effect.provide(v8.layer))
      assert.deepStrictEqual(v8.sent(), ["GET /api/status", "POST /api/actions/connector"])

      const v9 = kibanaAt("9.0.0")
      yield* Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook("patch"))).pipe(Effect.provide(v9.layer))
      assert.deepStrictEqual(v9.sent(), ["GET /api/status", "POST /api/actions/connector"])
    }))

  it.effect("a space solution: refused before 8.16 (create and update), sent from 8.16", () =>
    Effect.gen(function*() {
      const old = kibanaAt("8.15.3")
      const [created, updated] = yield* Effect.all([
        Effect.flip(Effect.flatMap(Spaces.Spaces, (s) => s.create({ id: "ops", name: "Ops", solution: "oblt" }))),
        Effect.flip(Effect.flatMap(Spaces.Spaces, (s) => s.update({ id: "ops", name: "Ops", solution: "es" })))
      ]).pipe(Effect.provide(old.layer))
      assert.strictEqual(created._tag, "KibanaUnsupportedFeature")
      assert.strictEqual(updated._tag, "KibanaUnsupportedFeature")
      if (created._tag === "KibanaUnsupportedFeature") assert.strictEqual(created.minimumVersion, "8.16.0")
      assert.deepStrictEqual(old.sent(), ["GET /api/status"])

      const supported = kibanaAt("8.16.0")
      yield* Effect.flatMap(Spaces.Spaces, (s) => s.create({ id: "ops", name: "Ops", solution: "oblt" })).pipe(
        Effect.provide(supported.layer)
      )
      assert.deepStrictEqual(supported.sent(), ["GET /api/status", "POST /api/spaces/space"])
    }))

  it.effect("the version is learned once, by concurrent first calls too", () => {
    const kibana = kibanaAt("9.2.0")
    return Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      yield* Effect.all([1, 2, 3].map((n) => connectors.create(webhook(), { id: `hook-${n}` })), {
        concurrency: "unbounded"
      })
      yield* connectors.create(webhook(), { id: "hook-4" })
      assert.strictEqual(kibana.sent().filter((line) => line === "GET /api/status").length, 1)
    }).pipe(Effect.provide(kibana.layer))
  })

  it.effect("gates off, or a pinned version: no lookup", () =>
    Effect.gen(function*() {
      const off = kibanaAt("8.7.0", { versionGates: false })
      yield* Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook(), { id: "my-hook" })).pipe(
        Effect.provide(off.layer)
      )
      assert.deepStrictEqual(off.sent(), ["POST /api/actions/connector/my-hook"])

      const pinned = kibanaAt("9.4.3", { serverVersion: "8.7.0" })
      const error = yield* Effect.flip(
        Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook(), { id: "my-hook" })).pipe(
          Effect.provide(pinned.layer)
        )
      )
      assert.strictEqual(error._tag, "KibanaUnsupportedFeature")
      assert.deepStrictEqual(pinned.sent(), [])
    }))

  it.effect("a serverVersion that is not a version fails the layer with KibanaConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(kibanaAt("9.4.3", { serverVersion: "latest" }).layer))
      assert.strictEqual(error._tag, "KibanaConfigError")
    }).pipe(Effect.scoped))

  it.effect("an unknown version lets calls through: redacted status (cached), failed lookup (asked again)", () =>
    Effect.gen(function*() {
      const anonymous = kibanaAt(
        "9.4.3",
        {},
        () => ({ status: 200, body: { status: { overall: { level: "available" } } } })
      )
      yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        yield* connectors.create(webhook(), { id: "Any_Id" })
        yield* connectors.create(webhook(), { id: "Other_Id" })
      }).pipe(Effect.provide(anonymous.layer))
      assert.deepStrictEqual(anonymous.sent(), [
        "GET /api/status",
        "POST /api/actions/connector/Any_Id",
        "POST /api/actions/connector/Other_Id"
      ])

      const failing = kibanaAt("9.4.3", {}, (index) =>
        index === 0
          ? { status: 500, body: { statusCode: 500, error: "Internal Server Error", message: "boom" } }
          : { status: 200, body: statusBody("9.4.3") })
      const results = yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const first = yield* Effect.either(connectors.create(webhook(), { id: "Any_Id" }))
        const second = yield* Effect.either(connectors.create(webhook(), { id: "Other_Id" }))
        return [first._tag, second._tag]
      }).pipe(Effect.provide(failing.layer))
      assert.deepStrictEqual(results, ["Right", "Left"])
      assert.deepStrictEqual(failing.sent(), [
        "GET /api/status",
        "POST /api/actions/connector/Any_Id",
        "GET /api/status"
      ])
    }))

  it.effect("a kbn-version mismatch answer replaces the cached version", () => {
    const fake = makeFake((request): FakeAnswer => {
      const path = new URL(request.url).pathname
      if (path === "/api/status") return { status: 200, body: statusBody("9.3.0") }
      if (path === "/api/actions/connectors") {
        return {
          status: 400,
          body: {
            statusCode: 400,
            error: "Bad Request",
            message:
              "Browser client is out of date, please refresh the page (\"kbn-version\" header was \"9.3.0\" but should be \"9.4.1\")",
            attributes: { expected: "9.4.1", got: "9.3.0" }
          }
        }
      }
      return { status: 200, body: connectorBody(path.split("/").pop()!) }
    })
    const layer = Connectors.layer.pipe(
      Layer.provideMerge(KibanaClient.layer({ url: "http://kibana.test:5601", retry: { times: 0 } })),
      Layer.provide(fake.layer)
    )
    return Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      yield* connectors.create(webhook(), { id: "Old_Rules" })
      yield* Effect.flip(connectors.list())
      const error = yield* Effect.flip(connectors.create(webhook(), { id: "New_Rules" }))
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.include(error.message, "the server is 9.4.1")
      assert.strictEqual(fake.seen.filter((request) => request.url.endsWith("/api/status")).length, 1)
    }).pipe(Effect.provide(layer))
  })
})
