/**
 * Reused memory for large request bodies on a lean transport. A body encoded into fresh memory per
 * request costs more than the encoding: the allocator hands out new pages, and each one faults on its
 * first write (bulk benchmark, batches of 500 documents of 64 KB of JSON: 9 to 11 page faults more per
 * batch, 625 batches measured twice).
 *
 * A buffer is leased for a whole request (all its attempts) and given back when the request has ended.
 * Only a transport that never reads the bytes after that may be given pooled memory: the lean wires
 * this library ships (an attempt undici abandons destroys its socket, pending writes included; the
 * in-process emulator decodes the bytes at once). So the Kibana client has a pool only over a lean wire,
 * and a caller asks for it with `bodyPoolOf` (the document writer), falling back to fresh memory.
 */

/** A body encoded into pooled memory, until `release`. */
export interface BodyLease {
  /** The UTF-8 bytes of the body: a view of the pooled buffer, valid until `release`. */
  readonly bytes: Uint8Array
  /** Gives the buffer back; the bytes must no longer be used. */
  readonly release: () => void
}

/** How much memory the pool may keep between requests. */
export interface BodyPoolLimits {
  /** Buffers kept for reuse (default 8: requests in flight beyond that use buffers of their own). */
  readonly buffers?: number
  /** Largest buffer kept, in bytes (default 2 MiB: a larger body's buffer is left to the collector). */
  readonly bufferBytes?: number
}

/** A pool of body buffers. */
export interface BodyPool {
  /** `text` as UTF-8 in a pooled buffer, until the lease is released. */
  readonly encode: (text: string) => BodyLease
}

/** Where a Kibana client keeps its pool, when its transport allows one. */
export const BodyPoolTypeId: unique symbol = Symbol.for("effect-kibana/BodyPool")

/** The pool of `client` (a `KibanaClient` service), when its transport is a lean wire. */
export const bodyPoolOf = (client: object): BodyPool | undefined =>
  (client as { readonly [BodyPoolTypeId]?: BodyPool })[BodyPoolTypeId]

/**
 * `client` with `pool` attached, not enumerable: a copy of the service (`{ ...client, request }`) may send
 * its requests elsewhere, so it does not inherit the pool.
 */
export const withBodyPool = <Client extends object>(client: Client, pool: BodyPool): Client =>
  Object.defineProperty(client, BodyPoolTypeId, { value: pool })

// JSON of ASCII text: as many bytes as UTF-16 units. A first buffer a quarter larger fits most bodies;
// one that does not is encoded again into room for the worst case (3 bytes per unit).
const roomFor = (text: string) => Math.max(4096, Math.ceil(text.length * 1.25))

/** A pool keeping at most `limits.buffers` buffers of at most `limits.bufferBytes` bytes. */
export const makeBodyPool = (limits: BodyPoolLimits = {}): BodyPool => {
  const keep = limits.buffers ?? 8
  const largest = limits.bufferBytes ?? 2 * 1024 * 1024
  const encoder = new TextEncoder()
  const free: Array<Uint8Array> = []

  const take = (size: number): Uint8Array => {
    const buffer = free.pop()
    return buffer !== undefined && buffer.length >= size ? buffer : new Uint8Array(size)
  }

  const encode = (text: string): BodyLease => {
    let buffer = take(roomFor(text))
    const first = encoder.encodeInto(text, buffer)
    let written = first.written
    if (first.read < text.length) {
      buffer = new Uint8Array(text.length * 3)
      written = encoder.encodeInto(text, buffer).written
    }
    let released = false
    return {
      bytes: buffer.subarray(0, written),
      release: () => {
        if (released) return
        released = true
        if (free.length < keep && buffer.length <= largest) free.push(buffer)
      }
    }
  }

  return { encode }
}
