import { assert, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as SmtpSink from "../../src/emulator/simulators/SmtpSink.js"
import { call } from "./helpers.js"

const environment = Layer.merge(EmulatorServer.layerServer(), SmtpSink.layer())

const sendEmail = (params: Record<string, unknown>) =>
  Effect.gen(function*() {
    const { url } = yield* EmulatorServer.EmulatorServer
    const sink = yield* SmtpSink.SmtpSink
    const created = yield* call(url, "POST", "/api/actions/connector", {
      body: {
        name: "mail",
        connector_type_id: ".email",
        config: { from: "alerts@example.com", host: sink.host, port: sink.port },
        secrets: { user: "mailer", password: "smtp-password-123" }
      }
    })
    assert.strictEqual(created.status, 200, created.text)
    assert.deepStrictEqual(created.json.config, {
      from: "alerts@example.com",
      host: sink.host,
      port: sink.port,
      service: "other",
      secure: null,
      hasAuth: true,
      tenantId: null,
      clientId: null,
      oauthTokenUrl: null
    })
    const answer = yield* call(url, "POST", `/api/actions/connector/${created.json.id}/_execute`, { body: { params } })
    assert.strictEqual(answer.status, 200)
    return answer.json
  })

layer(environment, { excludeTestServices: true })(".email delivers to the SMTP sink", (it) => {
  it.effect("sends Kibana's mail (footer included) with the connector's credentials", () =>
    Effect.gen(function*() {
      const sink = yield* SmtpSink.SmtpSink
      yield* sink.reset
      const result = yield* sendEmail({
        to: ["ops@example.com"],
        cc: ["cc@example.com"],
        subject: "Alert",
        message: "CPU high"
      })
      assert.strictEqual(result.status, "ok", JSON.stringify(result))
      assert.deepStrictEqual(result.data.accepted, ["ops@example.com", "cc@example.com"])
      const [mail, ...more] = yield* sink.received
      assert.lengthOf(more, 0)
      assert.strictEqual(mail?.from, "alerts@example.com")
      assert.deepStrictEqual(mail?.to, ["ops@example.com", "cc@example.com"])
      assert.strictEqual(mail?.user, "mailer")
      assert.strictEqual(mail?.subject, "Alert")
      assert.include(mail?.raw, "CPU high")
      assert.include(mail?.raw, "This message was sent by Elastic.")
    }))

  it.effect("a refusing server is Kibana's send failure", () =>
    Effect.gen(function*() {
      const sink = yield* SmtpSink.SmtpSink
      yield* sink.reset
      yield* sink.setMode({ _tag: "Reject", responseCode: 550 })
      const result = yield* sendEmail({ to: ["ops@example.com"], subject: "Alert", message: "m" })
      assert.strictEqual(result.status, "error")
      assert.strictEqual(result.message, "error sending email")
      assert.include(result.service_message, "550")
      assert.notInclude(JSON.stringify(result), "smtp-password-123")
      assert.lengthOf(yield* sink.received, 0)
    }))

  it.effect("a server that is down is Kibana's send failure", () =>
    Effect.gen(function*() {
      const sink = yield* SmtpSink.SmtpSink
      yield* sink.reset
      yield* sink.setMode({ _tag: "Down" })
      const result = yield* sendEmail({ to: ["ops@example.com"], subject: "Alert", message: "m" })
      assert.strictEqual(result.status, "error")
      assert.strictEqual(result.message, "error sending email")
      assert.include(result.service_message, "421")
    }))

  it.effect("no recipient is Kibana's params error", () =>
    Effect.gen(function*() {
      const result = yield* sendEmail({ subject: "Alert", message: "m" })
      assert.strictEqual(result.status, "error")
      assert.strictEqual(
        result.message,
        "error validating action params: At least one entry in [to], [cc], or [bcc] is required"
      )
    }))
})
