/**
 * `.index`: writes documents into an Elasticsearch index
 * (`src/platform/packages/shared/kbn-connector-schemas/es_index/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, fixedDefaults, inputsWithoutSecrets, JsonObject } from "./common.js"

/**
 * `.index` config: the Elasticsearch index documents are written to.
 *
 * @since 0.1.0
 * @category models
 */
export const IndexConfig = Schema.Struct({
  index: Schema.String,
  /** Refresh the index after each write (Kibana's default: `false`). */
  refresh: Schema.optional(Schema.Boolean),
  /** A field set to the execution time in every document (Kibana's default: `null`, none). */
  executionTimeField: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export type IndexConfig = typeof IndexConfig.Type

/**
 * `.index` params: the documents to write; `indexOverride` must start with `kibana-alert-history-`.
 *
 * @since 0.1.0
 * @category models
 */
export const IndexParams = Schema.Struct({
  documents: Schema.Array(JsonObject),
  /** Kibana's default: `null` (the configured index). */
  indexOverride: Schema.optional(Schema.NullOr(Schema.String.pipe(Schema.startsWith("kibana-alert-history-"))))
})

/**
 * One document's outcome in the `.index` connector's bulk response.
 *
 * @since 0.1.0
 * @category models
 */
export const IndexBulkItem = Schema.Struct({
  create: Schema.Struct({
    index: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("_index")),
    id: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("_id")),
    status: Schema.Number,
    result: Schema.optionalWith(Schema.String, { exact: true }),
    version: Schema.optionalWith(Schema.Number, { exact: true }).pipe(Schema.fromKey("_version"))
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export type IndexBulkItem = typeof IndexBulkItem.Type

/**
 * The Elasticsearch bulk response the `.index` connector returns as `data`.
 *
 * @since 0.1.0
 * @category models
 */
export class IndexBulkResponse extends Schema.Class<IndexBulkResponse>("IndexBulkResponse")({
  errors: Schema.Boolean,
  took: Schema.optionalWith(Schema.Number, { exact: true }),
  items: Schema.Array(IndexBulkItem)
}) {}

/**
 * The `.index` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const IndexType = {
  id: ".index",
  source: "src/platform/packages/shared/kbn-connector-schemas/es_index/schemas/v1.ts",
  ...inputsWithoutSecrets(".index", { config: IndexConfig }),
  params: IndexParams,
  result: IndexBulkResponse,
  defaults: fixedDefaults({ refresh: false, executionTimeField: null })
} as const satisfies ConnectorTypeDefinition
