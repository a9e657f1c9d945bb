/**
 * An HTTP call of a sub-action connector, failing like Kibana's `SubActionConnector.request`:
 * `Status code: <status>. Message: <the connector's own reading of the error>`
 * (elastic/kibana:x-pack/platform/plugins/shared/actions/server/sub_action_framework/sub_action_connector.ts).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ExecutorServices } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import { SubActionError } from "./subActions.js"
import * as V from "./validation.js"

/**
 * A 2xx answer, its body parsed as JSON when it is JSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface VendorResponse {
  readonly status: number
  readonly statusText: string
  readonly body: string
  readonly data: unknown
}

/**
 * How a connector type reads a failed call (its `getResponseErrorMessage`): the answer when there was
 * one, the transport error's message, and (without an answer) axios' `error.code` and `error.message`.
 *
 * @since 0.1.0
 * @category models
 */
export type ErrorMessage = (
  response: VendorResponse | undefined,
  transportMessage: string,
  transport?: { readonly code: string | undefined; readonly message: string }
) => string

/**
 * The `message` field of a JSON error body, if any.
 *
 * @since 0.1.0
 * @category utils
 */
export const messageField = (response: VendorResponse | undefined): string | undefined => {
  const data = response?.data
  return V.isJsonObject(data) && typeof data.message === "string" ? data.message : undefined
}

// SubActionConnector.normalizeURL: no trailing slash, no doubled slashes
const normalizeUrl = (url: string) => (url.endsWith("/") ? url.slice(0, -1) : url).replace(/([^:]\/)\/+/g, "$1")

const axiosStatusMessage = (status: number) => `Request failed with status code ${status}`

/**
 * Sends a JSON request (Kibana's sub-action connectors always send `Content-Type: application/json`);
 * a non-2xx answer or a transport failure fails with Kibana's message.
 *
 * @since 0.1.0
 * @category running
 */
export const vendorRequest = (
  services: ExecutorServices,
  request: {
    readonly method: Outbound.OutboundRequest["method"]
    readonly url: string
    readonly headers?: Readonly<Record<string, string>>
    readonly body?: unknown
  },
  errorMessage: ErrorMessage
): Effect.Effect<VendorResponse, SubActionError> =>
  Effect.gen(function*() {
    if (!URL.canParse(request.url)) {
      return yield* new SubActionError({ message: "Invalid URL", errorSource: "framework" })
    }
    const outcome = yield* Outbound.send(services.httpClient, {
      method: request.method,
      url: normalizeUrl(request.url),
      headers: { "Content-Type": "application/json", ...request.headers },
      // normalizeData: an empty body is sent as `{}`; axios sends a string as it is
      body: request.method === "GET"
        ? undefined
        : typeof request.body === "string"
        ? request.body
        : JSON.stringify(request.body ?? {})
    }, services.outboundTimeout)
    if (outcome._tag === "Failure") {
      const transport = outcome.code === undefined ? outcome.message : `${outcome.code}: ${outcome.message}`
      return yield* new SubActionError({
        message: `Status code: undefined. Message: ${errorMessage(undefined, transport, outcome)}`,
        errorSource: "framework"
      })
    }
    const response: VendorResponse = {
      status: outcome.status,
      statusText: outcome.statusText,
      body: outcome.body,
      data: Outbound.parseJson(outcome.body) ?? outcome.body
    }
    if (outcome.status < 200 || outcome.status >= 300) {
      return yield* new SubActionError({
        message: `Status code: ${outcome.status}. Message: ${
          errorMessage(response, axiosStatusMessage(outcome.status))
        }`,
        errorSource: "framework"
      })
    }
    return response
  })
