/**
 * The emulator's in-memory Elasticsearch-like document store: what the `.index` connector writes and
 * the Elasticsearch-compatible endpoint reads.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { DocumentStore, JsonObject, StoredDocument } from "./ConnectorTypeSpec.js"

interface Index {
  /** Appended in place: a write costs its own documents, never a copy of the index. */
  readonly documents: Array<StoredDocument>
  /** The next `_seq_no`; Elasticsearch numbers operations per shard (one shard here) from 0. */
  nextSeqNo: number
}

// Elasticsearch's auto-generated ids are 20 characters of URL-safe base64 (15 bytes)
const idBytes = 15

/** `count` fresh ids from one draw of random bytes. */
const generateIds = (count: number): Array<string> => {
  const bytes = Buffer.from(crypto.getRandomValues(new Uint8Array(idBytes * count)))
  const ids = new Array<string>(count)
  for (let i = 0; i < count; i++) ids[i] = bytes.toString("base64url", i * idBytes, (i + 1) * idBytes)
  return ids
}

/**
 * Creates an empty store. Every operation runs synchronously in one step, so concurrent writes
 * never interleave, lose documents or reuse a sequence number.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeDocumentStore: Effect.Effect<DocumentStore> = Effect.sync(() => {
  const indices = new Map<string, Index>()
  return {
    bulkCreate: (index: string, documents: ReadonlyArray<JsonObject>) =>
      Effect.sync(() => {
        let current = indices.get(index)
        if (current === undefined) {
          current = { documents: [], nextSeqNo: 0 }
          indices.set(index, current)
        }
        const ids = generateIds(documents.length)
        const created = documents.map((source, position): StoredDocument => ({
          index,
          id: ids[position]!,
          source,
          seqNo: current.nextSeqNo + position
        }))
        for (const document of created) current.documents.push(document)
        current.nextSeqNo += created.length
        return created
      }),
    // A copy: readers keep what they read, whatever is written afterwards.
    documents: (index: string) => Effect.sync(() => indices.get(index)?.documents.slice() ?? []),
    indices: Effect.sync(() => [...indices.keys()]),
    deleteIndex: (index: string) => Effect.sync(() => indices.delete(index))
  }
})
