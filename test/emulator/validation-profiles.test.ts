// Connector validation failures over real HTTP, in the wording of each profile's Kibana version: create,
// update and execute. Expected texts: 8.x from Kibana's own tests (cited per case); 9.0-9.3 zod v3 via
// formatZodError; 9.4 zod v4 `prettifyError`.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { call } from "./helpers.js"

const withServer = <A>(version: string, f: (url: string) => Effect.Effect<A>) =>
  Effect.provide(
    Effect.flatMap(EmulatorServer.EmulatorServer, (server) => f(server.url)),
    EmulatorServer.layerServer({ version })
  )

interface Expected {
  readonly version: string
  /** create and update with `config: { index: 666 }` */
  readonly indexConfig: string
  /** create with an unknown config key next to a valid one */
  readonly unknownKey: string
  /** create with `secrets: {}` on `.slack` */
  readonly slackSecrets: string
  /** execute `.server-log` with `{ message: 1 }` */
  readonly serverLogParams: string
}

const profiles: ReadonlyArray<Expected> = [
  {
    version: "8.18.2",
    // elastic/kibana 8.x x-pack/test/alerting_api_integration/.../actions/connector_types/es_index.ts:
    // `config: { index: 666 }` -> 400 with exactly this message
    indexConfig: "error validating action type config: [index]: expected value of type [string] but got [number]",
    // es_index connector test: `[indeX]: definition for this key is missing`
    unknownKey: "error validating action type config: [indeX]: definition for this key is missing",
    slackSecrets:
      "error validating action type secrets: [webhookUrl]: expected value of type [string] but got [undefined]",
    // elastic/kibana 8.x server_log connector test: `validateParams(actionType, { message: 1 })`
    serverLogParams: "error validating action params: [message]: expected value of type [string] but got [number]"
  },
  {
    version: "9.3.0",
    indexConfig: "error validating connector type config: Field \"index\": Expected string, received number",
    unknownKey: "error validating connector type config: Unrecognized key(s) in object: 'indeX'",
    slackSecrets: "error validating connector type secrets: Field \"webhookUrl\": Required",
    serverLogParams: "error validating action params: Field \"message\": Expected string, received number"
  },
  {
    version: "9.4.3",
    indexConfig:
      "error validating connector type config: ✖ Invalid input: expected string, received number\n  → at index",
    unknownKey: "error validating connector type config: ✖ Unrecognized key: \"indeX\"",
    slackSecrets: "error validating connector type secrets: ✖ Invalid input: expected string, received undefined\n" +
      "  → at webhookUrl",
    serverLogParams: "error validating action params: ✖ Invalid input: expected string, received number\n  → at message"
  }
]

const badRequest = (message: string) => ({ statusCode: 400, error: "Bad Request", message })

describe("connector validation wording per profile, over HTTP", () => {
  for (const expected of profiles) {
    it.effect(`Kibana ${expected.version}: create, update and execute`, () =>
      withServer(expected.version, (url) =>
        Effect.gen(function*() {
          const create = (body: unknown) => call(url, "POST", "/api/actions/connector", { body })
          const index = yield* create({ name: "i", connector_type_id: ".index", config: { index: 666 } })
          assert.deepStrictEqual([index.status, index.json], [400, badRequest(expected.indexConfig)])

          const unknownKey = yield* create({
            name: "i",
            connector_type_id: ".index",
            config: { index: "ok", indeX: "bob" }
          })
          assert.deepStrictEqual(unknownKey.json, badRequest(expected.unknownKey))

          const slack = yield* create({ name: "s", connector_type_id: ".slack", config: {}, secrets: {} })
          assert.deepStrictEqual(slack.json, badRequest(expected.slackSecrets))

          const valid = yield* create({ name: "i", connector_type_id: ".index", config: { index: "ok" } })
          assert.strictEqual(valid.status, 200)
          const update = yield* call(url, "PUT", `/api/actions/connector/${valid.json.id}`, {
            body: { name: "i", config: { index: 666 } }
          })
          assert.deepStrictEqual([update.status, update.json], [400, badRequest(expected.indexConfig)])

          const log = yield* create({ name: "l", connector_type_id: ".server-log" })
          const execution = yield* call(url, "POST", `/api/actions/connector/${log.json.id}/_execute`, {
            body: { params: { message: 1 } }
          })
          assert.strictEqual(execution.status, 200)
          assert.deepStrictEqual(
            [execution.json.status, execution.json.message, execution.json.errorSource],
            ["error", expected.serverLogParams, "user"]
          )
        })))
  }
})
