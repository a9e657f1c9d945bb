/**
 * The `.index` connector's answer (an Elasticsearch bulk response) decoded in one pass over its items,
 * without running the schema per item: at 500 documents a batch, per-item schema work was most of the
 * client's CPU per document. `IndexBulkResponse` stays the contract: an answer this pass does not accept
 * is decoded by the schema, for its precise error.
 */
import * as Effect from "effect/Effect"
import type { KibanaDecodeError } from "../errors/KibanaError.js"
import { type IndexBulkItem, IndexBulkResponse } from "../schemas/ConnectorExecution.js"
import { type DecodableAnswer, decodeBody } from "./operation.js"

type Created = { -readonly [K in keyof IndexBulkItem["create"]]: IndexBulkItem["create"][K] }

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// `IndexBulkItem`: `_index`, `_id` strings, `status` a number, `result` and `_version` optional.
const readItem = (item: unknown): IndexBulkItem | undefined => {
  if (!isRecord(item) || !isRecord(item["create"])) return undefined
  const fields = item["create"]
  const { _id, _index, _version, result, status } = fields
  if (typeof _index !== "string" || typeof _id !== "string" || typeof status !== "number") return undefined
  const create: Created = { index: _index, id: _id, status }
  // Exact optional fields: a key that is present must hold a value of its type (never `undefined`).
  if ("result" in fields) {
    if (typeof result !== "string") return undefined
    create.result = result
  }
  if ("_version" in fields) {
    if (typeof _version !== "number") return undefined
    create.version = _version
  }
  return { create }
}

/** The bulk answer when it has `IndexBulkResponse`'s shape, else `undefined`. */
export const readIndexBulk = (body: unknown): IndexBulkResponse | undefined => {
  if (!isRecord(body)) return undefined
  const { errors, items, took } = body
  if (typeof errors !== "boolean" || !Array.isArray(items)) return undefined
  if ("took" in body && typeof took !== "number") return undefined
  const decoded = new Array<IndexBulkItem>(items.length)
  for (let i = 0; i < items.length; i++) {
    const item = readItem(items[i])
    if (item === undefined) return undefined
    decoded[i] = item
  }
  // Checked above, field by field, as the schema would.
  return new IndexBulkResponse({ errors, ...(typeof took === "number" ? { took } : {}), items: decoded }, true)
}

const decodeWithSchema = decodeBody(IndexBulkResponse)

/** Decodes an `.index` bulk answer: one pass when it is well formed, the schema's error when not. */
export const decodeIndexBulk = (answer: DecodableAnswer): Effect.Effect<IndexBulkResponse, KibanaDecodeError> => {
  const read = readIndexBulk(answer.body)
  return read === undefined ? decodeWithSchema(answer) : Effect.succeed(read)
}
