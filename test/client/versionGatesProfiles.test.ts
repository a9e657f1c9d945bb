// Version gates against the emulator under every profile: a gate refuses before the gated request is
// sent (the emulator saw only the version lookup), and the same call passes where the version allows it.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as Spaces from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"

const webhook = (method: "post" | "patch") => ({
  connectorTypeId: ".webhook" as const,
  name: "hook",
  config: { url: "http://127.0.0.1:1/hook", method }
})

const sent = Effect.map(
  Effect.flatMap(KibanaEmulator.KibanaEmulator, (emulator) => emulator.requestLog),
  (log) => log.map((entry) => `${entry.method} ${entry.path}`)
)

const at = (version: string, client: KibanaTest.KibanaTestOptions["client"] = {}) =>
  KibanaTest.layer({ emulator: { version }, client })

describe("version gates against each emulator profile", () => {
  it.effect("8.18: webhook patch is refused before sending; custom ids and a solution pass", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const error = yield* Effect.flip(connectors.create(webhook("patch")))
      assert.strictEqual(error._tag, "KibanaUnsupportedFeature")
      if (error._tag === "KibanaUnsupportedFeature") {
        assert.deepStrictEqual([error.minimumVersion, error.serverVersion], ["9.0.0", "8.18.1"])
      }
      assert.deepStrictEqual(yield* sent, ["GET /api/status"])
      yield* connectors.create(webhook("post"), { id: "My_Hook" })
      yield* (yield* Spaces.Spaces).create({ id: "ops", name: "Ops", solution: "oblt" })
      assert.deepStrictEqual(yield* sent, [
        "GET /api/status",
        "POST /api/actions/connector/My_Hook",
        "POST /api/spaces/space"
      ])
    }).pipe(Effect.provide(at("8.18.1"))))

  it.effect("9.0 to 9.3: webhook patch and any custom id pass", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const created = yield* connectors.create(webhook("patch"), { id: "My_Hook" })
      assert.strictEqual(created.id, "My_Hook")
      assert.deepStrictEqual(yield* sent, ["GET /api/status", "POST /api/actions/connector/My_Hook"])
    }).pipe(Effect.provide(at("9.2.3"))))

  it.effect("9.4: an id outside 9.4's rules is refused before sending; a valid one passes", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const error = yield* Effect.flip(connectors.create(webhook("patch"), { id: "My_Hook" }))
      assert.strictEqual(error._tag, "KibanaInputError")
      assert.include(error.message, "Connector ID must contain only lowercase letters, numbers, and hyphens.")
      assert.deepStrictEqual(yield* sent, ["GET /api/status"])
      yield* connectors.create(webhook("patch"), { id: "my-hook" })
      assert.deepStrictEqual(yield* sent, ["GET /api/status", "POST /api/actions/connector/my-hook"])
    }).pipe(Effect.provide(at("9.4.3"))))

  it.effect("without gates, the 9.4 and 8.18 emulators refuse the same calls with Kibana's 400", () =>
    Effect.gen(function*() {
      const v94 = yield* Effect.flip(
        Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook("post"), { id: "My_Hook" })).pipe(
          Effect.provide(at("9.4.3", { versionGates: false }))
        )
      )
      assert.strictEqual(v94._tag, "KibanaBadRequest")
      if (v94._tag === "KibanaBadRequest") {
        assert.strictEqual(
          v94.kibanaMessage,
          "[request params.id]: Connector ID must contain only lowercase letters, numbers, and hyphens."
        )
      }
      const v818 = yield* Effect.flip(
        Effect.flatMap(Connectors.Connectors, (c) => c.create(webhook("patch"))).pipe(
          Effect.provide(at("8.18.1", { versionGates: false }))
        )
      )
      assert.strictEqual(v818._tag, "KibanaBadRequest")
      if (v818._tag === "KibanaBadRequest") {
        assert.include(
          v818.kibanaMessage,
          "error validating action type config: [method]: types that failed validation"
        )
      }
    }))
})
