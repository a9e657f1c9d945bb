/**
 * The `.pagerduty` connector: posts an Events API v2 event to `config.apiUrl` (PagerDuty's own URL by
 * default) for real, so a test can point it at a local server.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/pagerduty/schemas/v1.ts`
 * (and `common/utils/convert_timestamp.ts`, `common/utils/coerced.ts`); executor:
 * `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/pagerduty/index.ts`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"

/**
 * PagerDuty's Events API v2 endpoint, used when `config.apiUrl` is null.
 *
 * @since 0.1.0
 * @category constants
 */
export const pagerDutyApiUrl = "https://events.pagerduty.com/v2/enqueue"

const config = V.strictObject({ apiUrl: V.withDefault(V.nullable(V.string()), null) })

const secrets = V.strictObject({ routingKey: V.string() })

// `Coerced`: a JSON string is parsed first, and a parse failure is reported with JSON.parse's message
const coercedRecord: V.Validator<Readonly<Record<string, unknown>>> = {
  run: (input, path) => {
    if (typeof input !== "string") return V.record(V.unknown).run(input, path)
    try {
      return V.record(V.unknown).run(JSON.parse(input), path)
    } catch (error) {
      return V.fail(path, { _tag: "Custom", message: error instanceof Error ? error.message : String(error) })
    }
  }
}

// `convertTimestamp`: an all-digits string is an epoch, anything else stays a (trimmed) string
const convertTimestamp = (timestamp: unknown): string | number | null => {
  if (typeof timestamp === "number") return timestamp === 0 ? null : timestamp
  if (typeof timestamp !== "string") return null
  const trimmed = timestamp.trim()
  if (trimmed === "") return null
  const epoch = Number.parseInt(trimmed, 10)
  return !Number.isNaN(epoch) && JSON.stringify(epoch) === trimmed ? epoch : trimmed
}

const isValidTimestamp = (timestamp: string | number) => !Number.isNaN(new Date(timestamp).getTime())

const paramsProblems = (params: Params): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const timestamp = convertTimestamp(params.timestamp)
  if (timestamp !== null && !isValidTimestamp(timestamp)) {
    problems.push(`error parsing timestamp "${String(params.timestamp)}"`)
    return problems
  }
  const eventAction = params.eventAction
  if ((eventAction === "resolve" || eventAction === "acknowledge") && !params.dedupKey) {
    problems.push(`DedupKey is required when eventAction is "${eventAction}"`)
  }
  return problems
}

const paramsShape = V.strictObject({
  eventAction: V.optional(V.literals(["trigger", "resolve", "acknowledge"])),
  dedupKey: V.optional(V.string({ max: 255 })),
  summary: V.optional(V.string({ max: 1024 })),
  source: V.optional(V.string()),
  severity: V.optional(V.literals(["critical", "error", "warning", "info"])),
  timestamp: V.optional(V.string()),
  component: V.optional(V.string()),
  group: V.optional(V.string()),
  class: V.optional(V.string()),
  links: V.optional(V.array(V.strictObject({ href: V.string(), text: V.string() }))),
  customDetails: V.optional(coercedRecord)
})

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof paramsShape>

// `getBodyForEventAction`: acknowledge/resolve only send the dedup key
const eventBody = (connectorId: string, params: Params): V.JsonObject => {
  const eventAction = params.eventAction ?? "trigger"
  const base: V.JsonObject = { event_action: eventAction, ...(params.dedupKey ? { dedup_key: params.dedupKey } : {}) }
  if (eventAction === "acknowledge" || eventAction === "resolve") return base
  const timestamp = convertTimestamp(params.timestamp)
  const extras = Object.fromEntries(
    (["component", "group", "class"] as const).flatMap((key) =>
      params[key] === undefined ? [] : [[key, params[key]] as const]
    )
  )
  return {
    ...base,
    payload: {
      summary: params.summary || "No summary provided.",
      source: params.source || `Kibana Action ${connectorId}`,
      severity: params.severity || "info",
      ...(timestamp !== null ? { timestamp: new Date(timestamp).toISOString() } : {}),
      ...extras,
      ...(params.customDetails ? { custom_details: params.customDetails } : {})
    },
    ...(params.links ? { links: params.links } : {})
  }
}

/**
 * Kibana's mapping of the Events API's answer to an executor result.
 *
 * @since 0.1.0
 * @category executor
 */
export const pagerDutyResult = (outcome: Outbound.OutboundResult): ExecutorResult => {
  if (outcome._tag === "Failure") {
    return { status: "error", message: "error posting pagerduty event", serviceMessage: outcome.message }
  }
  if (outcome.status === 202) {
    const data = Outbound.parseJson(outcome.body)
    return { status: "ok", data: data === undefined ? outcome.body : data }
  }
  if (outcome.status === 429 || outcome.status >= 500) {
    return {
      status: "error",
      message: `error posting pagerduty event: http status ${outcome.status}, retry later`,
      retry: true
    }
  }
  return { status: "error", message: `error posting pagerduty event: unexpected status ${outcome.status}` }
}

const execute = ({ config, connectorId, params, secrets, services }: ExecutorInput<Config, Secrets, Params>) =>
  Effect.map(
    Outbound.send(services.httpClient, {
      method: "POST",
      url: config.apiUrl || pagerDutyApiUrl,
      headers: { "Content-Type": "application/json", "X-Routing-Key": secrets.routingKey },
      body: JSON.stringify(eventBody(connectorId, params))
    }, services.outboundTimeout),
    pagerDutyResult
  )

/**
 * @since 0.1.0
 * @category connector types
 */
export const pagerDutyConnectorType: ConnectorTypeSpec = define({
  id: ".pagerduty",
  name: "PagerDuty",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem", "workflows"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  params: V.validate(V.refine(paramsShape, paramsProblems)),
  execute
})
