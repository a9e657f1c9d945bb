// Canary: secrets (API key, password, bearer token, connector secrets) appear in no log line (all
// levels), error message, String(error) or JSON.stringify(error), whatever goes wrong.
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, layer } from "@effect/vitest"
import { Cause, Effect, Redacted } from "effect"
import * as EmulatorOptions from "../../src/emulator/EmulatorOptions.js"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import { ConnectorTypeId } from "../../src/schemas/ConnectorInput.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { KibanaTest } from "../../src/testing.js"
import { asUser } from "./asUser.js"
import type { CapturedLog } from "./logCapture.js"
import { captureLogs } from "./logCapture.js"

const base64 = (text: string) => Buffer.from(text).toString("base64")

const apiKey = { id: "canary-id", key: "canary-api-key-secret" }
const user = { username: "canary-user", password: "canary-basic-password" }
const token = "canary-bearer-token"
const connectorSecret = "canary-connector-secret"
const genericSecret = "canary-generic-secret"
const plainSecret = "canary-plain-secret"

const secrets = [
  apiKey.key,
  base64(`${apiKey.id}:${apiKey.key}`),
  user.password,
  base64(`${user.username}:${user.password}`),
  base64(`${user.username}:${user.password}-wrong`),
  token,
  connectorSecret,
  base64(`bob:${connectorSecret}`),
  genericSecret,
  plainSecret
]

const outboundAuthorizations: Array<string | undefined> = []
const failingTarget = HttpClient.make((request) => {
  outboundAuthorizations.push(request.headers["authorization"])
  return Effect.succeed(HttpClientResponse.fromWeb(request, new Response("nope", { status: 500 })))
})

const emulator: EmulatorOptions.EmulatorOptions = {
  users: [EmulatorOptions.defaultUser, { username: user.username, password: Redacted.make(user.password) }],
  apiKeys: [{ id: apiKey.id, key: Redacted.make(apiKey.key) }],
  tokens: [{ token: Redacted.make(token) }],
  outboundHttpClient: failingTarget
}

const webhook = {
  connectorTypeId: ".webhook" as const,
  name: "canary hook",
  config: { url: "https://hooks.example.test/canary" },
  secrets: { user: "bob", password: Redacted.make(connectorSecret) }
}

const variants = [
  ["over real HTTP", KibanaTest.layerServer({ emulator })],
  ["in process", KibanaTest.layer({ emulator })]
] as const

for (const [variant, testLayer] of variants) {
  layer(testLayer, { excludeTestServices: true })(`secrets ${variant}`, (it) => {
    it.effect("no secret in any log line, error message, String(error) or JSON.stringify(error)", () =>
      Effect.gen(function*() {
        const logs: Array<CapturedLog> = []
        const errors: Array<unknown> = []
        const collect = <A, E>(effect: Effect.Effect<A, E>) =>
          Effect.flip(effect).pipe(Effect.tap((error) => Effect.sync(() => errors.push(error))))
        const fault = (yield* KibanaEmulator).addFault

        yield* Effect.gen(function*() {
          const byApiKey = yield* asUser(KibanaClient.KibanaAuth.apiKey(`${apiKey.id}:${apiKey.key}`))
          const byBasic = yield* asUser(KibanaClient.KibanaAuth.basic(user.username, user.password))
          const retrying = yield* asUser(KibanaClient.KibanaAuth.apiKey(`${apiKey.id}:${apiKey.key}`), {
            retry: { times: 2, baseDelay: "1 millis", maxDelay: "1 millis" }
          })
          const impatient = yield* asUser(KibanaClient.KibanaAuth.bearer(token), { timeout: "50 millis" })

          const hook = yield* byApiKey.create(webhook, { id: `canary-${variant.length}` })
          yield* byBasic.get(hook.id)
          yield* collect(byApiKey.create(webhook, { id: hook.id }))
          yield* collect(byBasic.create({
            connectorTypeId: ConnectorTypeId.make(".webhook"),
            name: "bad",
            config: { url: "https://hooks.example.test", method: "bogus" },
            secrets: Redacted.make({ user: "bob", password: genericSecret })
          }))
          yield* collect(byApiKey.update("missing", { ...webhook, name: "x" }))
          yield* collect(byApiKey.execute(hook.id, { body: "{}" }))
          yield* collect(byApiKey.create({
            ...webhook,
            secrets: { user: "bob", password: plainSecret as unknown as Redacted.Redacted<string> }
          }))
          const wrongPassword = yield* asUser(KibanaClient.KibanaAuth.basic(user.username, `${user.password}-wrong`))
          yield* collect(wrongPassword.create(webhook))
          const wrongToken = yield* asUser(KibanaClient.KibanaAuth.bearer(`${token}-wrong`))
          yield* collect(wrongToken.list())
          // retried (logged at debug), then a release that fails (logged as a warning)
          yield* fault({ fault: { _tag: "Status", status: 503 }, method: "POST", times: 1 })
          yield* Effect.scoped(Effect.gen(function*() {
            yield* retrying.acquire(webhook)
            yield* fault({ fault: { _tag: "Status", status: 500 }, method: "DELETE", times: 1 })
          }))
          yield* fault({ fault: { _tag: "Latency", delay: "1 second" }, times: 1 })
          yield* collect(impatient.create(webhook))
          yield* byApiKey.delete(hook.id)
        }).pipe(captureLogs(logs))

        // the secrets did travel where they belong, so the canary is not vacuous
        assert.include(outboundAuthorizations, `Basic ${base64(`bob:${connectorSecret}`)}`)
        assert.deepStrictEqual(
          errors.map((error) => (error as { _tag: string })._tag),
          [
            "KibanaConflict",
            "KibanaBadRequest",
            "KibanaNotFound",
            "KibanaExecutionError",
            "KibanaInputError",
            "KibanaUnauthorized",
            "KibanaUnauthorized",
            "KibanaUnknownOutcome"
          ]
        )
        assert.isTrue(logs.some((log) => log.text.includes("retrying Kibana request")))
        assert.isTrue(logs.some((log) => log.level === "WARN" && log.text.includes("could not delete")))

        const texts = [
          ...logs.map((log) => log.text),
          ...errors.flatMap((error) => [
            (error as Error).message,
            String(error),
            JSON.stringify(error),
            Cause.pretty(Cause.fail(error))
          ])
        ]
        for (const text of texts) {
          for (const secret of secrets) assert.notInclude(text, secret)
        }
      }))
  })
}
