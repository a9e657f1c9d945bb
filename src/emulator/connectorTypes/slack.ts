/**
 * The `.slack` connector (incoming webhook): posts `{"text": message}` to the secret webhook URL for real,
 * so a test can point it at a local server; an unreachable URL gives Kibana's error result.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/slack/schemas/v1.ts`;
 * executor and results: `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/slack/index.ts`;
 * error texts of the `@slack/webhook` client it uses: `slackapi/node-slack-sdk:packages/webhook/src/errors.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"
import { emptyConfig, messageParams, validateWebhookUrlSecrets, type webhookUrlSecrets } from "./webhookUrlSecrets.js"

const postingError = (serviceMessage: string): ExecutorResult => ({
  status: "error",
  message: "error posting slack message",
  serviceMessage
})

/**
 * Kibana's mapping of the Slack webhook's outcome to an executor result.
 *
 * @since 0.1.0
 * @category executor
 */
export const slackResult = (outcome: Outbound.OutboundResult, now: number): ExecutorResult => {
  if (outcome._tag === "Failure") return postingError(`A request error occurred: ${outcome.message}`)
  if (outcome.status >= 200 && outcome.status < 300) {
    // `IncomingWebhook.send` resolves with `{ text: <response body> }`; Slack answers "ok"
    const text = outcome.body
    return text === "ok" ? { status: "ok", data: { text } } : postingError(text)
  }
  const serviceMessage = `An HTTP protocol error occurred: statusCode = ${outcome.status}`
  if (outcome.status >= 500) {
    return {
      status: "error",
      message: "error posting a slack message, retry later",
      retry: true,
      errorSource: "framework",
      serviceMessage
    }
  }
  if (outcome.status === 429) {
    const seconds = Outbound.retryAfterSeconds(outcome.headers)
    if (seconds === undefined) {
      return {
        status: "error",
        message: "error posting a slack message, retry later",
        retry: true,
        errorSource: "user",
        serviceMessage
      }
    }
    const retry = new Date(now + seconds * 1000).toISOString()
    return {
      status: "error",
      message: `error posting a slack message, retry at ${retry}`,
      retry,
      serviceMessage,
      errorSource: "user"
    }
  }
  return { status: "error", message: `unexpected http response from slack: ${outcome.status} ${outcome.statusText}` }
}

const execute = (
  { params, secrets, services }: ExecutorInput<{}, V.TypeOf<typeof webhookUrlSecrets>, V.TypeOf<typeof messageParams>>
) =>
  Effect.gen(function*() {
    const outcome = yield* Outbound.send(services.httpClient, {
      method: "POST",
      url: secrets.webhookUrl,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: params.message })
    }, services.outboundTimeout)
    return slackResult(outcome, yield* Clock.currentTimeMillis)
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const slackConnectorType: ConnectorTypeSpec = define({
  id: ".slack",
  name: "Slack",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  isSystemActionType: false,
  // Kibana 9.x lists the incoming-webhook Slack type as deprecated in favour of `.slack_api`
  isDeprecated: true,
  config: V.validate(emptyConfig),
  secrets: validateWebhookUrlSecrets("slack"),
  params: V.validate(messageParams),
  execute
})
