/**
 * The Kibana space a request runs in.
 *
 * A space is only a URL prefix (`/s/<id>`; none for `default`), so it is an ambient setting read when
 * each request is built, from the calling fiber: provide it to a program or a single call, never to a
 * service's layer.
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
 * Runs an effect (a single call or a whole program) in the given space; the innermost choice wins.
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
