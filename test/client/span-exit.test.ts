// What a request leaves behind once it is done: its span ends without the answer (a span is kept by
// tracers, and by V8's old generation when the request was slow) while a failure's span still carries
// the error, and a response holds its parsed body, not the text it was parsed from.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Tracer } from "effect"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { KibanaTest } from "../../src/testing.js"

/** A tracer that keeps the exit each span ended with, by span name. */
const exitsTracer = (exits: Array<readonly [string, Exit.Exit<unknown, unknown>]>) =>
  Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      return {
        _tag: "Span",
        name,
        spanId: `${exits.length}`,
        traceId: "trace",
        parent,
        context,
        get status() {
          return status
        },
        attributes: new Map(),
        links,
        sampled: true,
        kind,
        end: (endTime, exit) => {
          status = { _tag: "Ended", startTime, endTime, exit }
          exits.push([name, exit])
        },
        attribute: () => {},
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })

describe("what a finished request keeps", () => {
  it.effect("request spans end without the answer; a failed one ends with its error", () =>
    Effect.gen(function*() {
      const exits: Array<readonly [string, Exit.Exit<unknown, unknown>]> = []
      const connectors = yield* Connectors.Connectors
      const { id } = yield* Effect.withTracer(
        connectors.create({ connectorTypeId: ".index", name: "logs", config: { index: "logs" } }),
        exitsTracer(exits)
      )
      const written = yield* Effect.withTracer(
        connectors.executeIndex(id, [{ message: "one" }, { message: "two" }]),
        exitsTracer(exits)
      )
      const missing = yield* Effect.withTracer(Effect.flip(connectors.get("no-such-connector")), exitsTracer(exits))

      assert.strictEqual(written.items.length, 2)
      assert.strictEqual(missing._tag, "KibanaNotFound")
      assert.deepStrictEqual(exits.map(([name]) => name), [
        "Connectors.create",
        "Connectors.executeIndex",
        "Connectors.get"
      ])
      for (const [name, exit] of exits.slice(0, 2)) {
        assert.isTrue(Exit.isSuccess(exit), name)
        assert.isUndefined(Exit.isSuccess(exit) ? exit.value : "failed", name)
      }
      const failed = exits[2]![1]
      assert.isTrue(Exit.isFailure(failed) && failed.cause._tag === "Fail" && failed.cause.error === missing)
    }).pipe(Effect.provide(KibanaTest.layer())))

  it.effect("a response holds its status, headers and parsed body, not the answer's text", () =>
    Effect.gen(function*() {
      const client = yield* KibanaClient.KibanaClient
      const response = yield* client.request({ method: "GET", path: "/api/spaces/space" })
      assert.deepStrictEqual(Object.keys(response).sort(), ["body", "headers", "method", "path", "status"])
      assert.isArray(response.body)
    }).pipe(Effect.provide(Layer.fresh(KibanaTest.layer()))))
})
