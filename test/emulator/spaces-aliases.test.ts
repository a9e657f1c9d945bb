// POST /api/spaces/_disable_legacy_url_aliases: Kibana's body validation, 204, and the secure spaces
// client's 403 (message from the spaces API integration suite).
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { basic, elastic } from "./helpers.js"

const send = (emulator: KibanaEmulator.KibanaEmulator.Service, body: unknown, authorization = elastic) =>
  Effect.map(
    emulator.handle({
      method: "POST",
      path: "/api/spaces/_disable_legacy_url_aliases",
      query: new URLSearchParams(),
      headers: { authorization, "kbn-xsrf": "true", "content-type": "application/json" },
      body: JSON.stringify(body)
    }),
    (response) => response._tag === "Response" ? { status: response.status, body: response.body } : undefined
  )

const alias = (targetSpace: string, targetType: string) => ({ targetSpace, targetType, sourceId: "legacy-id" })

describe("POST /api/spaces/_disable_legacy_url_aliases", () => {
  it.effect("204 without a body for an authorized caller", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({ spaces: [{ id: "ops", name: "Ops" }] })
      assert.deepStrictEqual(yield* send(emulator, { aliases: [alias("ops", "dashboard")] }), {
        status: 204,
        body: undefined
      })
    }))

  it.effect("400 with config-schema's message for a malformed body", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make()
      const answer = yield* send(emulator, { aliases: [{ targetSpace: "ops", targetType: "dashboard" }] })
      assert.strictEqual(answer?.status, 400)
      assert.strictEqual(
        JSON.parse(answer!.body!).message,
        "[request body.aliases.0.sourceId]: expected value of type [string] but got [undefined]"
      )
    }))

  it.effect("403 naming the types the caller may not update in the target spaces", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({
        users: [{ username: "ops", password: Redacted.make("ops-pw"), spaces: ["ops"] }]
      })
      const answer = yield* send(
        emulator,
        { aliases: [alias("ops", "index-pattern"), alias("default", "visualization"), alias("default", "dashboard")] },
        basic("ops", "ops-pw")
      )
      assert.strictEqual(answer?.status, 403)
      assert.deepStrictEqual(JSON.parse(answer!.body!), {
        statusCode: 403,
        error: "Forbidden",
        message: "Unable to disable aliases: Unable to bulk_update dashboard,visualization"
      })
    }))
})
