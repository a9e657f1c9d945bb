/**
 * Scoped creates that cannot leak: the id is chosen before the request leaves and the release is
 * registered first, so whatever Kibana may have created can be deleted, however the create ends.
 *
 * The create itself stays interruptible (so the client's timeout and the caller's interruption stop it
 * at once). What is known about its outcome decides what the release does:
 * - created: one delete;
 * - absent (Kibana said no before acting, or the id belongs to someone else): nothing;
 * - unknown (the answer was lost, or the caller gave up while the request was out): Kibana may still be
 *   handling it, since it does not stop a handler whose client went away, so the release keeps deleting
 *   until the delete finds the object or the settle window has passed.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import type { KibanaRequestError, KibanaUnsupportedFeature } from "../errors/KibanaError.js"
import type { RequestTrack } from "./requestTracker.js"
import { RequestTracker } from "./requestTracker.js"
import { isLostAnswer } from "./retry.js"

/** What a create can fail with; a refusal before sending (a version gate) leaves nothing to release. */
type CreateFailure = KibanaRequestError | KibanaUnsupportedFeature

/** What is known about a create whose release is registered. */
export type CreateOutcome = "created" | "absent" | "unknown"

/**
 * Whether a failed create may have been acted on: a lost answer leaves it unknown; any other answer is
 * Kibana saying it did not act.
 */
export const outcomeOfFailure = (error: CreateFailure): "absent" | "unknown" =>
  error._tag === "KibanaUnknownOutcome" || (error._tag !== "KibanaUnsupportedFeature" && isLostAnswer(error))
    ? "unknown"
    : "absent"

/** The result of one delete attempt at release. */
export type DeleteResult = "deleted" | "missing"

/** How one scoped create is carried out and undone. */
export interface ScopedCreate<A, E> {
  /** The create, with the id already in the request. */
  readonly create: Effect.Effect<A, E>
  /** Looks the id up after a lost answer; `None` when it does not exist (yet). */
  readonly find: Effect.Effect<Option.Option<A>, unknown>
  /** One delete attempt; `missing` when there was nothing to delete. */
  readonly remove: Effect.Effect<DeleteResult, unknown>
  /** How long a create with an unknown outcome may still land after it was given up on. */
  readonly settleWindow: Duration.Duration
  /** Reports a release that could not delete (never fails). */
  readonly onReleaseFailure: (error: unknown) => Effect.Effect<void>
}

/**
 * How long after giving up a create may still land: a few per-attempt timeouts (a request slower than
 * one is still being handled), at least 5 seconds (a loaded server queues requests well past a short
 * timeout: the chaos test saw a create land 1.2 s after a 250 ms timeout), at most a minute so a scope
 * never waits long on a dead server.
 */
export const settleWindowFor = (timeout: Duration.Duration): Duration.Duration =>
  Duration.clamp(Duration.times(timeout, 3), { minimum: Duration.seconds(5), maximum: Duration.minutes(1) })

// A request already inside Kibana usually lands within moments; later polls are spaced out.
const firstSettlePoll = Duration.millis(100)

const releaseUnknown = <A, E>(options: ScopedCreate<A, E>) =>
  Effect.gen(function*() {
    const deadline = (yield* Effect.clockWith((clock) => clock.currentTimeMillis)) +
      Duration.toMillis(options.settleWindow)
    let wait = firstSettlePoll
    while (true) {
      const result = yield* Effect.either(options.remove)
      if (result._tag === "Right" && result.right === "deleted") return
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      if (now >= deadline) {
        if (result._tag === "Left") yield* options.onReleaseFailure(result.left)
        return
      }
      yield* Effect.sleep(Duration.min(wait, Duration.millis(deadline - now)))
      wait = Duration.times(wait, 2)
    }
  })

const release = <A, E>(options: ScopedCreate<A, E>, outcome: CreateOutcome): Effect.Effect<void> => {
  switch (outcome) {
    case "absent":
      return Effect.void
    case "created":
      return Effect.flatMap(
        Effect.either(options.remove),
        (result) => result._tag === "Left" ? options.onReleaseFailure(result.left) : Effect.void
      )
    case "unknown":
      return releaseUnknown(options)
  }
}

/**
 * Registers the release, then runs the create. A lost answer is resolved by looking the id up: found,
 * the create is returned as a success; not found, the original failure stands (and the release keeps
 * watching for the create to land).
 */
export const acquireWithId = <A, E extends CreateFailure>(
  options: ScopedCreate<A, E>
): Effect.Effect<A, E, Scope.Scope> =>
  Effect.gen(function*() {
    // Set once the create answers; an interruption leaves it to what the client saw of the attempts.
    const outcome = yield* Ref.make<CreateOutcome | undefined>(undefined)
    const track: RequestTrack = { maybeActed: false }
    yield* Effect.addFinalizer(() =>
      Effect.flatMap(
        Ref.get(outcome),
        (known) => release(options, known ?? (track.maybeActed ? "unknown" : "absent"))
      )
    )
    return yield* options.create.pipe(
      Effect.provideService(RequestTracker, track),
      Effect.tap(() => Ref.set(outcome, "created")),
      Effect.catchAll((error) => {
        // a 2xx that did not decode, or was too large to read, still created the object
        const answeredYes = error._tag === "KibanaDecodeError" ||
          (error._tag === "KibanaResponseTooLarge" && error.status >= 200 && error.status < 300)
        const kind = answeredYes ? "created" : outcomeOfFailure(error)
        if (kind !== "unknown") return Effect.zipRight(Ref.set(outcome, kind), Effect.fail(error))
        return Effect.either(options.find).pipe(
          Effect.flatMap((found) =>
            found._tag === "Right" && Option.isSome(found.right)
              ? Effect.as(Ref.set(outcome, "created"), found.right.value)
              : Effect.zipRight(Ref.set(outcome, "unknown"), Effect.fail(error))
          )
        )
      })
    )
  })
