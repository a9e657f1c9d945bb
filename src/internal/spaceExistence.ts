/**
 * The cache behind the client's opt-in space existence check.
 *
 * Written for this purpose rather than on `effect/Cache`, whose behaviour here is wrong in three ways:
 * a failed lookup stays cached for the millisecond its zero TTL lasts (forever under `TestClock`), an
 * interrupted first caller interrupts every other caller waiting on the same lookup, and a lookup that
 * started before an invalidation stores its stale answer after it.
 *
 * Rules: one lookup at a time per space (concurrent callers share it); an answer ("exists" or "missing")
 * is kept for the TTL; a failure is never kept; at most `capacity` spaces are remembered, the least
 * recently used forgotten first; `invalidate` forgets a space, including an answer still on its way.
 */
import type * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"

interface Entry<E> {
  readonly answer: Deferred.Deferred<boolean, E>
  /** Epoch millis after which the answer is stale; `Infinity` while the lookup runs. */
  expiresAt: number
}

/** Remembers whether spaces exist. */
export interface SpaceExistence<E> {
  readonly exists: (spaceId: string) => Effect.Effect<boolean, E>
  readonly invalidate: (spaceId: string) => Effect.Effect<void>
}

/** A cache over `lookup`, which answers `true` (exists), `false` (missing) or fails (unknown). */
export const makeSpaceExistence = <E>(options: {
  readonly timeToLive: Duration.Duration
  readonly capacity: number
  readonly lookup: (spaceId: string) => Effect.Effect<boolean, E>
}): SpaceExistence<E> => {
  const ttl = Duration.toMillis(options.timeToLive)
  const capacity = Math.max(1, Math.floor(options.capacity))
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry<E>>()

  const touch = (spaceId: string, entry: Entry<E>) => {
    entries.delete(spaceId)
    entries.set(spaceId, entry)
  }

  const evictOverflow = () => {
    for (const spaceId of entries.keys()) {
      if (entries.size <= capacity) return
      entries.delete(spaceId)
    }
  }

  // Runs synchronously inside `exists`, so checking for an entry and adding one is a single step.
  const startLookup = (spaceId: string, clock: Clock.Clock): Effect.Effect<boolean, E> => {
    const entry: Entry<E> = { answer: Deferred.unsafeMake(FiberId.none), expiresAt: Infinity }
    touch(spaceId, entry)
    evictOverflow()
    const settle = (exit: Exit.Exit<boolean, E>) =>
      Effect.suspend(() => {
        // Replaced or invalidated meanwhile: answer the waiters, but remember nothing.
        if (entries.get(spaceId) === entry) {
          if (Exit.isSuccess(exit)) entry.expiresAt = clock.unsafeCurrentTimeMillis() + ttl
          else entries.delete(spaceId)
        }
        return Deferred.done(entry.answer, exit)
      })
    // A daemon fiber, so the lookup completes for everyone even if the caller that started it is interrupted.
    return options.lookup(spaceId).pipe(
      Effect.exit,
      Effect.flatMap(settle),
      Effect.forkDaemon,
      Effect.zipRight(Deferred.await(entry.answer))
    )
  }

  const exists = (spaceId: string): Effect.Effect<boolean, E> =>
    Effect.clockWith((clock) =>
      Effect.suspend(() => {
        const entry = entries.get(spaceId)
        if (entry === undefined || entry.expiresAt <= clock.unsafeCurrentTimeMillis()) {
          return startLookup(spaceId, clock)
        }
        touch(spaceId, entry)
        return Deferred.await(entry.answer)
      })
    )

  const invalidate = (spaceId: string): Effect.Effect<void> => Effect.sync(() => entries.delete(spaceId))

  return { exists, invalidate }
}
