/**
 * What connector executions have in common: the answer's envelope decoded, and Kibana's
 * `status: "error"` answer as a tagged error.
 */
import { KibanaExecutionError } from "../errors/KibanaError.js"
import { ExecuteResponse } from "../schemas/ConnectorExecution.js"
import { decodeBody } from "./operation.js"

type Envelope = { -readonly [K in keyof ExecuteResponse]: ExecuteResponse[K] }

/**
 * The envelope of an execution's answer as the `ExecuteResponse` schema decodes it (fields in the
 * schema's order, excess keys dropped), or `undefined` when only the schema can tell: a `retry` date,
 * a missing or mistyped field. One level deep, so a bulk answer's `data` is not walked.
 */
export const fastDecodeEnvelope = (body: unknown): ExecuteResponse | undefined => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined
  const wire = body as Record<string, unknown>
  const { connector_id, data, errorSource, message, retry, service_message, status } = wire
  if (typeof connector_id !== "string" || (status !== "ok" && status !== "error")) return undefined
  // exact optional fields: absent, or present with the right type (a present `undefined` fails)
  const has = (key: string) => Object.hasOwn(wire, key)
  if (has("message") && typeof message !== "string") return undefined
  if (has("service_message") && typeof service_message !== "string") return undefined
  if (has("retry") && typeof retry !== "boolean" && retry !== null) return undefined
  if (has("errorSource") && errorSource !== "user" && errorSource !== "framework") return undefined
  const envelope: Envelope = { connectorId: connector_id, status }
  if (has("message")) envelope.message = message as string
  if (has("service_message")) envelope.serviceMessage = service_message as string
  if (has("data")) envelope.data = data
  if (has("retry")) envelope.retry = retry as boolean | null
  if (has("errorSource")) envelope.errorSource = errorSource as "user" | "framework"
  return envelope
}

/** Decodes an execution's envelope: one level read when it is well formed, the schema otherwise. */
export const decodeEnvelope = decodeBody(ExecuteResponse, fastDecodeEnvelope)

/** The `KibanaExecutionError` of an execution that answered `status: "error"`. */
export const executionError = (result: ExecuteResponse): KibanaExecutionError =>
  new KibanaExecutionError({
    connectorId: result.connectorId,
    message: result.message ?? "connector execution failed",
    ...(result.serviceMessage === undefined ? {} : { serviceMessage: result.serviceMessage }),
    ...(result.retry === undefined ? {} : { retry: result.retry }),
    ...(result.errorSource === undefined ? {} : { errorSource: result.errorSource })
  })
