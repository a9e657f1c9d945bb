/**
 * The `.swimlane` connector: `pushToService` creates a record (`POST <apiUrl>/api/app/<appId>/record`) or
 * updates one (`PATCH .../record/<id>`), its values placed in the Swimlane fields the config's `mappings`
 * name, then posts each comment to the mapped comments field (`POST .../record/<id>/<fieldId>/comment`).
 * Auth: the `Private-Token` header.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/swimlane/schemas/v1.ts;
 * executor: `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/swimlane/{index,api,service,helpers}.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorResult, type ExecutorServices } from "../ConnectorTypeSpec.js"
import { pushIncident, pushToService, thrown, urlRule } from "./caseTypes.js"
import * as Outbound from "./outbound.js"
import { SubActionError } from "./subActions.js"
import * as V from "./validation.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

const swimlaneField = V.withDefault(
  V.nullable(V.strictObject({ id: V.string(), key: V.string(), name: V.string(), fieldType: V.string() })),
  null
)

const config = V.strictObject({
  apiUrl: V.string(),
  appId: V.string(),
  connectorType: V.literals(["all", "alerts", "cases"]),
  mappings: V.strictObject({
    alertIdConfig: swimlaneField,
    caseIdConfig: swimlaneField,
    caseNameConfig: swimlaneField,
    commentsConfig: swimlaneField,
    descriptionConfig: swimlaneField,
    ruleNameConfig: swimlaneField,
    severityConfig: swimlaneField
  })
})

const secrets = V.strictObject({ apiToken: V.string() })

const incident = V.strictObject({
  alertId: nullableString,
  ruleName: nullableString,
  caseId: nullableString,
  caseName: nullableString,
  severity: nullableString,
  description: nullableString,
  externalId: nullableString
})

const params = V.discriminated("subAction", { pushToService: pushToService(incident) })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof params>
type Incident = Omit<V.TypeOf<typeof incident>, "externalId">

// helpers.ts `mappingKeysToIncidentKeys`
const mappedKeys = [
  ["ruleNameConfig", "ruleName"],
  ["alertIdConfig", "alertId"],
  ["caseIdConfig", "caseId"],
  ["caseNameConfig", "caseName"],
  ["severityConfig", "severity"],
  ["descriptionConfig", "description"]
] as const

// helpers.ts `getBodyForEventAction`: each mapped, non-empty value under its field id; numbers as numbers
const recordBody = (config: Config, incident: Incident, recordId?: string) => {
  const values: Record<string, unknown> = {}
  for (const [mappingKey, incidentKey] of mappedKeys) {
    const mapping = config.mappings[mappingKey]
    const value = incident[incidentKey]
    if (mapping === null || !value) continue
    const number = Number(value)
    values[mapping.id] = mapping.fieldType === "numeric" ? (Number.isNaN(number) ? 0 : number) : value
  }
  return { applicationId: config.appId, ...(recordId ? { id: recordId } : {}), values }
}

// service.ts `createErrorMessage`
const reasonOf = (data: unknown) =>
  V.isJsonObject(data) && data.Argument != null && data.ErrorCode != null
    ? `${String(data.Argument)} (${String(data.ErrorCode)})`
    : "unknown"

const api = (config: Config, secrets: Secrets, services: ExecutorServices) => {
  const base = config.apiUrl.endsWith("/") ? config.apiUrl.slice(0, -1) : config.apiUrl
  const apiUrl = base.endsWith("api") ? base : `${base}/api`
  const recordsUrl = `${apiUrl}/app/${config.appId}/record`
  // `getErrorMessage(i18n.NAME, ...)`: `[Action][Swimlane]: Unable to <what> in application with id <appId>. ...`
  const call = (what: string, method: "POST" | "PATCH", url: string, body: unknown, required: ReadonlyArray<string>) =>
    Effect.flatMap(
      Outbound.send(services.httpClient, {
        method,
        url,
        headers: { "Content-Type": "application/json", "Private-Token": secrets.apiToken },
        body: JSON.stringify(body)
      }, services.outboundTimeout),
      (outcome) => {
        const fail = (status: number, error: string, reason: string) =>
          Effect.fail(
            new SubActionError({
              message: `[Action][Swimlane]: Unable to ${what} in application with id ${config.appId}. ` +
                `Status: ${status}. Error: ${error}. Reason: ${reason}`,
              errorSource: "framework"
            })
          )
        if (outcome._tag === "Failure") return fail(500, outcome.message, "unknown")
        const data = Outbound.parseJson(outcome.body)
        if (outcome.status < 200 || outcome.status >= 300) {
          return fail(outcome.status, `Request failed with status code ${outcome.status}`, reasonOf(data))
        }
        if (required.length === 0) return Effect.succeed<V.JsonObject>({})
        // axios_utils `throwIfResponseIsNotValid`
        const contentType = outcome.headers["content-type"] ?? "undefined"
        if (!contentType.includes("application/json")) {
          return fail(
            500,
            `Unsupported content type: ${contentType} in ${method.toLowerCase()} ${url}. ` +
              "Supported content types: application/json",
            "unknown"
          )
        }
        const missing = required.filter((key) => !V.isJsonObject(data) || data[key] === undefined)
        return missing.length > 0
          ? fail(500, `Response is missing at least one of the expected fields: ${required.join(",")}`, "unknown")
          : Effect.succeed(V.isJsonObject(data) ? data : {})
      }
    )
  return {
    create: (incident: Incident) =>
      Effect.map(
        call("create record", "POST", recordsUrl, recordBody(config, incident), ["id", "name", "createdDate"]),
        (data) => ({
          id: String(data.id),
          title: String(data.name),
          url: `${base}/record/${config.appId}/${String(data.id)}`,
          pushedDate: new Date(String(data.createdDate)).toISOString()
        })
      ),
    update: (id: string, incident: Incident) =>
      Effect.map(
        call("update record", "PATCH", `${recordsUrl}/${id}`, recordBody(config, incident, id), [
          "id",
          "name",
          "modifiedDate"
        ]),
        (data) => ({
          id: String(data.id),
          title: String(data.name),
          url: `${base}/record/${config.appId}/${id}`,
          pushedDate: new Date(String(data.modifiedDate)).toISOString()
        })
      ),
    comment: (id: string, fieldId: string, message: string, createdDate: string) =>
      call(
        "create comment",
        "POST",
        `${recordsUrl}/${id}/${fieldId}/comment`,
        { createdDate, fieldId, isRichText: true, message },
        []
      )
  }
}

const execute = (config: Config, secrets: Secrets, params: Params, services: ExecutorServices) =>
  Effect.gen(function*() {
    const swimlane = api(config, secrets, services)
    const { externalId, ...incident } = params.subActionParams.incident
    // api.ts: every comment gets the date taken once, before the first comment is posted
    const createdDate = new Date(yield* Clock.currentTimeMillis).toISOString()
    return yield* pushIncident({
      externalId,
      create: swimlane.create(incident),
      update: (id) => swimlane.update(id, incident),
      comments: params.subActionParams.comments,
      addComment: (pushed, comment) => {
        const fieldId = config.mappings.commentsConfig?.id
        return fieldId
          ? Effect.as(swimlane.comment(pushed.id, fieldId, comment.comment, createdDate), {
            commentId: comment.commentId,
            pushedDate: createdDate
          })
          : Effect.fail(
            new SubActionError({
              message: `[Action][Swimlane]: Unable to create comment in application with id ${config.appId}. ` +
                "Status: 500. Error: No comment field mapped in Swimlane connector. Reason: unknown",
              errorSource: "framework"
            })
          )
      }
    })
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const swimlaneConnectorType: ConnectorTypeSpec = define<Config, Secrets, Params>({
  id: ".swimlane",
  name: "Swimlane",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "cases", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, ({ apiUrl }) => urlRule(apiUrl)),
  secrets: V.validate(secrets),
  params: V.validate(params),
  execute: ({ config, params, secrets, services }) =>
    execute(config, secrets, params, services).pipe(
      Effect.map((data): ExecutorResult => ({ status: "ok", data })),
      Effect.catchAll((error) => Effect.succeed(thrown(error)))
    )
})
