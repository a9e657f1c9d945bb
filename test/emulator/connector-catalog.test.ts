import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as Simulators from "../../src/emulator/simulators/Simulators.js"
import { aiCatalogCases } from "./catalog-cases-ai.js"
import { securityCatalogCases } from "./catalog-cases-security.js"
import { type CatalogCase, catalogCases } from "./catalog-cases.js"
import { call } from "./helpers.js"

const outboundTimeout = "300 millis"

// `.slack_api` calls a fixed Slack URL in Kibana: the emulator's `slackApiUrl` points it at the simulator.
// The expected messages are Kibana 9.0-9.3's (zod v3 wording); validation-profiles.test.ts covers the others.
const environment = Layer.unwrapEffect(
  Effect.map(
    Simulators.Simulators,
    (simulators) =>
      EmulatorServer.layerServer({
        outboundTimeout,
        version: "9.3.0",
        slackApiUrl: `${simulators.urlOf("slack-api")}api/`
      })
  )
).pipe(Layer.provideMerge(Simulators.layer()))

const connectorPath = (id: string) => `/api/actions/connector/${id}`

const create = (kibana: string, testCase: CatalogCase, url: (vendor: Simulators.VendorName) => string, body = {}) =>
  call(kibana, "POST", "/api/actions/connector", {
    body: {
      name: `${testCase.typeId} connector`,
      connector_type_id: testCase.typeId,
      config: testCase.config(url),
      secrets: testCase.secrets(url),
      ...body
    }
  })

/** Creates the connector, puts its simulator in `mode`, and executes the sub-action once. */
const runExecution = (
  testCase: CatalogCase,
  execution: CatalogCase["executions"][number],
  mode: Simulators.SimulatorMode
) =>
  Effect.gen(function*() {
    const { url } = yield* EmulatorServer.EmulatorServer
    const simulators = yield* Simulators.Simulators
    yield* simulators.reset
    yield* simulators.setMode(execution.vendor, mode)
    const created = yield* create(url, testCase, simulators.urlOf)
    const answer = yield* call(url, "POST", `${connectorPath(created.json.id)}/_execute`, {
      body: { params: execution.params }
    })
    assert.strictEqual(answer.status, 200, answer.text)
    return {
      answer: answer.json,
      received: yield* simulators.received(execution.vendor),
      id: created.json.id
    }
  })

const allCases = [...catalogCases, ...aiCatalogCases, ...securityCatalogCases]

const withoutKey = (object: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(object).filter(([name]) => name !== key))

// Each of these waits out the emulator's outbound timeout: they run at once, each in an environment (emulator
// and simulators) of its own, rather than one after another in the shared one.
describe.concurrent("every connector type over HTTP, against a simulator slower than the response timeout", () => {
  for (const testCase of allCases) {
    for (const execution of testCase.executions) {
      it.live(`${testCase.typeId} execute ${execution.name} is Kibana's error result`, () =>
        Effect.gen(function*() {
          const { answer } = yield* runExecution(testCase, execution, Simulators.slowerThan(outboundTimeout))
          assert.strictEqual(answer.status, "error")
          execution.expectError(answer, { status: undefined })
        }).pipe(Effect.provide(environment)))
    }
  }
})

layer(environment, { excludeTestServices: true })("every connector type over HTTP, against its simulator", (it) => {
  for (const testCase of allCases) {
    describe(testCase.typeId, () => {
      it.effect("create fills Kibana's defaults into the stored config", () =>
        Effect.gen(function*() {
          const { url } = yield* EmulatorServer.EmulatorServer
          const simulators = yield* Simulators.Simulators
          const created = yield* create(url, testCase, simulators.urlOf)
          assert.strictEqual(created.status, 200, created.text)
          assert.deepStrictEqual(created.json.config, testCase.storedConfig(simulators.urlOf))
          assert.notProperty(created.json, "secrets")
        }))

      for (const key of testCase.requiredConfig) {
        it.effect(`create without config.${key} is Kibana's 400`, () =>
          Effect.gen(function*() {
            const { url } = yield* EmulatorServer.EmulatorServer
            const simulators = yield* Simulators.Simulators
            const answer = yield* create(url, testCase, simulators.urlOf, {
              config: withoutKey(testCase.config(simulators.urlOf), key)
            })
            assert.strictEqual(answer.status, 400)
            const reason = testCase.missingConfigReason?.[key] ?? `Field "${key}": Required`
            assert.strictEqual(answer.json.message, `error validating connector type config: ${reason}`)
          }))
      }

      for (const key of testCase.requiredSecrets) {
        it.effect(`create without secrets.${key} is Kibana's 400, without the secret values`, () =>
          Effect.gen(function*() {
            const { url } = yield* EmulatorServer.EmulatorServer
            const simulators = yield* Simulators.Simulators
            const secrets = testCase.secrets(simulators.urlOf)
            const answer = yield* create(url, testCase, simulators.urlOf, { secrets: withoutKey(secrets, key) })
            assert.strictEqual(answer.status, 400)
            assert.strictEqual(answer.json.message, `error validating connector type secrets: Field "${key}": Required`)
            for (const value of Object.values(secrets)) {
              if (typeof value === "string" && value.length > 3) assert.notInclude(answer.text, value)
            }
          }))
      }

      it.effect("update replaces name, config and secrets", () =>
        Effect.gen(function*() {
          const { url } = yield* EmulatorServer.EmulatorServer
          const simulators = yield* Simulators.Simulators
          const created = yield* create(url, testCase, simulators.urlOf)
          const updated = yield* call(url, "PUT", connectorPath(created.json.id), {
            body: {
              name: "renamed",
              config: testCase.config(simulators.urlOf),
              secrets: testCase.secrets(simulators.urlOf)
            }
          })
          assert.strictEqual(updated.status, 200, updated.text)
          assert.strictEqual(updated.json.name, "renamed")
          assert.strictEqual(updated.json.connector_type_id, testCase.typeId)
        }))

      for (const execution of testCase.executions) {
        describe(`execute ${execution.name}`, () => {
          const run = (mode: Simulators.SimulatorMode) => runExecution(testCase, execution, mode)

          it.effect("reaches the simulator with Kibana's request and answers ok with Kibana's data", () =>
            Effect.gen(function*() {
              const { answer, id, received } = yield* run({ _tag: "Normal" })
              assert.strictEqual(answer.status, "ok", JSON.stringify(answer))
              assert.strictEqual(answer.connector_id, id)
              assert.lengthOf(received, execution.requests)
              execution.expectRequest(received[0]!)
              execution.expectData(answer.data)
            }))

          for (const status of [400, 500]) {
            it.effect(`a ${status} from the service is Kibana's error result`, () =>
              Effect.gen(function*() {
                const { answer } = yield* run({ _tag: "Status", status })
                assert.strictEqual(answer.status, "error")
                execution.expectError(answer, { status })
              }))
          }

          it.effect("a service that is down is Kibana's error result", () =>
            Effect.gen(function*() {
              const { answer } = yield* run({ _tag: "Down" })
              assert.strictEqual(answer.status, "error")
              execution.expectError(answer, { status: undefined })
            }))
        })
      }

      for (const rejected of testCase.rejectedParams) {
        it.effect(`execute with ${rejected.name} is Kibana's execution error`, () =>
          Effect.gen(function*() {
            const { url } = yield* EmulatorServer.EmulatorServer
            const simulators = yield* Simulators.Simulators
            // some rejections come from the vendor's answer: a mode left by an earlier test must not apply
            yield* simulators.reset
            const created = yield* create(url, testCase, simulators.urlOf)
            const answer = yield* call(url, "POST", `${connectorPath(created.json.id)}/_execute`, {
              body: { params: rejected.params }
            })
            assert.strictEqual(answer.status, 200)
            assert.strictEqual(answer.json.status, "error")
            assert.strictEqual(answer.json.message, rejected.message)
            if (rejected.serviceMessage !== undefined) {
              assert.strictEqual(
                answer.json.service_message,
                rejected.serviceMessage.replace("<id>", created.json.id)
              )
            }
          }))
      }
    })
  }
})
