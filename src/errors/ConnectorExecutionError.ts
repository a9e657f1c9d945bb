/**
 * The error of a connector that ran and failed. Kibana reports it as HTTP 200 with `status: "error"`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ExecutionRetry } from "../schemas/ConnectorExecution.js"

/**
 * A connector execution ended with `status: "error"`. `message` is Kibana's (for example
 * `error indexing documents`), `serviceMessage` the connector's detail from the remote service, `retry`
 * whether (or from when) retrying makes sense, and `errorSource` whether the user's input or the
 * framework is at fault.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConnectorExecutionError extends Schema.TaggedError<ConnectorExecutionError>()(
  "ConnectorExecutionError",
  {
    connectorId: Schema.String,
    message: Schema.String,
    serviceMessage: Schema.optionalWith(Schema.String, { exact: true }),
    retry: Schema.optionalWith(ExecutionRetry, { exact: true }),
    errorSource: Schema.optionalWith(Schema.Literal("user", "framework"), { exact: true })
  }
) {}
