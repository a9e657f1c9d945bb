/**
 * `.servicenow` (ITSM), `.servicenow-sir` (SecOps) and `.servicenow-itom`, validated as Kibana validates
 * them. ITSM and SecOps connectors with basic auth and the Table API run `pushToService` (create or update
 * the incident, then push each comment as `work_notes`) against `<apiUrl>/api/now/v2/table/<table>`; like
 * Kibana they answer `getIncident` with `{}` and `handshake` with its "not implemented" error, whatever the
 * auth. ITOM connectors with basic auth run `addEvent`
 * (`POST <apiUrl>/api/global/em/jsonv2`) and `getChoices` (the `sys_choice` table); OAuth, the
 * import-set API and the other sub-actions are not emulated (an execution answers an error naming the type).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/servicenow/schemas/v1.ts
 * (config, secrets, common incident attributes) and the ITSM/SIR/ITOM params schemas in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/servicenow_{itsm,sir,itom}/`;
 * custom rules: `.../connector_types/lib/servicenow/validators.ts`; executor:
 * `.../connector_types/lib/servicenow/{api,service,utils}.ts`, `.../connector_types/servicenow_itom/{api,service}.ts`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import {
  type ConnectorTypeSpec,
  define,
  type ExecutorInput,
  type ExecutorResult,
  type ExecutorServices
} from "../ConnectorTypeSpec.js"
import { subActionNotImplemented, thrown } from "./caseTypes.js"
import { notEmulatedResult } from "./notEmulated.js"
import * as Outbound from "./outbound.js"
import { SubActionError } from "./subActions.js"
import * as V from "./validation.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

// DEFAULT_ALERTS_GROUPING_KEY in servicenow/constants.ts
const defaultAlertsGroupingKey = "{{rule.id}}:{{alert.id}}"

const baseConfig = {
  apiUrl: V.string(),
  isOAuth: V.withDefault(V.boolean, false),
  userIdentifierValue: nullableString,
  clientId: nullableString,
  jwtKeyId: nullableString
}

const itsmConfig = V.strictObject({ ...baseConfig, usesTableApi: V.withDefault(V.boolean, true) })
const itomConfig = V.strictObject(baseConfig)

const secrets = V.strictObject({
  password: nullableString,
  username: nullableString,
  clientSecret: nullableString,
  privateKey: nullableString,
  privateKeyPassword: nullableString
})

type Secrets = V.TypeOf<typeof secrets>

// validators.ts `validateCommonConfig`
const configProblem = (config: V.TypeOf<typeof itomConfig>) => {
  if (!URL.canParse(config.apiUrl)) {
    return "error configuring connector action: unable to parse url: TypeError: Invalid URL"
  }
  if (!config.isOAuth) return undefined
  if (config.userIdentifierValue == null) return "userIdentifierValue must be provided when isOAuth = true"
  if (config.clientId == null) return "clientId must be provided when isOAuth = true"
  if (config.jwtKeyId == null) return "jwtKeyId must be provided when isOAuth = true"
  return undefined
}

// validators.ts `validateCommonSecrets`
const secretsProblem = (value: Secrets) => {
  const basic = value.username != null && value.password != null
  const oauth = value.clientSecret != null && value.privateKey != null
  return basic || oauth ? undefined : "Either basic auth or OAuth credentials must be specified"
}

const comments = V.withDefault(
  V.nullable(V.array(V.strictObject({ comment: V.string(), commentId: V.string() }))),
  null
)

const commonIncident = {
  short_description: V.string(),
  description: nullableString,
  externalId: nullableString,
  category: nullableString,
  subcategory: nullableString,
  correlation_id: V.withDefault(V.nullable(V.string()), defaultAlertsGroupingKey),
  correlation_display: nullableString,
  additional_fields: V.withDefault(V.nullable(V.record(V.unknown)), null)
}

const getFields = V.strictObject({ subAction: V.literalUnion(["getFields"]), subActionParams: V.record(V.unknown) })
const getChoices = V.strictObject({
  subAction: V.literalUnion(["getChoices"]),
  subActionParams: V.strictObject({ fields: V.array(V.string()) })
})
const getIncident = V.strictObject({
  subAction: V.literalUnion(["getIncident"]),
  subActionParams: V.strictObject({ externalId: V.string() })
})

const pushToService = <S extends Readonly<Record<string, V.Validator<unknown>>>>(incident: S) =>
  V.strictObject({
    subAction: V.literalUnion(["pushToService"]),
    subActionParams: V.strictObject({ incident: V.strictObject(incident), comments })
  })

const itsmParams = V.discriminated("subAction", {
  getFields,
  getIncident,
  handshake: V.strictObject({ subAction: V.literalUnion(["handshake"]), subActionParams: V.strictObject({}) }),
  pushToService: pushToService({
    ...commonIncident,
    severity: nullableString,
    urgency: nullableString,
    impact: nullableString
  }),
  getChoices,
  closeIncident: V.strictObject({
    subAction: V.literalUnion(["closeIncident"]),
    subActionParams: V.strictObject({
      incident: V.strictObject({
        externalId: nullableString,
        correlation_id: V.withDefault(V.nullable(V.string()), defaultAlertsGroupingKey)
      })
    })
  })
})

const stringOrStrings = V.withDefault(V.nullable(V.union(V.string(), V.array(V.string()))), null)

const sirParams = V.discriminated("subAction", {
  getFields,
  getIncident,
  handshake: V.strictObject({ subAction: V.literalUnion(["handshake"]), subActionParams: V.strictObject({}) }),
  pushToService: pushToService({
    ...commonIncident,
    dest_ip: stringOrStrings,
    malware_hash: stringOrStrings,
    malware_url: stringOrStrings,
    source_ip: stringOrStrings,
    priority: nullableString
  }),
  getChoices
})

const itomParams = V.discriminated("subAction", {
  addEvent: V.strictObject({
    subAction: V.literalUnion(["addEvent"]),
    subActionParams: V.strictObject({
      source: nullableString,
      event_class: nullableString,
      resource: nullableString,
      node: nullableString,
      metric_name: nullableString,
      type: nullableString,
      severity: nullableString,
      description: nullableString,
      additional_info: nullableString,
      message_key: V.withDefault(V.nullable(V.string()), defaultAlertsGroupingKey),
      time_of_event: nullableString
    })
  }),
  getChoices
})

type TableConfig = V.TypeOf<typeof itsmConfig>

interface PushedIncident {
  readonly title: unknown
  readonly id: string
  readonly pushedDate: string
  readonly url: string
}

// `addTimeZoneToDate`: ServiceNow's times are UTC without a zone
const pushedDate = (timestamp: unknown) =>
  typeof timestamp === "string" ? new Date(`${timestamp} GMT`).toISOString() : new Date(0).toISOString()

const tableApi = (config: TableConfig, secrets: Secrets, table: string, services: ExecutorServices) => {
  const base = config.apiUrl.endsWith("/") ? config.apiUrl.slice(0, -1) : config.apiUrl
  const incidentUrl = `${base}/api/now/v2/table/${table}`
  const authorization = `Basic ${Buffer.from(`${secrets.username ?? ""}:${secrets.password ?? ""}`).toString("base64")}`
  // `addServiceMessageToError`: `[Action][ServiceNow]: <what>. Error: <axios message> Reason: <ServiceNow's> [status=..] [method=..] [endpoint=table]`
  const call = (method: "GET" | "POST" | "PATCH", url: string, body: unknown, failure: string) =>
    Effect.flatMap(
      Outbound.send(services.httpClient, {
        method,
        url,
        headers: { Authorization: authorization, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body)
      }, services.outboundTimeout),
      (outcome) => {
        const context = `[method=${method.toLowerCase()}] [endpoint=table]`
        if (outcome._tag === "Failure") {
          return Effect.fail(
            new SubActionError({
              message: `[Action][ServiceNow]: ${failure}. Error: ${outcome.message} [status=${
                outcome.code ?? "none"
              }] ${context}`,
              errorSource: "framework"
            })
          )
        }
        const parsed = Outbound.parseJson(outcome.body)
        if (outcome.status < 200 || outcome.status >= 300) {
          const error = V.isJsonObject(parsed) && V.isJsonObject(parsed.error) ? parsed.error : {}
          const reason = typeof error.message === "string"
            ? typeof error.detail === "string" ? `${error.message}: ${error.detail}` : error.message
            : "unknown: no error in error response"
          return Effect.fail(
            new SubActionError({
              message: `[Action][ServiceNow]: ${failure}. Error: Request failed with status code ${outcome.status} ` +
                `Reason: ${reason} [status=${outcome.status}] ${context}`,
              errorSource: "framework"
            })
          )
        }
        const result = V.isJsonObject(parsed) && V.isJsonObject(parsed.result) ? parsed.result : undefined
        // `checkInstance`
        return result === undefined
          ? Effect.fail(
            new SubActionError({
              message: `[Action][ServiceNow]: ${failure}. Error: There is an issue with your Service Now Instance. ` +
                `Please check . [status=${outcome.status}] ${context}`,
              errorSource: "framework"
            })
          )
          : Effect.succeed(result)
      }
    )
  const viewUrl = (id: string) => `${base}/nav_to.do?uri=${table}.do?sys_id=${id}`
  const getIncident = (id: string) =>
    call("GET", `${incidentUrl}/${id}`, undefined, `Unable to get incident with id ${id}`)
  const pushed = (incident: V.JsonObject, dateField: "sys_created_on" | "sys_updated_on"): PushedIncident => ({
    title: incident.number,
    id: String(incident.sys_id),
    pushedDate: pushedDate(incident[dateField]),
    url: viewUrl(String(incident.sys_id))
  })
  return {
    create: (incident: V.JsonObject) =>
      Effect.flatMap(
        call("POST", incidentUrl, incident, "Unable to create incident"),
        (created) => Effect.map(getIncident(String(created.sys_id)), (found) => pushed(found, "sys_created_on"))
      ),
    update: (id: string, incident: V.JsonObject) =>
      Effect.flatMap(
        call("PATCH", `${incidentUrl}/${id}`, incident, `Unable to update incident with id ${id}`),
        (updated) => Effect.map(getIncident(String(updated.sys_id)), (found) => pushed(found, "sys_updated_on"))
      )
  }
}

// api.ts `pushToServiceHandler`: create (with the caller) or update, then one update per comment
const pushToServiceWith = (
  api: ReturnType<typeof tableApi>,
  secrets: Secrets,
  incident: V.JsonObject,
  comments: ReadonlyArray<{ readonly comment: string; readonly commentId: string }>
) =>
  Effect.gen(function*() {
    const { additional_fields: _additional, externalId, ...fields } = incident
    const result = typeof externalId === "string"
      ? yield* api.update(externalId, fields)
      : yield* api.create({ ...fields, caller_id: secrets.username, opened_by: secrets.username })
    if (comments.length === 0) return result
    const pushedComments = yield* Effect.forEach(comments, (comment) =>
      Effect.as(api.update(result.id, { ...fields, work_notes: comment.comment }), {
        commentId: comment.commentId,
        pushedDate: result.pushedDate
      }))
    return { ...result, comments: pushedComments }
  })

type TableParams = V.TypeOf<typeof itsmParams> | V.TypeOf<typeof sirParams>

const tableExecute = (id: string, table: string) =>
(
  { config, params, secrets, services }: ExecutorInput<TableConfig, Secrets, TableParams>
): Effect.Effect<ExecutorResult> => {
  // servicenow_{itsm,sir}/index.ts: `handshake` is left out of `supportedSubActions`, and `getIncident` is in
  // them but the executor runs no handler for it, so it answers `{}`; neither calls ServiceNow
  if (params.subAction === "handshake") return Effect.succeed(subActionNotImplemented("handshake"))
  if (params.subAction === "getIncident") return Effect.succeed({ status: "ok", data: {} })
  if (config.isOAuth || !config.usesTableApi || params.subAction !== "pushToService") return notEmulatedResult(id)
  const api = tableApi(config, secrets, table, services)
  return pushToServiceWith(api, secrets, params.subActionParams.incident, params.subActionParams.comments ?? []).pipe(
    Effect.map((data): ExecutorResult => ({ status: "ok", data })),
    Effect.catchAll((error) => Effect.succeed(thrown(error)))
  )
}

type ItomConfig = V.TypeOf<typeof itomConfig>
type ItomParams = V.TypeOf<typeof itomParams>
type AddEvent = Extract<ItomParams, { readonly subAction: "addEvent" }>["subActionParams"]

// convertTimestamp (kbn-connector-schemas common/utils): an epoch given as digits, else the trimmed text
const convertTimestamp = (timestamp: string | null): number | string | null => {
  const trimmed = timestamp?.trim() ?? ""
  if (trimmed === "") return null
  const epoch = Number.parseInt(trimmed, 10)
  return !Number.isNaN(epoch) && JSON.stringify(epoch) === trimmed ? epoch : trimmed
}

// servicenow_itom/api.ts `prepareParams`: `time_of_event` as `yyyy-MM-dd HH:mm:ss` (GMT), nulls left out
const preparedEvent = (event: AddEvent): V.JsonObject => {
  const converted = convertTimestamp(event.time_of_event)
  const date = converted === null ? undefined : new Date(converted)
  const timeOfEvent = date === undefined || Number.isNaN(date.valueOf())
    ? null
    : date.toISOString().replace("T", " ").slice(0, 19)
  return Object.fromEntries(
    Object.entries({ ...event, time_of_event: timeOfEvent }).filter(([, value]) => value != null)
  )
}

// servicenow_itom/service.ts and lib/servicenow/{service,utils}.ts (`addServiceMessageToError`, `checkInstance`)
const itomApi = (config: ItomConfig, secrets: Secrets, services: ExecutorServices) => {
  const base = config.apiUrl.endsWith("/") ? config.apiUrl.slice(0, -1) : config.apiUrl
  const authorization = `Basic ${Buffer.from(`${secrets.username ?? ""}:${secrets.password ?? ""}`).toString("base64")}`
  const call = (method: "GET" | "POST", url: string, body: unknown, failure: string) =>
    Effect.flatMap(
      Outbound.send(services.httpClient, {
        method,
        url,
        headers: { Authorization: authorization, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body)
      }, services.outboundTimeout),
      (outcome) => {
        const fail = (error: string, reason: string) =>
          Effect.fail(
            new SubActionError({
              message: `[Action][ServiceNow]: ${failure}. Error: ${error}${reason === "" ? "" : ` Reason: ${reason}`}`,
              errorSource: "framework"
            })
          )
        if (outcome._tag === "Failure") return fail(outcome.message, "")
        const parsed = Outbound.parseJson(outcome.body)
        if (outcome.status < 200 || outcome.status >= 300) {
          const error = V.isJsonObject(parsed) && V.isJsonObject(parsed.error) ? parsed.error : {}
          const reason = typeof error.message === "string"
            ? typeof error.detail === "string" ? `${error.message}: ${error.detail}` : error.message
            : "unknown: no error in error response"
          return fail(`Request failed with status code ${outcome.status}`, reason)
        }
        return V.isJsonObject(parsed) && parsed.result != null
          ? Effect.succeed(parsed.result)
          : fail("There is an issue with your Service Now Instance. Please check .", "")
      }
    )
  return {
    addEvent: (event: AddEvent) =>
      Effect.asVoid(
        call("POST", `${base}/api/global/em/jsonv2`, { records: [preparedEvent(event)] }, "Unable to add event")
      ),
    getChoices: (fields: ReadonlyArray<string>) => {
      const elements = fields.slice(1).reduce((query, field) => `${query}^ORelement=${field}`, `element=${fields[0]}`)
      return call(
        "GET",
        `${base}/api/now/table/sys_choice?sysparm_query=name=task^ORname=em_event^${elements}^language=en` +
          "&sysparm_fields=label,value,dependent_value,element",
        undefined,
        "Unable to get choices"
      )
    }
  }
}

const itomExecute = (
  { config, params, secrets, services }: ExecutorInput<ItomConfig, Secrets, ItomParams>
): Effect.Effect<ExecutorResult> => {
  if (config.isOAuth) return notEmulatedResult(".servicenow-itom")
  const api = itomApi(config, secrets, services)
  const run = params.subAction === "addEvent"
    ? api.addEvent(params.subActionParams)
    : api.getChoices(params.subActionParams.fields)
  return run.pipe(
    Effect.map((data): ExecutorResult => ({ status: "ok", data: data ?? {} })),
    Effect.catchAll((error) => Effect.succeed(thrown(error)))
  )
}

const serviceNowType = <Config extends V.JsonObject, Params extends V.JsonObject>(options: {
  readonly id: string
  readonly name: string
  readonly supportedFeatureIds: ReadonlyArray<string>
  readonly config: V.Validator<Config>
  readonly configProblem: (config: Config) => string | undefined
  readonly params: V.Validator<Params>
  readonly execute?: (input: ExecutorInput<Config, Secrets, Params>) => Effect.Effect<ExecutorResult>
}): ConnectorTypeSpec =>
  define<Config, Secrets, Params>({
    id: options.id,
    name: options.name,
    minimumLicenseRequired: "platinum",
    supportedFeatureIds: options.supportedFeatureIds,
    isSystemActionType: false,
    isDeprecated: false,
    config: V.validate(options.config, options.configProblem),
    secrets: V.validate(secrets, secretsProblem),
    params: V.validate(options.params),
    execute: options.execute ?? (() => notEmulatedResult(options.id))
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const serviceNowItsmConnectorType: ConnectorTypeSpec = serviceNowType({
  id: ".servicenow",
  name: "ServiceNow ITSM",
  supportedFeatureIds: ["alerting", "cases", "uptime", "siem"],
  config: itsmConfig,
  configProblem,
  params: itsmParams,
  execute: tableExecute(".servicenow", "incident")
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const serviceNowSirConnectorType: ConnectorTypeSpec = serviceNowType({
  id: ".servicenow-sir",
  name: "ServiceNow SecOps",
  supportedFeatureIds: ["alerting", "cases", "siem"],
  config: itsmConfig,
  configProblem,
  params: sirParams,
  execute: tableExecute(".servicenow-sir", "sn_si_incident")
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const serviceNowItomConnectorType: ConnectorTypeSpec = serviceNowType({
  id: ".servicenow-itom",
  name: "ServiceNow ITOM",
  supportedFeatureIds: ["alerting", "siem"],
  config: itomConfig,
  configProblem,
  params: itomParams,
  execute: itomExecute
})
