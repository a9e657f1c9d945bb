// The request span is made as `Effect.makeSpan` makes a span (src/internal/telemetry.ts makes it without
// Effect's copies): its parent is the caller's span, or the nearest one that propagates; it carries the
// caller's span annotations and links; and with tracing off, no span is recorded and the request works.
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Option, Tracer } from "effect"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { fakeKibana } from "./fakeHttp.js"

const kibana = fakeKibana(() => ({ status: 200, body: {} })).layer

/** Runs `use` with Effect's own tracer, keeping every span it makes. */
const recording = <A, E, R>(use: (spans: Array<Tracer.Span>) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.tracer, (native) => {
    const spans: Array<Tracer.Span> = []
    const tracer = Tracer.make({
      span: (...args) => {
        const span = native.span(...args)
        spans.push(span)
        return span
      },
      context: (f, fiber) => native.context(f, fiber)
    })
    return Effect.withTracer(use(spans), tracer)
  })

const status = Effect.flatMap(
  KibanaClient.KibanaClient,
  (client) => client.request({ method: "GET", path: "/api/status", operation: "Test.status" })
)

const parentName = (span: Tracer.Span) =>
  Option.getOrUndefined(Option.map(span.parent, (parent) => parent._tag === "Span" ? parent.name : "external"))

describe("the request span", () => {
  it.effect("has the caller's span as parent, with the caller's annotations and links", () =>
    recording((spans) =>
      Effect.gen(function*() {
        const linked = yield* Effect.makeSpan("linked")
        yield* status.pipe(
          Effect.annotateSpans("tenant", "acme"),
          Effect.linkSpans(linked, { reason: "batch" }),
          Effect.withSpan("caller")
        )
        const request = spans.find((span) => span.name === "Test.status")!
        assert.strictEqual(parentName(request), "caller")
        assert.strictEqual(request.kind, "client")
        assert.strictEqual(request.attributes.get("tenant"), "acme")
        assert.strictEqual(request.attributes.get("http.request.method"), "GET")
        assert.strictEqual(request.attributes.get("http.response.status_code"), 200)
        assert.deepStrictEqual(request.links.map((link) => [link.span, link.attributes]), [[linked, {
          reason: "batch"
        }]])
        assert.strictEqual(request.status._tag, "Ended")
      })
    ).pipe(Effect.provide(kibana)))

  it.effect("skips a caller's span that does not propagate, for its nearest ancestor that does", () =>
    recording((spans) =>
      Effect.gen(function*() {
        yield* status.pipe(
          Effect.withSpan("hidden", { context: Context.make(Tracer.DisablePropagation, true) }),
          Effect.withSpan("visible")
        )
        assert.strictEqual(parentName(spans.find((span) => span.name === "Test.status")!), "visible")
      })
    ).pipe(Effect.provide(kibana)))

  it.effect("is not recorded with tracing off, and the request still answers", () =>
    recording((spans) =>
      Effect.gen(function*() {
        const response = yield* status.pipe(Effect.withTracerEnabled(false))
        assert.strictEqual(response.status, 200)
        assert.deepStrictEqual(spans.map((span) => span.name), [])
      })
    ).pipe(Effect.provide(kibana)))
})
