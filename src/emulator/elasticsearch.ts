/**
 * An Elasticsearch-compatible read endpoint over the emulator's document store, enough for the official
 * `@elastic/elasticsearch` client to check what `.index` connectors wrote: `info`, `count`, `search`
 * (`match_all`, `match_none`, `term`, `terms`, `ids`, `exists`, `bool`; `size`, `from`, `sort`), `get`,
 * `indices.exists`, `indices.refresh` and `indices.delete`.
 *
 * Fields behave as under Elasticsearch's dynamic mapping: a string is `text` with a `.keyword` sub-field
 * (or a `date` when it looks like one), so `term` on a text field matches a lower-cased token, exact
 * matches go through `field.keyword`, and sorting on a text field fails as it does in Elasticsearch.
 * The emulator mounts it at `/_es`; `request.path` arrives without that prefix.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { isJsonObject } from "./connectorTypes/validation.js"
import type { DocumentStore, JsonObject, StoredDocument } from "./ConnectorTypeSpec.js"
import type { EmulatorRequest, EmulatorResponse } from "./EmulatorHttp.js"

/**
 * The version the endpoint reports at `GET /`.
 *
 * @since 0.1.0
 * @category constants
 */
export const elasticsearchVersion = "9.1.0"

// the official client rejects 2xx answers without this header (@elastic/transport middleware/ProductCheck.js)
const productHeaders = { "x-elastic-product": "Elasticsearch" }

/**
 * An Elasticsearch JSON answer, with the product header the official client checks.
 *
 * @since 0.1.0
 * @internal
 */
export const respond = (status: number, body: unknown): EmulatorResponse => ({
  _tag: "Response",
  status,
  headers: { ...productHeaders, "content-type": "application/json" },
  body: JSON.stringify(body)
})

const emptyResponse = (status: number): EmulatorResponse => ({
  _tag: "Response",
  status,
  headers: { ...productHeaders, "content-length": "0" },
  body: undefined
})

/**
 * One cause in an Elasticsearch error.
 *
 * @since 0.1.0
 * @internal
 */
export interface EsErrorCause {
  readonly type: string
  readonly reason: string
  readonly [key: string]: unknown
}

/**
 * Elasticsearch's error envelope: `{error: {root_cause: [...], type, reason, ...}, status}`.
 *
 * @since 0.1.0
 * @internal
 */
export const esError = (status: number, cause: EsErrorCause, wrapper?: EsErrorCause): EmulatorResponse =>
  respond(status, { error: { root_cause: [cause], ...(wrapper ?? cause) }, status })

const indexNotFound = (index: string) =>
  esError(404, {
    type: "index_not_found_exception",
    reason: `no such index [${index}]`,
    "resource.type": "index_or_alias",
    "resource.id": index,
    index_uuid: "_na_",
    index
  })

const badRequest = (type: string, reason: string) => esError(400, { type, reason })

// errors raised while searching are wrapped like a failure on every shard
const searchFailure = (cause: EsErrorCause) =>
  esError(400, cause, { type: "search_phase_execution_exception", reason: "all shards failed", phase: "query" })

// a request Elasticsearch rejects, with its error answer; it travels in the error channel
class QueryError extends Data.TaggedError("QueryError")<{ readonly response: EmulatorResponse }> {}

const queryError = (response: EmulatorResponse) => Either.left(new QueryError({ response }))

// --- field values under dynamic mapping ---

type FieldKind = "text" | "keyword" | "date" | "number" | "boolean" | "object"

// Elasticsearch's default dynamic date detection: `strict_date_optional_time||yyyy/MM/dd HH:mm:ss Z||yyyy/MM/dd Z`
const looksLikeDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/.test(value) ||
  /^\d{4}\/\d{2}\/\d{2}( \d{2}:\d{2}:\d{2})?( [+-]\d{4})?$/.test(value)

const kindOf = (value: unknown): FieldKind => {
  if (typeof value === "string") return looksLikeDate(value) ? "date" : "text"
  if (typeof value === "number") return "number"
  if (typeof value === "boolean") return "boolean"
  return "object"
}

// the values at a dotted path; objects may also hold dotted keys literally, and arrays flatten
const valuesAt = (source: unknown, path: ReadonlyArray<string>): ReadonlyArray<unknown> => {
  if (Array.isArray(source)) return source.flatMap((element) => valuesAt(element, path))
  if (path.length === 0) return source === null || source === undefined ? [] : [source]
  if (typeof source !== "object" || source === null) return []
  const object = source as JsonObject
  const results: Array<unknown> = []
  for (let length = 1; length <= path.length; length++) {
    const key = path.slice(0, length).join(".")
    if (Object.prototype.hasOwnProperty.call(object, key)) results.push(...valuesAt(object[key], path.slice(length)))
  }
  return results
}

interface FieldRef {
  readonly path: ReadonlyArray<string>
  readonly keyword: boolean
}

const fieldRef = (field: string): FieldRef =>
  field.endsWith(".keyword")
    ? { path: field.slice(0, -".keyword".length).split("."), keyword: true }
    : { path: field.split("."), keyword: false }

// the indexed values of a field: `.keyword` only exists for text strings (ignore_above 256)
const indexedValues = (source: JsonObject, ref: FieldRef): ReadonlyArray<unknown> => {
  const values = valuesAt(source, ref.path)
  return ref.keyword
    ? values.filter((value) => kindOf(value) === "text" && (value as string).length <= 256)
    : values.filter((value) => kindOf(value) !== "object")
}

// the standard analyzer, approximately: lower-cased runs of letters and digits
const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}_']+/u).filter((token) => token !== "")

const termMatches = (value: unknown, keyword: boolean, term: unknown): boolean => {
  switch (kindOf(value)) {
    case "text":
      return keyword ? value === String(term) : tokens(value as string).includes(String(term))
    case "date":
      return Date.parse(value as string) === Date.parse(String(term))
    case "number":
      return term !== "" && term !== null && Number(term) === value
    case "boolean":
      return String(term) === String(value)
    default:
      return false
  }
}

// --- queries ---

type Predicate = (document: StoredDocument) => boolean

const singleEntry = (queryName: string, body: unknown): Either.Either<readonly [string, unknown], QueryError> => {
  const entries = typeof body === "object" && body !== null && !Array.isArray(body) ? Object.entries(body) : []
  const [entry] = entries
  return entries.length === 1 && entry !== undefined
    ? Either.right(entry)
    : queryError(
      badRequest("parsing_exception", `[${queryName}] query doesn't support multiple fields, found [${entries.length}]`)
    )
}

const asArray = (value: unknown): ReadonlyArray<unknown> =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

const compileQuery = (query: unknown): Either.Either<Predicate, QueryError> =>
  query === undefined
    ? Either.right(() => true)
    : Either.flatMap(singleEntry("query", query), ([name, body]) => compileClause(name, body))

const compileAll = (queries: ReadonlyArray<unknown>) => Either.all(queries.map(compileQuery))

const compileClause = (name: string, body: unknown): Either.Either<Predicate, QueryError> => {
  switch (name) {
    case "match_all":
      return Either.right(() => true)
    case "match_none":
      return Either.right(() => false)
    case "term":
      return Either.map(singleEntry("term", body), ([field, spec]) => {
        const term = isJsonObject(spec) ? spec.value : spec
        const ref = fieldRef(field)
        return (document: StoredDocument) =>
          indexedValues(document.source, ref).some((value) => termMatches(value, ref.keyword, term))
      })
    case "terms":
      return Either.map(singleEntry("terms", body), ([field, terms]) => {
        const ref = fieldRef(field)
        return (document: StoredDocument) =>
          indexedValues(document.source, ref).some((value) =>
            asArray(terms).some((term) => termMatches(value, ref.keyword, term))
          )
      })
    case "ids": {
      const ids = asArray(isJsonObject(body) ? body.values : undefined)
      return Either.right((document) => ids.includes(document.id))
    }
    case "exists": {
      const ref = fieldRef(String(isJsonObject(body) ? body.field : undefined))
      return Either.right((document) => indexedValues(document.source, ref).length > 0)
    }
    case "bool": {
      const clauses = isJsonObject(body) ? body : {}
      return Either.map(
        Either.all({
          must: compileAll([...asArray(clauses.must), ...asArray(clauses.filter)]),
          mustNot: compileAll(asArray(clauses.must_not)),
          should: compileAll(asArray(clauses.should))
        }),
        ({ must, mustNot, should }) => {
          const minimumShould = clauses.minimum_should_match !== undefined
            ? Number(clauses.minimum_should_match)
            : must.length === 0 && should.length > 0
            ? 1
            : 0
          return (document: StoredDocument) =>
            must.every((predicate) => predicate(document)) &&
            !mustNot.some((predicate) => predicate(document)) &&
            should.filter((predicate) => predicate(document)).length >= minimumShould
        }
      )
    }
    default:
      return queryError(
        badRequest(
          "parsing_exception",
          `unknown query [${name}] (the Kibana emulator supports match_all, match_none, term, terms, ids, exists, bool)`
        )
      )
  }
}

// --- sorting ---

interface SortSpec {
  readonly field: string
  readonly order: "asc" | "desc"
}

const parseSort = (sort: unknown): ReadonlyArray<SortSpec> =>
  asArray(sort).flatMap((entry): ReadonlyArray<SortSpec> => {
    if (typeof entry === "string") {
      return entry.split(",").filter((part) => part !== "").map((part) => {
        const [field, order] = part.split(":")
        return {
          field: field!,
          order: order === "desc" || (order === undefined && field === "_score") ? "desc" : "asc"
        }
      })
    }
    if (typeof entry === "object" && entry !== null) {
      return Object.entries(entry).map(([field, spec]) => {
        const order = typeof spec === "string" ? spec : (spec as JsonObject | null)?.order
        return { field, order: order === "desc" || (order === undefined && field === "_score") ? "desc" : "asc" }
      })
    }
    return []
  })

const fielddataDisabled = (field: string, index: string): EsErrorCause => ({
  type: "illegal_argument_exception",
  reason: "Text fields are not optimised for operations that require per-document field data like aggregations and " +
    "sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, " +
    `set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. ` +
    "Note that this can use significant memory.",
  index
})

// the value a hit reports under `sort`: epoch millis for dates, 1/0 for booleans
const sortValue = (value: unknown): string | number | undefined => {
  switch (kindOf(value)) {
    case "date":
      return Date.parse(value as string)
    case "number":
      return value as number
    case "boolean":
      return value ? 1 : 0
    case "text":
      return value as string
    default:
      return undefined
  }
}

const compareValues = (left: string | number, right: string | number) => left < right ? -1 : left > right ? 1 : 0

const sortKey = (document: StoredDocument, spec: SortSpec): string | number | undefined => {
  if (spec.field === "_doc") return document.seqNo
  const values = indexedValues(document.source, fieldRef(spec.field))
    .map(sortValue)
    .filter((value): value is string | number => value !== undefined)
  if (values.length === 0) return undefined
  // multi-valued fields sort by their min (asc) or max (desc), as Elasticsearch's default sort mode does
  return values.reduce((best, value) => (compareValues(value, best) < 0) === (spec.order === "asc") ? value : best)
}

const checkSortable = (
  documents: ReadonlyArray<StoredDocument>,
  specs: ReadonlyArray<SortSpec>
): Either.Either<void, QueryError> => {
  for (const spec of specs) {
    if (spec.field === "_score" || spec.field === "_doc") continue
    const ref = fieldRef(spec.field)
    const withField = documents.find((document) => indexedValues(document.source, ref).length > 0)
    if (withField === undefined) {
      return queryError(searchFailure({
        type: "query_shard_exception",
        reason: `No mapping found for [${spec.field}] in order to sort on`,
        index: documents[0]?.index ?? "_na_"
      }))
    }
    if (!ref.keyword && kindOf(indexedValues(withField.source, ref)[0]) === "text") {
      return queryError(searchFailure(fielddataDisabled(spec.field, withField.index)))
    }
  }
  return Either.void
}

// --- index resolution ---

const wildcardPattern = (expression: string) =>
  new RegExp(`^${expression.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`)

type Resolution = { readonly indices: ReadonlyArray<string> } | { readonly missing: string }

// `a,b*,-c`, `_all` and `*`; wildcards skip hidden (dot-prefixed) indices unless the pattern names them
const resolveIndices = (target: string | undefined, existing: ReadonlyArray<string>, ignoreUnavailable: boolean) => {
  const expressions = target === undefined || target === "" || target === "_all" ? ["*"] : target.split(",")
  const selected = new Set<string>()
  for (const expression of expressions) {
    if (expression.startsWith("-")) {
      const pattern = wildcardPattern(expression.slice(1))
      for (const name of [...selected]) if (pattern.test(name)) selected.delete(name)
    } else if (expression.includes("*")) {
      const pattern = wildcardPattern(expression)
      for (const name of existing) {
        if (pattern.test(name) && (!name.startsWith(".") || expression.startsWith("."))) selected.add(name)
      }
    } else if (existing.includes(expression)) {
      selected.add(expression)
    } else if (!ignoreUnavailable) {
      return { missing: expression } satisfies Resolution
    }
  }
  return { indices: [...selected].sort() } satisfies Resolution
}

// --- request helpers ---

const parseBody = (request: EmulatorRequest): Either.Either<JsonObject, QueryError> => {
  if (request.body.trim() === "") return Either.right({})
  const parsed = Either.try(() => JSON.parse(request.body))
  return Either.isRight(parsed) && isJsonObject(parsed.right)
    ? Either.right(parsed.right)
    : queryError(badRequest("parse_exception", "request body is required to be a JSON object"))
}

const numberParam = (body: JsonObject, query: URLSearchParams, name: string, fallback: number): number => {
  const value = body[name] ?? query.get(name) ?? undefined
  const parsed = value === undefined ? fallback : Number(value)
  return Number.isFinite(parsed) ? parsed : fallback
}

const shards = (count: number) => ({ total: count, successful: count, skipped: 0, failed: 0 })

const collect = (store: DocumentStore, indices: ReadonlyArray<string>) =>
  Effect.map(Effect.forEach(indices, store.documents), (lists) => lists.flat())

// --- endpoints ---

const info = respond(200, {
  name: "effect-kibana-emulator",
  cluster_name: "effect-kibana-emulator",
  cluster_uuid: "ZWZmZWN0LWtpYmFuYS1lbQ",
  version: {
    number: elasticsearchVersion,
    build_flavor: "default",
    build_type: "emulator",
    build_hash: "0000000000000000000000000000000000000000",
    build_date: "2025-07-17T00:00:00.000Z",
    build_snapshot: false,
    lucene_version: "10.2.2",
    minimum_wire_compatibility_version: "8.19.0",
    minimum_index_compatibility_version: "8.0.0"
  },
  tagline: "You Know, for Search"
})

const supportedBodyKeys = {
  search: ["query", "size", "from", "sort", "_source", "track_total_hits"],
  count: ["query"]
}

const supportedQueryParams = [
  "size",
  "from",
  "sort",
  "_source",
  "track_total_hits",
  "ignore_unavailable",
  "pretty",
  "human",
  "error_trace",
  "typed_keys"
]

// features the endpoint does not implement are refused rather than silently ignored (a search with
// `aggs` or `q` must not quietly answer every document)
const unsupportedFeature = (body: JsonObject, query: URLSearchParams, kind: "search" | "count") =>
  Object.keys(body).find((key) => !supportedBodyKeys[kind].includes(key)) ??
    [...query.keys()].find((key) => !supportedQueryParams.includes(key))

const searchOrCount = (
  store: DocumentStore,
  request: EmulatorRequest,
  target: string | undefined,
  kind: "search" | "count"
): Effect.Effect<EmulatorResponse> =>
  Effect.gen(function*() {
    const body = yield* parseBody(request)
    const unsupported = unsupportedFeature(body, request.query, kind)
    if (unsupported !== undefined) {
      return badRequest(
        "illegal_argument_exception",
        `the Kibana emulator does not support [${unsupported}] in ${kind} requests`
      )
    }
    const resolution = resolveIndices(
      target,
      yield* store.indices,
      request.query.get("ignore_unavailable") === "true"
    )
    if ("missing" in resolution) return indexNotFound(resolution.missing)
    const documents = yield* collect(store, resolution.indices)
    const matches = documents.filter(yield* compileQuery(body.query))
    if (kind === "count") return respond(200, { count: matches.length, _shards: shards(resolution.indices.length) })
    return respond(200, yield* searchResponse(body, request.query, matches, resolution.indices.length))
  }).pipe(Effect.catchTag("QueryError", (error) => Effect.succeed(error.response)))

const searchResponse = (
  body: JsonObject,
  query: URLSearchParams,
  matches: ReadonlyArray<StoredDocument>,
  shardCount: number
) => {
  const specs = parseSort(body.sort ?? query.get("sort") ?? undefined)
  return Either.map(checkSortable(matches, specs), () => sortedHits(body, query, matches, shardCount, specs))
}

const sortedHits = (
  body: JsonObject,
  query: URLSearchParams,
  matches: ReadonlyArray<StoredDocument>,
  shardCount: number,
  specs: ReadonlyArray<SortSpec>
) => {
  const scored = specs.length === 0 || specs.some((spec) => spec.field === "_score")
  const keyed = matches.map((document) => ({ document, keys: specs.map((spec) => sortKey(document, spec)) }))
  // missing values sort last in both directions (`missing: _last`)
  const sorted = [...keyed].sort((left, right) => {
    for (let position = 0; position < specs.length; position++) {
      const a = left.keys[position]
      const b = right.keys[position]
      if (a === b) continue
      if (a === undefined) return 1
      if (b === undefined) return -1
      const order = compareValues(a, b)
      if (order !== 0) return specs[position]?.order === "desc" ? -order : order
    }
    return 0
  })
  const from = numberParam(body, query, "from", 0)
  const size = numberParam(body, query, "size", 10)
  const includeSource = body._source !== false && query.get("_source") !== "false"
  return {
    took: 1,
    timed_out: false,
    _shards: shards(shardCount),
    hits: {
      total: matches.length > 10000 && body.track_total_hits !== true
        ? { value: 10000, relation: "gte" }
        : { value: matches.length, relation: "eq" },
      max_score: scored && matches.length > 0 ? 1 : null,
      hits: sorted.slice(from, from + size).map(({ document, keys }) => ({
        _index: document.index,
        _id: document.id,
        _score: scored ? 1 : null,
        ...(includeSource ? { _source: document.source } : {}),
        ...(specs.length > 0 ? { sort: keys.map((key) => key ?? null) } : {})
      }))
    }
  }
}

const getDocument = (store: DocumentStore, index: string, id: string) =>
  Effect.gen(function*() {
    if (!(yield* store.indices).includes(index)) return indexNotFound(index)
    const document = (yield* store.documents(index)).find((candidate) => candidate.id === id)
    if (document === undefined) return respond(404, { _index: index, _id: id, found: false })
    return respond(200, {
      _index: index,
      _id: id,
      _version: 1,
      _seq_no: document.seqNo,
      _primary_term: 1,
      found: true,
      _source: document.source
    })
  })

const deleteIndices = (store: DocumentStore, target: string) =>
  Effect.gen(function*() {
    // `action.destructive_requires_name` is true by default since Elasticsearch 8.0
    if (target.includes("*") || target === "_all") {
      return badRequest("illegal_argument_exception", "Wildcard expressions or all indices are not allowed")
    }
    const names = target.split(",")
    const existing = yield* store.indices
    const missing = names.find((name) => !existing.includes(name))
    if (missing !== undefined) return indexNotFound(missing)
    yield* Effect.forEach(names, store.deleteIndex)
    return respond(200, { acknowledged: true })
  })

const indicesExist = (store: DocumentStore, target: string) =>
  Effect.map(
    store.indices,
    (existing) => emptyResponse(target.split(",").every((name) => existing.includes(name)) ? 200 : 404)
  )

const refresh = (store: DocumentStore, target: string | undefined) =>
  Effect.map(store.indices, (existing) => {
    const resolution = resolveIndices(target, existing, false)
    if ("missing" in resolution) return indexNotFound(resolution.missing)
    return respond(200, {
      _shards: { total: resolution.indices.length * 2, successful: resolution.indices.length, failed: 0 }
    })
  })

/**
 * Elasticsearch's answer to a path and method it does not serve.
 *
 * @since 0.1.0
 * @internal
 */
export const noHandler = (request: EmulatorRequest) =>
  respond(400, { error: `no handler found for uri [${request.path}] and method [${request.method}]` })

/**
 * A path's decoded segments, `undefined` for a malformed escape.
 *
 * @since 0.1.0
 * @internal
 */
export const decodePathSegments = (path: string): ReadonlyArray<string> | undefined => {
  try {
    return path.split("/").filter((segment) => segment !== "").map(decodeURIComponent)
  } catch {
    return undefined // a malformed escape such as `%E0%A4%A` is the client's error, not a crash
  }
}

/**
 * Answers one Elasticsearch request against the store.
 *
 * @since 0.1.0
 * @category handlers
 */
export const handleElasticsearch = (
  store: DocumentStore,
  request: EmulatorRequest
): Effect.Effect<EmulatorResponse> => {
  const method = request.method.toUpperCase()
  const segments = decodePathSegments(request.path)
  if (segments === undefined) {
    return Effect.succeed(respond(400, { error: `invalid percent-encoding in uri [${request.path}]`, status: 400 }))
  }
  const [first, second, third] = segments
  const read = method === "GET" || method === "POST"
  if (segments.length === 0) {
    if (method === "GET") return Effect.succeed(info)
    if (method === "HEAD") return Effect.succeed(emptyResponse(200))
  }
  if (segments.length === 1 && read && (first === "_search" || first === "_count")) {
    return searchOrCount(store, request, undefined, first === "_search" ? "search" : "count")
  }
  if (segments.length === 1 && method === "POST" && first === "_refresh") return refresh(store, undefined)
  if (segments.length === 2 && read && (second === "_search" || second === "_count")) {
    return searchOrCount(store, request, first, second === "_search" ? "search" : "count")
  }
  if (segments.length === 2 && (method === "POST" || method === "GET") && second === "_refresh") {
    return refresh(store, first)
  }
  if (segments.length === 3 && method === "GET" && second === "_doc") return getDocument(store, first!, third!)
  if (segments.length === 1 && !first!.startsWith("_")) {
    if (method === "HEAD") return indicesExist(store, first!)
    if (method === "DELETE") return deleteIndices(store, first!)
  }
  return Effect.succeed(noHandler(request))
}
