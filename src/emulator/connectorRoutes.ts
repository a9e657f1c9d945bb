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
import * as Ref from "effect/Ref"
import { canUseSpace } from "./authentication.js"
import * as Schema from "./configSchema.js"
import type { ConnectorTypeSpec, ExecutorResult, JsonObject } from "./ConnectorTypeSpec.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import type { EmulatorEnv, Route, RouteContext } from "./routing.js"
import { type EmulatorState, mapRemoveWhere, mapSet, type StoredConnector } from "./state.js"

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

// issue 12: only 9.x connector answers carry `is_connector_type_deprecated` (see KibanaProfile)
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
const preconfiguredBody = (env: EmulatorEnv, id: string) => {
  const connector = env.preconfigured.get(id)!
  return {
    id: connector.id,
    name: connector.name,
    connector_type_id: connector.connectorTypeId,
    is_preconfigured: true,
    is_deprecated: false,
    is_system_action: false,
    ...typeDeprecated(env, connector.connectorTypeId)
  }
}

const findInSpace = (state: EmulatorState, id: string, spaceId: string) => {
  const connector = state.connectors.get(id)
  return connector !== undefined && connector.spaceId === spaceId ? connector : undefined
}

/** Validates config and secrets with the type's validators; `Left` is the 400 answer. */
const validateConnector = (
  spec: ConnectorTypeSpec,
  config: unknown,
  secrets: unknown
): Either.Either<{ readonly config: JsonObject; readonly secrets: JsonObject }, EmulatorHttp.EmulatorResponse> =>
  Either.gen(function*() {
    const validConfig = yield* Either.mapLeft(
      spec.validateConfig(config),
      (reason) => badRequest(`error validating connector type config: ${reason}`)
    )
    const validSecrets = yield* Either.mapLeft(
      spec.validateSecrets(secrets),
      (reason) => badRequest(`error validating connector type secrets: ${reason}`)
    )
    const crossField = spec.validateConnector?.(validConfig, validSecrets)
    if (crossField !== undefined) {
      return yield* Either.left(badRequest(`error validating action type connector: ${crossField}`))
    }
    return { config: validConfig, secrets: validSecrets }
  })

const principalOf = (context: RouteContext) => context.principal!

const create = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    // issue 12: route params are validated before the body (9.4's id rule, the `[request params.id]` prefix)
    const idViolation = context.params.id === undefined
      ? undefined
      : env.profile.connectorIdViolation(context.params.id)
    if (idViolation !== undefined) return badRequest(`[request params.id]: ${idViolation}`)
    const body = createBody(context.body, "request body")
    if (Either.isLeft(body)) return badRequest(body.left)
    const input = body.right
    if (!canUseSpace(principalOf(context), context.spaceId, true)) {
      return forbidden(`Unauthorized to create a "${input.connector_type_id}" action`)
    }
    const id = context.params.id ?? crypto.randomUUID()
    if (env.preconfigured.has(id)) return badRequest(`This ${id} already exists in a preconfigured action.`)
    const spec = env.connectorTypes.get(input.connector_type_id)
    if (spec === undefined) return badRequest(`Action type "${input.connector_type_id}" is not registered.`)
    const validated = validateConnector(spec, input.config, input.secrets)
    if (Either.isLeft(validated)) return validated.left
    // issue 12: a rule of the played version on top of the type's own validation
    const profileViolation = env.profile.connectorConfigViolation(spec.id, validated.right.config)
    if (profileViolation !== undefined) return badRequest(profileViolation)
    const connector: StoredConnector = {
      id,
      spaceId: context.spaceId,
      name: input.name,
      connectorTypeId: spec.id,
      ...validated.right
    }
    // Ids are unique across all spaces ("multiple-isolated" saved-object type since 8.0).
    const created = yield* Ref.modify(env.state, (state): [boolean, EmulatorState] =>
      state.connectors.has(id)
        ? [false, state]
        : [true, { ...state, connectors: mapSet(state.connectors, id, connector) }])
    return created
      ? EmulatorHttp.json(200, storedBody(env, connector))
      : EmulatorHttp.kibanaError(409, `Saved object [action/${id}] conflict`)
  })

const get = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    if (!canUseSpace(principalOf(context), context.spaceId, false)) return forbidden("Unauthorized to get actions")
    const id = context.params.id!
    if (env.preconfigured.has(id)) return EmulatorHttp.json(200, preconfiguredBody(env, id))
    const connector = findInSpace(yield* Ref.get(env.state), id, context.spaceId)
    return connector === undefined ? notFound(id) : EmulatorHttp.json(200, storedBody(env, connector))
  })

const update = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    const body = updateBody(context.body, "request body")
    if (Either.isLeft(body)) return badRequest(body.left)
    if (!canUseSpace(principalOf(context), context.spaceId, true)) return forbidden("Unauthorized to update actions")
    const id = context.params.id!
    if (env.preconfigured.has(id)) return badRequest(`Preconfigured action ${id} can not be updated.`)
    const existing = findInSpace(yield* Ref.get(env.state), id, context.spaceId)
    if (existing === undefined) return notFound(id)
    const spec = env.connectorTypes.get(existing.connectorTypeId)
    if (spec === undefined) return badRequest(`Action type "${existing.connectorTypeId}" is not registered.`)
    const validated = validateConnector(spec, body.right.config, body.right.secrets)
    if (Either.isLeft(validated)) return validated.left
    // issue 12: a rule of the played version on top of the type's own validation
    const profileViolation = env.profile.connectorConfigViolation(spec.id, validated.right.config)
    if (profileViolation !== undefined) return badRequest(profileViolation)
    const updated: StoredConnector = { ...existing, name: body.right.name, ...validated.right }
    // The connector may have been deleted meanwhile: only replace what is still there.
    const saved = yield* Ref.modify(env.state, (state): [boolean, EmulatorState] =>
      findInSpace(state, id, context.spaceId) === undefined
        ? [false, state]
        : [true, { ...state, connectors: mapSet(state.connectors, id, updated) }])
    return saved ? EmulatorHttp.json(200, storedBody(env, updated)) : notFound(id)
  })

const remove = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    if (!canUseSpace(principalOf(context), context.spaceId, true)) return forbidden("Unauthorized to delete actions")
    const id = context.params.id!
    if (env.preconfigured.has(id)) return badRequest(`Preconfigured action ${id} is not allowed to delete.`)
    const deleted = yield* Ref.modify(env.state, (state): [boolean, EmulatorState] =>
      findInSpace(state, id, context.spaceId) === undefined
        ? [false, state]
        : [true, {
          ...state,
          connectors: mapRemoveWhere(state.connectors, (_, key) =>
            key === id)
        }])
    return deleted ? EmulatorHttp.empty(204) : notFound(id)
  })

const list = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    if (!canUseSpace(principalOf(context), context.spaceId, false)) return forbidden("Unauthorized to get actions")
    const state = yield* Ref.get(env.state)
    const own = [...state.connectors.values()]
      .filter((connector) => connector.spaceId === context.spaceId)
      .map((connector) => storedBody(env, connector))
    const preconfigured = [...env.preconfigured.keys()].map((id) => preconfiguredBody(env, id))
    // The actions client puts saved objects before in-memory connectors, then sorts stably with
    // `a.name.localeCompare(b.name)` (server/application/connector/methods/get_all/get_all.ts).
    const all = [...own, ...preconfigured].sort((a, b) => a.name.localeCompare(b.name))
    return EmulatorHttp.json(200, all.map((connector) => ({ ...connector, referenced_by_count: 0 })))
  })

const listTypes = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.sync(() => {
    const query = connectorTypesQuery(queryObject(context.request.query), "request query")
    if (Either.isLeft(query)) return badRequest(query.left)
    const featureId = query.right.feature_id
    const types = [...env.connectorTypes.values()]
      .filter((spec) => !spec.isSystemActionType)
      .filter((spec) => featureId === undefined || spec.supportedFeatureIds.includes(featureId))
      .map((spec) => ({
        id: spec.id,
        name: spec.name,
        enabled: true,
        enabled_in_config: true,
        enabled_in_license: true,
        minimum_license_required: spec.minimumLicenseRequired,
        supported_feature_ids: spec.supportedFeatureIds,
        is_system_action_type: false,
        is_deprecated: spec.isDeprecated
      }))
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

const execute = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    const body = executeBody(context.body, "request body")
    if (Either.isLeft(body)) return badRequest(body.left)
    const id = context.params.id!
    const state = yield* Ref.get(env.state)
    const preconfigured = env.preconfigured.get(id)
    const target = preconfigured ?? findInSpace(state, id, context.spaceId)
    if (!canUseSpace(principalOf(context), context.spaceId, true)) {
      return forbidden(
        target === undefined
          ? "Unauthorized to execute actions"
          : `Unauthorized to execute a "${target.connectorTypeId}" action`
      )
    }
    if (target === undefined) return notFound(id)
    const spec = env.connectorTypes.get(target.connectorTypeId)
    if (spec === undefined) return badRequest(`Action type "${target.connectorTypeId}" is not registered.`)
    // Invalid params are an execution result, not an HTTP error (action_executor.ts `validateAction`).
    const params = spec.validateParams(body.right.params)
    if (Either.isLeft(params)) {
      return EmulatorHttp.json(
        200,
        executeResponseBody(id, {
          status: "error",
          message: `error validating action params: ${params.left}`,
          retry: false,
          errorSource: "user"
        })
      )
    }
    const result = yield* spec.execute({
      connectorId: id,
      config: target.config,
      secrets: target.secrets,
      params: params.right,
      services: env.executorServices
    }).pipe(
      // A crashing executor is reported like Kibana's action executor does (action_executor.ts: the
      // thrown error's message, `errorSource` framework), still HTTP 200.
      Effect.catchAllCause((cause) => {
        const error = Cause.squash(cause)
        return Effect.succeed<ExecutorResult>({
          status: "error",
          message: "an error occurred while running the action",
          serviceMessage: error instanceof Error ? error.message : String(error),
          retry: true,
          errorSource: "framework"
        })
      })
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
    handler: Route["handler"],
    body = false
  ): Route => ({ method, path, auth: "required", body, versioned: false, handler })
  return [
    route("POST", `${base}/connector/{id?}`, create(env), true),
    route("GET", `${base}/connector/{id}`, get(env)),
    route("PUT", `${base}/connector/{id}`, update(env), true),
    route("DELETE", `${base}/connector/{id}`, remove(env)),
    route("GET", `${base}/connectors`, list(env)),
    route("GET", `${base}/connector_types`, listTypes(env)),
    route("POST", `${base}/connector/{id}/_execute`, execute(env), true)
  ]
}
