// Connectors against the emulator, over real HTTP (loopback) and in-process (no socket): every
// operation, every error tag with Kibana's own message, execute success and failure.
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as EmulatorOptions from "../../src/emulator/EmulatorOptions.js"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import { ConnectorTypeId, noSecrets } from "../../src/schemas/ConnectorInput.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import { KibanaTest } from "../../src/testing.js"
import { asUser } from "./asUser.js"

// The remote service of webhooks (and Slack): `/fail` answers 500, `/busy` 429 with Retry-After,
// anything else 200 "ok".
const outboundCalls: Array<{ readonly url: string; readonly authorization: string | undefined }> = []
const webhookTarget = HttpClient.make((request, url) => {
  outboundCalls.push({ url: url.toString(), authorization: request.headers["authorization"] })
  const answer = url.pathname === "/fail"
    ? new Response("Internal Server Error", { status: 500, statusText: "Internal Server Error" })
    : url.pathname === "/busy"
    ? new Response("slow down", { status: 429, statusText: "Too Many Requests", headers: { "retry-after": "60" } })
    : new Response("ok", { status: 200, headers: { "content-type": "text/plain" } })
  return Effect.succeed(HttpClientResponse.fromWeb(request, answer))
})

// The messages expected below are Kibana 9.0-9.3's (zod v3 wording); the 9.4 and 8.18 wordings are
// tested in test/emulator/validation-profiles.test.ts.
const emulatorOptions: EmulatorOptions.EmulatorOptions = {
  version: "9.3.0",
  users: [
    EmulatorOptions.defaultUser,
    { username: "viewer", password: Redacted.make("viewer-pw"), readOnly: true },
    { username: "ops-only", password: Redacted.make("ops-pw"), spaces: ["ops"] }
  ],
  preconfiguredConnectors: [{
    id: "my-slack1",
    name: "Slack#xyz",
    connectorTypeId: ".slack",
    secrets: { webhookUrl: "https://hooks.slack.test/services/T0/B0/X" }
  }],
  outboundHttpClient: webhookTarget
}

const variants = [
  ["over real HTTP", KibanaTest.layerServer({ emulator: emulatorOptions })],
  ["in process", KibanaTest.layer({ emulator: emulatorOptions })]
] as const

const indexInput = (name: string, index = "logs") => ({ connectorTypeId: ".index" as const, name, config: { index } })

for (const [variant, testLayer] of variants) {
  layer(testLayer, { excludeTestServices: true })(`Connectors ${variant}`, (it) => {
    describe("operations", () => {
      it.effect("create, get, list, update, delete", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const created = yield* connectors.create(indexInput("Alpha logs"))
          assert.strictEqual(created.connectorTypeId, ".index")
          assert.deepStrictEqual(created.config, { index: "logs", refresh: false, executionTimeField: null })
          assert.isFalse(created.isPreconfigured)
          assert.isFalse(created.isMissingSecrets)

          assert.deepStrictEqual(yield* connectors.get(created.id), created)

          const listed = yield* connectors.list()
          const names = listed.map((connector) => connector.name)
          assert.includeMembers(names, ["Alpha logs", "Slack#xyz"])
          assert.deepStrictEqual(names, [...names].sort((a, b) => a.localeCompare(b)))
          assert.strictEqual(listed.find((connector) => connector.id === created.id)?.referencedByCount, 0)
          const preconfigured = listed.find((connector) => connector.id === "my-slack1")!
          assert.isTrue(preconfigured.isPreconfigured)
          assert.isUndefined(preconfigured.config)

          const updated = yield* connectors.update(created.id, {
            connectorTypeId: ".index",
            name: "Alpha logs v2",
            config: { index: "logs-v2", refresh: true }
          })
          assert.strictEqual(updated.name, "Alpha logs v2")
          assert.deepStrictEqual(updated.config, { index: "logs-v2", refresh: true, executionTimeField: null })

          yield* connectors.delete(created.id)
          const gone = yield* Effect.flip(connectors.get(created.id))
          assert.strictEqual(gone._tag, "KibanaNotFound")
          if (gone._tag === "KibanaNotFound") {
            assert.strictEqual(gone.kibanaMessage, `Saved object [action/${created.id}] not found`)
          }
        }))

      it.effect("create with a chosen id; the id is taken in every space (409)", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const created = yield* connectors.create(indexInput("chosen"), { id: `chosen-${variant.length}` })
          assert.strictEqual(created.id, `chosen-${variant.length}`)
          for (const space of ["default", "ops"]) {
            const error = yield* Effect.flip(
              connectors.create(indexInput("again"), { id: created.id }).pipe(withSpace(space))
            )
            assert.strictEqual(error._tag, "KibanaConflict")
            if (error._tag === "KibanaConflict") {
              assert.strictEqual(error.kibanaMessage, `Saved object [action/${created.id}] conflict`)
            }
          }
          yield* connectors.delete(created.id)
        }))

      it.effect("connectors are space-scoped", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const inOps = yield* connectors.create(indexInput("ops logs")).pipe(withSpace("ops"))
          assert.strictEqual((yield* connectors.get(inOps.id).pipe(withSpace("ops"))).name, "ops logs")
          assert.strictEqual((yield* Effect.flip(connectors.get(inOps.id)))._tag, "KibanaNotFound")
          assert.isFalse((yield* connectors.list()).some((connector) => connector.id === inOps.id))
          yield* connectors.delete(inOps.id).pipe(withSpace("ops"))
        }))

      it.effect("webhook: typed config and secrets; update keeps or drops secrets only when told", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const hook = yield* connectors.create({
            connectorTypeId: ".webhook",
            name: "hook",
            config: { url: "https://hooks.example.test/ok", method: "post" },
            secrets: { user: "bob", password: Redacted.make("webhook-pw") }
          })
          assert.strictEqual(hook.config?.["url"], "https://hooks.example.test/ok")
          assert.isFalse(hook.isMissingSecrets)
          const again = yield* connectors.update(hook.id, {
            connectorTypeId: ".webhook",
            name: "hook 2",
            config: { url: "https://hooks.example.test/ok" },
            secrets: { user: "bob", password: Redacted.make("webhook-pw-2") }
          })
          assert.strictEqual(again.name, "hook 2")
          // which credentials the webhook really sends after each update
          const authorizationOfNextCall = Effect.gen(function*() {
            yield* connectors.execute(hook.id, { body: "{}" })
            return outboundCalls[outboundCalls.length - 1]?.authorization
          })
          assert.strictEqual(
            yield* authorizationOfNextCall,
            `Basic ${Buffer.from("bob:webhook-pw-2").toString("base64")}`
          )
          const none = yield* connectors.update(hook.id, {
            connectorTypeId: ".webhook",
            name: "hook 3",
            config: { url: "https://hooks.example.test/ok" },
            secrets: noSecrets
          })
          assert.strictEqual(none.config?.["hasAuth"], true)
          assert.isUndefined(yield* authorizationOfNextCall)
          yield* connectors.delete(hook.id)
        }))

      it.effect("listTypes, optionally by feature", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const all = yield* connectors.listTypes()
          const index = all.find((type) => type.id === ".index")
          assert.isDefined(index)
          assert.strictEqual(index?.minimumLicenseRequired, "basic")
          assert.isTrue(index?.enabled)
          const workflows = yield* connectors.listTypes({ featureId: "workflows" })
          assert.isTrue(workflows.length > 0 && workflows.length < all.length)
          assert.isTrue(workflows.every((type) => type.supportedFeatureIds.includes("workflows")))
          const error = yield* Effect.flip(connectors.listTypes({ featureId: "x".repeat(101) }))
          assert.strictEqual(error._tag, "KibanaBadRequest")
        }))
    })

    describe("errors carry Kibana's message", () => {
      it.effect("400: blank name, unknown type, invalid config, preconfigured update and delete", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const badRequest = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
            Effect.map(Effect.flip(effect), (error) => {
              assert.strictEqual(error._tag, "KibanaBadRequest")
              return (error as unknown as { kibanaMessage: string }).kibanaMessage
            })
          assert.strictEqual(
            yield* badRequest(connectors.create(indexInput("  "))),
            "[request body.name]: value '' is not valid"
          )
          assert.strictEqual(
            yield* badRequest(connectors.create({ connectorTypeId: ConnectorTypeId.make(".nope"), name: "x" })),
            "Action type \".nope\" is not registered."
          )
          const invalidConfig = yield* badRequest(
            connectors.create({ connectorTypeId: ConnectorTypeId.make(".index"), name: "x", config: { index: 1 } })
          )
          assert.match(invalidConfig, /^error validating connector type config: .*index/)
          // a misspelled key reaches Kibana (and its message) instead of being dropped by the client
          assert.strictEqual(
            yield* badRequest(
              connectors.create({
                connectorTypeId: ConnectorTypeId.make(".index"),
                name: "x",
                config: { index: "i", refesh: true }
              })
            ),
            "error validating connector type config: Unrecognized key(s) in object: 'refesh'"
          )
          const preconfigured = "my-slack1"
          assert.strictEqual(
            yield* badRequest(connectors.update(preconfigured, {
              connectorTypeId: ConnectorTypeId.make(".slack"),
              name: "x",
              secrets: noSecrets
            })),
            "Preconfigured action my-slack1 can not be updated."
          )
          assert.strictEqual(
            yield* badRequest(connectors.delete(preconfigured)),
            "Preconfigured action my-slack1 is not allowed to delete."
          )
        }))

      it.effect("404 on get, update, delete and execute of a missing connector", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const missing = "does-not-exist"
          const errors = [
            yield* Effect.flip(connectors.get(missing)),
            yield* Effect.flip(connectors.update(missing, indexInput("x"))),
            yield* Effect.flip(connectors.delete(missing)),
            yield* Effect.flip(connectors.execute(missing, {}))
          ]
          for (const error of errors) {
            assert.strictEqual(error._tag, "KibanaNotFound")
            assert.include(error.message, "Saved object [action/does-not-exist] not found")
          }
        }))

      it.effect("401 for wrong credentials, 403 for missing privileges", () =>
        Effect.gen(function*() {
          const wrong = yield* asUser(KibanaClient.KibanaAuth.basic("elastic", "wrong-password"))
          const unauthorized = yield* Effect.flip(wrong.list())
          assert.strictEqual(unauthorized._tag, "KibanaUnauthorized")
          assert.include(
            unauthorized.message,
            "unable to authenticate user [elastic] for REST request [/_security/_authenticate]"
          )

          const viewer = yield* asUser(KibanaClient.KibanaAuth.basic("viewer", "viewer-pw"))
          yield* viewer.list()
          const forbidden = yield* Effect.flip(viewer.create(indexInput("x")))
          assert.strictEqual(forbidden._tag, "KibanaForbidden")
          assert.include(forbidden.message, "Unauthorized to create a \".index\" action")

          const opsOnly = yield* asUser(KibanaClient.KibanaAuth.basic("ops-only", "ops-pw"))
          yield* opsOnly.list().pipe(withSpace("ops"))
          const otherSpace = yield* Effect.flip(opsOnly.list())
          assert.strictEqual(otherSpace._tag, "KibanaForbidden")
          assert.include(otherSpace.message, "Unauthorized to get actions")
        }))

      it.effect("429 and 503 from Kibana itself", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const emulator = yield* KibanaEmulator
          yield* emulator.addFault({ fault: { _tag: "Status", status: 429, retryAfterSeconds: 5 }, times: 1 })
          const overloaded = yield* Effect.flip(connectors.list())
          assert.strictEqual(overloaded._tag, "KibanaTooManyRequests")
          assert.include(overloaded.message, "Server is overloaded")

          yield* emulator.addFault({ fault: { _tag: "Status", status: 503 }, times: 1 })
          const notReady = yield* Effect.flip(connectors.list())
          assert.strictEqual(notReady._tag, "KibanaServerError")
          if (notReady._tag === "KibanaServerError") {
            assert.strictEqual(notReady.kibanaMessage, "Kibana server is not ready yet")
          }
          assert.isArray(yield* connectors.list())
        }))

      it.effect("a dropped connection is a ConnectionReset transport error in both modes", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const emulator = yield* KibanaEmulator
          yield* emulator.addFault({ fault: { _tag: "Drop" }, times: 1 })
          const dropped = yield* Effect.flip(connectors.list())
          assert.strictEqual(dropped._tag, "KibanaTransportError")
          if (dropped._tag === "KibanaTransportError") assert.strictEqual(dropped.reason, "ConnectionReset")
        }))
    })

    describe("execute", () => {
      it.effect(".index writes documents and returns the bulk response", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const index = `docs-${variant.length}`
          const connector = yield* connectors.create(indexInput("docs", index))
          const bulk = yield* connectors.executeIndex(connector.id, [{ message: "one" }, { message: "two" }])
          assert.isFalse(bulk.errors)
          assert.deepStrictEqual(bulk.items.map((item) => [item.create.index, item.create.status]), [
            [index, 201],
            [index, 201]
          ])
          const stored = yield* (yield* KibanaEmulator).documents(index)
          assert.deepStrictEqual(stored.map((document) => document.source), [{ message: "one" }, { message: "two" }])
          yield* connectors.delete(connector.id)
        }))

      it.effect(".server-log succeeds without data", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const connector = yield* connectors.create({ connectorTypeId: ".server-log", name: "log" })
          const result = yield* connectors.execute(connector.id, { message: "hello from a test", level: "warn" })
          assert.strictEqual(result.connectorId, connector.id)
          assert.isUndefined(result.data)
          const lines = yield* (yield* KibanaEmulator).serverLog
          assert.isTrue(lines.some((line) => line.message === "Server log: hello from a test"))
          yield* connectors.delete(connector.id)
        }))

      it.effect("invalid params: HTTP 200 with status error -> KibanaExecutionError", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const connector = yield* connectors.create({ connectorTypeId: ".server-log", name: "log" })
          const error = yield* Effect.flip(connectors.execute(connector.id, {}))
          assert.strictEqual(error._tag, "KibanaExecutionError")
          if (error._tag === "KibanaExecutionError") {
            assert.strictEqual(error.connectorId, connector.id)
            assert.match(error.message, /^error validating action params: .*message/)
            assert.strictEqual(error.retry, false)
          }
          yield* connectors.delete(connector.id)
        }))

      it.effect("a failing remote service: message, serviceMessage, retry (boolean and date)", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const hook = (path: string) =>
            connectors.create({
              connectorTypeId: ".webhook",
              name: `hook ${path}`,
              config: { url: `https://hooks.example.test${path}`, hasAuth: false }
            })
          const failing = yield* hook("/fail")
          const error = yield* Effect.flip(connectors.execute(failing.id, { body: "{}" }))
          assert.strictEqual(error._tag, "KibanaExecutionError")
          if (error._tag === "KibanaExecutionError") {
            assert.strictEqual(error.message, "error calling webhook, retry later")
            assert.strictEqual(error.serviceMessage, "[500] Internal Server Error")
            assert.strictEqual(error.retry, true)
          }
          const busy = yield* hook("/busy")
          const later = yield* Effect.flip(connectors.execute(busy.id, { body: "{}" }))
          assert.strictEqual(later._tag, "KibanaExecutionError")
          if (later._tag === "KibanaExecutionError") {
            assert.instanceOf(later.retry, Date)
            assert.include(later.message, "error calling webhook, retry at")
          }
          const fine = yield* hook("/ok")
          assert.strictEqual((yield* connectors.execute(fine.id, { body: "{}" })).connectorId, fine.id)
          for (const connector of [failing, busy, fine]) yield* connectors.delete(connector.id)
        }))

      it.effect("a preconfigured connector executes in any space", () =>
        Effect.gen(function*() {
          const connectors = yield* Connectors.Connectors
          const result = yield* connectors.execute("my-slack1", { message: "hi" }).pipe(
            withSpace("ops"),
            Effect.either
          )
          // the Slack webhook target answers 200, so this is a success
          assert.strictEqual(result._tag, "Right")
        }))
    })
  })
}
