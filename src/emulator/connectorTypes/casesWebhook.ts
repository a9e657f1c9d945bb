/**
 * The `.cases-webhook` connector (Webhook - Case Management): `pushToService` renders the configured
 * Mustache templates with the case and calls the configured URLs: create (`createIncidentUrl`, then
 * `getIncidentUrl` for the title) or update (`updateIncidentUrl`, then `getIncidentUrl`), then one
 * `createCommentUrl` call per non-empty comment. Headers: `Content-Type: application/json`, the config
 * `headers`, the `secretHeaders`, and basic auth when `hasAuth`.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/cases_webhook/schemas/v1.ts;
 * custom config rule and executor:
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/cases_webhook/{validators,index,api,service,utils}.ts`.
 * Not emulated (an execution answers an error naming the type): SSL and OAuth2 authentication, and
 * templates using Mustache sections or partials.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorResult, type ExecutorServices } from "../ConnectorTypeSpec.js"
import { type PushedIncident, pushIncident, pushToService, thrown } from "./caseTypes.js"
import { renderNoEscape } from "./mustache.js"
import { notEmulatedResult } from "./notEmulated.js"
import * as Outbound from "./outbound.js"
import { SubActionError } from "./subActions.js"
import * as V from "./validation.js"
import { webhookSecrets } from "./webhook.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

const config = V.strictObject({
  createIncidentUrl: V.string(),
  createIncidentMethod: V.withDefault(V.literals(["post", "put"]), "post"),
  createIncidentJson: V.string(),
  createIncidentResponseKey: V.string(),
  getIncidentUrl: V.string(),
  getIncidentMethod: V.withDefault(V.literals(["get", "post"]), "get"),
  getIncidentJson: V.withDefault(V.nullable(V.string()), null),
  getIncidentResponseExternalTitleKey: V.string(),
  viewIncidentUrl: V.string(),
  updateIncidentUrl: V.string(),
  updateIncidentMethod: V.withDefault(V.literals(["post", "patch", "put"]), "put"),
  updateIncidentJson: V.string(),
  createCommentUrl: nullableString,
  createCommentMethod: V.withDefault(V.nullable(V.literals(["post", "put", "patch"])), "put"),
  createCommentJson: nullableString,
  headers: V.withDefault(V.nullable(V.record(V.string())), null),
  hasAuth: V.withDefault(V.boolean, true),
  authType: V.optional(V.nullable(V.string())),
  certType: V.optional(V.literals(["ssl-crt-key", "ssl-pfx"])),
  ca: V.optional(V.string()),
  verificationMode: V.optional(V.literals(["none", "certificate", "full"])),
  accessTokenUrl: V.optional(V.string()),
  clientId: V.optional(V.string()),
  scope: V.optional(V.string()),
  additionalFields: V.optional(V.nullable(V.string()))
})

const incident = V.strictObject({
  title: V.string(),
  description: nullableString,
  id: nullableString,
  severity: nullableString,
  status: nullableString,
  externalId: nullableString,
  tags: V.withDefault(V.nullable(V.array(V.string())), null)
})

const params = V.discriminated("subAction", { pushToService: pushToService(incident) })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof webhookSecrets>
type Params = V.TypeOf<typeof params>
type Incident = Omit<V.TypeOf<typeof incident>, "externalId">

// CONNECTOR_NAME
const connectorName = "Webhook - Case Management"

/** A failed step: its message, and the answer when the service gave one (axios' `error.response`). */
interface Failure {
  readonly message: string
  readonly response?: { readonly data: unknown; readonly statusText: string }
}

const failure = (message: string): Failure => ({ message })

// utils.ts `addServiceMessageToError`, applied again by each enclosing step, as in Kibana
const withServiceMessage = (what: string) => (error: Failure): Failure => {
  const serverResponse = error.response?.data ? JSON.stringify(error.response.data) : null
  const reason = error.response ? `Reason: ${error.response.statusText}` : ""
  return {
    ...error,
    message: `[Action][${connectorName}]: ${what}. Error: ${error.message}. ${serverResponse ?? ""} ${reason}`
  }
}

// lodash `get` as `getObjectValueByKeyAsString` uses it: `a.b`, `a[0].b`
const valueAt = (data: unknown, key: string): string | undefined => {
  const value = key.split(/[.[\]]/).filter((part) => part !== "").reduce<unknown>(
    (current, part) =>
      Array.isArray(current) ? current[Number(part)] : V.isJsonObject(current) ? current[part] : undefined,
    data
  )
  // `${value}`, as Kibana formats it (an object gives "[object Object]")
  return value === undefined ? undefined : String(value)
}

// validators.ts `validateAndNormalizeUrl`
const normalizedUrl = (url: string, description: string): Effect.Effect<string, Failure> => {
  const parsed = URL.canParse(url) ? new URL(url) : undefined
  const problem = parsed === undefined
    ? "Invalid URL"
    : parsed.hostname === ""
    ? "URL must contain hostname"
    : parsed.protocol !== "http:" && parsed.protocol !== "https:"
    ? "Invalid protocol"
    : undefined
  if (problem !== undefined) return Effect.fail(failure(`Invalid ${description}: Error: ${problem}`))
  return Effect.succeed((url.endsWith("/") ? url.slice(0, -1) : url).replace(/([^:]\/)\/+/g, "$1"))
}

const render = (template: string, variables: V.JsonObject): Effect.Effect<string, Failure> => {
  const text = renderNoEscape(template, variables)
  return text === undefined
    ? Effect.fail(
      failure("the Kibana emulator does not render Mustache sections or partials in .cases-webhook templates")
    )
    : Effect.succeed(text)
}

// validators.ts `validateJson`
const validJson = (json: string, description: string): Effect.Effect<string, Failure> => {
  try {
    JSON.parse(json)
    return Effect.succeed(json)
  } catch {
    return Effect.fail(failure(`JSON Error: ${description} must be valid JSON`))
  }
}

// utils.ts `stringifyObjValues`
const caseVariables = (incident: Incident) => ({
  case: {
    description: JSON.stringify(incident.description ?? ""),
    id: JSON.stringify(incident.id ?? ""),
    severity: JSON.stringify(incident.severity ?? ""),
    status: JSON.stringify(incident.status ?? ""),
    tags: JSON.stringify(incident.tags ?? []),
    title: JSON.stringify(incident.title)
  }
})

const externalId = (id: string, title?: string) => ({
  external: { system: { id, ...(title === undefined ? {} : { title }) } }
})

const basicAuth = (config: Config, secrets: Secrets): Record<string, string> =>
  config.hasAuth && secrets.user !== null && secrets.password !== null
    ? { Authorization: `Basic ${Buffer.from(`${secrets.user}:${secrets.password}`).toString("base64")}` }
    : {}

const service = (config: Config, secrets: Secrets, services: ExecutorServices) => {
  const headers = {
    "content-type": "application/json",
    ...config.headers,
    ...secrets.secretHeaders,
    ...basicAuth(config, secrets)
  }
  // the request, then utils.ts `throwDescriptiveErrorIfResponseIsNotValid`
  const call = (
    method: string,
    url: string,
    body: string | undefined,
    required: ReadonlyArray<string>
  ): Effect.Effect<unknown, Failure> =>
    Effect.flatMap(
      Outbound.send(services.httpClient, {
        method: method === "get" ? "GET" : method === "put" ? "PUT" : method === "patch" ? "PATCH" : "POST",
        url,
        headers,
        body
      }, services.outboundTimeout),
      (outcome): Effect.Effect<unknown, Failure> => {
        if (outcome._tag === "Failure") return Effect.fail(failure(outcome.message))
        const data = outcome.body === "" ? "" : Outbound.parseJson(outcome.body) ?? outcome.body
        if (outcome.status < 200 || outcome.status >= 300) {
          return Effect.fail({
            message: `Request failed with status code ${outcome.status}`,
            response: { data, statusText: outcome.statusText }
          })
        }
        const empty = data === "" || (V.isJsonObject(data) && Object.keys(data).length === 0)
        if (outcome.status === 204 && empty && required.length === 0) return Effect.succeed(data)
        const contentType = outcome.headers["content-type"]
        const supported = "Supported content types: application/json"
        if (contentType === undefined) {
          return Effect.fail(failure(`Missing content type header in ${method} ${url}. ${supported}`))
        }
        if (!contentType.includes("application/json")) {
          return Effect.fail(failure(`Unsupported content type: ${contentType} in ${method} ${url}. ${supported}`))
        }
        if (!empty && typeof data !== "object") return Effect.fail(failure("Response is not a valid JSON"))
        const missing = required.filter((key) => valueAt(data, key) === undefined)
        return missing.length === 0
          ? Effect.succeed(data)
          : Effect.fail(
            failure(
              `Response is missing the expected ${missing.length > 1 ? "fields" : "field"}: ${missing.join(", ")}`
            )
          )
      }
    )

  const getIncident = (id: string) =>
    Effect.gen(function*() {
      const url = yield* normalizedUrl(
        yield* render(config.getIncidentUrl, externalId(encodeURIComponent(id))),
        "Get case URL"
      )
      const json = config.getIncidentMethod === "post" && config.getIncidentJson
        ? yield* validJson(
          yield* render(config.getIncidentJson, externalId(JSON.stringify(id))),
          "Get case JSON body"
        )
        : null
      const data = yield* call(config.getIncidentMethod, url, json ?? undefined, [
        config.getIncidentResponseExternalTitleKey
      ])
      return { id, title: valueAt(data, config.getIncidentResponseExternalTitleKey) ?? "" }
    }).pipe(Effect.mapError(withServiceMessage(`Unable to get case with id ${id}`)))

  const viewUrl = (id: string, title: string) =>
    Effect.flatMap(
      render(config.viewIncidentUrl, externalId(encodeURIComponent(id), encodeURIComponent(title))),
      (url) => normalizedUrl(url, "View case URL")
    )

  const pushed = (id: string, title: string) =>
    Effect.zipWith(
      viewUrl(id, title),
      Clock.currentTimeMillis,
      (url, now): PushedIncident => ({ id, title, url, pushedDate: new Date(now).toISOString() })
    )

  return {
    create: (incident: Incident) =>
      Effect.gen(function*() {
        const url = yield* normalizedUrl(
          config.createIncidentUrl.endsWith("/") ? config.createIncidentUrl.slice(0, -1) : config.createIncidentUrl,
          "Create case URL"
        )
        const json = yield* validJson(
          yield* render(config.createIncidentJson, caseVariables(incident)),
          "Create case JSON body"
        )
        const data = yield* call(config.createIncidentMethod, url, json, [config.createIncidentResponseKey])
        const id = valueAt(data, config.createIncidentResponseKey) ?? ""
        const inserted = yield* getIncident(id)
        return yield* pushed(id, inserted.title)
      }).pipe(Effect.mapError(withServiceMessage("Unable to create case"))),
    update: (id: string, incident: Incident) =>
      Effect.gen(function*() {
        const url = yield* normalizedUrl(
          yield* render(config.updateIncidentUrl, externalId(encodeURIComponent(id))),
          "Update case URL"
        )
        const json = yield* validJson(
          yield* render(config.updateIncidentJson, { ...caseVariables(incident), ...externalId(JSON.stringify(id)) }),
          "Update case JSON body"
        )
        yield* call(config.updateIncidentMethod, url, json, [])
        const updated = yield* getIncident(id)
        return yield* pushed(id, updated.title)
      }).pipe(Effect.mapError(withServiceMessage(`Unable to update case with id ${id}`))),
    comment: (id: string, comment: string) =>
      Effect.gen(function*() {
        if (!config.createCommentUrl || !config.createCommentJson || !config.createCommentMethod) return
        const url = yield* normalizedUrl(
          yield* render(config.createCommentUrl, externalId(encodeURIComponent(id))),
          "Create comment URL"
        )
        const json = yield* validJson(
          yield* render(config.createCommentJson, {
            case: { comment: JSON.stringify(comment) },
            ...externalId(JSON.stringify(id))
          }),
          "Create comment JSON body"
        )
        yield* call(config.createCommentMethod, url, json, [])
      }).pipe(Effect.mapError(withServiceMessage(`Unable to create comment at case with id ${id}`)))
  }
}

const execute = (config: Config, secrets: Secrets, params: Params, services: ExecutorServices) => {
  const cases = service(config, secrets, services)
  const { externalId: id, ...incident } = params.subActionParams.incident
  return pushIncident({
    externalId: id,
    create: cases.create(incident),
    update: (existing) => cases.update(existing, incident),
    comments: params.subActionParams.comments,
    addComment: (pushed, comment) =>
      comment.comment === ""
        ? Effect.succeed(undefined)
        : Effect.as(cases.comment(pushed.id, comment.comment), {
          commentId: comment.commentId,
          pushedDate: pushed.pushedDate
        })
  }).pipe(Effect.mapError((error) => new SubActionError({ message: error.message, errorSource: "framework" })))
}

// validators.ts `validateCasesWebhookConfig`
const configProblem = (config: Config) => {
  if (config.authType === "webhook-oauth2-client-credentials") {
    return "OAuth2 authentication is not supported for cases webhook connector"
  }
  const urls = [
    config.createIncidentUrl,
    config.createCommentUrl,
    config.viewIncidentUrl,
    config.getIncidentUrl,
    config.updateIncidentUrl
  ]
  const invalid = urls.find((url) => url && !URL.canParse(url))
  return invalid
    ? `error configuring cases webhook action: unable to parse ${invalid}: TypeError: Invalid URL`
    : undefined
}

const basicOrNone = (config: Config) =>
  !config.hasAuth || config.authType === undefined || config.authType === null ||
  config.authType === "webhook-authentication-basic"

/**
 * @since 0.1.0
 * @category connector types
 */
export const casesWebhookConnectorType: ConnectorTypeSpec = define<Config, Secrets, Params>({
  id: ".cases-webhook",
  name: connectorName,
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["cases"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, configProblem),
  secrets: V.validate(webhookSecrets),
  params: V.validate(params),
  execute: ({ config, params, secrets, services }) =>
    basicOrNone(config)
      ? execute(config, secrets, params, services).pipe(
        Effect.map((data): ExecutorResult => ({ status: "ok", data })),
        Effect.catchAll((error) => Effect.succeed(thrown(error)))
      )
      : notEmulatedResult(".cases-webhook")
})
