// Spaces and multi-tenancy against the emulator over real HTTP (loopback, port 0). The existence
// check's TTL, which needs TestClock, is in existence-emulator.test.ts.
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import type { Connector } from "../../src/schemas/Connector.js"
import { Connectors } from "../../src/services/Connectors.js"
import * as KibanaSpace from "../../src/services/KibanaSpace.js"
import { Spaces } from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"

const serverLog = (name: string) => ({ connectorTypeId: ".server-log" as const, name })
const names = (connectors: ReadonlyArray<Connector>) =>
  connectors.filter((connector) => !connector.isPreconfigured).map((connector) => connector.name).sort()

/** Requests the emulator received since `clearRequestLog`, as `METHOD path`. */
const received = Effect.flatMap(
  KibanaEmulator,
  (emulator) => Effect.map(emulator.requestLog, (log) => log.map((entry) => `${entry.method} ${entry.path}`))
)
const clearLog = Effect.flatMap(KibanaEmulator, (emulator) => emulator.clearRequestLog)

const spacesStored = Effect.flatMap(
  KibanaEmulator,
  (emulator) => Effect.map(emulator.spaces, (spaces) => spaces.map((space) => space.id))
)
const connectorSpaces = Effect.flatMap(
  KibanaEmulator,
  (emulator) => Effect.map(emulator.connectors, (connectors) => connectors.map((connector) => connector.spaceId))
)

layer(KibanaTest.layerServer(), { excludeTestServices: true })("over real HTTP", (it) => {
  it.effect("the Spaces service: create, get, list, update, delete, and Kibana's errors", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      const created = yield* spaces.create({
        id: "crud",
        name: "CRUD",
        color: "#AABBCC",
        initials: "CR",
        disabledFeatures: ["discover"]
      })
      assert.strictEqual(created.id, "crud")
      assert.deepStrictEqual(created.disabledFeatures, ["discover"])
      assert.strictEqual((yield* spaces.get("crud")).initials, "CR")
      const defaultSpace = yield* spaces.get("default")
      assert.isTrue(defaultSpace.reserved)
      assert.include((yield* spaces.list()).map((space) => space.id), "crud")
      const updated = yield* spaces.update({ ...created, name: "Renamed" })
      assert.strictEqual(updated.name, "Renamed")
      assert.deepStrictEqual(updated.disabledFeatures, ["discover"])
      assert.strictEqual((yield* Effect.flip(spaces.create({ id: "crud", name: "Again" })))._tag, "KibanaConflict")
      assert.strictEqual((yield* Effect.flip(spaces.delete("default")))._tag, "KibanaBadRequest")
      yield* spaces.delete("crud")
      assert.strictEqual((yield* Effect.flip(spaces.get("crud")))._tag, "KibanaNotFound")
      assert.strictEqual((yield* Effect.flip(spaces.delete("crud")))._tag, "KibanaNotFound")
    }))

  it.effect("connectors created in one space are invisible from another and from the default space", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      const connectors = yield* Connectors
      yield* spaces.create({ id: "iso-a", name: "A" })
      yield* spaces.create({ id: "iso-b", name: "B" })
      const inA = yield* connectors.create(serverLog("only-in-a")).pipe(KibanaSpace.withSpace("iso-a"))
      const inDefault = yield* connectors.create(serverLog("only-in-default"))

      assert.deepStrictEqual(names(yield* connectors.list().pipe(KibanaSpace.withSpace("iso-a"))), ["only-in-a"])
      assert.deepStrictEqual(names(yield* connectors.list().pipe(KibanaSpace.withSpace("iso-b"))), [])
      assert.notInclude(names(yield* connectors.list()), "only-in-a")
      assert.strictEqual(
        (yield* Effect.flip(connectors.get(inA.id).pipe(KibanaSpace.withSpace("iso-b"))))._tag,
        "KibanaNotFound"
      )
      assert.strictEqual((yield* Effect.flip(connectors.get(inA.id)))._tag, "KibanaNotFound")
      assert.strictEqual(
        (yield* Effect.flip(connectors.get(inDefault.id).pipe(KibanaSpace.withSpace("iso-a"))))._tag,
        "KibanaNotFound"
      )
      assert.strictEqual((yield* connectors.get(inA.id).pipe(KibanaSpace.withSpace("iso-a"))).name, "only-in-a")
      yield* connectors.delete(inDefault.id)
    }))

  it.effect("all three forms reach the right paths, nested in any order", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      const connectors = yield* Connectors
      for (const id of ["p", "c", "t"]) yield* spaces.create({ id, name: id.toUpperCase() })
      const tenant = KibanaSpace.bind(connectors, "t")
      yield* clearLog
      const list = connectors.list()
      yield* list.pipe(KibanaSpace.withSpace("c"), Effect.provide(KibanaSpace.layer("p")))
      yield* list.pipe(Effect.provide(KibanaSpace.layer("p")), KibanaSpace.withSpace("c"))
      yield* tenant.list().pipe(KibanaSpace.withSpace("c"), Effect.provide(KibanaSpace.layer("p")))
      yield* tenant.list().pipe(Effect.provide(KibanaSpace.layer("p")), KibanaSpace.withSpace("c"))
      yield* list.pipe(KibanaSpace.withSpace("default"), Effect.provide(KibanaSpace.layer("p")))
      yield* spaces.list().pipe(KibanaSpace.withSpace("c"))
      assert.deepStrictEqual(yield* received, [
        "GET /s/c/api/actions/connectors",
        "GET /s/p/api/actions/connectors",
        "GET /s/t/api/actions/connectors",
        "GET /s/t/api/actions/connectors",
        "GET /api/actions/connectors",
        "GET /api/spaces/space"
      ])
    }))

  it.effect("without the existence check a misspelled space silently gets objects (Kibana's behaviour)", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors
      yield* connectors.create(serverLog("phantom")).pipe(KibanaSpace.withSpace("markteing"))
      assert.include(yield* connectorSpaces, "markteing")
      assert.notInclude(yield* spacesStored, "markteing")
    }))

  describe("scoped spaces", () => {
    it.effect("gone, with their connectors, after success", () =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const connectors = yield* Connectors
        yield* Effect.scoped(Effect.gen(function*() {
          const space = yield* spaces.acquire({ id: "tmp-ok", name: "Temporary" })
          yield* connectors.create(serverLog("inside")).pipe(KibanaSpace.withSpace(space.id))
          assert.include(yield* spacesStored, "tmp-ok")
        }))
        assert.notInclude(yield* spacesStored, "tmp-ok")
        assert.notInclude(yield* connectorSpaces, "tmp-ok")
      }))

    it.effect("gone after a failure, which is kept", () =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const connectors = yield* Connectors
        const error = yield* Effect.flip(Effect.scoped(Effect.gen(function*() {
          const space = yield* spaces.acquire({ id: "tmp-fail", name: "Temporary" })
          yield* connectors.create(serverLog("inside")).pipe(KibanaSpace.withSpace(space.id))
          return yield* Effect.fail("the program failed" as const)
        })))
        assert.strictEqual(error, "the program failed")
        assert.notInclude(yield* spacesStored, "tmp-fail")
        assert.notInclude(yield* connectorSpaces, "tmp-fail")
      }))

    it.effect("gone after interruption", () =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const connectors = yield* Connectors
        const fiber = yield* Effect.fork(Effect.scoped(Effect.gen(function*() {
          const space = yield* spaces.acquire({ id: "tmp-int", name: "Temporary" })
          yield* connectors.create(serverLog("inside")).pipe(KibanaSpace.withSpace(space.id))
          return yield* Effect.never
        })))
        while (!(yield* connectorSpaces).includes("tmp-int")) yield* Effect.sleep("5 millis")
        yield* Fiber.interrupt(fiber)
        assert.notInclude(yield* spacesStored, "tmp-int")
        assert.notInclude(yield* connectorSpaces, "tmp-int")
      }))

    it.effect("scoped connectors inside a scoped space are released first, without noise", () =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const connectors = yield* Connectors
        yield* Effect.scoped(Effect.gen(function*() {
          const space = yield* spaces.acquire({ id: "tmp-nested", name: "Temporary" })
          yield* connectors.acquire(serverLog("scoped-inside")).pipe(KibanaSpace.withSpace(space.id))
        }))
        assert.notInclude(yield* spacesStored, "tmp-nested")
        assert.notInclude(yield* connectorSpaces, "tmp-nested")
      }))
  })

  it.effect("20 tenants concurrently, each creating connectors, each sees only its own", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces
      const connectors = yield* Connectors
      const tenants = Array.from({ length: 20 }, (_, i) => `tenant-${i}`)
      const seen = yield* Effect.forEach(tenants, (tenant, i) =>
        Effect.scoped(Effect.gen(function*() {
          yield* spaces.acquire({ id: tenant, name: tenant })
          // Half the tenants use a bound service, half a program-level space; both mixed with noise.
          const mine = i % 2 === 0 ? KibanaSpace.bind(connectors, tenant) : connectors
          const program = Effect.gen(function*() {
            yield* Effect.forEach([1, 2, 3], (n) => mine.create(serverLog(`${tenant}/${n}`)), { concurrency: 3 })
            return names(yield* mine.list())
          })
          return yield* i % 2 === 0
            ? program.pipe(KibanaSpace.withSpace(tenants[(i + 1) % tenants.length]!))
            : program.pipe(Effect.provide(KibanaSpace.layer(tenant)))
        })), { concurrency: "unbounded" })
      seen.forEach((connectorNames, i) => {
        assert.deepStrictEqual(connectorNames, [1, 2, 3].map((n) => `tenant-${i}/${n}`))
      })
      for (const tenant of tenants) assert.notInclude(yield* spacesStored, tenant)
    }))
})

layer(KibanaTest.layerServer({ client: { spaceExistence: {} } }), { excludeTestServices: true })(
  "over real HTTP, with the existence check",
  (it) => {
    it.effect("a call into a missing space fails before it is sent; creating the space makes it work", () =>
      Effect.gen(function*() {
        const spaces = yield* Spaces
        const connectors = yield* Connectors
        yield* clearLog
        const error = yield* Effect.flip(connectors.create(serverLog("x")).pipe(KibanaSpace.withSpace("markteing")))
        assert.strictEqual(error._tag, "KibanaSpaceNotFound")
        assert.deepStrictEqual(yield* received, ["GET /api/spaces/space/markteing"])
        assert.notInclude(yield* connectorSpaces, "markteing")
        yield* spaces.create({ id: "markteing", name: "Typo, on purpose" })
        yield* connectors.create(serverLog("x")).pipe(KibanaSpace.withSpace("markteing"))
        yield* spaces.delete("markteing")
        const afterDelete = yield* Effect.flip(connectors.list().pipe(KibanaSpace.withSpace("markteing")))
        assert.strictEqual(afterDelete._tag, "KibanaSpaceNotFound")
      }))
  }
)
