import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { KibanaClient } from "effect-kibana"
import { KibanaTest } from "effect-kibana/testing"

// `KibanaClient.decode` lets callers of `request` decode other Kibana APIs the way the services do.

const Status = Schema.Struct({ version: Schema.Struct({ number: Schema.String }) })
const WrongStatus = Schema.Struct({ version: Schema.Struct({ number: Schema.Number }) })

describe("KibanaClient.decode", () => {
  it.effect("decodes an answer with the caller's schema, and names the field that does not match", () =>
    Effect.gen(function*() {
      const kibana = yield* KibanaClient.KibanaClient
      const response = yield* kibana.request({ method: "GET", path: "/api/status" })
      const status = yield* KibanaClient.decode(Status)(response)
      assert.strictEqual(status.version.number, "9.4.3")

      const error = yield* Effect.flip(KibanaClient.decode(WrongStatus)(response))
      assert.strictEqual(error._tag, "KibanaDecodeError")
      assert.strictEqual(error.path, "/api/status")
      assert.include(error.issue, "[\"version\",\"number\"]")
    }).pipe(Effect.provide(KibanaTest.layer())))
})
