import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"
import * as EmulatorHttpClient from "../../src/emulator/EmulatorHttpClient.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { elastic } from "./helpers.js"

const InProcess = EmulatorHttpClient.layer.pipe(Layer.provideMerge(KibanaEmulator.layer()))

const request = (method: "GET" | "POST", path: string) =>
  HttpClientRequest.make(method)(`${EmulatorHttpClient.inProcessUrl}${path}`).pipe(
    HttpClientRequest.setHeader("authorization", elastic),
    HttpClientRequest.setHeader("kbn-xsrf", "true")
  )

describe("in-process HttpClient", () => {
  layer(InProcess)((it) => {
    it.effect("routes requests into the emulator without sockets", () =>
      Effect.gen(function*() {
        const client = yield* HttpClient.HttpClient
        const created = yield* client.execute(
          request("POST", "/s/inproc/api/actions/connector/in-process").pipe(
            HttpClientRequest.bodyUnsafeJson({ name: "In process", connector_type_id: ".server-log" })
          )
        )
        assert.strictEqual(created.status, 200)
        assert.strictEqual(((yield* created.json) as any).id, "in-process")
        const listed = yield* client.execute(request("GET", "/s/inproc/api/actions/connectors?x=1"))
        assert.deepStrictEqual(((yield* listed.json) as Array<any>).map((c) => c.id), ["in-process"])
        const deleted = yield* client.execute(
          HttpClientRequest.del(`${EmulatorHttpClient.inProcessUrl}/s/inproc/api/actions/connector/in-process`).pipe(
            HttpClientRequest.setHeader("authorization", elastic),
            HttpClientRequest.setHeader("kbn-xsrf", "true")
          )
        )
        assert.strictEqual(deleted.status, 204)
        assert.strictEqual(yield* deleted.text, "")
      }))

    it.effect("Kibana's error answers come back as responses", () =>
      Effect.gen(function*() {
        const client = yield* HttpClient.HttpClient
        const unauthorized = yield* client.execute(
          HttpClientRequest.get(`${EmulatorHttpClient.inProcessUrl}/api/actions/connectors`)
        )
        assert.strictEqual(unauthorized.status, 401)
        const tooLarge = yield* client.execute(
          request("POST", "/api/actions/connector").pipe(
            HttpClientRequest.bodyText("x".repeat(1_048_577), "application/json")
          )
        )
        assert.strictEqual(tooLarge.status, 413)
      }))

    it.effect("a Drop fault is a transport RequestError", () =>
      Effect.gen(function*() {
        const emulator = yield* KibanaEmulator.KibanaEmulator
        const client = yield* HttpClient.HttpClient
        yield* emulator.setFaults([{ fault: { _tag: "Drop" }, times: 1 }])
        const result = yield* Effect.either(client.execute(request("GET", "/api/actions/connectors")))
        assert.isTrue(Either.isLeft(result))
        if (Either.isLeft(result)) {
          assert.strictEqual(result.left._tag, "RequestError")
          assert.strictEqual(result.left.reason, "Transport")
        }
        assert.strictEqual((yield* client.execute(request("GET", "/api/actions/connectors"))).status, 200)
      }))

    // What the in-process transport runs on the caller's fiber, without a timeout of its own.
    it.effect("answers at once unless a fault is active or a connector executes", () =>
      Effect.gen(function*() {
        const emulator = yield* KibanaEmulator.KibanaEmulator
        const atOnce = (method: string, path: string) =>
          emulator.answersAtOnce({ method, path, query: new URLSearchParams(), headers: {}, body: "" })
        assert.isTrue(atOnce("GET", "/api/actions/connectors"))
        assert.isTrue(atOnce("get", "/s/ops/api/actions/connector/x"))
        assert.isTrue(atOnce("POST", "/api/actions/connector"))
        assert.isTrue(atOnce("POST", "/api/spaces/space"))
        assert.isTrue(atOnce("POST", "/_es/logs/_doc"))
        assert.isTrue(atOnce("GET", "/no/such/route"))
        assert.isFalse(atOnce("POST", "/api/actions/connector/x/_execute"))
        assert.isFalse(atOnce("POST", "/s/ops/api/actions/connector/x/_execute"))
        yield* emulator.setFaults([{ fault: { _tag: "Latency", delay: "1 second" }, times: 1 }])
        assert.isFalse(atOnce("GET", "/api/actions/connectors"))
        yield* emulator.setFaults([])
        assert.isTrue(atOnce("GET", "/api/actions/connectors"))
      }))
  })
})

describe("emulator options", () => {
  it.effect("invalid preconfigured connectors and seed spaces fail with EmulatorOptionsError", () =>
    Effect.gen(function*() {
      const unknownType = yield* Effect.flip(KibanaEmulator.make({
        preconfiguredConnectors: [{ id: "p", name: "p", connectorTypeId: ".nope" }]
      }))
      assert.strictEqual(unknownType._tag, "EmulatorOptionsError")
      assert.strictEqual(unknownType.option, "preconfiguredConnectors[0]")
      const badConfig = yield* Effect.flip(KibanaEmulator.make({
        preconfiguredConnectors: [{ id: "p", name: "p", connectorTypeId: ".index", config: {} }]
      }))
      assert.strictEqual(badConfig.option, "preconfiguredConnectors[0]")
      const badSpace = yield* Effect.flip(KibanaEmulator.make({ spaces: [{ id: "Bad", name: "x" }] }))
      assert.strictEqual(badSpace.reason, "[spaces[0].id]: must be lower case, a-z, 0-9, '_', and '-' are allowed")
    }))
})
