// Deletes succeed only on Kibana's own answer (204 No Content, elastic/kibana
// x-pack/platform/plugins/shared/actions/server/routes/connector/delete/delete.ts and
// x-pack/platform/plugins/shared/spaces/server/routes/api/external/delete.ts); any other 2xx (a proxy's
// "OK", a 200 carrying an error envelope) is no proof anything was deleted.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import * as Spaces from "../../src/services/Spaces.js"
import type { FakeAnswer } from "./fakeHttp.js"
import { makeFake } from "./fakeHttp.js"

const services = (answer: FakeAnswer) => {
  const fake = makeFake(() => answer)
  return Layer.merge(Connectors.layer, Spaces.layer).pipe(
    Layer.provide(KibanaClient.layer({ url: "http://kibana.test:5601", retry: { times: 0 } })),
    Layer.provide(fake.layer)
  )
}

const deleteBoth = Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  const spaces = yield* Spaces.Spaces
  return [
    yield* Effect.either(connectors.delete("c1")),
    yield* Effect.either(spaces.delete("s1"))
  ] as const
})

const wrongAnswers: ReadonlyArray<readonly [string, FakeAnswer]> = [
  ["200 text/plain OK", { status: 200, text: "OK", headers: { "content-type": "text/plain" } }],
  ["200 with an error envelope", { status: 200, body: { statusCode: 500, error: "Internal", message: "failed" } }],
  ["202 Accepted", { status: 202 }],
  ["200 with an empty body", { status: 200, text: "" }]
]

describe("deletes", () => {
  it.effect("204 is a success", () =>
    Effect.gen(function*() {
      const [connector, space] = yield* deleteBoth.pipe(Effect.provide(services({ status: 204 })))
      assert.strictEqual(connector._tag, "Right")
      assert.strictEqual(space._tag, "Right")
    }))

  for (const [name, answer] of wrongAnswers) {
    it.effect(`${name} is a KibanaUnexpectedStatus`, () =>
      Effect.gen(function*() {
        const results = yield* deleteBoth.pipe(Effect.provide(services(answer)))
        for (const result of results) {
          assert.strictEqual(result._tag, "Left")
          if (result._tag === "Left") {
            assert.strictEqual(result.left._tag, "KibanaUnexpectedStatus")
            assert.strictEqual((result.left as { status: number }).status, (answer as { status: number }).status)
          }
        }
      }))
  }
})
