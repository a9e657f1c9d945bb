/**
 * What connector executions have in common: Kibana's `status: "error"` answer as a tagged error.
 */
import { KibanaExecutionError } from "../errors/KibanaError.js"
import type { ExecuteResponse } from "../schemas/ConnectorExecution.js"

/** The `KibanaExecutionError` of an execution that answered `status: "error"`. */
export const executionError = (result: ExecuteResponse): KibanaExecutionError =>
  new KibanaExecutionError({
    connectorId: result.connectorId,
    message: result.message ?? "connector execution failed",
    ...(result.serviceMessage === undefined ? {} : { serviceMessage: result.serviceMessage }),
    ...(result.retry === undefined ? {} : { retry: result.retry }),
    ...(result.errorSource === undefined ? {} : { errorSource: result.errorSource })
  })
