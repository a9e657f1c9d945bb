// The three space forms (program layer, per-call `withSpace`, space-bound service) reach the right
// paths in every nesting order: the innermost choice wins, and a bound service is always innermost.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"
import * as KibanaSpace from "../../src/services/KibanaSpace.js"
import { makeMiniKibana } from "./miniKibana.js"

type Ambient = { readonly form: "layer" | "withSpace"; readonly space: string }

const applyAmbient = <A, E, R>(effect: Effect.Effect<A, E, R>, ambient: Ambient): Effect.Effect<A, E, R> =>
  ambient.form === "layer"
    ? Effect.provide(effect, KibanaSpace.layer(ambient.space))
    : KibanaSpace.withSpace(effect, ambient.space)

/** Wraps the call in the ambient choices, listed from outermost to innermost. */
const within = <A, E, R>(effect: Effect.Effect<A, E, R>, ambients: ReadonlyArray<Ambient>) =>
  ambients.reduceRight(applyAmbient, effect)

const prefix = (space: string) => space === "default" ? "" : `/s/${space}`

const ambientOrders: ReadonlyArray<ReadonlyArray<Ambient>> = [
  [],
  [{ form: "layer", space: "outer" }],
  [{ form: "withSpace", space: "outer" }],
  [{ form: "layer", space: "outer" }, { form: "withSpace", space: "inner" }],
  [{ form: "withSpace", space: "outer" }, { form: "layer", space: "inner" }],
  [{ form: "layer", space: "outer" }, { form: "layer", space: "inner" }],
  [{ form: "withSpace", space: "outer" }, { form: "withSpace", space: "inner" }],
  [{ form: "layer", space: "outer" }, { form: "withSpace", space: "middle" }, { form: "layer", space: "inner" }],
  [{ form: "withSpace", space: "outer" }, { form: "layer", space: "middle" }, { form: "withSpace", space: "inner" }],
  // The default space inside another means no prefix at all.
  [{ form: "layer", space: "outer" }, { form: "withSpace", space: "default" }],
  [{ form: "withSpace", space: "outer" }, { form: "layer", space: "default" }]
]

const describeOrder = (ambients: ReadonlyArray<Ambient>) =>
  ambients.length === 0 ? "nothing" : ambients.map((a) => `${a.form}(${a.space})`).join(" > ")

describe("space forms", () => {
  for (const ambients of ambientOrders) {
    const innermost = ambients.at(-1)?.space ?? "default"

    it.effect(`${describeOrder(ambients)}: a plain call goes to ${innermost}`, () => {
      const mini = makeMiniKibana()
      return Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        yield* within(connectors.list(), ambients)
        assert.deepStrictEqual(mini.requests(), [`GET ${prefix(innermost)}/api/actions/connectors`])
      }).pipe(Effect.provide(Connectors.layer.pipe(Layer.provideMerge(mini.layer()))))
    })

    it.effect(`${describeOrder(ambients)}: a service bound to tenant goes to tenant`, () => {
      const mini = makeMiniKibana()
      return Effect.gen(function*() {
        const tenant = KibanaSpace.bind(yield* Connectors.Connectors, "tenant")
        yield* within(tenant.list(), ambients)
        yield* within(tenant.get("c1" as never).pipe(Effect.ignore), ambients)
        assert.deepStrictEqual(mini.requests(), [
          "GET /s/tenant/api/actions/connectors",
          "GET /s/tenant/api/actions/connector/c1"
        ])
      }).pipe(Effect.provide(Connectors.layer.pipe(Layer.provideMerge(mini.layer()))))
    })

    it.effect(`${describeOrder(ambients)}: a service over a space-bound client goes to that space`, () => {
      const mini = makeMiniKibana()
      const tenantConnectors = Connectors.layer.pipe(
        Layer.provide(KibanaSpace.layerBind(KibanaClient.KibanaClient, "tenant"))
      )
      return Effect.gen(function*() {
        const connectors = yield* Connectors.Connectors
        yield* within(connectors.list(), ambients)
        // Binding the service again on top: the client's binding is closer to the request, so it wins.
        yield* within(KibanaSpace.bind(connectors, "other").list(), ambients)
        assert.deepStrictEqual(mini.requests(), [
          "GET /s/tenant/api/actions/connectors",
          "GET /s/tenant/api/actions/connectors"
        ])
      }).pipe(Effect.provide(tenantConnectors.pipe(Layer.provideMerge(mini.layer()))))
    })
  }

  it.effect("providing a space to a service's layer does nothing; binding its client does", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const viaSpaceLayer = yield* Effect.provide(
        Connectors.Connectors,
        Connectors.layer.pipe(Layer.provide(KibanaSpace.layer("ignored")))
      )
      yield* viaSpaceLayer.list()
      const viaBoundClient = yield* Effect.provide(
        Connectors.Connectors,
        Connectors.layer.pipe(Layer.provide(KibanaSpace.layerBind(KibanaClient.KibanaClient, "tenant")))
      )
      yield* viaBoundClient.list()
      assert.deepStrictEqual(mini.requests(), [
        "GET /api/actions/connectors",
        "GET /s/tenant/api/actions/connectors"
      ])
    }).pipe(Effect.provide(mini.layer()))
  })

  it.effect("a bound service keeps the space for its temporary resources' release", () => {
    const mini = makeMiniKibana()
    return Effect.gen(function*() {
      const tenant = KibanaSpace.bind(yield* Connectors.Connectors, "tenant")
      // The scope closes outside any space choice; the release still deletes in the tenant's space.
      yield* Effect.scoped(tenant.acquire({ connectorTypeId: ".server-log", name: "log" })).pipe(
        KibanaSpace.withSpace("elsewhere")
      )
      const [post, del] = mini.requests()
      assert.match(post, /^POST \/s\/tenant\/api\/actions\/connector\/[a-z0-9-]{36}$/)
      assert.strictEqual(del, post.replace("POST", "DELETE"))
      assert.strictEqual(mini.requests().length, 2)
    }).pipe(Effect.provide(Connectors.layer.pipe(Layer.provideMerge(mini.layer()))))
  })

  it.effect("bind keeps non-Effect members and method identity", () =>
    Effect.gen(function*() {
      const service = { name: "svc", count: 3, run: () => Effect.succeed(1), plain: (n: number) => n * 2 }
      const bound = KibanaSpace.bind(service, "tenant")
      assert.strictEqual(bound.name, "svc")
      assert.strictEqual(bound.count, 3)
      assert.strictEqual(bound.plain(4), 8)
      assert.strictEqual(bound.run, bound.run)
      assert.strictEqual(yield* bound.run(), 1)
    }))

  it.effect("many tenants in parallel never cross", () => {
    const mini = makeMiniKibana()
    const tenants = Array.from({ length: 20 }, (_, i) => `tenant-${i}`)
    return Effect.gen(function*() {
      const connectors = yield* Connectors.Connectors
      yield* Effect.forEach(tenants, (tenant, i) => {
        const bound = KibanaSpace.bind(connectors, tenant)
        const viaBound = bound.create({ connectorTypeId: ".server-log", name: `${tenant}:bound` })
        const viaCall = connectors.create({ connectorTypeId: ".server-log", name: `${tenant}:call` }).pipe(
          KibanaSpace.withSpace(tenant)
        )
        // Alternate the ambient space around the bound call to show it is ignored.
        return Effect.all([Effect.yieldNow(), viaBound, Effect.yieldNow(), viaCall], { concurrency: "unbounded" }).pipe(
          KibanaSpace.withSpace(tenants[(i + 1) % tenants.length]!)
        )
      }, { concurrency: "unbounded" })
      const creates = mini.seen.filter((request) => request.method === "POST")
      assert.strictEqual(creates.length, 40)
      for (const request of creates) {
        const tenant = (request.body as { name: string }).name.split(":")[0]
        assert.strictEqual(request.path, `/s/${tenant}/api/actions/connector`)
      }
    }).pipe(Effect.provide(Connectors.layer.pipe(Layer.provideMerge(mini.layer()))))
  })
})
