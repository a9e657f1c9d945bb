/**
 * The `.torq` connector: posts the params' JSON body to the Torq webhook with `X-Torq-Token`.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/torq/schemas/v1.ts; custom
 * config rule, executor and results:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/torq/index.ts.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type ConnectorTypeSpec, define, type ExecutorResult } from "../ConnectorTypeSpec.js"
import { statusMessage, transportMessage } from "./httpErrors.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"

const config = V.strictObject({ webhookIntegrationUrl: V.string() })
const secrets = V.strictObject({ token: V.string() })
const params = V.strictObject({ body: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof params>

const configError = (message: string) => `error configuring send to Torq action: ${message}`

// common/torq: hooks.torq.io and its regional hosts, or localhost for tests
const isTorqHost = (hostname: string) => hostname === "localhost" || /^hooks(\.[a-z]{2})?\.torq\.io$/.test(hostname)

const configProblem = ({ webhookIntegrationUrl }: Config) => {
  if (!URL.canParse(webhookIntegrationUrl)) return configError("unable to parse url: TypeError: Invalid URL")
  return isTorqHost(new URL(webhookIntegrationUrl).hostname)
    ? undefined
    : configError("url must begin with https://hooks.torq.io or https://hooks.eu.torq.io")
}

const failed = (message: string, serviceMessage?: string, retry?: boolean | string): ExecutorResult => ({
  status: "error",
  message: `error triggering Torq workflow, ${message}`,
  ...(serviceMessage === undefined ? {} : { serviceMessage }),
  ...(retry === undefined ? {} : { retry })
})

/**
 * Kibana's mapping of Torq's answer to an executor result (`handleExecutionError`).
 *
 * @since 0.1.0
 * @category executor
 */
export const torqResult = (outcome: Outbound.OutboundResult, body: string, now: number): ExecutorResult => {
  if (outcome._tag === "Failure") return failed("request failed", transportMessage(outcome))
  if (outcome.status >= 200 && outcome.status < 300) return { status: "ok", data: body }
  const message = statusMessage(outcome)
  if (outcome.status >= 500) return failed("retry later", message, true)
  if (outcome.status === 429) {
    const seconds = Outbound.retryAfterSeconds(outcome.headers)
    if (seconds === undefined) return failed("retry later", message, true)
    const retry = new Date(now + seconds * 1000).toISOString()
    return failed(`retry at ${retry}`, message, retry)
  }
  if (outcome.status === 405) return failed("method is not supported", message)
  if (outcome.status === 401) return failed("unauthorised", message)
  if (outcome.status === 404) return failed("make sure the webhook URL is valid", message)
  return failed("invalid response", message)
}

/**
 * @since 0.1.0
 * @category connector types
 */
export const torqConnectorType: ConnectorTypeSpec = define<Config, Secrets, Params>({
  id: ".torq",
  name: "Torq",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, configProblem),
  secrets: V.validate(secrets),
  params: V.validate(params),
  execute: ({ config, params, secrets, services }) =>
    Effect.gen(function*() {
      const parsed = Either.try(() => JSON.parse(params.body || "null"))
      if (Either.isLeft(parsed)) {
        const error = parsed.left
        return failed("invalid body", error instanceof Error ? error.message : String(error))
      }
      const outcome = yield* Outbound.send(services.httpClient, {
        method: "POST",
        url: config.webhookIntegrationUrl,
        headers: { "X-Torq-Token": secrets.token, "Content-Type": "application/json" },
        body: JSON.stringify(parsed.right)
      }, services.outboundTimeout)
      return torqResult(outcome, params.body, yield* Clock.currentTimeMillis)
    })
})
