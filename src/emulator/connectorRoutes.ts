/**
 * Kibana's connector (actions) routes: create, get, update, delete, list, list types, execute.
 *
 * Rules and messages: elastic/kibana:x-pack/platform/plugins/shared/actions/server/routes/connector/**
 * and the actions client methods under `server/application/connector/methods/**` (see
 * kibana-http-api.md §2 for the test-asserted bodies).
 *
 * @since 0.1.0
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { canUseSpace } from "./authentication.js"
import * as Schema from "./configSchema.js"
import type { ValidationFailure } from "./connectorTypes/validation.js"
import type {
  ConnectorTypeInfo,
  ConnectorTypeSpec,
  ExecutionRejected,
  ExecutorResult,
  JsonObject
} from "./ConnectorTypeSpec.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import type { PreconfiguredConnector } from "./EmulatorOptions.js"
import { isLicenseSufficient } from "./license.js"
import { authenticated, type AuthenticatedContext, type EmulatorEnv, type Route } from "./routing.js"
import type { StoredConnector } from "./state.js"

const base = "/api/actions"

const configOrSecrets = Schema.withDefault(Schema.recordOf(Schema.any(Schema.validateEmptyStrings)), () => ({}))

// createConnectorRequestBodySchema (actions/common/routes/connector/apis/create/schemas/v1.ts)
const createBody = Schema.object({
  name: Schema.string({ validate: Schema.validateEmptyStrings }),
  connector_type_id: Schema.string({ validate: Schema.validateEmptyStrings }),
  config: configOrSecrets,
  secrets: configOrSecrets
})

// updateConnectorBodySchema (actions/common/routes/connector/apis/update/schemas/v1.ts): no type change
const updateBody = Schema.object({
  name: Schema.string({ validate: Schema.validateEmptyStrings }),
  config: configOrSecrets,
  secrets: configOrSecrets
})

// executeConnectorRequestBodySchema (actions/common/routes/connector/apis/execute/schemas/v1.ts)
const executeBody = Schema.object({ params: Schema.recordOf(Schema.any()) })

const connectorTypesQuery = Schema.object({ feature_id: Schema.maybe(Schema.string({ maxLength: 100 })) })

const notFound = (id: string) => EmulatorHttp.kibanaError(404, `Saved object [action/${id}] not found`)
const forbidden = (message: string) => EmulatorHttp.kibanaError(403, message)
const badRequest = (message: string) => EmulatorHttp.kibanaError(400, message)
// a hook's thrown error reaches Kibana's router unhandled (the create/update methods rethrow it)
const internalError = EmulatorHttp.kibanaError(500, "An internal server error occurred.")

/**
 * Query parameters as a plain object (first value of each name).
 *
 * @since 0.1.0
 * @internal
 */
export const queryObject = (query: URLSearchParams): Record<string, string> => {
  const result: Record<string, string> = {}
  for (const [key, value] of query) if (!Object.hasOwn(result, key)) result[key] = value
  return result
}

// Only 9.x connector answers carry `is_connector_type_deprecated` (see KibanaProfile)
const typeDeprecated = (env: EmulatorEnv, connectorTypeId: string) =>
  env.profile.connectorTypeDeprecatedField
    ? { is_connector_type_deprecated: env.connectorTypes.get(connectorTypeId)?.isDeprecated ?? false }
    : {}

const storedBody = (env: EmulatorEnv, connector: StoredConnector) => ({
  id: connector.id,
  name: connector.name,
  config: connector.config,
  connector_type_id: connector.connectorTypeId,
  is_preconfigured: false,
  is_deprecated: false,
  is_missing_secrets: false,
  is_system_action: false,
  ...typeDeprecated(env, connector.connectorTypeId)
})

// Preconfigured connectors have neither `config` nor `is_missing_secrets` in responses.
const preconfiguredBody = (env: EmulatorEnv, connector: Required<PreconfiguredConnector>) => ({
  id: connector.id,
  name: connector.name,
  connector_type_id: connector.connectorTypeId,
  is_preconfigured: true,
  is_deprecated: false,
  is_system_action: false,
  ...typeDeprecated(env, connector.connectorTypeId)
})

/**
 * Kibana's license check of a connector type (`LicenseState.ensureLicenseForActionType`,
 * elastic/kibana:x-pack/platform/plugins/shared/actions/server/lib/license_state.ts): an
 * `ActionTypeDisabledError`, which the routes answer with 403.
 */
const licenseProblem = (env: EmulatorEnv, spec: ConnectorTypeInfo) =>
  isLicenseSufficient(env.license, spec.minimumLicenseRequired)
    ? undefined
    : forbidden(
      `Action type ${spec.id} is disabled because your ${env.license} license does not support it. Please upgrade your license.`
    )

/** The registered, licensed type of a connector, or Kibana's answer why it cannot be used. */
const usableType = (
  env: EmulatorEnv,
  typeId: string
): Either.Either<ConnectorTypeSpec, EmulatorHttp.EmulatorResponse> => {
  // application/connector/methods/create/create.ts: system action types cannot back a connector
  if (env.systemActionTypes.has(typeId)) {
    return Either.left(badRequest(`System action creation is forbidden. Action type: ${typeId}.`))
  }
  const spec = env.connectorTypes.get(typeId)
  if (spec === undefined) return Either.left(badRequest(`Action type "${typeId}" is not registered.`))
  const problem = licenseProblem(env, spec)
  return problem === undefined ? Either.right(spec) : Either.left(problem)
}

/**
 * Checks one of config and secrets: the type's (9.x) validation, then the played version's own rules on the
 * raw input. A failed shape check answers first, as config-schema meets field types before unknown keys;
 * a failed rule (`validate`, custom validators) comes after them.
 */
const checkTarget = (
  env: EmulatorEnv,
  spec: ConnectorTypeSpec,
  target: "config" | "secrets",
  raw: unknown,
  validated: Either.Either<JsonObject, ValidationFailure>
): Either.Either<JsonObject, EmulatorHttp.EmulatorResponse> => {
  const failure = (reason: ValidationFailure) =>
    badRequest(
      env.profile.rewordConnectorFailure(
        spec.id,
        `error validating ${env.wording.subject} ${target}: ${env.wording.format(reason)}`
      )
    )
  if (Either.isLeft(validated) && validated.left._tag !== "Rule") return Either.left(failure(validated.left))
  const violation = env.profile.connectorViolation(spec.id, target, raw)
  if (violation !== undefined) return Either.left(badRequest(violation))
  return Either.mapLeft(validated, failure)
}

/** Validates config and secrets with the type's validators and the played version's rules; `Left` is the 400 answer. */
const validateConnector = (
  env: EmulatorEnv,
  spec: ConnectorTypeSpec,
  config: unknown,
  secrets: unknown
): Either.Either<{ readonly config: JsonObject; readonly secrets: JsonObject }, EmulatorHttp.EmulatorResponse> =>
  Either.gen(function*() {
    const validConfig = yield* checkTarget(env, spec, "config", config, spec.validateConfig(config))
    const validSecrets = yield* checkTarget(env, spec, "secrets", secrets, spec.validateSecrets(secrets))
    const crossField = spec.validateConnector(validConfig, validSecrets)
    if (crossField !== undefined) {
      return yield* Either.left(badRequest(`error validating action type connector: ${crossField}`))
    }
    return { config: validConfig, secrets: validSecrets }
  })

const create = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    // Route params are validated before the body (9.4's id rule, the `[request params.id]` prefix)
    const idViolation = context.params.id === undefined
      ? undefined
      : env.profile.connectorIdViolation(context.params.id)
    if (idViolation !== undefined) return badRequest(`[request params.id]: ${idViolation}`)
    const body = createBody(context.body, "request body")
    if (Either.isLeft(body)) return badRequest(body.left)
    const input = body.right
    if (!canUseSpace(context.principal, context.spaceId, true)) {
      return forbidden(`Unauthorized to create a "${input.connector_type_id}" action`)
    }
    const id = context.params.id ?? crypto.randomUUID()
    if (env.preconfigured.has(id)) return badRequest(`This ${id} already exists in a preconfigured action.`)
    const spec = usableType(env, input.connector_type_id)
    if (Either.isLeft(spec)) return spec.left
    const validated = validateConnector(env, spec.right, input.config, input.secrets)
    if (Either.isLeft(validated)) return validated.left
    const connector: StoredConnector = {
      id,
      spaceId: context.spaceId,
      name: input.name,
      connectorTypeId: spec.right.id,
      ...validated.right
    }
    const saveHook = { ...validated.right, services: env.executorServices, isUpdate: false }
    const preSaved = yield* Effect.either(spec.right.hooks.preSave(saveHook))
    if (Either.isLeft(preSaved)) return internalError
    const outcome = yield* env.savedObjects.createConnector(connector)
    yield* spec.right.hooks.postSave({ ...saveHook, wasSuccessful: outcome._tag === "Created" })
    switch (outcome._tag) {
      case "Created":
        return EmulatorHttp.json(200, storedBody(env, connector))
      case "Conflict":
        return EmulatorHttp.kibanaError(409, `Saved object [action/${id}] conflict`)
    }
  })

// Without a generator: the emulator's most frequent request.
const get = (env: EmulatorEnv) => (context: AuthenticatedContext): Effect.Effect<EmulatorHttp.EmulatorResponse> => {
  if (!canUseSpace(context.principal, context.spaceId, false)) {
    return Effect.succeed(forbidden("Unauthorized to get actions"))
  }
  const id = context.params.id
  const preconfigured = env.preconfigured.get(id)
  if (preconfigured !== undefined) return Effect.succeed(EmulatorHttp.json(200, preconfiguredBody(env, preconfigured)))
  return Effect.map(
    env.savedObjects.findConnector(id, context.spaceId),
    (connector) => connector === undefined ? notFound(id) : EmulatorHttp.json(200, storedBody(env, connector))
  )
}

const update = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    const body = updateBody(context.body, "request body")
    if (Either.isLeft(body)) return badRequest(body.left)
    if (!canUseSpace(context.principal, context.spaceId, true)) return forbidden("Unauthorized to update actions")
    const id = context.params.id
    if (env.preconfigured.has(id)) return badRequest(`Preconfigured action ${id} can not be updated.`)
    const existing = yield* env.savedObjects.findConnector(id, context.spaceId)
    if (existing === undefined) return notFound(id)
    const spec = usableType(env, existing.connectorTypeId)
    if (Either.isLeft(spec)) return spec.left
    const validated = validateConnector(env, spec.right, body.right.config, body.right.secrets)
    if (Either.isLeft(validated)) return validated.left
    const saveHook = { ...validated.right, services: env.executorServices, isUpdate: true }
    const preSaved = yield* Effect.either(spec.right.hooks.preSave(saveHook))
    if (Either.isLeft(preSaved)) return internalError
    // The connector may have been deleted meanwhile: the store only replaces what is still there.
    const outcome = yield* env.savedObjects.updateConnector({ ...existing, name: body.right.name, ...validated.right })
    yield* spec.right.hooks.postSave({ ...saveHook, wasSuccessful: outcome._tag === "Updated" })
    switch (outcome._tag) {
      case "Updated":
        return EmulatorHttp.json(200, storedBody(env, outcome.value))
      case "NotFound":
        return notFound(id)
    }
  })

const remove = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    if (!canUseSpace(context.principal, context.spaceId, true)) return forbidden("Unauthorized to delete actions")
    const id = context.params.id
    if (env.preconfigured.has(id)) return badRequest(`Preconfigured action ${id} is not allowed to delete.`)
    const existing = yield* env.savedObjects.findConnector(id, context.spaceId)
    const outcome = yield* env.savedObjects.deleteConnector(id, context.spaceId)
    if (outcome._tag !== "Deleted") return notFound(id)
    // delete.ts: the type's postDeleteHook runs once the saved object is gone
    const spec = existing === undefined ? undefined : env.connectorTypes.get(existing.connectorTypeId)
    if (existing !== undefined && spec !== undefined) {
      yield* spec.hooks.postDelete({ config: existing.config, services: env.executorServices })
    }
    return EmulatorHttp.empty(204)
  })

const list = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    if (!canUseSpace(context.principal, context.spaceId, false)) return forbidden("Unauthorized to get actions")
    const state = yield* env.savedObjects.state
    const own = [...state.connectors.values()]
      .filter((connector) => connector.spaceId === context.spaceId)
      .map((connector) => storedBody(env, connector))
    const preconfigured = [...env.preconfigured.values()].map((connector) => preconfiguredBody(env, connector))
    // The actions client puts saved objects before in-memory connectors, then sorts stably with
    // `a.name.localeCompare(b.name)` (server/application/connector/methods/get_all/get_all.ts).
    const all = [...own, ...preconfigured].sort((a, b) => a.name.localeCompare(b.name))
    return EmulatorHttp.json(200, all.map((connector) => ({ ...connector, referenced_by_count: 0 })))
  })

// routes/connector/list_types/list_types.ts and application/connector/methods/list_types: system action
// types are left out, `feature_id` keeps the types that support it, the license decides `enabled`.
const listTypes = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.sync(() => {
    const query = connectorTypesQuery(queryObject(context.request.query), "request query")
    if (Either.isLeft(query)) return badRequest(query.left)
    const featureId = query.right.feature_id
    const types = [...env.connectorTypes.values()]
      .filter((spec) => featureId === undefined || spec.supportedFeatureIds.includes(featureId))
      .map((spec) => {
        const enabledInLicense = isLicenseSufficient(env.license, spec.minimumLicenseRequired)
        return {
          id: spec.id,
          name: spec.name,
          enabled: enabledInLicense,
          enabled_in_config: true,
          enabled_in_license: enabledInLicense,
          minimum_license_required: spec.minimumLicenseRequired,
          supported_feature_ids: spec.supportedFeatureIds,
          is_system_action_type: false,
          is_deprecated: spec.isDeprecated
        }
      })
    return EmulatorHttp.json(200, types)
  })

/**
 * The HTTP body of an execution (`transformExecuteConnectorResponse`): `connector_id`,
 * `service_message` only when truthy, `errorSource` stays camelCase, undefined fields left out.
 *
 * @since 0.1.0
 * @internal
 */
export const executeResponseBody = (connectorId: string, result: ExecutorResult) => ({
  connector_id: connectorId,
  status: result.status,
  ...(result.message === undefined ? {} : { message: result.message }),
  ...(result.serviceMessage ? { service_message: result.serviceMessage } : {}),
  ...(result.data === undefined ? {} : { data: result.data }),
  ...(result.retry === undefined ? {} : { retry: result.retry }),
  ...(result.errorSource === undefined ? {} : { errorSource: result.errorSource })
})

// action_executor.ts `validateAction`: a rejected value is an execution result, not an HTTP error; the
// sub-action framework validates a sub-action's params in its executor and throws a user error
// (actions/server/sub_action_framework/executor.ts)
const rejectedExecution = (env: EmulatorEnv, rejection: ExecutionRejected): ExecutorResult => {
  switch (rejection.target) {
    case "subActionParams":
      return {
        status: "error",
        message: "an error occurred while running the action",
        serviceMessage: `Request validation failed (${env.wording.thrown(rejection.failure)})`,
        retry: true,
        errorSource: "user"
      }
    case "params":
      return {
        status: "error",
        message: `error validating action params: ${env.wording.format(rejection.failure)}`,
        retry: false,
        errorSource: "user"
      }
    default:
      return {
        status: "error",
        message: `error validating action type ${rejection.target}: ${env.wording.format(rejection.failure)}`,
        retry: false,
        errorSource: "user"
      }
  }
}

// A crashing executor is reported like Kibana's action executor does (action_executor.ts: the thrown
// error's message, `errorSource` framework), still HTTP 200.
const crashedExecution = (cause: Cause.Cause<never>): ExecutorResult => {
  const error = Cause.squash(cause)
  return {
    status: "error",
    message: "an error occurred while running the action",
    serviceMessage: error instanceof Error ? error.message : String(error),
    retry: true,
    errorSource: "framework"
  }
}

const execute = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    const body = executeBody(context.body, "request body")
    if (Either.isLeft(body)) return badRequest(body.left)
    const id = context.params.id
    const target = env.preconfigured.get(id) ?? (yield* env.savedObjects.findConnector(id, context.spaceId))
    if (!canUseSpace(context.principal, context.spaceId, true)) {
      return forbidden(
        target === undefined
          ? "Unauthorized to execute actions"
          : `Unauthorized to execute a "${target.connectorTypeId}" action`
      )
    }
    if (target === undefined) return notFound(id)
    const spec = usableType(env, target.connectorTypeId)
    if (Either.isLeft(spec)) return spec.left
    const result = yield* spec.right.execute({
      connectorId: id,
      config: target.config,
      secrets: target.secrets,
      params: body.right.params,
      services: env.executorServices
    }).pipe(
      Effect.catchAll((rejection) => Effect.succeed(rejectedExecution(env, rejection))),
      Effect.catchAllCause((cause) => Effect.succeed(crashedExecution(cause)))
    )
    return EmulatorHttp.json(200, executeResponseBody(id, result))
  })

/**
 * The connector routes of one emulator.
 *
 * @since 0.1.0
 * @internal
 */
export const connectorRoutes = (env: EmulatorEnv): ReadonlyArray<Route> => {
  const route = (
    method: Route["method"],
    path: string,
    handler: (context: AuthenticatedContext) => Effect.Effect<EmulatorHttp.EmulatorResponse>,
    body = false
  ): Route => ({ method, path, auth: "required", body, versioned: false, handler: authenticated(handler) })
  return [
    route("POST", `${base}/connector/{id?}`, create(env), true),
    route("GET", `${base}/connector/{id}`, get(env)),
    route("PUT", `${base}/connector/{id}`, update(env), true),
    route("DELETE", `${base}/connector/{id}`, remove(env)),
    route("GET", `${base}/connectors`, list(env)),
    route("GET", `${base}/connector_types`, listTypes(env)),
    { ...route("POST", `${base}/connector/{id}/_execute`, execute(env), true), waits: true }
  ]
}
