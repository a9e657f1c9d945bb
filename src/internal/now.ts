/**
 * `Effect.flatMap` and `Effect.map` applied at once when the effect is already a success: input checks
 * (`checkPath`, `serializeBody`, `pathSegment`) answer with `Effect.succeed`, which is an `Exit`, and
 * chaining on it costs two effect steps each. An in-process `Connectors.get` ran ~86 steps, and each
 * counts (issue #13 profile). Only for functions that may run as soon as the effect is built.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"

// `Effect.succeed` gives an `Exit`; any other effect is chained as usual.
const isSuccess = <A, E, R>(self: Effect.Effect<A, E, R>): self is Exit.Success<A, E> & Effect.Effect<A, E, R> =>
  Exit.isExit(self) && Exit.isSuccess(self)

/** `Effect.flatMap(self, f)`, with `f` called at once when `self` is already a success. */
export const flatMapNow = <A, E, R, B, E2, R2>(
  self: Effect.Effect<A, E, R>,
  f: (a: A) => Effect.Effect<B, E2, R2>
): Effect.Effect<B, E | E2, R | R2> => isSuccess(self) ? f(self.value) : Effect.flatMap(self, f)

/** `Effect.map(self, f)`, with `f` called at once when `self` is already a success. */
export const mapNow = <A, E, R, B>(self: Effect.Effect<A, E, R>, f: (a: A) => B): Effect.Effect<B, E, R> =>
  isSuccess(self) ? Effect.succeed(f(self.value)) : Effect.map(self, f)
