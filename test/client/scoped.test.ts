// Resource-scoped connectors against the emulator: deleted when the scope closes after success,
// failure and interruption; a connector already gone is fine; a failing delete is logged, never thrown.
import { assert, describe, it, layer } from "@effect/vitest"
import { Context, Deferred, Effect, Exit, Fiber, Layer } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import type { Connector } from "../../src/schemas/Connector.js"
import { SpaceId } from "../../src/schemas/Space.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import { withSpace } from "../../src/services/KibanaSpace.js"
import * as Spaces from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"
import { asUser } from "./asUser.js"
import type { CapturedLog } from "./logCapture.js"
import { captureLogs } from "./logCapture.js"

const input = (name: string) => ({ connectorTypeId: ".index" as const, name, config: { index: "scoped" } })

const storedIds = Effect.flatMap(
  KibanaEmulator,
  (emulator) => Effect.map(emulator.connectors, (connectors) => connectors.map((connector) => connector.id))
)

class Boom extends Error {}

const variants = [
  ["over real HTTP", KibanaTest.layerServer()],
  ["in process", KibanaTest.layer()]
] as const

for (const [variant, testLayer] of variants) {
  layer(testLayer, { excludeTestServices: true })(`Connectors.acquire ${variant}`, (it) => {
    it.effect("deleted when the scope closes after success", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const id = yield* Effect.scoped(Effect.gen(function*() {
          const connector = yield* connectors.acquire(input("success"))
          assert.include(yield* storedIds, connector.id)
          yield* connectors.executeIndex(connector.id, [{ ok: true }])
          return connector.id
        }))
        assert.notInclude(yield* storedIds, id)
      }))

    it.effect("deleted when the scope closes after a failure; the program's own error is kept", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        let id = ""
        const exit = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
          id = (yield* connectors.acquire(input("failure"))).id
          return yield* Effect.fail("the program failed" as const)
        })))
        assert.deepStrictEqual(exit, Exit.fail("the program failed" as const))
        assert.notStrictEqual(id, "")
        assert.notInclude(yield* storedIds, id)
      }))

    it.effect("deleted after a defect", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        let id = ""
        const exit = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
          id = (yield* connectors.acquire(input("defect"))).id
          return yield* Effect.die(new Boom("defect"))
        })))
        assert.isTrue(Exit.isFailure(exit))
        assert.notInclude(yield* storedIds, id)
      }))

    it.effect("deleted when the fiber is interrupted", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const acquired = yield* Deferred.make<Connector>()
        const fiber = yield* Effect.fork(Effect.scoped(Effect.gen(function*() {
          const connector = yield* connectors.acquire(input("interrupted"))
          yield* Deferred.succeed(acquired, connector)
          return yield* Effect.never
        })))
        const connector = yield* Deferred.await(acquired)
        assert.include(yield* storedIds, connector.id)
        const exit = yield* Fiber.interrupt(fiber)
        assert.isTrue(Exit.isInterrupted(exit))
        assert.notInclude(yield* storedIds, connector.id)
      }))

    it.effect("released in the space it was created in", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const id = yield* Effect.scoped(
          Effect.map(connectors.acquire(input("in ops")).pipe(withSpace("ops")), (connector) => connector.id)
        )
        assert.notInclude(yield* storedIds, id)
      }))

    it.effect("a connector already gone at release is fine, and nothing is logged", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const logs: Array<CapturedLog> = []
        const result = yield* Effect.scoped(Effect.gen(function*() {
          const connector = yield* connectors.acquire(input("gone"))
          yield* connectors.delete(connector.id)
          return "done"
        })).pipe(captureLogs(logs))
        assert.strictEqual(result, "done")
        assert.isFalse(logs.some((log) => log.level === "WARN"))
      }))

    it.effect("a connector whose space was deleted meanwhile is gone too: nothing is logged", () =>
      Effect.gen(function*() {
        const spaces = yield* Spaces.Spaces
        const checked = yield* asUser(KibanaClient.KibanaAuth.basic("elastic", "changeme"), {
          spaceExistence: { timeToLive: "0 millis" }
        })
        const spaceId = `temp-${variant.length}`
        const logs: Array<CapturedLog> = []
        yield* spaces.create({ id: SpaceId.make(spaceId), name: "temporary" })
        const result = yield* Effect.scoped(Effect.gen(function*() {
          yield* checked.acquire(input("in a doomed space")).pipe(withSpace(spaceId))
          yield* spaces.delete(spaceId)
          return "done"
        })).pipe(captureLogs(logs))
        assert.strictEqual(result, "done")
        assert.isFalse(logs.some((log) => log.level === "WARN"))
        // the existence check saw the space gone, so no delete was even sent
        const requests = yield* (yield* KibanaEmulator).requestLog
        // The log holds the space's own requests (so the check below can fail), but no delete among them.
        assert.isTrue(
          requests.some((request) => request.method === "POST" && request.path.startsWith(`/s/${spaceId}/`))
        )
        assert.isFalse(
          requests.some((request) => request.method === "DELETE" && request.path.startsWith(`/s/${spaceId}/`))
        )
        const error = yield* Effect.flip(checked.list().pipe(withSpace(spaceId)))
        assert.strictEqual(error._tag, "KibanaSpaceNotFound")
        if (error._tag === "KibanaSpaceNotFound") assert.strictEqual(error.spaceId, spaceId)
      }))

    it.effect("a failing release is logged as a warning and never replaces the program's result", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const emulator = yield* KibanaEmulator
        const logs: Array<CapturedLog> = []
        let id = ""
        const result = yield* Effect.scoped(Effect.gen(function*() {
          id = (yield* connectors.acquire(input("stuck"))).id
          yield* emulator.addFault({
            fault: { _tag: "Status", status: 500 },
            method: "DELETE",
            path: "/api/actions/connector/{id}",
            times: 1
          })
          return "the program's result"
        })).pipe(captureLogs(logs))
        assert.strictEqual(result, "the program's result")
        const warnings = logs.filter((log) => log.level === "WARN")
        assert.strictEqual(warnings.length, 1)
        assert.include(warnings[0].text, "could not delete temporary connector")
        assert.include(warnings[0].text, `connectorId=${id}`)
        assert.include(warnings[0].text, "error=KibanaServerError")
        // the connector is still there; clean up
        assert.include(yield* storedIds, id)
        yield* connectors.delete(id as Connector["id"])
      }))

    it.effect("a failing release after a failure keeps the program's failure", () =>
      Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        const emulator = yield* KibanaEmulator
        const logs: Array<CapturedLog> = []
        let id = ""
        const exit = yield* Effect.exit(
          Effect.scoped(Effect.gen(function*() {
            id = (yield* connectors.acquire(input("stuck twice"))).id
            yield* emulator.addFault({ fault: { _tag: "Drop" }, method: "DELETE", times: 1 })
            return yield* Effect.fail("original" as const)
          })).pipe(captureLogs(logs))
        )
        assert.deepStrictEqual(exit, Exit.fail("original" as const))
        assert.isTrue(logs.some((log) => log.level === "WARN" && log.text.includes("error=KibanaTransportError")))
        yield* connectors.delete(id as Connector["id"])
      }))
  })
}

class Fixture extends Context.Tag("test/Fixture")<Fixture, Connector>() {}

describe("KibanaTest.connector fixture", () => {
  const base = KibanaTest.layer()
  const withFixture = KibanaTest.connector(Fixture, input("fixture")).pipe(Layer.provideMerge(base))
  layer(withFixture, { excludeTestServices: true })("a connector for the whole block", (it) => {
    it.effect("exists while the block runs", () =>
      Effect.gen(function*() {
        const fixture = yield* Fixture
        const connectors = yield* Connectors.Connectors
        assert.strictEqual((yield* connectors.get(fixture.id)).name, "fixture")
      }))
  })

  it.effect("is deleted when its layer is released", () =>
    Effect.scoped(Effect.gen(function*() {
      const context = yield* Layer.build(base)
      const emulator = Context.get(context, KibanaEmulator)
      const ids = Effect.map(emulator.connectors, (connectors) => connectors.map((connector) => connector.id))
      const id = yield* Effect.scoped(Effect.gen(function*() {
        const fixture = Context.get(yield* Layer.build(KibanaTest.connector(Fixture, input("fixture"))), Fixture)
        assert.include(yield* ids, fixture.id)
        return fixture.id
      })).pipe(Effect.provide(context))
      assert.notInclude(yield* ids, id)
    })))
})
