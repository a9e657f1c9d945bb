/**
 * A bounded log that keeps the most recent entries: appending costs the same however full it is
 * (an array copy per append made a busy emulator spend its time copying its request log).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * A ring buffer of at most `capacity` entries.
 *
 * @since 0.1.0
 * @category models
 */
export interface RingBuffer<A> {
  /** Adds an entry, forgetting the oldest when full. */
  readonly append: (entry: A) => Effect.Effect<void>
  /** `append` as a plain call, for a caller already running synchronously inside an effect. */
  readonly unsafeAppend: (entry: A) => void
  /** The entries, oldest first (a copy). */
  readonly entries: Effect.Effect<ReadonlyArray<A>>
  readonly clear: Effect.Effect<void>
}

/**
 * An empty ring buffer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(capacity: number): Effect.Effect<RingBuffer<A>> =>
  Effect.sync(() => {
    let slots: Array<A> = []
    // where the next entry goes once the buffer is full (the oldest entry's slot)
    let next = 0
    const unsafeAppend = (entry: A) => {
      if (slots.length < capacity) {
        slots.push(entry)
      } else {
        slots[next] = entry
        next = (next + 1) % capacity
      }
    }
    return {
      append: (entry) => Effect.sync(() => unsafeAppend(entry)),
      unsafeAppend,
      entries: Effect.sync(() =>
        slots.length < capacity ? slots.slice() : [...slots.slice(next), ...slots.slice(0, next)]
      ),
      clear: Effect.sync(() => {
        slots = []
        next = 0
      })
    }
  })
