// Lost answers of requests that are not safe to repeat: never repeated, reported as
// `KibanaUnknownOutcome` with what the caller needs to learn the outcome, resolved by the library where
// it chose the id (acquire, ensure). Over real HTTP, with the emulator committing the request and then
// dropping the connection, as a Kibana behind a failing proxy would.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as Spaces from "../../src/services/Spaces.js"
import { KibanaTest } from "../../src/testing.js"

const dropNext = (method: "POST", path: string) =>
  Effect.flatMap(
    KibanaEmulator,
    (emulator) => emulator.addFault({ fault: { _tag: "DropAfterCommit" }, method, path, times: 1 })
  )

const requestsTo = (path: RegExp) =>
  Effect.map(
    Effect.flatMap(KibanaEmulator, (emulator) => emulator.requestLog),
    (log) => log.filter((request) => request.method === "POST" && path.test(request.path)).length
  )

describe("KibanaUnknownOutcome", () => {
  it.effect("a create with a chosen id: the error carries the id, and looking it up resolves it", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      yield* dropNext("POST", "/api/actions/connector/{id}")
      const id = "lost-answer-1"
      const input = {
        connectorTypeId: ".webhook",
        name: "lost",
        config: { url: "https://hooks.example.com/x", hasAuth: true },
        secrets: { user: "u", password: Redacted.make("hunter2-secret") }
      } as const
      const error = yield* Effect.flip(connectors.create(input, { id }))
      assert.strictEqual(error._tag, "KibanaUnknownOutcome")
      if (error._tag !== "KibanaUnknownOutcome") return
      assert.strictEqual(error.id, id)
      assert.strictEqual(error.operation, "Connectors.create")
      assert.strictEqual(error.cause._tag, "KibanaTransportError")
      assert.include(error.message, `look up id ${id}`)
      assert.notInclude(`${error.message} ${JSON.stringify(error)}`, "hunter2-secret")
      // the README's pattern: the lookup says it landed; a repeat with the id is refused, not duplicated
      const found = yield* connectors.get(error.id!)
      assert.strictEqual(found.name, "lost")
      const again = yield* Effect.flip(connectors.create(input, { id }))
      assert.strictEqual(again._tag, "KibanaConflict")
      assert.strictEqual(yield* requestsTo(/\/api\/actions\/connector\/lost-answer-1$/), 2)
    }).pipe(Effect.provide(KibanaTest.layerServer())))

  it.effect("an execute is not run again: one document written, the failure says the outcome is open", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      const connector = yield* connectors.create({ connectorTypeId: ".index", name: "once", config: { index: "once" } })
      yield* dropNext("POST", "/api/actions/connector/{id}/_execute")
      const error = yield* Effect.flip(connectors.executeIndex(connector.id, [{ message: "m" }]))
      assert.strictEqual(error._tag, "KibanaUnknownOutcome")
      if (error._tag === "KibanaUnknownOutcome") assert.isUndefined(error.id)
      assert.lengthOf(yield* emulator.documents("once"), 1)
      assert.strictEqual(yield* requestsTo(/_execute$/), 1)
    }).pipe(Effect.provide(KibanaTest.layerServer({ client: { retry: { times: 3 } } }))))

  it.effect("a space create carries the space id", () =>
    Effect.gen(function*() {
      const spaces = yield* Spaces.Spaces
      yield* dropNext("POST", "/api/spaces/space")
      const error = yield* Effect.flip(spaces.create({ id: "lost-space", name: "Lost" }))
      assert.strictEqual(error._tag, "KibanaUnknownOutcome")
      if (error._tag === "KibanaUnknownOutcome") assert.strictEqual(error.id, "lost-space")
      assert.strictEqual((yield* spaces.get("lost-space")).name, "Lost")
    }).pipe(Effect.provide(KibanaTest.layerServer())))

  it.effect("acquire resolves it itself: the create landed, so acquire succeeds and the scope deletes it", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      yield* dropNext("POST", "/api/actions/connector/{id}")
      const acquired = yield* Effect.scoped(
        Effect.gen(function*() {
          const connector = yield* connectors.acquire({ connectorTypeId: ".server-log", name: "scoped" })
          assert.lengthOf(yield* emulator.connectors, 1)
          return connector
        })
      )
      assert.strictEqual(acquired.name, "scoped")
      assert.deepStrictEqual(yield* emulator.connectors, [])
    }).pipe(Effect.provide(KibanaTest.layerServer())))

  it.effect("ensure resolves it itself through the derived id: created once, reported as created", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      yield* dropNext("POST", "/api/actions/connector/{id}")
      const result = yield* connectors.ensure({ connectorTypeId: ".server-log", name: "ensured" })
      assert.strictEqual(result.outcome, "created")
      assert.lengthOf(yield* emulator.connectors, 1)
      const found = yield* connectors.findByName("ensured", ".server-log")
      assert.isTrue(Option.isSome(found))
    }).pipe(Effect.provide(KibanaTest.layerServer())))

  it.live("a 502 after a POST left is an unknown outcome too; a 503 (before Kibana acts) is retried", () =>
    Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      const emulator = yield* KibanaEmulator
      yield* emulator.addFault({ fault: { _tag: "Status", status: 502 }, method: "POST", times: 1 })
      const error = yield* Effect.flip(connectors.create({ connectorTypeId: ".server-log", name: "gw" }))
      assert.strictEqual(error._tag, "KibanaUnknownOutcome")
      if (error._tag === "KibanaUnknownOutcome") assert.strictEqual(error.cause._tag, "KibanaServerError")
      yield* emulator.addFault({ fault: { _tag: "Status", status: 503 }, method: "POST", times: 1 })
      const created = yield* connectors.create({ connectorTypeId: ".server-log", name: "after 503" })
      assert.strictEqual(created.name, "after 503")
    }).pipe(
      Effect.provide(
        KibanaTest.layerServer({ client: { retry: { times: 2, baseDelay: "1 millis", maxDelay: "10 millis" } } })
      )
    ))
})
