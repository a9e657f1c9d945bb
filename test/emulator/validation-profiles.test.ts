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

// The sub-action framework's executor throws `Request validation failed (${reqValidationError})`
// (8.x x-pack/plugins/actions/server/sub_action_framework/executor.ts; 9.x
// x-pack/platform/plugins/shared/actions/server/sub_action_framework/executor.ts) as a user error (PR #184317,
// 8.15). 8.x interpolates config-schema's ValidationError, an Error that sets no name of its own
// (packages/kbn-config-schema/src/errors/schema_error.ts): `Error: [path]: reason`. 9.4's schemas are
// `@kbn/zod/v4` (kbn-connector-schemas bedrock/schemas/v1.ts), whose error's toString is its message, the
// issues as indented JSON without the input (zod v4 core/errors.ts).
describe("sub-action params failures per profile", () => {
  const serviceMessages = [
    ["8.18.2", "Request validation failed (Error: [messages]: expected value of type [array] but got [undefined])"],
    [
      "9.4.3",
      "Request validation failed (" + JSON.stringify(
        [{
          expected: "array",
          code: "invalid_type",
          path: ["messages"],
          message: "Invalid input: expected array, received undefined"
        }],
        null,
        2
      ) + ")"
    ]
  ] as const

  for (const [version, serviceMessage] of serviceMessages) {
    it.effect(`Kibana ${version}: .bedrock invokeAI without messages`, () =>
      withServer(version, (url) =>
        Effect.gen(function*() {
          const created = yield* call(url, "POST", "/api/actions/connector/b", {
            body: {
              name: "b",
              connector_type_id: ".bedrock",
              config: { apiUrl: "http://127.0.0.1:1" },
              secrets: { accessKey: "a", secret: "s" }
            }
          })
          assert.strictEqual(created.status, 200)
          const execution = yield* call(url, "POST", "/api/actions/connector/b/_execute", {
            body: { params: { subAction: "invokeAI", subActionParams: {} } }
          })
          assert.deepStrictEqual(
            [execution.json.status, execution.json.message, execution.json.service_message, execution.json.errorSource],
            ["error", "an error occurred while running the action", serviceMessage, "user"]
          )
        })))
  }
})
