/**
 * The Kibana space a request runs in.
 *
 * A space is only a URL prefix (`/s/<id>`; none for `default`), so it is an ambient setting read when
 * each request is built, from the calling fiber. Three forms set it, and they compose:
 *
 * - `layer(id)`: a whole program, `program.pipe(Effect.provide(KibanaSpace.layer("marketing")))`;
 * - `withSpace(id)`: one call or a block, `connectors.list().pipe(KibanaSpace.withSpace("marketing"))`;
 * - `bind(service, id)` / `layerBind(tag, id)`: a long-lived service pinned to one tenant's space.
 *
 * The innermost choice wins, that is the one closest to the request. A bound service sets its space on
 * each of its calls, inside anything the caller wraps around them, so it always wins: a tenant's
 * service can never be pointed at another tenant by the context it is called from. Providing a space
 * to a service's layer does nothing (the space is read per call); bind the service or its client.
 *
 * The spaces API itself is never prefixed. With the client's `spaceExistence` option, a call into a
 * space that does not exist fails with `KibanaSpaceNotFound` before it is sent.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"

/**
 * The id of Kibana's reserved default space, which needs no URL prefix.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSpaceId = "default"

/**
 * The space requests run in, `default` unless a program or call says otherwise. The id is checked
 * (`^[a-z0-9_-]+$`) when a request is built, so a bad id fails that request with `KibanaInputError`.
 *
 * @since 0.1.0
 * @category references
 */
export class CurrentSpace extends Context.Reference<CurrentSpace>()("effect-kibana/CurrentSpace", {
  defaultValue: (): string => defaultSpaceId
}) {}

/**
 * Runs an effect (a single call or a whole program) in the given space. The innermost choice wins:
 * a `withSpace` or `layer` closer to the call, or a bound service, overrides this one.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withSpace: {
  (spaceId: string): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, spaceId: string): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, spaceId: string): Effect.Effect<A, E, R> =>
    Effect.provideService(self, CurrentSpace, spaceId)
)

/**
 * A layer that puts every request of the program it is provided to into `spaceId`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (spaceId: string): Layer.Layer<CurrentSpace> => Layer.succeed(CurrentSpace, spaceId)

const bindValue = (value: unknown, spaceId: string, self: object): unknown => {
  if (Effect.isEffect(value)) return withSpace(value, spaceId)
  if (typeof value !== "function") return value
  return (...args: Array<unknown>) => {
    const result = value.apply(self, args)
    return Effect.isEffect(result) ? withSpace(result, spaceId) : result
  }
}

/**
 * A copy of `service` pinned to a space: every Effect it returns (from a method or held as a value) runs
 * in `spaceId`. The long-lived form for one tenant: build it once, pass it anywhere, and its calls never
 * leave the space.
 *
 * The binding sits directly on each call, so it is the innermost choice and wins over any `withSpace` or
 * `layer` around the call; binding an already bound service keeps the first space. Only the service's
 * own properties are wrapped, not objects nested in it.
 *
 * @example
 * ```ts
 * const acme = KibanaSpace.bind(yield* Connectors, "acme")
 * yield* acme.list() // GET /s/acme/api/actions/connectors, wherever it is called from
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const bind: {
  (spaceId: string): <S extends object>(service: S) => S
  <S extends object>(service: S, spaceId: string): S
} = dual(2, <S extends object>(service: S, spaceId: string): S => {
  // Wrappers are made once per property, so a bound method keeps its identity across reads.
  const bound = new Map<PropertyKey, { readonly original: unknown; readonly value: unknown }>()
  return new Proxy(service, {
    get(target, key) {
      const original: unknown = Reflect.get(target, key, target)
      const cached = bound.get(key)
      if (cached !== undefined && cached.original === original) return cached.value
      const value = bindValue(original, spaceId, target)
      bound.set(key, { original, value })
      return value
    }
  })
})

/**
 * Replaces the service under `tag` with one bound to `spaceId` (see `bind`), for layers built over it.
 * Bind the `KibanaClient` to get a space-scoped client: every service built on it runs in that space.
 *
 * @example
 * ```ts
 * // A Connectors service for tenant "acme" only
 * const AcmeConnectors = Connectors.layer.pipe(
 *   Layer.provide(KibanaSpace.layerBind(KibanaClient, "acme")),
 *   Layer.provide(KibanaClient.layer(options))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerBind = <I, S extends object>(tag: Context.Tag<I, S>, spaceId: string): Layer.Layer<I, never, I> =>
  Layer.effect(tag, Effect.map(tag, bind(spaceId)))
