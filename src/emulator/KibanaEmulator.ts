/**
 * The embedded Kibana emulator: a stateful, Kibana-compatible request handler with inspection and
 * fault control. Serve it over loopback with `EmulatorServer`, or in-process with
 * `EmulatorHttpClient`.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"

import { authenticate, type Authentication, type Principal } from "./authentication.js"
import { connectorRoutes } from "./connectorRoutes.js"
import { builtInConnectorTypes, systemActionTypes } from "./connectorTypes/index.js"
import * as Outbound from "./connectorTypes/outbound.js"
import { type Wording, wordings } from "./connectorTypes/wording.js"
import type {
  ConnectorTypeSpec,
  DocumentStore,
  JsonObject,
  ServerLogEntry,
  StoredDocument,
  WebhookCall
} from "./ConnectorTypeSpec.js"
import { cspResponseHeaders } from "./contentSecurityPolicy.js"
import { makeDocumentStore } from "./DocumentStore.js"
import { handleElasticsearch } from "./elasticsearch.js"
import { handleInference, isInferencePath } from "./elasticsearchInference.js"
import { EmulatorOptionsError } from "./EmulatorError.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import {
  defaultApiKey,
  defaultMaxPayloadBytes,
  defaultUser,
  defaultVersion,
  type EmulatorOptions,
  type FaultRule,
  type PreconfiguredConnector
} from "./EmulatorOptions.js"
import { type FaultDecision, faultResponse, makeFaultController } from "./faults.js"
import { makeInferenceEndpoints } from "./InferenceEndpoints.js"
import { type KibanaProfile, profileFor } from "./KibanaProfile.js"
import { makeOpsMetrics } from "./opsMetrics.js"
import { parsePayload } from "./payload.js"
import { kibanaResponseHeaders } from "./responseHeaders.js"
import * as RingBuffer from "./RingBuffer.js"
import { compileTemplate, type EmulatorEnv, type Route, splitSpace } from "./routing.js"
import { spaceRoutes, spaceSchema, toSpace } from "./spaceRoutes.js"
import { defaultSpace, makeSavedObjects, type Space, type StoredConnector } from "./state.js"
import { statusRoute } from "./statusRoute.js"

/**
 * One request the emulator received. Never holds headers, bodies or credentials.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestLogEntry {
  readonly method: string
  /** The path as received (with any `/s/<space>` prefix, without the query string). */
  readonly path: string
  /** The space of a Kibana route (`default` without prefix); absent for unknown routes and `/_es`. */
  readonly spaceId: string | undefined
  /** The answered status; absent when the connection was dropped by fault injection. */
  readonly status: number | undefined
  readonly timestamp: Date
}

/**
 * A connector as stored, for test inspection (secrets left out).
 *
 * @since 0.1.0
 * @category models
 */
export interface InspectedConnector {
  readonly id: string
  readonly spaceId: string
  readonly name: string
  readonly connectorTypeId: string
  readonly config: JsonObject
}

/**
 * The emulator service.
 *
 * @since 0.1.0
 * @category tags
 */
export class KibanaEmulator extends Context.Tag("effect-kibana/KibanaEmulator")<
  KibanaEmulator,
  KibanaEmulator.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace KibanaEmulator {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The Kibana version the emulator reports. */
    readonly version: string
    /** What that version changes in the emulator's behaviour. */
    readonly profile: KibanaProfile
    /** Answers one request exactly as Kibana would (never fails). */
    readonly handle: (request: EmulatorHttp.EmulatorRequest) => Effect.Effect<EmulatorHttp.EmulatorResponse>
    /** Like `handle`, for an adapter that stopped reading a body larger than `maxPayloadBytes`. */
    readonly handleOversized: (request: EmulatorHttp.EmulatorRequest) => Effect.Effect<EmulatorHttp.EmulatorResponse>
    /**
     * Whether `handle(request)` answers without waiting: no fault is active, and the route calls no
     * service outside the emulator (only a connector's execution does). An in-process adapter may run
     * such a request on the caller's fiber; any other needs a timeout of its own.
     */
    readonly answersAtOnce: (request: EmulatorHttp.EmulatorRequest) => boolean
    /** Largest accepted body in bytes. */
    readonly maxPayloadBytes: number
    /** The document store the `.index` connector writes into. */
    readonly documentStore: DocumentStore
    /** Documents written to an index, in insertion order. */
    readonly documents: (index: string) => Effect.Effect<ReadonlyArray<StoredDocument>>
    /** Lines logged by `.server-log` connectors (the last 10,000). */
    readonly serverLog: Effect.Effect<ReadonlyArray<ServerLogEntry>>
    /** Outbound calls made by `.webhook` connectors (the last 10,000). */
    readonly webhookCalls: Effect.Effect<ReadonlyArray<WebhookCall>>
    /** Requests received, oldest first (the last 10,000). */
    readonly requestLog: Effect.Effect<ReadonlyArray<RequestLogEntry>>
    readonly clearRequestLog: Effect.Effect<void>
    /** Connectors created through the API, in every space. */
    readonly connectors: Effect.Effect<ReadonlyArray<InspectedConnector>>
    readonly spaces: Effect.Effect<ReadonlyArray<Space>>
    /** The active fault rules (`times` shows what is left). */
    readonly faults: Effect.Effect<ReadonlyArray<FaultRule>>
    readonly setFaults: (rules: ReadonlyArray<FaultRule>) => Effect.Effect<void>
    readonly addFault: (rule: FaultRule) => Effect.Effect<void>
    readonly clearFaults: Effect.Effect<void>
  }
}

const notFound = EmulatorHttp.kibanaError(404, "Not Found")

// Inspection logs keep the most recent entries only, so a long-running emulator does not grow forever.
const maxLogEntries = 10_000

const API_VERSION = "2023-10-31"

// Versioned router rules (core_versioned_route.ts, route_version_utils.ts).
const checkApiVersion = (route: Route, request: EmulatorHttp.EmulatorRequest) => {
  if (request.query.has("apiVersion")) {
    return EmulatorHttp.kibanaError(
      400,
      "Use of query parameter \"apiVersion\" is not allowed. Please specify the API version using the \"elastic-api-version\" header."
    )
  }
  const requested = request.headers["elastic-api-version"]
  if (requested === undefined || requested === API_VERSION) return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(requested) || Number.isNaN(Date.parse(requested))) {
    return EmulatorHttp.kibanaError(
      400,
      `Invalid version. Received "${requested}", expected a valid date string formatted as YYYY-MM-DD.`
    )
  }
  return EmulatorHttp.kibanaError(
    400,
    `No version "${requested}" available for [${route.method.toLowerCase()}] [${route.path}]. Available versions are: [${API_VERSION}]`
  )
}

/** What the lifecycle answered, and in which space (for the request log). */
interface Handled {
  readonly spaceId: string | undefined
  readonly response: EmulatorHttp.EmulatorResponse
  /** Answered by Kibana's not-ready server, which adds none of the usual response headers. */
  readonly notReadyServer?: boolean
}

const withHeader = (response: EmulatorHttp.EmulatorResponse, name: string, value: string) =>
  response._tag === "Response" ? { ...response, headers: { ...response.headers, [name]: value } } : response

const validateOptions = (
  connectorTypes: ReadonlyMap<string, ConnectorTypeSpec>,
  options: EmulatorOptions,
  wording: Wording
) =>
  Effect.gen(function*() {
    const preconfigured = new Map<string, Required<PreconfiguredConnector>>()
    for (const [i, connector] of (options.preconfiguredConnectors ?? []).entries()) {
      const option = `preconfiguredConnectors[${i}]`
      const spec = connectorTypes.get(connector.connectorTypeId)
      if (spec === undefined) {
        return yield* new EmulatorOptionsError({
          option,
          reason: `Action type "${connector.connectorTypeId}" is not registered.`
        })
      }
      const config = spec.validateConfig(connector.config ?? {})
      if (Either.isLeft(config)) return yield* new EmulatorOptionsError({ option, reason: wording.format(config.left) })
      const secrets = spec.validateSecrets(connector.secrets ?? {})
      if (Either.isLeft(secrets)) {
        return yield* new EmulatorOptionsError({ option, reason: wording.format(secrets.left) })
      }
      if (preconfigured.has(connector.id)) return yield* new EmulatorOptionsError({ option, reason: "duplicate id" })
      preconfigured.set(connector.id, { ...connector, config: config.right, secrets: secrets.right })
    }
    const spaces = new Map<string, Space>([[defaultSpace.id, defaultSpace]])
    for (const [i, seed] of (options.spaces ?? []).entries()) {
      const option = `spaces[${i}]`
      const space = spaceSchema(seed, option)
      if (Either.isLeft(space)) return yield* new EmulatorOptionsError({ option, reason: space.left })
      if (spaces.has(seed.id)) {
        return yield* new EmulatorOptionsError({
          option,
          reason: `A space with the identifier ${seed.id} already exists.`
        })
      }
      spaces.set(seed.id, toSpace(space.right))
    }
    return { preconfigured, spaces }
  })

/**
 * Builds an emulator. Fails when the options are invalid.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.fn("KibanaEmulator.make")(function*(options: EmulatorOptions = {}) {
  const version = options.version ?? defaultVersion
  // The version selects a behaviour profile, and with it the wording of validation failures.
  const profile = yield* Either.mapLeft(
    profileFor(version),
    (reason) => new EmulatorOptionsError({ option: "version", reason })
  )
  // Built-in types the played version did not register are left out; caller-given types are kept as given.
  const connectorTypes = new Map(
    (options.connectorTypes ?? builtInConnectorTypes.filter((spec) => profile.registersConnectorType(spec.id)))
      .map((spec) => [spec.id, spec])
  )
  const wording = wordings[profile.validationWording]
  const cspHeaders = cspResponseHeaders(profile.contentSecurityPolicy)
  // The headers of most answers (JSON, no headers of the handler's own), merged once: spreading the
  // three tables per answer showed in the in-process profile (issue #13).
  const kibanaJsonHeaders = Object.freeze({ ...kibanaResponseHeaders, ...EmulatorHttp.jsonHeaders, ...cspHeaders })
  const withKibanaHeaders = (headers: Readonly<Record<string, string>>) =>
    headers === EmulatorHttp.jsonHeaders ? kibanaJsonHeaders : { ...kibanaResponseHeaders, ...headers, ...cspHeaders }
  const { preconfigured, spaces } = yield* validateOptions(connectorTypes, options, wording)
  const authOptions: EmulatorOptions = {
    ...options,
    users: options.users ?? [defaultUser],
    apiKeys: options.apiKeys ?? [defaultApiKey]
  }
  const maxPayloadBytes = options.maxPayloadBytes ?? defaultMaxPayloadBytes
  const documents = yield* makeDocumentStore
  const inferenceEndpoints = yield* makeInferenceEndpoints
  const serverLog = yield* RingBuffer.make<ServerLogEntry>(maxLogEntries)
  const webhookCalls = yield* RingBuffer.make<WebhookCall>(maxLogEntries)
  const requestLog = yield* RingBuffer.make<RequestLogEntry>(maxLogEntries)
  const savedObjects = yield* makeSavedObjects(spaces)
  const faults = yield* makeFaultController(options.faults ?? [])
  const ops = yield* makeOpsMetrics
  const httpClient = options.outboundHttpClient ??
    (yield* Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer))

  const env: EmulatorEnv = {
    version,
    profile,
    savedObjects,
    connectorTypes,
    systemActionTypes: new Map(systemActionTypes.map((type) => [type.id, type])),
    license: options.license ?? "trial",
    wording,
    preconfigured,
    documents,
    executorServices: {
      documents,
      inference: inferenceEndpoints,
      recordServerLog: serverLog.append,
      recordWebhookCall: webhookCalls.append,
      httpClient,
      outboundTimeout: options.outboundTimeout === undefined
        ? Outbound.defaultTimeout
        : Duration.decode(options.outboundTimeout),
      slackApiUrl: options.slackApiUrl
    },
    uuid: crypto.randomUUID(),
    startedAt: new Date(yield* Clock.currentTimeMillis),
    ops
  }
  // The Elasticsearch-compatible endpoint: no Kibana route, authentication, xsrf or faults.
  const isElasticsearchPath = (path: string) => path === "/_es" || path.startsWith("/_es/")

  const routes = [...connectorRoutes(env), ...spaceRoutes(env), statusRoute(env)]
    .map((route) => ({ route, match: compileTemplate(route.path) }))
  // `answersAtOnce` asks only these: one pattern per in-process request, not the whole table.
  const waitingRoutes = routes.filter(({ route }) => route.waits === true)

  // The credentials and what they are checked against do not change between requests: the last
  // header's outcome is kept (a base64 decode and a user lookup per request, ~2% of the in-process profile).
  let lastAuthorization: string | undefined
  let lastAuthentication: Authentication | undefined
  const authenticateCached = (headers: Readonly<Record<string, string>>) => {
    const header = headers["authorization"]
    if (header === undefined || header !== lastAuthorization || lastAuthentication === undefined) {
      lastAuthentication = authenticate(authOptions, headers)
      lastAuthorization = header
    }
    return lastAuthentication
  }

  const authenticated = (route: Route, request: EmulatorHttp.EmulatorRequest) => {
    const result = authenticateCached(request.headers)
    switch (result._tag) {
      case "Authenticated":
        return Either.right<Principal | undefined>(result.principal)
      case "Anonymous":
        return route.auth === "optional"
          ? Either.right(undefined)
          : Either.left(EmulatorHttp.kibanaError(401, "Unauthorized"))
      case "Rejected":
        return route.auth === "optional" ? Either.right(undefined) : Either.left(result.response)
    }
  }

  const findRoute = (method: string, path: string) => {
    for (const { match, route } of routes) {
      const params = route.method === method ? match(path) : undefined
      if (params !== undefined) return { route, params }
    }
    return undefined
  }

  const faulted = (
    spaceId: string,
    outcome: Exclude<FaultDecision["outcome"], undefined>
  ): Handled => {
    // The not-ready answer comes from Kibana's separate not-ready server, without onPreResponse headers.
    const notReady = outcome._tag === "Status" && outcome.status === 503
    return { spaceId, response: faultResponse(outcome), ...(notReady ? { notReadyServer: true } : {}) }
  }

  const afterPreAuth = (
    request: EmulatorHttp.EmulatorRequest,
    oversized: boolean,
    spaceId: string,
    method: string,
    route: Route,
    params: Record<string, string>,
    dropAfterCommit: boolean
  ): Effect.Effect<Handled> => {
    const answer = (response: EmulatorHttp.EmulatorResponse) => Effect.succeed({ spaceId, response })
    const principal = authenticated(route, request)
    if (Either.isLeft(principal)) return answer(principal.left)

    let body: unknown = null
    if (route.body) {
      if (oversized || Buffer.byteLength(request.body) > maxPayloadBytes) {
        return answer(
          EmulatorHttp.kibanaError(413, `Payload content length greater than maximum allowed: ${maxPayloadBytes}`)
        )
      }
      const parsed = parsePayload(request.headers["content-type"], request.body)
      if (Either.isLeft(parsed)) return answer(parsed.left)
      body = parsed.right
    }

    const kbnVersion = request.headers["kbn-version"]
    if (
      method !== "GET" && method !== "OPTIONS" && kbnVersion === undefined &&
      request.headers["kbn-xsrf"] === undefined
    ) {
      return answer(EmulatorHttp.kibanaError(400, "Request must contain a kbn-xsrf header."))
    }
    if (kbnVersion !== undefined && kbnVersion !== version) {
      return answer(EmulatorHttp.kibanaError(
        400,
        `Browser client is out of date, please refresh the page ("kbn-version" header was "${kbnVersion}" but should be "${version}")`,
        { attributes: { expected: version, got: kbnVersion } }
      ))
    }
    if (route.versioned) {
      const versionError = checkApiVersion(route, request)
      if (versionError !== undefined) return answer(versionError)
    }
    return Effect.map(
      route.handler({ request, spaceId, params, principal: principal.right, body }),
      (response): Handled => ({
        spaceId,
        response: dropAfterCommit
          ? { _tag: "Drop" }
          : route.versioned
          ? withHeader(response, "elastic-api-version", API_VERSION)
          : response
      })
    )
  }

  // Kibana's (hapi's) request lifecycle: route lookup, onPreAuth (rate limiter / faults),
  // authentication, payload parsing, onPostAuth (xsrf, kbn-version), versioned-route resolution,
  // validation and handler. Written as plain steps rather than a generator: every answer goes
  // through here, and only faults and the handler need the effect runtime.
  const kibana = (request: EmulatorHttp.EmulatorRequest, oversized: boolean): Effect.Effect<Handled> => {
    const { path, spaceId } = splitSpace(request.path)
    const method = request.method.toUpperCase() === "HEAD" ? "GET" : request.method.toUpperCase()
    const found = findRoute(method, path)
    // hapi answers 404 (not 405) to a known path with an unregistered method.
    if (found === undefined) return Effect.succeed({ spaceId: undefined, response: notFound })
    const handle = (dropAfterCommit: boolean) =>
      afterPreAuth(request, oversized, spaceId, method, found.route, found.params, dropAfterCommit)
    if (faults.unsafeIdle()) return handle(false)
    return Effect.flatMap(faults.decide(method, path), (decision) => {
      // A lost answer: the handler runs, its answer is replaced by a dropped connection.
      const dropAfterCommit = decision.outcome?._tag === "DropAfterCommit"
      const outcome = decision.outcome === undefined || dropAfterCommit
        ? handle(dropAfterCommit)
        : Effect.succeed(faulted(spaceId, decision.outcome))
      return decision.delays.length === 0
        ? outcome
        : Effect.zipRight(Effect.forEach(decision.delays, Effect.sleep, { discard: true }), outcome)
    })
  }

  // The Elasticsearch-compatible endpoint under `/_es`: no Kibana authentication, xsrf or faults.
  const elasticsearch = (request: EmulatorHttp.EmulatorRequest, oversized: boolean): Effect.Effect<Handled> =>
    oversized
      ? Effect.succeed({ spaceId: undefined, response: EmulatorHttp.empty(413) })
      : Effect.map(
        Effect.suspend(() => {
          const esRequest = { ...request, path: request.path.slice("/_es".length) || "/" }
          return isInferencePath(esRequest.path)
            ? handleInference(inferenceEndpoints, esRequest)
            : handleElasticsearch(documents, esRequest)
        }),
        (response) => ({ spaceId: undefined, response })
      )

  // A bug in a handler must not take the server down: answer like Kibana's unhandled-error path.
  const internalError: Effect.Effect<Handled> = Effect.succeed({
    spaceId: undefined,
    response: EmulatorHttp.kibanaError(500, "An internal server error occurred.")
  })

  const respond = (request: EmulatorHttp.EmulatorRequest, oversized: boolean) => {
    const isElasticsearch = isElasticsearchPath(request.path)
    const handled = Effect.catchAllDefect(
      Effect.suspend(() => (isElasticsearch ? elasticsearch : kibana)(request, oversized)),
      () => internalError
    )
    const answer = (answered: ((status: number | undefined) => void) | undefined) =>
      Effect.flatMap(
        // an abandoned request is a disconnect, and no longer in progress
        answered === undefined ? handled : Effect.onInterrupt(handled, () => Effect.sync(() => answered(undefined))),
        (result) =>
          Effect.clockWith((clock) => {
            // Kibana's onPreResponse headers on every Kibana answer (not on the `/_es` endpoint); the CSP
            // headers last, as a handler cannot replace them (elastic/kibana PR #144902)
            const { response: answer, spaceId } = result
            const response = isElasticsearch || result.notReadyServer === true || answer._tag !== "Response"
              ? answer
              : { ...answer, headers: withKibanaHeaders(answer.headers) }
            const status = response._tag === "Response" ? response.status : undefined
            requestLog.unsafeAppend({
              method: request.method.toUpperCase(),
              path: request.path,
              spaceId,
              status,
              timestamp: new Date(clock.unsafeCurrentTimeMillis())
            })
            const final = request.method.toUpperCase() === "HEAD" && response._tag === "Response"
              ? { ...response, body: undefined }
              : response
            answered?.(status)
            return Effect.succeed(final)
          })
      )
    // Kibana's server metrics count what its HTTP server answers, not the `/_es` endpoint
    return isElasticsearch ? answer(undefined) : Effect.suspend(() => answer(ops.received()))
  }

  return KibanaEmulator.of({
    version,
    profile,
    handle: (request) => respond(request, false),
    handleOversized: (request) => respond(request, true),
    answersAtOnce: (request) => {
      if (!faults.unsafeIdle()) return false
      if (isElasticsearchPath(request.path)) return true
      const method = request.method.toUpperCase()
      return !waitingRoutes.some(({ match, route }) =>
        route.method === method && match(splitSpace(request.path).path) !== undefined
      )
    },
    maxPayloadBytes,
    documentStore: documents,
    documents: documents.documents,
    serverLog: serverLog.entries,
    webhookCalls: webhookCalls.entries,
    requestLog: requestLog.entries,
    clearRequestLog: requestLog.clear,
    connectors: Effect.map(
      savedObjects.state,
      ({ connectors }) => [...connectors.values()].map(({ secrets: _, ...connector }: StoredConnector) => connector)
    ),
    spaces: Effect.map(savedObjects.state, ({ spaces }) => [...spaces.values()]),
    faults: faults.rules,
    setFaults: faults.set,
    addFault: faults.add,
    clearFaults: faults.set([])
  })
})

/**
 * The emulator as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: EmulatorOptions = {}): Layer.Layer<KibanaEmulator, EmulatorOptionsError> =>
  Layer.effect(KibanaEmulator, make(options))
