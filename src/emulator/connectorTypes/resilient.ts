/**
 * The `.resilient` connector (IBM Resilient / QRadar SOAR): a case connector on the sub-action framework,
 * calling `<apiUrl>/rest/orgs/<orgId>/...` with basic auth (`apiKeyId:apiKeySecret`). `pushToService`
 * creates an incident (`POST .../incidents`) or updates one (read it, read the field metadata,
 * `PATCH .../incidents/<id>` with the changes, read it again) and adds each comment
 * (`POST .../incidents/<id>/comments`); `incidentTypes`, `severity` and `getFields` read the incident
 * field metadata.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/resilient/schemas/v1.ts;
 * executor: `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/resilient/{index,resilient,utils}.ts`;
 * push: `x-pack/platform/plugins/shared/actions/server/sub_action_framework/case.ts`. Not emulated: the
 * check of `select` values in `additionalFields` and the `additionalFields` key rules.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { comments, pushIncident, urlRule } from "./caseTypes.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ apiUrl: V.string(), orgId: V.string() })
const secrets = V.strictObject({ apiKeyId: V.string(), apiKeySecret: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const nullableString = V.withDefault(V.nullable(V.string()), null)

const pushParams = V.strictObject({
  incident: V.strictObject({
    name: V.string(),
    description: nullableString,
    externalId: nullableString,
    incidentTypes: V.withDefault(V.nullable(V.array(V.coercedNumber())), null),
    severityCode: V.withDefault(V.nullable(V.coercedNumber()), null),
    additionalFields: V.withDefault(V.nullable(V.record(V.unknown)), null)
  }),
  comments
})

type Incident = V.TypeOf<typeof pushParams>["incident"]

const noParams = V.strictObject({})

// `getResponseErrorMessage`
const errorMessage = (response: VendorResponse | undefined) => {
  if (response === undefined) return "Unknown API Error"
  if (response.status === 401) return "Unauthorized API Error"
  return V.isJsonObject(response.data) && "message" in response.data
    ? `API Error: ${String(response.data.message)}`
    : `API Error: ${response.statusText}`
}

// `getErrorMessage(i18n.NAME, ...)` around every call
const failedTo = (what: string) => (error: SubActionError) =>
  new SubActionError({
    message: `[Action][IBM Resilient]: ${what}. Error: ${error.message}.`,
    errorSource: error.errorSource
  })

const objectOf = (data: unknown): V.JsonObject => V.isJsonObject(data) ? data : {}

interface FieldMeta {
  readonly name: string
  readonly prefix: string | null
}

const api = (config: Config, secrets: Secrets, services: Parameters<typeof vendorRequest>[0]) => {
  const orgUrl = `${config.apiUrl}/rest/orgs/${config.orgId}`
  const fieldsUrl = `${orgUrl}/types/incident/fields`
  const base = config.apiUrl.endsWith("/") ? config.apiUrl.slice(0, -1) : config.apiUrl
  const headers = {
    Authorization: `Basic ${Buffer.from(`${secrets.apiKeyId}:${secrets.apiKeySecret}`).toString("base64")}`
  }
  const call = (method: "GET" | "POST" | "PATCH", url: string, body?: unknown) =>
    Effect.map(vendorRequest(services, { method, url, headers, body }, errorMessage), (response) => response.data)
  const values = (url: string, what: string) =>
    Effect.mapError(
      Effect.map(call("GET", url), (data) => {
        const list = objectOf(data).values
        return (Array.isArray(list) ? list : []).map((entry) => {
          const value = objectOf(entry)
          return { id: String(value.value), name: String(value.label) }
        })
      }),
      failedTo(what)
    )
  const getFields = Effect.mapError(
    Effect.map(call("GET", fieldsUrl), (data) =>
      (Array.isArray(data) ? data : []).map((entry) => {
        const field = objectOf(entry)
        return {
          name: field.name,
          input_type: field.input_type,
          read_only: field.read_only,
          required: field.required ?? null,
          text: field.text,
          prefix: field.prefix ?? null,
          values: field.values ?? null
        }
      })),
    failedTo("Unable to get fields")
  )
  const getIncident = (id: string) =>
    Effect.mapError(
      Effect.map(call("GET", `${orgUrl}/incidents/${id}?text_content_output_format=objects_convert`), objectOf),
      failedTo(`Unable to get incident with id ${id}`)
    )
  return {
    base,
    orgUrl,
    call,
    getFields,
    getIncident,
    incidentTypes: values(`${fieldsUrl}/incident_type_ids`, "Unable to get incident types"),
    severity: values(`${fieldsUrl}/severity_code`, "Unable to get severity"),
    viewUrl: (id: string) => `${base}/#incidents/${id}`
  }
}

// utils.ts `prepareAdditionalFieldsForCreation`: fields with a `prefix` (custom fields) go under it
const additionalFieldsForCreation = (fields: ReadonlyArray<FieldMeta>, additional: V.JsonObject) => {
  const { properties, ...rest } = additional
  const flattened: V.JsonObject = { ...(V.isJsonObject(properties) ? properties : {}), ...rest }
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(flattened)) {
    const prefix = fields.find((field) => field.name === key)?.prefix
    if (prefix) data[prefix] = { ...objectOf(data[prefix]), [key]: value }
    else data[key] = value
  }
  return data
}

// utils.ts `getValueTextContent`
const valueContent = (key: string, value: unknown) => {
  if (value === null || value === undefined) return { text: "" }
  if (key === "description") return { textarea: { format: "html", content: String(value) } }
  if (key === "incidentTypes") return { ids: (Array.isArray(value) ? value : [value]).map(Number) }
  if (key === "severityCode") return { id: Number(value) }
  return { text: String(value) }
}

const fieldNames: Readonly<Record<string, string>> = {
  incidentTypes: "incident_type_ids",
  severityCode: "severity_code"
}

// utils.ts `formatUpdateRequest`: one change per given field, additional fields first
const updateRequest = (old: V.JsonObject, incident: Omit<Incident, "externalId">) => {
  const { additionalFields, ...updates } = incident
  const oldProperties = objectOf(old.properties)
  const additional = Object.entries(additionalFields ?? {}).flatMap(([name, value]) =>
    value ? [{ field: { name }, old_value: oldProperties[name] ?? null, new_value: value }] : []
  )
  const standard = Object.entries(updates).flatMap(([key, value]) => {
    if (value === null) return [] // `omitBy(isNil)`: a null would empty the field in Resilient
    const name = fieldNames[key] ?? key
    const oldValue = name === "description" ? objectOf(old.description).content : old[name]
    return [{ field: { name }, old_value: valueContent(key, oldValue), new_value: valueContent(key, value) }]
  })
  return { changes: [...additional, ...standard] }
}

const fieldMeta = (fields: ReadonlyArray<{ readonly name: unknown; readonly prefix: unknown }>) =>
  fields.map((field): FieldMeta => ({
    name: String(field.name),
    prefix: typeof field.prefix === "string" ? field.prefix : null
  }))

const pushToService = subAction<Config, Secrets, V.TypeOf<typeof pushParams>>(
  pushParams,
  ({ config, params, secrets, services }) => {
    const resilient = api(config, secrets, services)
    const { externalId, ...incident } = params.incident
    const create = Effect.gen(function*() {
      const additional = incident.additionalFields === null
        ? {}
        : additionalFieldsForCreation(fieldMeta(yield* resilient.getFields), incident.additionalFields)
      const data = {
        name: incident.name,
        discovered_date: yield* Clock.currentTimeMillis,
        ...(incident.description ? { description: { format: "html", content: incident.description } } : {}),
        ...(incident.incidentTypes ? { incident_type_ids: incident.incidentTypes.map((id) => ({ id })) } : {}),
        ...(incident.severityCode ? { severity_code: { id: incident.severityCode } } : {}),
        ...additional
      }
      const created = objectOf(
        yield* resilient.call("POST", `${resilient.orgUrl}/incidents?text_content_output_format=objects_convert`, data)
      )
      const id = String(created.id)
      return {
        title: id,
        id,
        pushedDate: new Date(Number(created.create_date)).toISOString(),
        url: resilient.viewUrl(id)
      }
    }).pipe(Effect.mapError(failedTo("Unable to create incident")))
    const update = (id: string) =>
      Effect.gen(function*() {
        const latest = yield* resilient.getIncident(id)
        yield* resilient.getFields
        const answer = objectOf(
          yield* resilient.call("PATCH", `${resilient.orgUrl}/incidents/${id}`, updateRequest(latest, incident))
        )
        if (answer.success !== true) {
          return yield* new SubActionError({
            message: `Error while updating incident: ${String(answer.message)}`,
            errorSource: "framework"
          })
        }
        const updated = yield* resilient.getIncident(id)
        return {
          title: String(updated.id),
          id: String(updated.id),
          pushedDate: new Date(Number(updated.inc_last_modified_date)).toISOString(),
          url: resilient.viewUrl(String(updated.id))
        }
      }).pipe(Effect.mapError(failedTo(`Unable to update incident with id ${id}`)))
    return pushIncident({
      externalId,
      create,
      update,
      comments: params.comments,
      addComment: (pushed, comment) =>
        resilient.call("POST", `${resilient.orgUrl}/incidents/${pushed.id}/comments`, {
          text: { format: "text", content: comment.comment }
        }).pipe(
          Effect.as({ commentId: comment.commentId, pushedDate: pushed.pushedDate }),
          Effect.mapError(failedTo(`Unable to create comment at incident with id ${pushed.id}`))
        )
    })
  }
)

const metadata = (read: (resilient: ReturnType<typeof api>) => Effect.Effect<unknown, SubActionError>) =>
  subAction<Config, Secrets, V.TypeOf<typeof noParams>>(
    noParams,
    ({ config, secrets, services }) => read(api(config, secrets, services))
  )

/**
 * @since 0.1.0
 * @category connector types
 */
export const resilientConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".resilient",
  name: "IBM Resilient",
  minimumLicenseRequired: "platinum",
  supportedFeatureIds: ["alerting", "cases", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, ({ apiUrl }) => urlRule(apiUrl)),
  secrets: V.validate(secrets),
  subActions: {
    pushToService,
    incidentTypes: metadata((resilient) => resilient.incidentTypes),
    severity: metadata((resilient) => resilient.severity),
    getFields: metadata((resilient) => resilient.getFields)
  }
})
