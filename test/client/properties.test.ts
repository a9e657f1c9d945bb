// Property tests: whatever the input or the server's answer, an operation ends in a success or a tagged
// error, never a defect, and never sends anything to another host. PROPERTY_RUNS sets the runs per
// property (50 in the suite; `npm run test:properties` runs 2,000).
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, FastCheck as fc, Layer } from "effect"
import type { ConnectorId } from "../../src/schemas/Connector.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import * as Spaces from "../../src/services/Spaces.js"
import type { FakeAnswer } from "./fakeHttp.js"
import { makeFake } from "./fakeHttp.js"

const numRuns = Number(process.env.PROPERTY_RUNS ?? 50)
const options = { fastCheck: { numRuns }, timeout: 120_000 }

/** Runs `use` over a client whose server answers `answer`; the exit must not be a defect. */
const noDefect = <A, E>(
  answer: FakeAnswer,
  use: Effect.Effect<A, E, Connectors.Connectors | Spaces.Spaces | KibanaClient.KibanaClient>,
  clientOptions: Partial<KibanaClient.KibanaClientOptions> = {}
) =>
  Effect.gen(function*() {
    const fake = makeFake(() => answer)
    const services = Layer.merge(Connectors.layer, Spaces.layer).pipe(
      Layer.provideMerge(
        KibanaClient.layer({
          url: "http://kibana.test:5601",
          retry: { times: 0 },
          timeout: "2 seconds",
          ...clientOptions
        })
      ),
      Layer.provide(fake.layer)
    )
    const exit = yield* Effect.exit(Effect.provide(use, services))
    if (Exit.isFailure(exit)) {
      assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
      assert.isFalse(Cause.isInterruptedOnly(exit.cause), "interrupted")
    }
    for (const request of fake.seen) assert.strictEqual(new URL(request.url).host, "kibana.test:5601")
  })

// The fake builds a web Response, which refuses a body with these statuses.
const status = fc.integer({ min: 200, max: 599 }).filter((code) => code !== 204 && code !== 205 && code !== 304)

const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }))
const notFound: FakeAnswer = { status: 404, body: { statusCode: 404, error: "Not Found", message: "Not Found" } }

/** Answers a server may give: any status, JSON of any shape, HTML, truncated JSON, deep nesting. */
const anyAnswer: fc.Arbitrary<FakeAnswer> = fc.oneof(
  fc.record({ status, body: fc.jsonValue() }),
  fc.record({
    status,
    text: anyText,
    headers: fc.constantFrom({}, { "content-type": "application/json" }, { "content-type": "text/html" }, {
      "content-type": "text/plain"
    })
  }),
  fc.record({ status: fc.constant(200), text: fc.json().map((json) => json.slice(0, Math.floor(json.length / 2))) }),
  fc.integer({ min: 1, max: 20_000 }).map((depth): FakeAnswer => ({
    status: 200,
    text: "[".repeat(depth) + "]".repeat(depth),
    headers: { "content-type": "application/json" }
  })),
  fc.record({ status, body: fc.jsonValue(), headers: fc.constant({ "retry-after": "x" }) }),
  fc.constant<FakeAnswer>({ status: 204 })
)

describe("properties", () => {
  it.effect.prop("any connector id: a typed result, no defect, same host", [anyText], ([id]) =>
    Effect.gen(function*() {
      const connectorId = id as ConnectorId
      yield* noDefect(notFound, Effect.flatMap(Connectors.Connectors, (connectors) => connectors.get(connectorId)))
      yield* noDefect(
        { status: 204 },
        Effect.flatMap(Connectors.Connectors, (connectors) => connectors.delete(connectorId))
      )
      yield* noDefect(
        notFound,
        Effect.flatMap(Connectors.Connectors, (connectors) =>
          Effect.scoped(connectors.acquire({ connectorTypeId: ".index", name: "p", config: { index: "i" } }, { id })))
      )
    }), options)

  it.effect.prop(
    "any space id: a typed result, no defect, same host",
    [anyText],
    ([spaceId]) =>
      Effect.gen(function*() {
        yield* noDefect(
          { status: 200, body: [] },
          Effect.flatMap(Connectors.Connectors, (c) => c.list()).pipe(withSpace(spaceId))
        )
        yield* noDefect(notFound, Effect.flatMap(Spaces.Spaces, (spaces) => spaces.get(spaceId)))
        yield* noDefect({ status: 204 }, Effect.flatMap(Spaces.Spaces, (spaces) => spaces.delete(spaceId)))
      }),
    options
  )

  it.effect.prop("any name, config, secrets and params: a typed result, no defect", [
    fc.anything(),
    fc.anything(),
    fc.anything(),
    fc.anything()
  ], ([name, config, secrets, params]) =>
    Effect.gen(function*() {
      const input = { connectorTypeId: ".webhook", name, config, secrets } as never
      const badRequest: FakeAnswer = { status: 400, body: { statusCode: 400, error: "Bad Request", message: "no" } }
      yield* noDefect(badRequest, Effect.flatMap(Connectors.Connectors, (c) => c.create(input)))
      yield* noDefect(badRequest, Effect.flatMap(Connectors.Connectors, (c) => c.update("c1", input)))
      yield* noDefect(
        { status: 200, body: { status: "ok", connector_id: "c1" } },
        Effect.flatMap(Connectors.Connectors, (c) => c.execute("c1", params as never))
      )
      yield* noDefect(
        badRequest,
        Effect.flatMap(Spaces.Spaces, (s) => s.create({ id: "p", name, color: config } as never))
      )
    }), options)

  it.effect.prop("any client options: the client or a KibanaConfigError, no defect", [
    fc.record({
      url: fc.oneof(
        fc.constant("http://kibana.test:5601"),
        fc.anything(),
        fc.array(fc.oneof(fc.constant("http://kibana.test:5601"), fc.webUrl(), fc.anything()), { maxLength: 4 })
      ),
      timeout: fc.anything(),
      maxResponseBytes: fc.anything(),
      userAgent: fc.anything(),
      retry: fc.anything(),
      spaceExistence: fc.anything()
    }, { requiredKeys: [] })
  ], ([clientOptions]) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        Effect.scoped(
          Layer.build(
            KibanaClient.layer({ ...clientOptions } as never).pipe(
              Layer.provide(makeFake(() => ({ status: 200 })).layer)
            )
          )
        )
      )
      if (Exit.isFailure(exit)) {
        assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
        const error = Cause.squash(exit.cause) as { _tag: string }
        assert.strictEqual(error._tag, "KibanaConfigError")
      }
    }), options)

  it.effect.prop("any server answer: a typed result, no defect", [anyAnswer], ([answer]) =>
    Effect.gen(function*() {
      yield* noDefect(answer, Effect.flatMap(Connectors.Connectors, (c) => c.list()))
      yield* noDefect(answer, Effect.flatMap(Connectors.Connectors, (c) => c.get("c1")))
      yield* noDefect(answer, Effect.flatMap(Connectors.Connectors, (c) => c.delete("c1")))
      yield* noDefect(answer, Effect.flatMap(Connectors.Connectors, (c) => c.execute("c1", {})))
      yield* noDefect(answer, Effect.flatMap(Spaces.Spaces, (s) => s.list()))
    }), options)

  it.effect.prop("any request path: a typed result, and never another host", [anyText], ([path]) =>
    noDefect(
      { status: 200, body: {} },
      Effect.flatMap(KibanaClient.KibanaClient, (kibana) => kibana.request({ method: "GET", path: path as never }))
    ), options)
})
