/**
 * The `.teams` connector (Microsoft Teams incoming webhook): posts `{"text": message}` for real.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/teams/schemas/v1.ts`;
 * executor and results: `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/teams/index.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"
import { emptyConfig, messageParams, validateWebhookUrlSecrets, type webhookUrlSecrets } from "./webhookUrlSecrets.js"

const retryLater: ExecutorResult = {
  status: "error",
  message: "error posting a Microsoft Teams message, retry later",
  retry: true
}

/**
 * Kibana's mapping of the Teams webhook's outcome to an executor result.
 *
 * @since 0.1.0
 * @category executor
 */
export const teamsResult = (outcome: Outbound.OutboundResult, message: string, now: number): ExecutorResult => {
  if (outcome._tag === "Failure") {
    return { status: "error", message: "error posting to Microsoft Teams, unexpected error" }
  }
  if (outcome.status >= 200 && outcome.status < 300) {
    // Teams signals throttling with a 200 whose body names the error
    if (outcome.body.includes("ErrorCode:ApplicationThrottled")) {
      const seconds = Outbound.retryAfterSeconds(outcome.headers)
      if (seconds === undefined) return retryLater
      const retry = new Date(now + seconds * 1000).toISOString()
      return {
        status: "error",
        message: `error posting a Microsoft Teams message, retry at ${retry}`,
        retry,
        serviceMessage: message
      }
    }
    return { status: "ok", data: { text: message } }
  }
  if (outcome.status >= 500) return retryLater
  return {
    status: "error",
    message: "error posting to Microsoft Teams, invalid response",
    serviceMessage: `[${outcome.status}] ${outcome.statusText}`
  }
}

const execute = (
  { params, secrets, services }: ExecutorInput<{}, V.TypeOf<typeof webhookUrlSecrets>, V.TypeOf<typeof messageParams>>
) =>
  Effect.gen(function*() {
    const message = params.message
    const outcome = yield* Outbound.send(services.httpClient, {
      method: "POST",
      url: secrets.webhookUrl,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: message })
    }, services.outboundTimeout)
    return teamsResult(outcome, message, yield* Clock.currentTimeMillis)
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const teamsConnectorType: ConnectorTypeSpec = define({
  id: ".teams",
  name: "Microsoft Teams",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem", "workflows", "agentBuilder"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(emptyConfig),
  secrets: validateWebhookUrlSecrets("teams"),
  params: V.validate(messageParams),
  execute
})
