/**
 * Schemas of Kibana's `GET /api/status` answer, in its three shapes:
 *
 * - the current (v8) format: overall, core and plugin statuses as `level` + `summary`
 *   (elastic/kibana:src/core/packages/status/server-internal/src/routes/status_response_schemas.ts);
 * - the legacy v7 format (`?v7format=true`): `state` green/yellow/red and a flat `statuses` list
 *   (elastic/kibana:src/core/packages/status/server-internal/src/legacy_status.ts);
 * - the redacted answer an unauthenticated caller gets: only `status.overall.level`.
 *
 * Decoding is lenient where Kibana versions differ (`build_flavor` and `build_date` are absent from
 * older 8.x answers, `core.http` from most) and ignores fields it does not know.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A service status level, best to worst (`ServiceStatusLevels`).
 *
 * @since 0.1.0
 * @category models
 */
export const StatusLevel = Schema.Literal("available", "degraded", "unavailable", "critical")

/**
 * @since 0.1.0
 * @category models
 */
export type StatusLevel = typeof StatusLevel.Type

/**
 * The status of one service (core service, plugin, or the whole Kibana).
 *
 * @since 0.1.0
 * @category models
 */
export class ServiceStatus extends Schema.Class<ServiceStatus>("ServiceStatus")({
  level: StatusLevel,
  summary: Schema.String,
  detail: Schema.optionalWith(Schema.String, { exact: true }),
  documentationUrl: Schema.optionalWith(Schema.String, { exact: true }),
  /** Unstructured extra data, e.g. Elasticsearch's `warningNodes`. */
  meta: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), { default: () => ({}) })
}) {}

/**
 * The server's version and build. `number` has any `-SNAPSHOT` suffix removed (`buildSnapshot` tells).
 *
 * @since 0.1.0
 * @category models
 */
export class StatusVersion extends Schema.Class<StatusVersion>("StatusVersion")({
  number: Schema.String,
  buildHash: Schema.String.pipe(Schema.propertySignature, Schema.fromKey("build_hash")),
  buildNumber: Schema.Number.pipe(Schema.propertySignature, Schema.fromKey("build_number")),
  buildSnapshot: Schema.Boolean.pipe(Schema.propertySignature, Schema.fromKey("build_snapshot")),
  /** `traditional` (self-managed, Elastic Cloud Hosted) or `serverless`; absent before 8.11. */
  buildFlavor: Schema.optionalWith(Schema.String, { exact: true }).pipe(Schema.fromKey("build_flavor")),
  /** ISO date of the build; absent on older 8.x. */
  buildDate: Schema.optionalWith(Schema.String, { exact: true }).pipe(Schema.fromKey("build_date"))
}) {}

const field = <S extends Schema.Schema.Any>(schema: S, key: string) =>
  schema.pipe(Schema.propertySignature, Schema.fromKey(key))

const optionalField = <S extends Schema.Schema.All>(schema: S, key: string) =>
  Schema.optionalWith(schema, { exact: true }).pipe(Schema.fromKey(key))

/**
 * Kibana's process metrics (`OpsProcessMetrics`, elastic/kibana:src/core/packages/metrics/server/src/metrics.ts);
 * the event loop groups are left out.
 *
 * @since 0.1.0
 * @category models
 */
export const ProcessMetrics = Schema.Struct({
  pid: Schema.Number,
  memory: Schema.Struct({
    heap: Schema.Struct({
      totalInBytes: field(Schema.Number, "total_in_bytes"),
      usedInBytes: field(Schema.Number, "used_in_bytes"),
      /** Absent before 7.x's v8 heap limit was reported. */
      sizeLimit: optionalField(Schema.Number, "size_limit")
    }),
    residentSetSizeInBytes: field(Schema.Number, "resident_set_size_in_bytes")
  }),
  uptimeInMillis: field(Schema.Number, "uptime_in_millis")
})

/**
 * Kibana's OS metrics (`OpsOsMetrics`); the cgroup groups are left out.
 *
 * @since 0.1.0
 * @category models
 */
export const OsMetrics = Schema.Struct({
  platform: Schema.String,
  platformRelease: Schema.String,
  /** Linux only. */
  distro: Schema.optionalWith(Schema.String, { exact: true }),
  distroRelease: Schema.optionalWith(Schema.String, { exact: true }),
  load: Schema.Struct({ "1m": Schema.Number, "5m": Schema.Number, "15m": Schema.Number }),
  memory: Schema.Struct({
    totalInBytes: field(Schema.Number, "total_in_bytes"),
    freeInBytes: field(Schema.Number, "free_in_bytes"),
    usedInBytes: field(Schema.Number, "used_in_bytes")
  }),
  uptimeInMillis: field(Schema.Number, "uptime_in_millis")
})

/**
 * The metrics both formats carry (elastic/kibana:src/core/packages/status/server-internal/src/routes/status.ts).
 * Kibana documents only `last_updated`, `collection_interval_in_millis` and `elasticsearch_client`, so
 * every other group is optional; the request counters cover the last collection interval.
 *
 * @since 0.1.0
 * @category models
 */
export class StatusMetrics extends Schema.Class<StatusMetrics>("StatusMetrics")({
  lastUpdated: Schema.String.pipe(Schema.propertySignature, Schema.fromKey("last_updated")),
  collectionIntervalInMillis: Schema.Number.pipe(
    Schema.propertySignature,
    Schema.fromKey("collection_interval_in_millis")
  ),
  /** Sockets of Kibana's Elasticsearch client. */
  elasticsearchClient: Schema.optionalWith(
    Schema.Struct({
      totalActiveSockets: Schema.Number,
      totalIdleSockets: Schema.Number,
      totalQueuedRequests: Schema.Number
    }),
    { exact: true }
  ).pipe(Schema.fromKey("elasticsearch_client")),
  os: Schema.optionalWith(OsMetrics, { exact: true }),
  process: Schema.optionalWith(ProcessMetrics, { exact: true }),
  responseTimes: optionalField(
    Schema.Struct({
      avgInMillis: field(Schema.Number, "avg_in_millis"),
      maxInMillis: field(Schema.Number, "max_in_millis")
    }),
    "response_times"
  ),
  requests: Schema.optionalWith(
    Schema.Struct({
      disconnects: Schema.Number,
      total: Schema.Number,
      /** Answers per HTTP status code. */
      statusCodes: field(Schema.Record({ key: Schema.String, value: Schema.Number }), "status_codes")
    }),
    { exact: true }
  ),
  concurrentConnections: optionalField(Schema.Number, "concurrent_connections")
}) {}

/**
 * Kibana's status in the current (v8) format.
 *
 * @since 0.1.0
 * @category models
 */
export class FullStatus extends Schema.TaggedClass<FullStatus>()("FullStatus", {
  name: Schema.String,
  uuid: Schema.String,
  version: StatusVersion,
  overall: ServiceStatus,
  core: Schema.Struct({
    elasticsearch: ServiceStatus,
    savedObjects: ServiceStatus,
    http: Schema.optionalWith(ServiceStatus, { exact: true })
  }),
  /** Plugin id to status. */
  plugins: Schema.Record({ key: Schema.String, value: ServiceStatus }),
  metrics: Schema.optionalWith(StatusMetrics, { exact: true })
}) {}

/**
 * A legacy (v7) state; `red` covers both `unavailable` and `critical`.
 *
 * @since 0.1.0
 * @category models
 */
export const LegacyState = Schema.Literal("green", "yellow", "red")

/**
 * One component in the legacy format, e.g. `core:elasticsearch@9.4.3` or `plugin:actions@9.4.3`.
 *
 * @since 0.1.0
 * @category models
 */
export class LegacyComponentStatus extends Schema.Class<LegacyComponentStatus>("LegacyComponentStatus")({
  id: Schema.String,
  state: LegacyState,
  /** The summary and detail of the service status, joined. */
  message: Schema.String,
  uiColor: Schema.String,
  icon: Schema.String,
  since: Schema.String
}) {}

/**
 * Kibana's status in the legacy v7 format (`?v7format=true`).
 *
 * @since 0.1.0
 * @category models
 */
export class LegacyStatus extends Schema.TaggedClass<LegacyStatus>()("LegacyStatus", {
  name: Schema.String,
  uuid: Schema.String,
  version: StatusVersion,
  overall: Schema.Struct({
    state: LegacyState,
    title: Schema.String,
    nickname: Schema.String,
    uiColor: Schema.String,
    since: Schema.String,
    icon: Schema.optionalWith(Schema.String, { exact: true })
  }),
  statuses: Schema.Array(LegacyComponentStatus),
  metrics: Schema.optionalWith(StatusMetrics, { exact: true })
}) {}

/**
 * What an unauthenticated caller gets: the overall level only, no version.
 *
 * @since 0.1.0
 * @category models
 */
export class RedactedStatus extends Schema.TaggedClass<RedactedStatus>()("RedactedStatus", {
  overall: Schema.Struct({ level: StatusLevel })
}) {}

/**
 * The v8 answer as Kibana sends it (`{name, uuid, version, status: {overall, core, plugins}, metrics}`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const FullStatusResponse = Schema.Struct({
  name: Schema.String,
  uuid: Schema.String,
  version: StatusVersion,
  status: Schema.Struct({
    overall: ServiceStatus,
    core: FullStatus.fields.core,
    plugins: FullStatus.fields.plugins
  }),
  metrics: Schema.optionalWith(StatusMetrics, { exact: true })
})

/**
 * The legacy v7 answer as Kibana sends it (`{name, uuid, version, status: {overall, statuses}, metrics}`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LegacyStatusResponse = Schema.Struct({
  name: Schema.String,
  uuid: Schema.String,
  version: StatusVersion,
  status: Schema.Struct({ overall: LegacyStatus.fields.overall, statuses: LegacyStatus.fields.statuses }),
  metrics: Schema.optionalWith(StatusMetrics, { exact: true })
})

/**
 * The redacted answer as Kibana sends it (`{status: {overall: {level}}}`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RedactedStatusResponse = Schema.Struct({
  status: Schema.Struct({ overall: RedactedStatus.fields.overall })
})
