/**
 * Schemas of `POST /api/actions/connector/{id}/_execute`.
 *
 * Kibana answers HTTP 200 whether the connector succeeded or not; `status` tells
 * (`x-pack/platform/plugins/shared/actions/server/routes/connector/execute/transforms/transform_connector_response/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Whether a failed execution is worth retrying: `true`/`false`, a time after which to retry, or `null`.
 *
 * @since 0.1.0
 * @category models
 */
export const ExecutionRetry = Schema.Union(Schema.Boolean, Schema.DateFromSelf, Schema.Null)

/**
 * @since 0.1.0
 * @category models
 */
export type ExecutionRetry = typeof ExecutionRetry.Type

/**
 * The execution result as Kibana sends it. `errorSource` stays camelCase on the wire; `retry` is an ISO
 * date string when the connector names a time.
 *
 * @since 0.1.0
 * @category models
 */
export const ExecuteResponse = Schema.Struct({
  connectorId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("connector_id")),
  status: Schema.Literal("ok", "error"),
  message: Schema.optionalWith(Schema.String, { exact: true }),
  serviceMessage: Schema.optionalWith(Schema.String, { exact: true }).pipe(Schema.fromKey("service_message")),
  data: Schema.optionalWith(Schema.Unknown, { exact: true }),
  retry: Schema.optionalWith(Schema.Union(Schema.Boolean, Schema.Date, Schema.Null), { exact: true }),
  errorSource: Schema.optionalWith(Schema.Literal("user", "framework"), { exact: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type ExecuteResponse = typeof ExecuteResponse.Type

/**
 * A successful execution: `data` is what the connector returned (absent for `.server-log`).
 *
 * @since 0.1.0
 * @category models
 */
export class ConnectorExecuteResult extends Schema.Class<ConnectorExecuteResult>("ConnectorExecuteResult")({
  connectorId: Schema.String,
  data: Schema.optionalWith(Schema.Unknown, { exact: true }),
  message: Schema.optionalWith(Schema.String, { exact: true })
}) {}

/**
 * The `.index` connector's result, defined with its type in `connectorTypes/esIndex.ts`.
 *
 * @since 0.1.0
 */
export { IndexBulkItem, IndexBulkResponse } from "./connectorTypes/esIndex.js"
