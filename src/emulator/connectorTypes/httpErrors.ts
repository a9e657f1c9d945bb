/**
 * The `[status] statusText: message` text Kibana's classic HTTP connector types (`.torq`, `.webhook`)
 * put in `serviceMessage`, and axios' transport error text.
 *
 * @since 0.1.0
 * @internal
 */
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"

/**
 * `[<status>] <statusText>` with `: <body.message>` when the answer has one.
 *
 * @since 0.1.0
 * @internal
 */
export const statusMessage = (response: Extract<Outbound.OutboundResult, { _tag: "Response" }>): string => {
  const parsed = Outbound.parseJson(response.body)
  const message = V.isJsonObject(parsed) && typeof parsed.message === "string" ? parsed.message : undefined
  return `[${response.status}] ${response.statusText}${message ? `: ${message}` : ""}`
}

/**
 * `[<code>] <message>` for a transport failure with a Node error code, else the message.
 *
 * @since 0.1.0
 * @internal
 */
export const transportMessage = (failure: Extract<Outbound.OutboundResult, { _tag: "Failure" }>): string =>
  failure.code === undefined ? failure.message : `[${failure.code}] ${failure.message}`
