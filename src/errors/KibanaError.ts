/**
 * The client's tagged errors: one per way a call to Kibana can fail. Every tag starts with `Kibana`, and
 * `KibanaError` is the union of them all.
 *
 * Every error that comes from an HTTP exchange carries the request's `method` and `path` (after the
 * space prefix, without the base URL) and, when Kibana answered, its `status` and its own message.
 * None of them ever holds a header, a credential or a request body.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ExecutionRetry } from "../schemas/ConnectorExecution.js"

const requestFields = {
  /** HTTP method of the failed request. */
  method: Schema.String,
  /** Request path including any `/s/<space>` prefix, without the base URL or query. */
  path: Schema.String
}

const answerFields = {
  ...requestFields,
  /** HTTP status Kibana answered with. */
  status: Schema.Number,
  /** Kibana's own `message` (or the plain-text body when Kibana sent no JSON envelope). */
  kibanaMessage: Schema.String
}

const describeAnswer = (error: { method: string; path: string; status: number; kibanaMessage: string }) =>
  `${error.method} ${error.path} -> ${error.status}: ${error.kibanaMessage}`

/**
 * Kibana rejected the request as invalid (HTTP 400): a body that fails validation, a rejected config,
 * a missing `kbn-xsrf` header, a reserved object.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaBadRequest extends Schema.TaggedError<KibanaBadRequest>()("KibanaBadRequest", {
  ...answerFields,
  /** Kibana's optional `attributes` object. */
  attributes: Schema.optional(Schema.Unknown)
}) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * Kibana did not accept the credentials (HTTP 401): missing, wrong or expired.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaUnauthorized extends Schema.TaggedError<KibanaUnauthorized>()("KibanaUnauthorized", answerFields) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * The credentials are valid but lack the privilege, for example in this space (HTTP 403).
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaForbidden extends Schema.TaggedError<KibanaForbidden>()("KibanaForbidden", answerFields) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * The object does not exist, or not in this space (HTTP 404).
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaNotFound extends Schema.TaggedError<KibanaNotFound>()("KibanaNotFound", answerFields) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * The object already exists (HTTP 409), e.g. a connector id taken in any space.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaConflict extends Schema.TaggedError<KibanaConflict>()("KibanaConflict", answerFields) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * Kibana is overloaded (HTTP 429) and still was after the client's retries.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaTooManyRequests extends Schema.TaggedError<KibanaTooManyRequests>()("KibanaTooManyRequests", {
  ...answerFields,
  /** The server's `Retry-After`, when it sent one. */
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * Kibana failed (HTTP 5xx), including `503 Kibana server is not ready yet` while it starts.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaServerError extends Schema.TaggedError<KibanaServerError>()("KibanaServerError", {
  ...answerFields,
  /** The server's `Retry-After`, when it sent one. */
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * Kibana answered with a status this operation does not expect (for example 405 or 413).
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaUnexpectedStatus extends Schema.TaggedError<KibanaUnexpectedStatus>()(
  "KibanaUnexpectedStatus",
  answerFields
) {
  override get message() {
    return describeAnswer(this)
  }
}

/**
 * The request never got an answer: connection refused or reset, DNS failure, TLS failure.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaTransportError extends Schema.TaggedError<KibanaTransportError>()("KibanaTransportError", {
  ...requestFields,
  /** What went wrong at the network level. */
  reason: Schema.Literal("ConnectionRefused", "ConnectionReset", "DnsLookup", "Tls", "InvalidUrl", "Other"),
  /** The underlying system error text, e.g. `connect ECONNREFUSED 127.0.0.1:5601`. */
  detail: Schema.String
}) {
  override get message() {
    return `${this.method} ${this.path}: ${this.reason}: ${this.detail}`
  }
}

/**
 * An attempt took longer than the configured request timeout.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaTimeout extends Schema.TaggedError<KibanaTimeout>()("KibanaTimeout", {
  ...requestFields,
  timeout: Schema.DurationFromSelf
}) {
  override get message() {
    return `${this.method} ${this.path}: no answer within ${this.timeout.toString()}`
  }
}

/**
 * A request that is not safe to repeat (a POST: create, execute) left, and its answer was lost (a reset
 * connection, a timeout, a 502 or 504): Kibana may or may not have acted. It was not repeated, since a
 * repeat could create or send twice. `cause` is how the answer was lost; `id`, for a create whose id the
 * caller chose, is what to look up to learn the outcome (`connectors.get(id)`; a repeated create with
 * that id answers `KibanaConflict` when the first one landed).
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaUnknownOutcome extends Schema.TaggedError<KibanaUnknownOutcome>()("KibanaUnknownOutcome", {
  ...requestFields,
  /** The operation, e.g. `Connectors.create`. */
  operation: Schema.String,
  /** The id of the object the request creates, when the caller chose it. */
  id: Schema.optionalWith(Schema.String, { exact: true }),
  /** How the answer was lost. */
  cause: Schema.Union(KibanaTransportError, KibanaTimeout, KibanaServerError)
}) {
  override get message() {
    const resolve = this.id === undefined ? "" : `; look up id ${this.id} to learn whether it did`
    return `${this.operation} (${this.method} ${this.path}): the answer was lost (${this.cause.message}); ` +
      `Kibana may or may not have acted, and the request was not repeated${resolve}`
  }
}

/**
 * Kibana's answer did not match the schema this operation expects. `issue` says which field and why.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaDecodeError extends Schema.TaggedError<KibanaDecodeError>()("KibanaDecodeError", {
  ...requestFields,
  status: Schema.Number,
  /** Which field failed and why, e.g. `["name"]: is missing`. */
  issue: Schema.String
}) {
  override get message() {
    return `${this.method} ${this.path} -> ${this.status}: unexpected response body: ${this.issue}`
  }
}

/**
 * The server at the configured URL is not Kibana (for example Elasticsearch, or a proxy's HTML page).
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaWrongServer extends Schema.TaggedError<KibanaWrongServer>()("KibanaWrongServer", {
  ...requestFields,
  status: Schema.Number,
  /** What the server appears to be, e.g. `Elasticsearch` (from `x-elastic-product`), or a content type. */
  server: Schema.String
}) {
  override get message() {
    return `${this.method} ${this.path} -> ${this.status}: the server is not Kibana (it looks like ${this.server}); ` +
      "check the URL points at Kibana, not Elasticsearch"
  }
}

/**
 * Input was rejected by the client before any request was sent: `field` says where, `reason` why.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaInputError extends Schema.TaggedError<KibanaInputError>()("KibanaInputError", {
  /** The operation that rejected the input, e.g. `Spaces.create`. */
  operation: Schema.String,
  /** The offending field, e.g. `space` or `color`. */
  field: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.operation}: invalid ${this.field}: ${this.reason}`
  }
}

/**
 * The client options are unusable (for example a URL that is not http(s), or credentials in the URL).
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaConfigError extends Schema.TaggedError<KibanaConfigError>()("KibanaConfigError", {
  field: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `invalid Kibana client option ${this.field}: ${this.reason}`
  }
}

/**
 * A call was made into a space that does not exist, with space existence checks turned on.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaSpaceNotFound extends Schema.TaggedError<KibanaSpaceNotFound>()("KibanaSpaceNotFound", {
  spaceId: Schema.String
}) {
  override get message() {
    return `space "${this.spaceId}" does not exist`
  }
}

/**
 * A connector ran and failed. Kibana reports it as HTTP 200 with `status: "error"`: `message` is Kibana's
 * (for example `error indexing documents`), `serviceMessage` the connector's detail from the remote
 * service, `retry` whether (or from when) retrying makes sense, and `errorSource` whether the user's input
 * or the framework is at fault.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaExecutionError extends Schema.TaggedError<KibanaExecutionError>()("KibanaExecutionError", {
  connectorId: Schema.String,
  message: Schema.String,
  serviceMessage: Schema.optionalWith(Schema.String, { exact: true }),
  retry: Schema.optionalWith(ExecutionRetry, { exact: true }),
  errorSource: Schema.optionalWith(Schema.Literal("user", "framework"), { exact: true })
}) {}

/**
 * The server's Kibana version cannot do what was asked, so the client refused before sending (with
 * version gates on, once the version is known). `feature` says what, `minimumVersion` from when.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaUnsupportedFeature extends Schema.TaggedError<KibanaUnsupportedFeature>()(
  "KibanaUnsupportedFeature",
  {
    /** The operation that refused, e.g. `Connectors.create`. */
    operation: Schema.String,
    /** What the call needs, e.g. `caller-chosen connector ids`. */
    feature: Schema.String,
    /** The first Kibana version that has it, e.g. `8.8.0`. */
    minimumVersion: Schema.String,
    /** The version the server reported. */
    serverVersion: Schema.String
  }
) {
  override get message() {
    return `${this.operation}: ${this.feature}: available from Kibana ${this.minimumVersion}, the server is ${this.serverVersion}`
  }
}

/**
 * `Connectors.ensure` found several connectors with the name and type it was asked for (Kibana does not
 * keep names unique), so it cannot tell which one to converge; `ids` lists them.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaAmbiguousConnector extends Schema.TaggedError<KibanaAmbiguousConnector>()(
  "KibanaAmbiguousConnector",
  {
    name: Schema.String,
    connectorTypeId: Schema.String,
    ids: Schema.Array(Schema.String)
  }
) {
  override get message() {
    return `${this.ids.length} connectors of type ${this.connectorTypeId} are named ${JSON.stringify(this.name)}: ${
      this.ids.join(", ")
    }`
  }
}

/**
 * Errors any request can end with, whatever the operation.
 *
 * @since 0.1.0
 * @category errors
 */
export type KibanaCommonError =
  | KibanaUnauthorized
  | KibanaForbidden
  | KibanaTooManyRequests
  | KibanaServerError
  | KibanaUnexpectedStatus
  | KibanaTransportError
  | KibanaTimeout
  | KibanaDecodeError
  | KibanaResponseTooLarge
  | KibanaWrongServer
  | KibanaInputError

/**
 * Errors that only some operations can meet; each operation lists the ones it can.
 *
 * @since 0.1.0
 * @category errors
 */
export type KibanaStatusError = KibanaBadRequest | KibanaNotFound | KibanaConflict

/**
 * Every error a request through `KibanaClient` can fail with, before an operation narrows it
 * (`KibanaUnknownOutcome` only for a request that is not idempotent).
 *
 * @since 0.1.0
 * @category errors
 */
export type KibanaRequestError = KibanaCommonError | KibanaStatusError | KibanaUnknownOutcome | KibanaSpaceNotFound

/**
 * Kibana's answer was larger than the client's `maxResponseBytes`; the rest of it was not read.
 *
 * @since 0.1.0
 * @category errors
 */
export class KibanaResponseTooLarge extends Schema.TaggedError<KibanaResponseTooLarge>()("KibanaResponseTooLarge", {
  ...requestFields,
  status: Schema.Number,
  /** The client's limit, in bytes. */
  maxBytes: Schema.Number
}) {
  override get message() {
    return `${this.method} ${this.path} -> ${this.status}: the answer is larger than ${this.maxBytes} bytes ` +
      "(the client option maxResponseBytes)"
  }
}

/**
 * Every error of this library: what a request can fail with, a failed connector execution, a feature the
 * server's version lacks, an ambiguous ensure, and unusable client options. Each operation's own error type is a precise subset.
 *
 * @since 0.1.0
 * @category errors
 */
export type KibanaError =
  | KibanaRequestError
  | KibanaExecutionError
  | KibanaUnsupportedFeature
  | KibanaAmbiguousConnector
  | KibanaConfigError
