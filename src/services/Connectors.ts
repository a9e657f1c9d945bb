/**
 * Kibana connectors (Kibana's "actions"): create, read, update, delete, execute, list types, and
 * temporary connectors deleted when a `Scope` closes.
 *
 * Every operation runs in the current space (see `KibanaSpace`) and fails only with the tagged errors
 * its type lists.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const connectors = yield* Connectors.Connectors
 *   // deleted again when the scope closes, whatever happens in between
 *   const alerts = yield* connectors.acquire({ connectorTypeId: ".index", name: "alerts", config: { index: "alerts" } })
 *   yield* connectors.executeIndex(alerts.id, [{ message: "disk full" }])
 * }).pipe(Effect.scoped, KibanaSpace.withSpace("ops"))
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { KibanaAmbiguousConnector } from "../errors/KibanaError.js"
import type { KibanaExecutionError } from "../errors/KibanaError.js"
import { KibanaInputError } from "../errors/KibanaError.js"
import type {
  KibanaBadRequest,
  KibanaCommonError,
  KibanaConflict,
  KibanaNotFound,
  KibanaSpaceNotFound,
  KibanaUnknownOutcome,
  KibanaUnsupportedFeature
} from "../errors/KibanaError.js"
import { fastDecodeConnector } from "../internal/connectorDecode.js"
import * as ConnectorEnsure from "../internal/connectorEnsure.js"
import { decodeEnvelope, executionError } from "../internal/execution.js"
import { decodeIndexBulk } from "../internal/indexBulk.js"
import { flatMapNow } from "../internal/now.js"
import { decodeBody, expectErrors, expectNoContent } from "../internal/operation.js"
import { connectorPath } from "../internal/paths.js"
import { inputDefectsAsErrors, readInput } from "../internal/requestInput.js"
import { acquireWithId, settleWindowFor } from "../internal/scopedCreate.js"
import { scrubSecretEcho, secretValues } from "../internal/secretEcho.js"
import { gateConnectorId, gateWebhookMethod } from "../internal/versionGates.js"
import { Connector, ConnectorType } from "../schemas/Connector.js"
import type {
  CreateInputOf,
  GenericCreateConnectorInput,
  JsonObject,
  ParamsOf,
  ResultOf,
  TypedConnector,
  TypedConnectorTypeId
} from "../schemas/Connector.js"
import { ConnectorExecuteResult, type ExecuteResponse } from "../schemas/ConnectorExecution.js"
import type { IndexBulkResponse } from "../schemas/ConnectorExecution.js"
import { CreateConnectorInput, UpdateConnectorInput } from "../schemas/ConnectorInput.js"
import { KibanaClient, type KibanaResponse } from "./KibanaClient.js"
import { CurrentSpace } from "./KibanaSpace.js"

/**
 * Options of `Connectors.ensure`: whether to resend secrets to a connector that already exists.
 *
 * @since 0.1.0
 * @category models
 */
export type EnsureOptions = ConnectorEnsure.EnsureOptions

/**
 * What `Connectors.ensure` did (`created`, `updated` or `unchanged`) and the connector it converged.
 *
 * @since 0.1.0
 * @category models
 */
export type EnsureResult<C extends Connector = Connector> = ConnectorEnsure.EnsureResult<C>

/**
 * Options of `Connectors.create`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateConnectorOptions {
  /**
   * The id to create the connector with, instead of a generated UUID. Unique across all spaces
   * (`KibanaConflict` when taken). Kibana 8.8+; 9.4+ accepts at most 36 characters `[a-z0-9-]`
   * (with version gates on, the client refuses either before sending).
   */
  readonly id?: string | undefined
}

/**
 * Options of `Connectors.listTypes`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListConnectorTypesOptions {
  /** Only the types supporting this feature, e.g. `alerting`, `cases`, `siem`. */
  readonly featureId?: string | undefined
}

/**
 * The connectors service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Connectors extends Context.Tag("effect-kibana/Connectors")<Connectors, Connectors.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Connectors {
  /**
   * Errors every connectors operation can end with: transport, authentication, server state, decoding,
   * and a space that does not exist (with space existence checks turned on).
   *
   * @since 0.1.0
   * @category errors
   */
  export type BaseError = KibanaCommonError | KibanaSpaceNotFound

  /**
   * Errors of `create` and `acquire`: invalid input or config (400), an id already taken (409), a
   * caller-chosen id or webhook method the server's version lacks (`KibanaUnsupportedFeature`), and a
   * lost answer (`KibanaUnknownOutcome`, with the id when it was chosen; `acquire` looks it up itself).
   *
   * @since 0.1.0
   * @category errors
   */
  export type CreateError =
    | KibanaBadRequest
    | KibanaConflict
    | KibanaUnsupportedFeature
    | KibanaUnknownOutcome
    | BaseError

  /**
   * Errors of `get`.
   *
   * @since 0.1.0
   * @category errors
   */
  export type GetError = KibanaNotFound | BaseError

  /**
   * Errors of `list`.
   *
   * @since 0.1.0
   * @category errors
   */
  export type ListError = BaseError

  /**
   * Errors of `update`: invalid input or config, or a preconfigured connector (400); no such connector
   * (404); a webhook method the server's version lacks (`KibanaUnsupportedFeature`).
   *
   * @since 0.1.0
   * @category errors
   */
  export type UpdateError = KibanaBadRequest | KibanaNotFound | KibanaUnsupportedFeature | BaseError

  /**
   * Errors of `delete`: a preconfigured or system connector (400); no such connector (404).
   *
   * @since 0.1.0
   * @category errors
   */
  export type DeleteError = KibanaBadRequest | KibanaNotFound | BaseError

  /**
   * Errors of `execute`: a system connector or a malformed request (400), no such connector (404), the
   * connector's own failure (`KibanaExecutionError`), and a lost answer (`KibanaUnknownOutcome`: the
   * connector may have run; it is not run again).
   *
   * @since 0.1.0
   * @category errors
   */
  export type ExecuteError =
    | KibanaExecutionError
    | KibanaBadRequest
    | KibanaNotFound
    | KibanaUnknownOutcome
    | BaseError

  /**
   * Errors of `listTypes`: a `featureId` Kibana rejects (400).
   *
   * @since 0.1.0
   * @category errors
   */
  export type ListTypesError = KibanaBadRequest | BaseError

  /**
   * Errors of `findByName`: several connectors with that name and type.
   *
   * @since 0.1.0
   * @category errors
   */
  export type FindError = KibanaAmbiguousConnector | BaseError

  /**
   * Errors of `ensure`: invalid input or config (400), the connector deleted while being updated (404),
   * several connectors with that name and type, a config or derived id the server's version lacks, and a
   * create whose answer was lost and whose derived id is not (yet) there (`KibanaUnknownOutcome`).
   *
   * @since 0.1.0
   * @category errors
   */
  export type EnsureError =
    | KibanaBadRequest
    | KibanaNotFound
    | KibanaAmbiguousConnector
    | KibanaUnsupportedFeature
    | KibanaUnknownOutcome
    | BaseError

  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** Creates a connector, with a generated id unless `options.id` is given. */
    readonly create: (
      input: CreateConnectorInput,
      options?: CreateConnectorOptions
    ) => Effect.Effect<Connector, CreateError>
    readonly get: (id: string) => Effect.Effect<Connector, GetError>
    /** The space's connectors plus every preconfigured one, sorted by name. */
    readonly list: () => Effect.Effect<ReadonlyArray<Connector>, ListError>
    /**
     * Replaces a connector's name, config and secrets. Kibana has no partial update: config and secrets
     * are replaced whole and omitted secrets are erased. So `secrets` is required for every type that can
     * hold secrets; pass the secrets again to keep them, or `noSecrets` to store none on purpose.
     */
    readonly update: (id: string, input: UpdateConnectorInput) => Effect.Effect<Connector, UpdateError>
    readonly delete: (id: string) => Effect.Effect<void, DeleteError>
    /**
     * Runs a connector with `params`. Kibana reports a connector's failure as HTTP 200 with
     * `status: "error"`; that becomes `KibanaExecutionError`.
     */
    readonly execute: (id: string, params: JsonObject) => Effect.Effect<ConnectorExecuteResult, ExecuteError>
    /** Runs an `.index` connector: writes `documents` and returns Elasticsearch's bulk response. */
    readonly executeIndex: (
      id: string,
      documents: ReadonlyArray<JsonObject>
    ) => Effect.Effect<IndexBulkResponse, ExecuteError>
    /** The connector types this Kibana offers (system action types excluded). */
    readonly listTypes: (
      options?: ListConnectorTypesOptions
    ) => Effect.Effect<ReadonlyArray<ConnectorType>, ListTypesError>
    /**
     * Creates a connector that is deleted when the surrounding `Scope` closes: on success, failure or
     * interruption. The id is chosen before the request leaves (`options.id`, else a UUID v4; Kibana
     * 8.8+), and the deletion is registered first, so a create that timed out, lost its answer or was
     * interrupted is deleted too, once it lands. A connector already gone by then is fine; a failing
     * delete is logged as a warning (without secrets) and never replaces the program's own result.
     */
    readonly acquire: (
      input: CreateConnectorInput,
      options?: CreateConnectorOptions
    ) => Effect.Effect<Connector, CreateError, Scope.Scope>
    /**
     * The connector of the current space with this name and type, if any (preconfigured ones excluded).
     * Kibana does not keep names unique: several matches fail with `KibanaAmbiguousConnector`.
     */
    readonly findByName: {
      <T extends TypedConnectorTypeId>(
        name: string,
        connectorTypeId: T
      ): Effect.Effect<Option.Option<TypedConnector<T>>, FindError>
      (name: string, connectorTypeId: string): Effect.Effect<Option.Option<Connector>, FindError>
    }
    /**
     * Makes the connector named `input.name` of type `input.connectorTypeId` in the current space match
     * `input`: creates it when absent, updates it when its name or config differs (compared after
     * Kibana's defaults are applied to both), else leaves it; the result says which. Secrets cannot be
     * read back: see `EnsureOptions.resendSecrets`. A created connector gets an id derived from space,
     * type and name (`ensured-` and 28 hex digits), so concurrent ensures of one name create it once.
     */
    readonly ensure: {
      <T extends TypedConnectorTypeId>(
        input: CreateInputOf<T> & { readonly connectorTypeId: T },
        options?: EnsureOptions
      ): Effect.Effect<EnsureResult<TypedConnector<T>>, EnsureError>
      (input: GenericCreateConnectorInput, options?: EnsureOptions): Effect.Effect<EnsureResult, EnsureError>
    }
    /**
     * Runs a typed connector: `params` are checked against its type (a union on `subAction` for
     * sub-action types), and the result is decoded with the schema of its type or sub-action.
     */
    readonly executeTyped: <T extends TypedConnectorTypeId, P extends ParamsOf<T>>(
      connector: TypedConnector<T>,
      params: P
    ) => Effect.Effect<ResultOf<T, P>, ExecuteError>
  }
}

/**
 * Encodes typed input to its wire form. Failures name the field, but never show the offending value:
 * it may be a secret.
 */
const encodeInput = <A, I>(operation: string, schema: Schema.Schema<A, I>) => {
  // Keys the schema does not know are sent as given, so Kibana rejects a misspelled config key
  // (`refesh`) with its own message instead of the client dropping it silently.
  const encode = Schema.encode(schema, { errors: "all", onExcessProperty: "preserve" })
  return (input: A): Effect.Effect<I, KibanaInputError> =>
    // suspended: the encode reads the input at once, and a throwing getter must become an error
    Effect.mapError(Effect.suspend(() => encode(input)), (error) => {
      const issues = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
        field: issue.path.length === 0 ? "input" : issue.path.join("."),
        // "Expected X, actual <value>": the value is dropped
        reason: issue.message.replace(/, actual [\s\S]*$/, "")
      }))
      const unique = (texts: Array<string>) => [...new Set(texts)].join("; ")
      return new KibanaInputError({
        operation,
        field: unique(issues.map((issue) => issue.field)),
        reason: unique(issues.map((issue) => `${issue.field}: ${issue.reason}`))
      })
    }).pipe(inputDefectsAsErrors(operation, "input"))
}

const encodeCreate = encodeInput("Connectors.create", CreateConnectorInput)
const encodeUpdate = encodeInput("Connectors.update", UpdateConnectorInput)
const decodeConnector = decodeBody(Connector, fastDecodeConnector)
const decodeConnectors = decodeBody(Schema.Array(Connector))
const decodeConnectorTypes = decodeBody(Schema.Array(ConnectorType))

// An execution's answer and its decoded envelope (none for a 204).
interface Execution {
  readonly response: KibanaResponse
  readonly result: ExecuteResponse | undefined
}

/**
 * Builds the connectors service over the Kibana client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Connectors.Service, never, KibanaClient> = Effect.gen(function*() {
  const kibana = yield* KibanaClient

  const create = Effect.fnUntraced(
    function*(input: CreateConnectorInput, options?: CreateConnectorOptions) {
      const body = yield* encodeCreate(input)
      const id = yield* readInput("Connectors.create", "options", () => options?.id)
      if (typeof id === "string" && id.trim() === "") {
        // `POST /api/actions/connector/` would silently create the connector with a generated id
        return yield* new KibanaInputError({ operation: "Connectors.create", field: "id", reason: "must not be blank" })
      }
      const path = id === undefined ? "/api/actions/connector" : yield* connectorPath("Connectors.create", id)
      yield* gateConnectorId(kibana, "Connectors.create", id)
      yield* gateWebhookMethod(
        kibana,
        "Connectors.create",
        input.connectorTypeId,
        "config" in body ? body.config : undefined
      )
      const secrets = yield* readInput("Connectors.create", "input", () => secretValues(input))
      const response = yield* kibana.request({
        method: "POST",
        path,
        body,
        redact: secrets,
        operation: "Connectors.create",
        connectorType: input.connectorTypeId,
        createdId: id
      }).pipe(
        expectErrors("KibanaBadRequest", "KibanaConflict", "KibanaUnknownOutcome"),
        Effect.mapError(scrubSecretEcho(secrets))
      )
      return yield* decodeConnector(response)
    }
  )

  // A flatMap chain, not a generator: the most frequent call, and a generator per call showed in profiles.
  const get = (id: string) =>
    flatMapNow(
      connectorPath("Connectors.get", id),
      (path) =>
        kibana.request({ method: "GET", path, operation: "Connectors.get" }).pipe(
          expectErrors("KibanaNotFound"),
          Effect.flatMap(decodeConnector)
        )
    )

  const list = Effect.fnUntraced(function*() {
    const response = yield* kibana.request({
      method: "GET",
      path: "/api/actions/connectors",
      operation: "Connectors.list"
    }).pipe(expectErrors())
    return yield* decodeConnectors(response)
  })

  const update = Effect.fnUntraced(function*(id: string, input: UpdateConnectorInput) {
    const encoded = yield* encodeUpdate(input)
    // The body has no connector type: Kibana keeps the stored one and rejects the key.
    const body = {
      name: encoded.name,
      config: "config" in encoded ? encoded.config : undefined,
      secrets: "secrets" in encoded ? encoded.secrets : undefined
    }
    const path = yield* connectorPath("Connectors.update", id)
    yield* gateWebhookMethod(kibana, "Connectors.update", input.connectorTypeId, body.config)
    const secrets = yield* readInput("Connectors.update", "input", () => secretValues(input))
    const response = yield* kibana.request({
      method: "PUT",
      path,
      body,
      redact: secrets,
      operation: "Connectors.update",
      connectorType: input.connectorTypeId
    }).pipe(
      expectErrors("KibanaBadRequest", "KibanaNotFound"),
      Effect.mapError(scrubSecretEcho(secrets))
    )
    return yield* decodeConnector(response)
  })

  const del = Effect.fnUntraced(function*(id: string) {
    const path = yield* connectorPath("Connectors.delete", id)
    const response = yield* kibana.request({ method: "DELETE", path, operation: "Connectors.delete" }).pipe(
      expectErrors("KibanaBadRequest", "KibanaNotFound")
    )
    yield* expectNoContent(response)
  })

  // Executions are the bulk path: flatMap chains rather than generators, which cost a generator and its
  // adapter per call (bulk benchmark, executeIndex: 4.4 us of client CPU per document, 4.1 this way).
  const run = (
    id: string,
    params: JsonObject,
    operation: string,
    type?: string
  ): Effect.Effect<Execution, Connectors.ExecuteError> =>
    flatMapNow(
      connectorPath(operation, id),
      (path) =>
        kibana.request({ method: "POST", path: `${path}/_execute`, body: { params }, operation, connectorType: type })
          .pipe(
            expectErrors("KibanaBadRequest", "KibanaNotFound", "KibanaUnknownOutcome"),
            Effect.flatMap((response) =>
              // 204: the connector's executor returned nothing, which Kibana treats as success. Any other
              // answer must decode: a 200 that is not JSON (a proxy's "OK") is no proof the connector ran.
              response.status === 204
                ? Effect.succeed<Execution>({ response, result: undefined })
                : Effect.flatMap(
                  decodeEnvelope(response),
                  (result) =>
                    result.status === "error"
                      ? Effect.fail(executionError(result))
                      : Effect.succeed<Execution>({ response, result })
                )
            )
          )
    )

  const execute = (id: string, params: JsonObject): Effect.Effect<ConnectorExecuteResult, Connectors.ExecuteError> =>
    Effect.map(run(id, params, "Connectors.execute"), ({ result }) =>
      new ConnectorExecuteResult({
        connectorId: result?.connectorId ?? id,
        ...(result?.data === undefined ? {} : { data: result.data }),
        ...(result?.message === undefined ? {} : { message: result.message })
      }))

  const executeIndex = (
    id: string,
    documents: ReadonlyArray<JsonObject>
  ): Effect.Effect<IndexBulkResponse, Connectors.ExecuteError> =>
    Effect.flatMap(
      run(id, { documents }, "Connectors.executeIndex", ".index"),
      // The envelope is decoded already; only `data` is left, decoded once.
      ({ response, result }) => decodeIndexBulk({ ...response, body: result?.data })
    )

  const listTypes = Effect.fnUntraced(function*(options?: ListConnectorTypesOptions) {
    const featureId = yield* readInput("Connectors.listTypes", "options", () => options?.featureId)
    const response = yield* kibana.request({
      method: "GET",
      path: "/api/actions/connector_types",
      operation: "Connectors.listTypes",
      query: { feature_id: featureId }
    }).pipe(expectErrors("KibanaBadRequest"))
    return yield* decodeConnectorTypes(response)
  })

  const releaseFailed = (id: string) => (error: unknown) =>
    Effect.logWarning("could not delete temporary connector").pipe(
      Effect.annotateLogs({
        connectorId: id,
        error: typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "Defect",
        reason: error instanceof Error ? error.message : String(error)
      })
    )

  // The id is chosen here, so the release can be registered before the request leaves.
  const acquire = (input: CreateConnectorInput, options?: CreateConnectorOptions) =>
    Effect.suspend(() => {
      const id = options?.id ?? crypto.randomUUID()
      return acquireWithId({
        create: create(input, { id }),
        find: get(id).pipe(
          Effect.map(Option.some),
          Effect.catchTag("KibanaNotFound", () => Effect.succeedNone)
        ),
        remove: del(id).pipe(
          Effect.as("deleted" as const),
          // Gone already: never created, deleted by someone else, or with its space.
          Effect.catchTags({
            KibanaNotFound: () => Effect.succeed("missing" as const),
            KibanaSpaceNotFound: () => Effect.succeed("missing" as const)
          }),
          Effect.catchAllDefect(Effect.fail)
        ),
        settleWindow: settleWindowFor(kibana.timeout),
        onReleaseFailure: releaseFailed(id)
      })
    })

  // Ensure-by-name and typed execution (see `internal/connectorEnsure.ts`).
  const ensureDeps: ConnectorEnsure.EnsureDeps<Connectors.EnsureError> = {
    list,
    get: (id) =>
      get(id).pipe(
        Effect.map(Option.some),
        Effect.catchTag("KibanaNotFound", () => Effect.succeed(Option.none()))
      ),
    create: (input, id) =>
      create(input, { id }).pipe(
        Effect.map(Option.some),
        Effect.catchTags({
          KibanaConflict: () => Effect.succeed(Option.none()),
          // The derived id tells whether the lost create landed.
          KibanaUnknownOutcome: (error) =>
            id === undefined ? Effect.fail(error) : Effect.flatMap(
              get(id).pipe(Effect.map(Option.some), Effect.catchTag("KibanaNotFound", () => Effect.succeedNone)),
              (found) => Option.isSome(found) ? Effect.succeed(found) : Effect.fail(error)
            )
        })
      ),
    update,
    spaceId: CurrentSpace
  }

  const findByName = Effect.fn("Connectors.findByName")(function*(name: string, connectorTypeId: string) {
    const found = ConnectorEnsure.findAll(yield* list(), name, connectorTypeId)
    if (found.length > 1) {
      return yield* new KibanaAmbiguousConnector({
        name,
        connectorTypeId,
        ids: found.map((connector) => connector.id)
      })
    }
    return Option.fromNullable(found[0])
  })

  const ensure = Effect.fn("Connectors.ensure")(
    (input: CreateConnectorInput, options?: EnsureOptions) => ConnectorEnsure.ensure(ensureDeps, input, options)
  )

  const executeTyped = Effect.fn("Connectors.executeTyped")(
    function*(connector: Connector, params: unknown) {
      const encoded = yield* ConnectorEnsure.encodeParams(connector.connectorTypeId, params)
      const path = yield* connectorPath("Connectors.executeTyped", connector.id)
      const result = yield* execute(connector.id, encoded as JsonObject)
      return yield* ConnectorEnsure.decodeResult(connector.connectorTypeId, params, result, `${path}/_execute`)
    }
  )

  return Connectors.of({
    create,
    get,
    list,
    update,
    delete: del,
    execute,
    executeIndex,
    listTypes,
    acquire,
    findByName: findByName as Connectors.Service["findByName"],
    ensure: ensure as Connectors.Service["ensure"],
    executeTyped: executeTyped as Connectors.Service["executeTyped"]
  })
})

/**
 * The connectors service over the `KibanaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Connectors, never, KibanaClient> = Layer.effect(Connectors, make)
