/**
 * The `.jira` connector: `pushToService` creates (or updates) an issue through Jira's REST API v2 with
 * basic auth (email and API token) and adds the comments, `getIncident` and `issue` read one, `handshake`
 * answers Kibana's "not implemented" error; the other sub-actions are not emulated.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/jira/schemas/v1.ts; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/jira/{index,api,service}.ts.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorResult } from "../ConnectorTypeSpec.js"
import { pushToService, subActionNotImplemented, subActionOf, thrown, urlRule } from "./caseTypes.js"
import { notEmulatedResult } from "./notEmulated.js"
import * as Outbound from "./outbound.js"
import { SubActionError } from "./subActions.js"
import * as V from "./validation.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)
const anyRecord = V.record(V.unknown)
const noParams = V.strictObject({})

const config = V.strictObject({ apiUrl: V.string(), projectKey: V.string() })
const secrets = V.strictObject({ email: V.string(), apiToken: V.string() })

const incident = V.strictObject({
  summary: V.string(),
  description: nullableString,
  externalId: nullableString,
  issueType: nullableString,
  priority: nullableString,
  labels: V.withDefault(
    V.nullable(
      V.array(V.refine(V.string(), (label) => /\s/.test(label) ? [`The label ${label} cannot contain spaces`] : []))
    ),
    null
  ),
  parent: nullableString,
  otherFields: V.withDefault(V.nullable(anyRecord), null)
})

const params = V.discriminated("subAction", {
  getFields: subActionOf("getFields", anyRecord),
  getIncident: subActionOf("getIncident", V.strictObject({ externalId: V.string() })),
  handshake: subActionOf("handshake", noParams),
  pushToService: pushToService(incident),
  issueTypes: subActionOf("issueTypes", noParams),
  fieldsByIssueType: subActionOf("fieldsByIssueType", V.strictObject({ id: V.string() })),
  issues: subActionOf("issues", V.strictObject({ title: V.string() })),
  issue: subActionOf("issue", V.strictObject({ id: V.string() }))
})

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof params>
type Incident = V.TypeOf<typeof incident>

interface JiraApi {
  readonly call: (
    method: Outbound.OutboundRequest["method"],
    path: string,
    body: unknown,
    failure: string
  ) => Effect.Effect<V.JsonObject, SubActionError>
  readonly viewUrl: (key: string) => string
}

// `createErrorMessage`: Jira's errorMessages, else its field errors
const reasonOf = (body: unknown): string => {
  if (!V.isJsonObject(body)) return "unknown: errorResponse was null"
  if (Array.isArray(body.errorMessages) && body.errorMessages.length > 0) return body.errorMessages.join(", ")
  if (!V.isJsonObject(body.errors)) return "unknown: errorResponse.errors was null"
  return Object.values(body.errors).map(String).join(" ")
}

const jiraApi = (
  config: Config,
  secrets: Secrets,
  services: Parameters<typeof Outbound.send>[0],
  timeout: Parameters<typeof Outbound.send>[2]
): JiraApi => {
  const base = config.apiUrl.endsWith("/") ? config.apiUrl.slice(0, -1) : config.apiUrl
  const authorization = `Basic ${Buffer.from(`${secrets.email}:${secrets.apiToken}`).toString("base64")}`
  return {
    viewUrl: (key) => `${base}/browse/${key}`,
    call: (method, path, body, failure) =>
      Effect.flatMap(
        Outbound.send(services, {
          method,
          url: `${base}/rest/api/2/${path}`,
          headers: { Authorization: authorization, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body)
        }, timeout),
        (outcome) => {
          // `wrapError` + `getErrorMessage`: `[Action][Jira]: <what>. Error: <axios message>. Reason: <Jira's>`
          const fail = (error: string, reason: string, status?: number) =>
            Effect.fail(
              new SubActionError({
                message: `[Action][Jira]: ${failure}. Error: ${error}. Reason: ${reason}`,
                errorSource: status === 429 ? "user" : "framework"
              })
            )
          if (outcome._tag === "Failure") return fail(outcome.message, reasonOf(undefined))
          const parsed = Outbound.parseJson(outcome.body)
          if (outcome.status < 200 || outcome.status >= 300) {
            return fail(`Request failed with status code ${outcome.status}`, reasonOf(parsed), outcome.status)
          }
          return Effect.succeed(V.isJsonObject(parsed) ? parsed : {})
        }
      )
  }
}

// `createFields`
const fieldsOf = (projectKey: string, incident: Incident, issueType: string | null) => ({
  summary: incident.summary.split(/[\n\r]/g).map((line) => line.trim()).filter((line) => line !== "").join(", "),
  project: { key: projectKey },
  ...(issueType ? { issuetype: { id: issueType } } : {}),
  ...(incident.description ? { description: incident.description } : {}),
  ...(incident.labels ? { labels: incident.labels } : {}),
  ...(incident.priority ? { priority: { name: incident.priority } } : {}),
  ...(incident.parent ? { parent: { key: incident.parent } } : {}),
  ...incident.otherFields
})

const text = (value: unknown) => typeof value === "string" ? value : String(value)

const getIncident = (api: JiraApi, id: string) =>
  Effect.map(api.call("GET", `issue/${id}`, undefined, `Unable to get incident with id ${id}`), (issue) => {
    const fields = V.isJsonObject(issue.fields) ? issue.fields : {}
    return { id: text(issue.id), key: text(issue.key), created: fields.created, updated: fields.updated, ...fields }
  })

const push = (
  api: JiraApi,
  projectKey: string,
  incident: Incident,
  comments: ReadonlyArray<{ readonly comment: string; readonly commentId: string }>
) =>
  Effect.gen(function*() {
    let pushed: { readonly id: string; readonly title: string; readonly pushedDate: string; readonly url: string }
    if (incident.externalId) {
      const id = incident.externalId
      yield* api.call(
        "PUT",
        `issue/${id}`,
        { fields: fieldsOf(projectKey, incident, incident.issueType) },
        `Unable to update incident with id ${id}`
      )
      const updated = yield* getIncident(api, id)
      pushed = {
        title: updated.key,
        id: updated.id,
        pushedDate: new Date(text(updated.updated)).toISOString(),
        url: api.viewUrl(updated.key)
      }
    } else {
      // without an issue type Kibana takes the project's first one
      let issueType = incident.issueType
      if (!issueType) {
        const meta = yield* api.call(
          "GET",
          `issue/createmeta/${projectKey}/issuetypes`,
          undefined,
          "Unable to get issue types"
        )
        const types = Array.isArray(meta.issueTypes) ? meta.issueTypes : Array.isArray(meta.values) ? meta.values : []
        const first: unknown = types[0]
        issueType = V.isJsonObject(first) ? text(first.id) : ""
      }
      const created = yield* api.call(
        "POST",
        "issue",
        { fields: fieldsOf(projectKey, incident, issueType) },
        "Unable to create incident"
      )
      const issue = yield* getIncident(api, text(created.id))
      pushed = {
        title: issue.key,
        id: issue.id,
        pushedDate: new Date(text(issue.created)).toISOString(),
        url: api.viewUrl(issue.key)
      }
    }
    if (comments.length === 0) return pushed
    // api.ts `pushToServiceHandler`: empty comments skipped, each result without the external comment id
    const pushedComments = yield* Effect.forEach(comments.filter((comment) => comment.comment !== ""), (comment) =>
      Effect.map(
        api.call(
          "POST",
          `issue/${pushed.id}/comment`,
          { body: comment.comment },
          `Unable to create comment at incident with id ${pushed.id}`
        ),
        (answer) => ({ commentId: comment.commentId, pushedDate: new Date(text(answer.created)).toISOString() })
      ))
    return { ...pushed, comments: pushedComments }
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const jiraConnectorType: ConnectorTypeSpec = define<Config, Secrets, Params>({
  id: ".jira",
  name: "Jira",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "cases", "uptime", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, ({ apiUrl }) => urlRule(apiUrl)),
  secrets: V.validate(secrets),
  params: V.validate(params),
  execute: ({ config, params, secrets, services }) => {
    // jira/index.ts: `handshake` has a handler in api.ts but is left out of `supportedSubActions`
    if (params.subAction === "handshake") return Effect.succeed(subActionNotImplemented("handshake"))
    const api = jiraApi(config, secrets, services.httpClient, services.outboundTimeout)
    const run = (): Effect.Effect<unknown, SubActionError> | undefined => {
      switch (params.subAction) {
        case "pushToService":
          return push(api, config.projectKey, params.subActionParams.incident, params.subActionParams.comments ?? [])
        case "getIncident":
          return getIncident(api, params.subActionParams.externalId)
        case "issue":
          return Effect.map(
            api.call(
              "GET",
              `issue/${params.subActionParams.id}`,
              undefined,
              `Unable to get issue with id ${params.subActionParams.id}`
            ),
            (issue) => ({
              id: issue.id,
              key: issue.key,
              title: V.isJsonObject(issue.fields) ? issue.fields.summary ?? null : null
            })
          )
        default:
          return undefined
      }
    }
    const effect = run()
    if (effect === undefined) return notEmulatedResult(".jira")
    return effect.pipe(
      Effect.map((data): ExecutorResult => ({ status: "ok", data: data ?? {} })),
      Effect.catchAll((error) => Effect.succeed(thrown(error)))
    )
  }
})
