// Canary for spans: against a server that echoes the request's headers and body in its answers (as
// error messages and as wrong-shaped 200s), no secret reaches any span's attributes, events or exit.
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Redacted, Tracer } from "effect"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import type { FakeAnswer, SeenRequest } from "./fakeHttp.js"
import { makeFake } from "./fakeHttp.js"

const password = "span-canary-password"
const connectorSecret = "span-canary-connector-secret"
const basic = Buffer.from(`elastic:${password}`).toString("base64")
const secrets = [password, basic, connectorSecret]

interface Recorded {
  readonly name: string
  readonly texts: Array<string>
}

/** A tracer that keeps, for every span, its attributes, events and the exit it ended with, as text. */
const recordingTracer = (spans: Array<Recorded>) =>
  Tracer.make({
    span: (name, parent, context, links, startTime, kind, options) => {
      const recorded: Recorded = { name, texts: [] }
      spans.push(recorded)
      const attributes = new Map<string, unknown>(Object.entries(options?.attributes ?? {}))
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: String(spans.length),
        traceId: "trace",
        parent,
        context,
        get status() {
          return status
        },
        attributes,
        links,
        sampled: true,
        kind,
        end: (endTime, exit) => {
          status = { _tag: "Ended", startTime, endTime, exit }
          recorded.texts.push(
            Exit.isFailure(exit) ? Cause.pretty(exit.cause, { renderErrorCause: true }) : "success",
            Exit.isFailure(exit) ? JSON.stringify(Cause.squash(exit.cause)) : ""
          )
          for (const [key, value] of attributes) recorded.texts.push(`${key}=${JSON.stringify(value)}`)
        },
        attribute: (key, value) => {
          attributes.set(key, value)
        },
        event: (eventName, _time, eventAttributes) => {
          recorded.texts.push(`${eventName} ${JSON.stringify(eventAttributes ?? {})}`)
        },
        addLinks: () => {}
      }
      return span
    },
    context: (f) => f()
  })

/** Echoes what it was sent: 400 with the body and Authorization in Kibana's message, or a wrong 200. */
const echo = (request: SeenRequest, index: number): FakeAnswer => {
  const echoed = `${request.body ?? ""} ${request.headers["authorization"] ?? ""}`
  if (index % 3 === 0) return { status: 400, body: { statusCode: 400, error: "Bad Request", message: echoed } }
  if (index % 3 === 1) return { status: 500, body: { statusCode: 500, error: "Internal", message: echoed } }
  return { status: 200, body: { echoed, secrets: JSON.parse(request.body ?? "{}").secrets } }
}

describe("secrets in spans", () => {
  it.effect("no span (the client's, the operation's, the platform's) carries an echoed secret", () =>
    Effect.gen(function*() {
      const spans: Array<Recorded> = []
      const fake = makeFake(echo)
      const services = Connectors.layer.pipe(
        Layer.provideMerge(
          KibanaClient.layer({
            url: "http://kibana.test:5601",
            auth: KibanaClient.KibanaAuth.basic("elastic", password),
            retry: { times: 0 }
          })
        ),
        Layer.provide(fake.layer)
      )
      const webhook = {
        connectorTypeId: ".webhook" as const,
        name: "echo",
        config: { url: "https://hooks.example.test" },
        secrets: { user: "bob", password: Redacted.make(connectorSecret) }
      }
      const errors = yield* Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        return yield* Effect.all([
          Effect.flip(connectors.create(webhook)),
          Effect.flip(connectors.create(webhook)),
          Effect.flip(connectors.create(webhook)),
          Effect.flip(connectors.update(webhook.name as never, webhook))
        ])
      }).pipe(Effect.provide(services), Effect.withTracer(recordingTracer(spans)))

      // the echo really carried the secrets, so the canary is not vacuous
      assert.isTrue(fake.seen.some((request) => request.body?.includes(connectorSecret) === true))
      assert.deepStrictEqual(errors.map((error) => error._tag), [
        "KibanaBadRequest",
        "KibanaUnknownOutcome",
        "KibanaDecodeError",
        "KibanaBadRequest"
      ])
      // One client span per operation, named after it; it is the span that ends with the scrubbed error.
      const names = new Set(spans.map((span) => span.name))
      assert.isTrue(names.has("Connectors.create"))
      assert.isTrue(names.has("Connectors.update"))
      const failed = spans.filter((span) => span.name.startsWith("Connectors.") && span.texts[0] !== "success")
      assert.isAtLeast(failed.length, 3)
      for (const span of spans) {
        for (const text of span.texts) {
          for (const secret of secrets) assert.notInclude(text, secret, `span ${span.name}`)
        }
      }
      assert.isTrue(Option.isNone(Option.fromNullable(errors.find((e) => String(e).includes(connectorSecret)))))
    }))
})
