/**
 * Kibana's status (`GET /api/status`): the overall level, core and plugin statuses, version and build.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const status = yield* (yield* Status.Status).get()
 *   if (status._tag === "RedactedStatus") return yield* Console.log(`anonymous: ${status.overall.level}`)
 *   yield* Console.log(`Kibana ${status.version.number}: ${status.overall.level} (${status.overall.summary})`)
 * })
 * ```
 *
 * Kibana answers an unauthenticated caller with the overall level only (`RedactedStatus`), and answers
 * 503 with the full document while a core service is unavailable: that is a status, not an error
 * (elastic/kibana:src/core/packages/status/server-internal/src/routes/status.ts).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { KibanaCommonError } from "../errors/KibanaError.js"
import { decodeBody, expectErrors } from "../internal/operation.js"
import {
  FullStatus,
  FullStatusResponse,
  LegacyStatus,
  LegacyStatusResponse,
  RedactedStatus,
  RedactedStatusResponse
} from "../schemas/Status.js"
import { KibanaClient } from "./KibanaClient.js"
import type { KibanaResponse } from "./KibanaClient.js"

/**
 * The status service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Status extends Context.Tag("effect-kibana/Status")<Status, Status.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Status {
  /**
   * Errors of every status operation: transport, authentication (older 8.x answer 401 to anonymous
   * callers instead of the redacted status), Kibana not ready, decoding.
   *
   * @since 0.1.0
   * @category errors
   */
  export type Error = KibanaCommonError

  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The status in Kibana's current format (`?v8format=true`), or the redacted answer. */
    readonly get: () => Effect.Effect<FullStatus | RedactedStatus, Error>
    /** The status in Kibana's legacy v7 format (`?v7format=true`), or the redacted answer. */
    readonly getLegacy: () => Effect.Effect<LegacyStatus | RedactedStatus, Error>
  }
}

const statusPath = "/api/status"

// Only the redacted answer lacks `version`: a full answer that fails to decode must not pass as redacted.
const hasVersion = (response: KibanaResponse) =>
  typeof response.body === "object" && response.body !== null && "version" in response.body

const decodeRedacted = decodeBody(RedactedStatusResponse)
const decodeFullBody = decodeBody(FullStatusResponse)
const decodeLegacyBody = decodeBody(LegacyStatusResponse)

const decodeFull = (response: KibanaResponse) =>
  hasVersion(response) ? decodeFullBody(response) : decodeRedacted(response)
const decodeLegacy = (response: KibanaResponse) =>
  hasVersion(response) ? decodeLegacyBody(response) : decodeRedacted(response)

const redacted = (body: { readonly status: { readonly overall: RedactedStatus["overall"] } }) =>
  new RedactedStatus({ overall: body.status.overall })

const toFull = (body: typeof FullStatusResponse.Type | typeof RedactedStatusResponse.Type) =>
  "version" in body
    ? new FullStatus({
      name: body.name,
      uuid: body.uuid,
      version: body.version,
      overall: body.status.overall,
      core: body.status.core,
      plugins: body.status.plugins,
      ...(body.metrics === undefined ? {} : { metrics: body.metrics })
    })
    : redacted(body)

const toLegacy = (body: typeof LegacyStatusResponse.Type | typeof RedactedStatusResponse.Type) =>
  "version" in body
    ? new LegacyStatus({
      name: body.name,
      uuid: body.uuid,
      version: body.version,
      overall: body.status.overall,
      statuses: body.status.statuses,
      ...(body.metrics === undefined ? {} : { metrics: body.metrics })
    })
    : redacted(body)

/**
 * Builds the status service over the Kibana client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Status.Service, never, KibanaClient> = Effect.gen(function*() {
  const kibana = yield* KibanaClient

  // Outside any space (no `KibanaSpaceNotFound`); a 503 carrying the status document is an answer.
  const fetch = (format: "v7format" | "v8format"): Effect.Effect<KibanaResponse, Status.Error> =>
    kibana.request({
      method: "GET",
      path: statusPath,
      query: { [format]: "true" },
      spaceScoped: false,
      answerStatuses: [503]
    }).pipe(expectErrors(), Effect.catchTag("KibanaSpaceNotFound", Effect.die))

  const get = Effect.fn("Status.get")(function*() {
    return toFull(yield* decodeFull(yield* fetch("v8format")))
  })

  const getLegacy = Effect.fn("Status.getLegacy")(function*() {
    return toLegacy(yield* decodeLegacy(yield* fetch("v7format")))
  })

  return Status.of({ get, getLegacy })
})

/**
 * The status service over the `KibanaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Status, never, KibanaClient> = Layer.effect(Status, make)
