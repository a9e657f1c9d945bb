/**
 * The emulator's in-memory Elasticsearch-like document store: what the `.index` connector writes and
 * the Elasticsearch-compatible endpoint reads.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { DocumentStore, JsonObject, StoredDocument } from "./ConnectorTypeSpec.js"

interface Index {
  readonly documents: ReadonlyArray<StoredDocument>
  /** The next `_seq_no`; Elasticsearch numbers operations per shard (one shard here) from 0. */
  readonly nextSeqNo: number
}

const base64Url = (bytes: Uint8Array): string =>
  Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")

// Elasticsearch's auto-generated ids are 20 characters of URL-safe base64 (15 bytes)
const generateId = Effect.sync(() => base64Url(crypto.getRandomValues(new Uint8Array(15))))

/**
 * Creates an empty store. All updates go through one `Ref`, so concurrent writes never lose documents
 * or reuse a sequence number.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeDocumentStore: Effect.Effect<DocumentStore> = Effect.map(
  Ref.make<ReadonlyMap<string, Index>>(new Map()),
  (ref): DocumentStore => ({
    bulkCreate: (index: string, documents: ReadonlyArray<JsonObject>) =>
      Effect.flatMap(
        Effect.forEach(documents, () => generateId),
        (ids) =>
          Ref.modify(ref, (indices) => {
            const current = indices.get(index) ?? { documents: [], nextSeqNo: 0 }
            const created = documents.map((source, position): StoredDocument => ({
              index,
              id: ids[position]!,
              source,
              seqNo: current.nextSeqNo + position
            }))
            const next = new Map(indices)
            next.set(index, {
              documents: [...current.documents, ...created],
              nextSeqNo: current.nextSeqNo + created.length
            })
            return [created, next]
          })
      ),
    documents: (index: string) => Effect.map(Ref.get(ref), (indices) => indices.get(index)?.documents ?? []),
    indices: Effect.map(Ref.get(ref), (indices) => [...indices.keys()]),
    deleteIndex: (index: string) =>
      Ref.modify(ref, (indices) => {
        if (!indices.has(index)) return [false, indices]
        const next = new Map(indices)
        next.delete(index)
        return [true, next]
      })
  })
)
