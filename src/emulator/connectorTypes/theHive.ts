/**
 * The `.thehive` connector: a case connector on the sub-action framework. `pushToService` creates a case
 * (`POST <url>/api/v1/case`) or updates one (`PATCH <url>/api/v1/case/<id>`) and adds each comment
 * (`POST <url>/api/v1/case/<id>/comment`); `createAlert` posts an alert (`POST <url>/api/v1/alert`), the
 * fields merged with the JSON `body`. Auth: `Authorization: Bearer <apiKey>`, plus `X-Organisation` when an
 * organisation is configured.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/thehive/schemas/v1.ts; executor:
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/thehive/thehive.ts`, push:
 * `x-pack/platform/plugins/shared/actions/server/sub_action_framework/case.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { comments, pushIncident } from "./caseTypes.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ url: V.string(), organisation: V.withDefault(V.nullable(V.string()), null) })
const secrets = V.strictObject({ apiKey: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const nullableNumber = V.withDefault(V.nullable(V.coercedNumber()), null)
const tags = V.withDefault(V.nullable(V.array(V.string())), null)

const pushParams = V.strictObject({
  incident: V.strictObject({
    title: V.string(),
    description: V.string(),
    externalId: V.withDefault(V.nullable(V.string()), null),
    severity: nullableNumber,
    tlp: nullableNumber,
    tags
  }),
  comments
})

const createAlertParams = V.strictObject({
  title: V.string(),
  description: V.string(),
  type: V.string(),
  source: V.string(),
  sourceRef: V.string(),
  severity: nullableNumber,
  isRuleSeverity: V.withDefault(V.nullable(V.boolean), false),
  tlp: nullableNumber,
  tags,
  body: V.withDefault(V.nullable(V.string()), null)
})

// `getResponseErrorMessage`
const errorMessage = (response: VendorResponse | undefined) => {
  if (response === undefined) return "Unknown API Error"
  const data = V.isJsonObject(response.data) ? response.data : {}
  return `API Error: ${String(data.type)} - ${String(data.message)}`
}

const api = (config: Config, secrets: Secrets) => {
  const base = config.url.endsWith("/") ? config.url.slice(0, -1) : config.url
  // axios leaves out a header whose value is null
  const headers: Record<string, string> = config.organisation === null
    ? { Authorization: `Bearer ${secrets.apiKey}` }
    : { Authorization: `Bearer ${secrets.apiKey}`, "X-Organisation": config.organisation }
  return {
    caseUrl: (id: string) => `${base}/cases/${id}/details`,
    call: (
      services: Parameters<typeof vendorRequest>[0],
      method: "POST" | "PATCH",
      path: string,
      body: unknown
    ) => vendorRequest(services, { method, url: `${config.url}/api/v1/${path}`, headers, body }, errorMessage)
  }
}

const pushToService = subAction<Config, Secrets, V.TypeOf<typeof pushParams>>(
  pushParams,
  ({ config, params, secrets, services }) => {
    const theHive = api(config, secrets)
    const { externalId, ...incident } = params.incident
    return pushIncident({
      externalId,
      create: Effect.map(theHive.call(services, "POST", "case", incident), (response) => {
        const data = V.isJsonObject(response.data) ? response.data : {}
        const id = String(data._id)
        return {
          id,
          title: String(data.title),
          url: theHive.caseUrl(id),
          pushedDate: new Date(Number(data._createdAt)).toISOString()
        }
      }),
      update: (id) =>
        Effect.flatMap(
          theHive.call(services, "PATCH", `case/${id}`, incident),
          () =>
            Effect.map(Clock.currentTimeMillis, (now) => ({
              id,
              title: incident.title,
              url: theHive.caseUrl(id),
              pushedDate: new Date(now).toISOString()
            }))
        ),
      comments: params.comments,
      addComment: (pushed, comment) =>
        Effect.as(
          theHive.call(services, "POST", `case/${pushed.id}/comment`, { message: comment.comment }),
          { commentId: comment.commentId, pushedDate: pushed.pushedDate }
        )
    })
  }
)

const createAlert = subAction<Config, Secrets, V.TypeOf<typeof createAlertParams>>(
  createAlertParams,
  ({ config, params, secrets, services }) =>
    Effect.gen(function*() {
      const { body, ...alert } = params
      const parsed = Either.try({
        try: (): unknown => JSON.parse(body ?? "{}"),
        catch: (error) =>
          new SubActionError({
            message: error instanceof Error ? error.message : String(error),
            errorSource: "framework"
          })
      })
      if (Either.isLeft(parsed)) return yield* parsed.left
      yield* api(config, secrets).call(services, "POST", "alert", {
        ...alert,
        ...(V.isJsonObject(parsed.right) ? parsed.right : {})
      })
      // `createAlert` answers nothing, which the framework turns into `{}`
      return undefined
    })
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const theHiveConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".thehive",
  name: "TheHive",
  minimumLicenseRequired: "platinum",
  supportedFeatureIds: ["alerting", "siem", "uptime", "cases", "workflows"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: { pushToService, createAlert }
})
