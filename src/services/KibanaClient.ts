/**
 * The Kibana transport every other service uses: base URL (with Kibana's `server.basePath`), credentials,
 * the `kbn-xsrf` header, the `/s/<space>` prefix, timeouts, retries, and Kibana's errors as tagged errors.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import {
  KibanaConfigError,
  KibanaInputError,
  KibanaResponseTooLarge,
  KibanaSpaceNotFound,
  KibanaTimeout,
  KibanaUnknownOutcome
} from "../errors/KibanaError.js"
import type { KibanaDecodeError, KibanaRequestError } from "../errors/KibanaError.js"
import { makeBodyPool, withBodyPool } from "../internal/bodyPool.js"
import { readBoundedText } from "../internal/boundedBody.js"
import {
  countOption,
  durationOption,
  fromConfigError,
  headerOption,
  objectOption,
  readOptions
} from "../internal/clientOptions.js"
import { causeTransportError, notKibana, parseJsonBody, statusError, transportError } from "../internal/failures.js"
import type { RawAnswer } from "../internal/failures.js"
import type { Host } from "../internal/hosts.js"
import { makeHostPool, movesToNextHost, setsHostAside } from "../internal/hosts.js"
import { flatMapNow } from "../internal/now.js"
import { decodeBody } from "../internal/operation.js"
import { checkPath, serializeBody } from "../internal/requestInput.js"
import { RequestTracker } from "../internal/requestTracker.js"
import { isIdempotent, isLostAnswer, withRetries } from "../internal/retry.js"
import type { LostAnswer, RetrySettings } from "../internal/retry.js"
import { scrubSecretEcho, sortedSecrets } from "../internal/secretEcho.js"
import { makeServerVersionCache, parsePinnedVersion } from "../internal/serverVersion.js"
import type { KibanaServerVersion } from "../internal/serverVersion.js"
import { makeSpaceExistence } from "../internal/spaceExistence.js"
import { recordRequest, traceparent, unsafeRecordRequest, withRequestSpan } from "../internal/telemetry.js"
import { libraryVersion } from "../internal/version.js"
import { type WireBody, wireOf } from "../internal/wire.js"
import { invalidSpaceIdReason, spaceIdPattern } from "../schemas/Space.js"
import { CurrentSpace, defaultSpaceId } from "./KibanaSpace.js"

/**
 * How the client authenticates. Secrets stay `Redacted` until the `Authorization` header is built.
 *
 * @since 0.1.0
 * @category models
 */
export type KibanaAuth =
  | {
    readonly _tag: "ApiKey"
    /** The `encoded` value Elasticsearch returns (base64 of `id:api_key`), or `id:api_key` itself. */
    readonly apiKey: Redacted.Redacted<string>
  }
  | { readonly _tag: "Basic"; readonly username: string; readonly password: Redacted.Redacted<string> }
  | { readonly _tag: "Bearer"; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "None" }

/**
 * Constructors for `KibanaAuth`; plain strings are wrapped in `Redacted` at once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const KibanaAuth = {
  apiKey: (apiKey: string | Redacted.Redacted<string>): KibanaAuth => ({ _tag: "ApiKey", apiKey: redact(apiKey) }),
  basic: (username: string, password: string | Redacted.Redacted<string>): KibanaAuth => ({
    _tag: "Basic",
    username,
    password: redact(password)
  }),
  bearer: (token: string | Redacted.Redacted<string>): KibanaAuth => ({ _tag: "Bearer", token: redact(token) }),
  none: { _tag: "None" } as KibanaAuth
} as const

const redact = (value: string | Redacted.Redacted<string>) => Redacted.isRedacted(value) ? value : Redacted.make(value)

/**
 * Retry settings. Kibana's 429 and 503 are repeated for every method (honouring `Retry-After`);
 * lost connections and timeouts only for idempotent methods.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaRetryOptions {
  /** Repeats after the first attempt (default 3; 0 turns retries off). */
  readonly times?: number | undefined
  /** First backoff wait, doubled on each retry (default 250 ms). */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** Longest single wait, including the server's `Retry-After` (default 30 s). */
  readonly maxDelay?: Duration.DurationInput | undefined
}

/**
 * Options of a Kibana client.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaClientOptions {
  /**
   * Kibana's URL, including any `server.basePath`, e.g. `https://kibana.example.com:5601/kibana`; or
   * several Kibana instances of one deployment, taken in turn, with failover (see the README's
   * "Reliability").
   */
  readonly url: string | ReadonlyArray<string>
  /** Credentials; none when omitted (only for a Kibana without security). */
  readonly auth?: KibanaAuth | undefined
  /** Time allowed for each attempt, answer body included (default 30 s). */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Largest answer body read, in bytes (default 16 MiB). A larger answer fails with
   * `KibanaResponseTooLarge` without the rest being read.
   */
  readonly maxResponseBytes?: number | undefined
  /** `User-Agent` header (default `effect-kibana/<version>`). */
  readonly userAgent?: string | undefined
  readonly retry?: KibanaRetryOptions | undefined
  /**
   * Turns on space existence checks: a call into a space that does not exist fails with `KibanaSpaceNotFound`
   * before it is sent, instead of Kibana silently writing into a phantom space. Answers are cached.
   */
  readonly spaceExistence?: KibanaSpaceExistenceOptions | undefined
  /**
   * Version gates (default `true`): before a call uses something only some Kibana versions have
   * (caller-chosen connector ids, 9.4's connector id rules, a space `solution`, webhook methods beyond
   * post/put), the client learns the server's version once from `/api/status` and refuses what it
   * cannot do with `KibanaUnsupportedFeature` (or `KibanaInputError`), without sending it. Calls that
   * use no such feature never trigger the lookup. When the version cannot be learned, calls go through.
   */
  readonly versionGates?: boolean | undefined
  /** The server's version when known in advance (e.g. `8.18.2`): gates use it and never look it up. */
  readonly serverVersion?: string | undefined
}

/**
 * The Kibana version the client talks to, as `/api/status` reported it.
 *
 * @since 0.1.0
 * @category models
 */
export type { KibanaServerVersion }

/**
 * How long and how many space existence answers are cached. Failed lookups are never cached; spaces
 * created or deleted through this client are looked up again.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaSpaceExistenceOptions {
  /** How long an answer ("exists" or "missing") is trusted (default 1 minute). */
  readonly timeToLive?: Duration.DurationInput | undefined
  /** How many spaces are remembered, least recently used forgotten first (default 1000). */
  readonly capacity?: number | undefined
}

/**
 * One request to Kibana, with a path relative to Kibana's root (`/api/...`).
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  readonly path: `/${string}`
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  /** A JSON body, already in wire (snake_case) form. */
  readonly body?: unknown
  /** The body as JSON text already, when the caller serialised it (it wins over `body`). */
  readonly bodyText?: string | undefined
  /**
   * The body as UTF-8 JSON bytes already (it wins over `bodyText` and `body`): a large body encoded
   * once, with no text copy kept beside it while the request is in flight.
   */
  readonly bodyBytes?: Uint8Array | undefined
  /** Whether the request runs in the current space (default `true`). The spaces API itself is not. */
  readonly spaceScoped?: boolean | undefined
  /**
   * Non-2xx statuses that are an answer, not an error, when they carry a JSON body: `/api/status`
   * answers 503 with the full status document while Kibana is unavailable.
   */
  readonly answerStatuses?: ReadonlyArray<number> | undefined
  /**
   * Secret texts sent in the body (connector secrets). Kibana may quote them back in an error message;
   * they are replaced with `<redacted>` in the error before any span, log or caller sees it. The
   * client's own credentials are always treated so.
   */
  readonly redact?: ReadonlyArray<string> | undefined
  /** The operation this request serves: its span's name and metrics tag (default `KibanaClient.request`). */
  readonly operation?: string | undefined
  /** The connector type, when the caller knows it (span attribute `kibana.connector.type`). */
  readonly connectorType?: string | undefined
  /**
   * Whether repeating the request is harmless (default: every method but POST). A request that is not
   * is never repeated once it may have reached Kibana, and a lost answer fails with `KibanaUnknownOutcome`.
   */
  readonly idempotent?: boolean | undefined
  /** The id of the object the request creates, when the caller chose it; `KibanaUnknownOutcome` carries it. */
  readonly createdId?: string | undefined
}

/**
 * A successful (2xx, or one of the request's `answerStatuses`) answer from Kibana, its JSON body parsed (`undefined` when empty).
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaResponse {
  readonly method: string
  /** The path that was requested, including the space prefix. */
  readonly path: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: unknown
}

/**
 * The Kibana transport service.
 *
 * @since 0.1.0
 * @category tags
 */
export class KibanaClient extends Context.Tag("effect-kibana/KibanaClient")<KibanaClient, KibanaClient.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace KibanaClient {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** Kibana's base URL (with base path, without trailing slash); the first one when there are several. */
    readonly url: string
    /** Every Kibana base URL the client takes turns on. */
    readonly urls: ReadonlyArray<string>
    /** Time allowed for each attempt. */
    readonly timeout: Duration.Duration
    /**
     * Sends a request in the current space and returns the 2xx answer; anything else fails with the
     * tagged error for its status. Retries and the timeout apply per the client's options.
     */
    readonly request: (request: KibanaRequest) => Effect.Effect<KibanaResponse, KibanaRequestError>
    /** Forgets what the existence check knows about a space; called when this client creates or deletes one. */
    readonly invalidateSpace: (spaceId: string) => Effect.Effect<void>
    /**
     * The server's version for version gates: looked up once from `/api/status` on first use, then
     * cached. `None` with gates off, for an anonymous caller (redacted status), or when the lookup failed.
     */
    readonly serverVersion: Effect.Effect<Option.Option<KibanaServerVersion>>
  }
}

/** Kibana's own wording for a bad space id (`x-pack/platform/plugins/shared/spaces/server/lib/space_schema.ts`). */
const invalidSpaceId = (spaceId: string) =>
  new KibanaInputError({
    operation: "KibanaClient.request",
    field: "space",
    reason: `${JSON.stringify(spaceId)} ${invalidSpaceIdReason}`
  })

const validateUrl = (url: unknown, field: string): Either.Either<string, KibanaConfigError> => {
  const fail = (reason: string) => Either.left(new KibanaConfigError({ field, reason }))
  if (typeof url !== "string") return fail("it must be an absolute http(s) URL such as https://kibana.example.com:5601")
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // the text is not repeated: a malformed URL may still carry credentials
    return fail("it is not an absolute http(s) URL such as https://kibana.example.com:5601")
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return fail("the URL must use http or https")
  if (parsed.username !== "" || parsed.password !== "") {
    return fail("the URL must not contain credentials; pass them as `auth`")
  }
  if (parsed.search !== "" || parsed.hash !== "") return fail("the URL must not contain a query or fragment")
  return Either.right(`${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`)
}

const validateUrls = (url: unknown): Either.Either<ReadonlyArray<string>, KibanaConfigError> => {
  if (!Array.isArray(url)) return Either.map(validateUrl(url, "url"), (one) => [one])
  if (url.length === 0) {
    return Either.left(new KibanaConfigError({ field: "url", reason: "the list of URLs is empty" }))
  }
  return Either.all(url.map((each: unknown, index) => validateUrl(each, `url[${index}]`)))
}

/** Every form in which the credentials could be echoed: the header, its encoded part, the raw secret. */
const credentialTexts = (auth: KibanaAuth): ReadonlyArray<string> => {
  const header = authorization(auth)
  if (header === undefined) return []
  const raw = auth._tag === "ApiKey"
    ? Redacted.value(auth.apiKey)
    : auth._tag === "Basic"
    ? Redacted.value(auth.password)
    : auth._tag === "Bearer"
    ? Redacted.value(auth.token)
    : ""
  return [header, header.slice(header.indexOf(" ") + 1), raw].filter((text) => text.length >= 4)
}

const authorization = (auth: KibanaAuth): string | undefined => {
  switch (auth._tag) {
    case "ApiKey": {
      const key = Redacted.value(auth.apiKey)
      // `id:api_key` is not valid base64 (the colon), so it is the raw pair and needs encoding.
      return `ApiKey ${key.includes(":") ? Buffer.from(key).toString("base64") : key}`
    }
    case "Basic":
      return `Basic ${Buffer.from(`${auth.username}:${Redacted.value(auth.password)}`).toString("base64")}`
    case "Bearer":
      return `Bearer ${Redacted.value(auth.token)}`
    case "None":
      return undefined
  }
}

/**
 * The version Kibana says it is when it rejects a stale `kbn-version` header
 * (elastic/kibana:src/core/packages/http/server-internal/src/lifecycle_handlers.ts `createVersionCheckPostAuthHandler`:
 * 400 with `attributes: { expected, got }`).
 */
const kbnVersionMismatch = (error: KibanaRequestError): string | undefined => {
  if (error._tag !== "KibanaBadRequest" || !error.kibanaMessage.includes("\"kbn-version\" header")) return undefined
  const expected = (error.attributes as { expected?: unknown } | undefined)?.expected
  return typeof expected === "string" ? expected : undefined
}

/** A lost answer of a request that is not safe to repeat: it was not repeated, and its outcome is open. */
const unknownOutcome = (request: KibanaRequest, operation: string, cause: LostAnswer) =>
  new KibanaUnknownOutcome({
    method: cause.method,
    path: cause.path,
    operation,
    ...(request.createdId === undefined ? {} : { id: request.createdId }),
    cause
  })

const isJsonObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value)

/** The options, checked: every unusable one is a `KibanaConfigError` naming it. */
interface ResolvedOptions {
  readonly urls: ReadonlyArray<string>
  readonly auth: KibanaAuth
  readonly timeout: Duration.Duration
  readonly userAgent: string
  readonly maxResponseBytes: number
  readonly retry: RetrySettings
  readonly spaceExistence: { readonly timeToLive: Duration.Duration; readonly capacity: number } | undefined
}

const resolveOptions = (options: KibanaClientOptions): Effect.Effect<ResolvedOptions, KibanaConfigError> =>
  Effect.suspend(() =>
    readOptions(() =>
      Either.gen(function*() {
        if (typeof options !== "object" || options === null) {
          return yield* Either.left(new KibanaConfigError({ field: "options", reason: "must be an object" }))
        }
        const retry = yield* objectOption("retry", options.retry)
        const existence = yield* objectOption("spaceExistence", options.spaceExistence)
        return {
          urls: yield* validateUrls(options.url),
          auth: options.auth ?? KibanaAuth.none,
          timeout: yield* durationOption("timeout", options.timeout, "30 seconds", "positive"),
          maxResponseBytes: yield* countOption("maxResponseBytes", options.maxResponseBytes, 16 * 1024 * 1024, 1),
          userAgent: yield* headerOption("userAgent", options.userAgent, `effect-kibana/${libraryVersion}`),
          retry: {
            times: yield* countOption("retry.times", retry?.times, 3, 0),
            baseDelay: yield* durationOption("retry.baseDelay", retry?.baseDelay, "250 millis", "nonNegative"),
            maxDelay: yield* durationOption("retry.maxDelay", retry?.maxDelay, "30 seconds", "nonNegative")
          },
          spaceExistence: existence === undefined ? undefined : {
            timeToLive: yield* durationOption(
              "spaceExistence.timeToLive",
              existence.timeToLive,
              "1 minute",
              "nonNegative"
            ),
            capacity: yield* countOption("spaceExistence.capacity", existence.capacity, 1000, 1)
          }
        }
      })
    )
  )

/**
 * Builds a Kibana client over the application's `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: KibanaClientOptions
): Effect.Effect<KibanaClient.Service, KibanaConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = yield* resolveOptions(options)
    const pool = makeHostPool(resolved.urls)
    const baseUrl = pool.hosts[0]!.url
    const pinnedVersion = parsePinnedVersion(options.serverVersion)
    if (options.serverVersion !== undefined && pinnedVersion === undefined) {
      return yield* new KibanaConfigError({ field: "serverVersion", reason: "not a version such as 8.18.2" })
    }
    const { auth, retry, timeout, userAgent } = resolved
    const credentials = credentialTexts(auth)
    const scrubCredentials = scrubSecretEcho(sortedSecrets(credentials))
    // The platform's own `http.client` span is off: the request span below is the client span, and
    // it propagates the trace itself.
    const wire = wireOf(yield* HttpClient.HttpClient)
    const httpClient = HttpClient.withTracerDisabledWhen(yield* HttpClient.HttpClient, () => true)
    const timeoutMillis = Duration.toMillis(timeout)
    // Built once: the credentials do not change, and encoding them per request is wasted work.
    const header = authorization(auth)
    const readHeaders: Record<string, string> = {
      accept: "application/json",
      "user-agent": userAgent,
      ...(header === undefined ? {} : { authorization: header })
    }
    const writeHeaders: Record<string, string> = { ...readHeaders, "kbn-xsrf": "true" }
    const queryString = (request: KibanaRequest) => {
      if (request.query === undefined) return ""
      const query = Object.entries(request.query).filter((entry): entry is [string, string] => entry[1] !== undefined)
      return new URLSearchParams(query).toString()
    }
    const tooLarge = (request: KibanaRequest, path: string, status: number) =>
      new KibanaResponseTooLarge({ method: request.method, path, status, maxBytes: resolved.maxResponseBytes })

    const buildRequest = (
      host: Host,
      request: KibanaRequest,
      path: string,
      body: WireBody,
      span: Tracer.Span
    ) => {
      let built = HttpClientRequest.make(request.method)(`${host.url}${path}`, {
        headers: { ...(request.method === "GET" ? readHeaders : writeHeaders), traceparent: traceparent(span) }
      })
      const query = queryString(request)
      if (query !== "") built = HttpClientRequest.setUrlParams(built, new URLSearchParams(query))
      return body === undefined
        ? built
        : typeof body === "string"
        ? HttpClientRequest.bodyText(built, body, "application/json")
        : HttpClientRequest.bodyUint8Array(built, body, "application/json")
    }

    // The lean path: the transport reads the answer (up to the size limit) and times the attempt out
    // with its own timer.
    const readWire = (
      host: Host,
      request: KibanaRequest,
      path: string,
      body: WireBody,
      span: Tracer.Span
    ): Effect.Effect<RawAnswer, KibanaRequestError> =>
      wire!({
        method: request.method,
        origin: host.origin,
        path: host.basePath === "/" ? path : `${host.basePath}${path}`,
        query: queryString(request),
        headers: body === undefined
          ? { ...(request.method === "GET" ? readHeaders : writeHeaders), traceparent: traceparent(span) }
          : {
            ...(request.method === "GET" ? readHeaders : writeHeaders),
            "content-type": "application/json",
            traceparent: traceparent(span)
          },
        body,
        timeoutMillis,
        maxBytes: resolved.maxResponseBytes
      }).pipe(Effect.mapBoth({
        onSuccess: (answer): RawAnswer => ({
          method: request.method,
          path,
          status: answer.status,
          headers: answer.headers,
          text: answer.text
        }),
        onFailure: (failure) => {
          switch (failure._tag) {
            case "Timeout":
              return new KibanaTimeout({ method: request.method, path, timeout })
            case "TooLarge":
              return tooLarge(request, path, failure.status)
            case "Transport":
              return causeTransportError(request.method, path, failure.cause, failure.answered, "transport failure")
          }
        }
      }))

    const readAnswer = (
      host: Host,
      request: KibanaRequest,
      path: string,
      body: WireBody,
      span: Tracer.Span
    ): Effect.Effect<RawAnswer, KibanaRequestError> =>
      // An `HttpClient` of the application's may open spans or log: the request span is their parent.
      wire !== undefined ? readWire(host, request, path, body, span) : httpClient.execute(
        buildRequest(host, request, path, body, span)
      ).pipe(
        Effect.withParentSpan(span),
        Effect.flatMap((response) =>
          readBoundedText(response, resolved.maxResponseBytes).pipe(
            Effect.map((text): RawAnswer => ({
              method: request.method,
              path,
              status: response.status,
              headers: response.headers,
              text
            })),
            Effect.catchTag("TooLarge", () => Effect.fail(tooLarge(request, path, response.status)))
          )
        ),
        Effect.catchIf(
          (error): error is HttpClientError.HttpClientError => error._tag !== "KibanaResponseTooLarge",
          (error) => Effect.fail(transportError(request.method, path, error))
        ),
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => new KibanaTimeout({ method: request.method, path, timeout })
        })
      )

    // One try against one host.
    const attemptOn = (
      host: Host,
      request: KibanaRequest,
      path: string,
      body: WireBody,
      span: Tracer.Span
    ): Effect.Effect<KibanaResponse, KibanaRequestError> => {
      if (pool.hosts.length > 1) {
        const query = queryString(request)
        span.attribute("url.full", `${host.url}${path}${query === "" ? "" : `?${query}`}`)
        span.attribute("server.address", host.attributes["server.address"])
        span.attribute("server.port", host.attributes["server.port"])
      }
      const answered = Effect.flatMap(readAnswer(host, request, path, body, span), (answer) => {
        const isAnswer = request.answerStatuses?.includes(answer.status) === true &&
          isJsonObject(parseJsonBody(answer))
        if ((answer.status < 200 || answer.status >= 300) && !isAnswer) {
          const error = statusError(answer)
          const expected = kbnVersionMismatch(error)
          return expected === undefined
            ? Effect.fail(error)
            : Effect.zipRight(Effect.withParentSpan(versions.learn(expected), span), Effect.fail(error))
        }
        const foreign = notKibana(answer)
        if (Option.isSome(foreign)) return Effect.fail(foreign.value)
        // The answer's text is not kept: the parsed body says everything, and every holder of a response
        // held the text too.
        return Effect.succeed<KibanaResponse>({
          method: answer.method,
          path: answer.path,
          status: answer.status,
          headers: answer.headers,
          body: parseJsonBody(answer)
        })
      })
      if (request.method === "GET") return answered
      // A scoped create needs to know whether this attempt may have been acted on.
      return Effect.flatMap(RequestTracker, (track) => {
        if (track === undefined) return answered
        track.maybeActed = true
        return Effect.tapError(answered, (error) =>
          Effect.sync(() => {
            if (!isLostAnswer(error)) track.maybeActed = false
          }))
      })
    }

    // One attempt: one host, or with several, the next live one, moving on at once while a failure
    // allows it (see `internal/hosts.ts`); the retry loop and its waits come on top.
    const attempt = (
      request: KibanaRequest,
      path: string,
      body: WireBody,
      span: Tracer.Span,
      idempotent: boolean
    ): Effect.Effect<KibanaResponse, KibanaRequestError> => {
      if (pool.hosts.length === 1) return attemptOn(pool.hosts[0]!, request, path, body, span)
      const tried = new Set<Host>()
      const tryNext = (previous: KibanaRequestError | undefined): Effect.Effect<KibanaResponse, KibanaRequestError> =>
        Effect.clockWith((clock) => clock.currentTimeMillis).pipe(Effect.flatMap((now) => {
          const host = pool.pick(tried, now)
          if (host === undefined) return Effect.fail(previous!)
          tried.add(host)
          return attemptOn(host, request, path, body, span).pipe(
            Effect.tap(() => Effect.sync(() => pool.restore(host))),
            Effect.catchAll((error) => {
              if (setsHostAside(error)) pool.setAside(host, now)
              else if ("status" in error) pool.restore(host) // it answered, so it is up
              return movesToNextHost(error, idempotent) ? tryNext(error) : Effect.fail(error)
            })
          )
        }))
      return Effect.suspend(() => tryNext(undefined))
    }

    // The spaces API is never prefixed; 200 is "exists", 404 "missing", anything else is not an answer.
    const lookupSpace = (spaceId: string): Effect.Effect<boolean, KibanaRequestError> => {
      const path: `/${string}` = `/api/spaces/space/${spaceId}`
      return Effect.flatMap(Effect.currentSpan.pipe(Effect.orDie), (span) =>
        withRetries(
          retry,
          { method: "GET", path, idempotent: true },
          attempt({ method: "GET", path }, path, undefined, span, true)
        ).pipe(
          Effect.as(true),
          Effect.catchTag("KibanaNotFound", () => Effect.succeed(false))
        ))
    }

    // Declared before first use by `attempt`, which only runs once `make` has returned.
    const statusPath = "/api/status" as const
    const versions = yield* makeServerVersionCache({
      enabled: options.versionGates ?? true,
      pinned: pinnedVersion,
      lookup: Effect.useSpan("KibanaClient.serverVersion", { kind: "client", captureStackTrace: false }, (span) =>
        withRetries(
          retry,
          { method: "GET", path: statusPath, idempotent: true },
          attempt({ method: "GET", path: statusPath }, statusPath, undefined, span, true)
        )).pipe(Effect.map((response) =>
          response.body
        ))
    })

    const existence = resolved.spaceExistence === undefined
      ? undefined
      : makeSpaceExistence({ ...resolved.spaceExistence, lookup: lookupSpace })

    // The prefix of `spaceId`: the default space needs no effect, the others are checked first (a lookup
    // under the request's span).
    const spacePrefix = (spaceId: string, span: Tracer.Span): Effect.Effect<string, KibanaRequestError> => {
      if (!spaceIdPattern.test(spaceId)) {
        return Effect.fail(invalidSpaceId(spaceId))
      }
      if (existence === undefined) {
        return Effect.succeed(`/s/${spaceId}`)
      }
      return Effect.flatMap(
        Effect.withParentSpan(existence.exists(spaceId), span),
        (exists) =>
          exists ? Effect.succeed(`/s/${spaceId}`) : Effect.fail(new KibanaSpaceNotFound({ spaceId }))
      )
    }

    const invalidateSpace = (spaceId: string): Effect.Effect<void> =>
      existence === undefined ? Effect.void : existence.invalidate(spaceId)

    // Built once per method: most requests add nothing to them (`useSpan` copies the attributes).
    const methodAttributes = new Map<string, Record<string, unknown>>()
    const spanAttributes = (request: KibanaRequest): Record<string, unknown> => {
      if (request.connectorType !== undefined) {
        return {
          "http.request.method": request.method,
          ...pool.hosts[0]!.attributes,
          "kibana.connector.type": request.connectorType
        }
      }
      let attributes = methodAttributes.get(request.method)
      if (attributes === undefined) {
        attributes = { "http.request.method": request.method, ...pool.hosts[0]!.attributes }
        methodAttributes.set(request.method, attributes)
      }
      return attributes
    }

    // The debug line of an answer. `send` calls it only when the minimum log level lets the line through:
    // building the annotations costs even when the line is filtered out.
    const logAnswer = (request: KibanaRequest, path: string, response: KibanaResponse): Effect.Effect<KibanaResponse> =>
      Effect.as(
        Effect.annotateLogs(Effect.logDebug("Kibana request"), {
          method: request.method,
          path,
          status: response.status
        }),
        response
      )

    // The request once its path is known: retries around the attempts, then metrics, span outcome and
    // the debug line. Plain `flatMap` chains: a generator per call showed in profiles.
    const send = (
      request: KibanaRequest,
      operation: string,
      scrub: (error: KibanaRequestError) => KibanaRequestError,
      span: Tracer.Span,
      startedAt: number,
      path: string,
      body: WireBody
    ): Effect.Effect<KibanaResponse, KibanaRequestError> => {
      const query = queryString(request)
      span.attribute("url.full", `${baseUrl}${path}${query === "" ? "" : `?${query}`}`)
      const idempotent = isIdempotent(request.method, request.idempotent)
      let attempts = 0
      const counted = Effect.suspend(() => {
        attempts++
        return attempt(request, path, body, span, idempotent)
      })
      return Effect.matchEffect(withRetries(retry, { method: request.method, path, idempotent, span }, counted), {
        onFailure: (cause) => {
          const error = scrub(idempotent || !isLostAnswer(cause) ? cause : unknownOutcome(request, operation, cause))
          return Effect.zipRight(
            recordRequest(span, operation, startedAt, Math.max(0, attempts - 1), { error }),
            Effect.fail(error)
          )
        },
        // One step reads both fiber refs (metric labels, log level): three steps fewer per request.
        onSuccess: (response) =>
          Effect.withFiberRuntime((fiber) => {
            const tags = fiber.getFiberRef(FiberRef.currentMetricLabels)
            unsafeRecordRequest(span, operation, startedAt, attempts - 1, { status: response.status }, tags)
            return LogLevel.lessThanEqual(fiber.getFiberRef(FiberRef.currentMinimumLogLevel), LogLevel.Debug)
              ? Effect.withParentSpan(logAnswer(request, path, response), span)
              : Effect.succeed(response)
          })
      })
    }

    // A large body goes to a lean transport as bytes, made once for every attempt (undici would copy a
    // string into bytes on each), a caller's `bodyText` included: the bytes undici made of a string
    // outlived the request (bulk benchmark, 300k documents: executeIndex promoted 65 MB with text bodies
    // and 29 MB with bytes). The bytes are leased from a pool for the request: see `internal/bodyPool.ts`.
    // Small bodies stay text: they die young anyway, and the in-process emulator would only decode them
    // again.
    const bodyPool = wire === undefined ? undefined : makeBodyPool()
    const withWireBody = <A, E>(
      given: WireBody,
      use: (body: WireBody) => Effect.Effect<A, E>
    ): Effect.Effect<A, E> => {
      if (bodyPool === undefined || typeof given !== "string" || given.length < 16_384) return use(given)
      // Not held once encoded: text that outlives a collection is promoted, for nothing.
      let text: string | undefined = given
      return Effect.acquireUseRelease(
        Effect.sync(() => {
          const lease = bodyPool.encode(text!)
          text = undefined
          return lease
        }),
        (lease) => use(lease.bytes),
        (lease) => Effect.sync(lease.release)
      )
    }

    const request = (request: KibanaRequest): Effect.Effect<KibanaResponse, KibanaRequestError> => {
      const operation = request.operation ?? "KibanaClient.request"
      // Before the span ends or a metric records it: a tracer that records failures must not receive an
      // echoed secret.
      const scrub = request.redact === undefined
        ? scrubCredentials
        : scrubSecretEcho(sortedSecrets([...credentials, ...request.redact]))
      // One client span per operation, without a stack trace captured per call.
      return withRequestSpan(operation, spanAttributes(request), (span) => {
        const startedAt = performance.now()
        const label = `${request.method} ${String(request.path)}`
        const spaceScoped = request.spaceScoped ?? true
        const sent = flatMapNow(checkPath(label, baseUrl, request.path), (relative) =>
          flatMapNow(
            request.bodyBytes === undefined && request.bodyText === undefined
              ? serializeBody(label, request.body)
              : Effect.succeed(request.bodyBytes ?? request.bodyText),
            (given) =>
              withWireBody(given, (body) =>
                !spaceScoped
                  ? send(request, operation, scrub, span, startedAt, relative, body)
                  : Effect.flatMap(CurrentSpace, (spaceId) => {
                    span.attribute("kibana.space.id", spaceId)
                    return spaceId === defaultSpaceId
                      ? send(request, operation, scrub, span, startedAt, relative, body)
                      : Effect.flatMap(
                        spacePrefix(spaceId, span),
                        (prefix) => send(request, operation, scrub, span, startedAt, `${prefix}${relative}`, body)
                      )
                  }))
          ))
        return Effect.mapError(sent, scrub)
      })
    }

    const service = KibanaClient.of({
      url: baseUrl,
      urls: resolved.urls,
      timeout,
      request,
      invalidateSpace,
      serverVersion: versions.get
    })
    return bodyPool === undefined ? service : withBodyPool(service, bodyPool)
  })

/**
 * A Kibana client layer from options given in code.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: KibanaClientOptions
): Layer.Layer<KibanaClient, KibanaConfigError, HttpClient.HttpClient> => Layer.effect(KibanaClient, make(options))

/**
 * A Kibana client layer from `Config`, so the application chooses where each option comes from.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config.Wrap<KibanaClientOptions>
): Layer.Layer<KibanaClient, KibanaConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    KibanaClient,
    Config.unwrap(options).pipe(Effect.mapError(fromConfigError), Effect.flatMap(make))
  )

/** `KIBANA_URL` may list several instances, separated by commas. */
const splitUrls = (text: string): string | ReadonlyArray<string> => {
  if (!text.includes(",")) return text
  return text.split(",").map((url) => url.trim()).filter((url) => url !== "")
}

/**
 * Credentials from the environment: `KIBANA_API_KEY`, else `KIBANA_USERNAME` + `KIBANA_PASSWORD`, else
 * `KIBANA_BEARER_TOKEN`, else none.
 *
 * @since 0.1.0
 * @category config
 */
export const authFromEnv: Config.Config<KibanaAuth> = Config.redacted("KIBANA_API_KEY").pipe(
  Config.map(KibanaAuth.apiKey),
  Config.orElse(() =>
    Config.all([Config.string("KIBANA_USERNAME"), Config.redacted("KIBANA_PASSWORD")]).pipe(
      Config.map(([username, password]) => KibanaAuth.basic(username, password))
    )
  ),
  Config.orElse(() => Config.redacted("KIBANA_BEARER_TOKEN").pipe(Config.map(KibanaAuth.bearer))),
  Config.orElse(() => Config.succeed(KibanaAuth.none))
)

/**
 * Options `layerFromEnv` takes in code; the URL, credentials and timeout come from the environment.
 *
 * @since 0.1.0
 * @category models
 */
export type KibanaEnvOptions = Omit<KibanaClientOptions, "url" | "auth" | "timeout">

/**
 * A Kibana client configured from the environment: `KIBANA_URL` (required; several Kibana instances
 * separated by commas, e.g. `https://kibana-1:5601,https://kibana-2:5601`), the credentials of
 * `authFromEnv`, and `KIBANA_TIMEOUT` (a duration such as `10 seconds`, optional); other options in code.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (
  options: KibanaEnvOptions = {}
): Layer.Layer<KibanaClient, KibanaConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    KibanaClient,
    Config.all({
      url: Config.string("KIBANA_URL").pipe(Config.map(splitUrls)),
      auth: authFromEnv,
      timeout: Config.option(Config.duration("KIBANA_TIMEOUT")).pipe(Config.map(Option.getOrUndefined))
    }).pipe(Effect.mapError(fromConfigError), Effect.flatMap((env) => make({ ...options, ...env })))
  )

/**
 * Decodes the body of a `request` answer with your own schema; a mismatch is a `KibanaDecodeError`
 * naming the field, like the built-in services' decoding.
 *
 * ```ts
 * const response = yield* kibana.request({ method: "GET", path: "/api/features" })
 * const features = yield* KibanaClient.decode(Schema.Array(Feature))(response)
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode: <A, I>(
  schema: Schema.Schema<A, I>
) => (response: KibanaResponse) => Effect.Effect<A, KibanaDecodeError> = decodeBody
