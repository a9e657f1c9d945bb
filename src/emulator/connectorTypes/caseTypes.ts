/**
 * What the incident-management types Cases pushes to share (`.jira`, `.resilient`, `.swimlane`,
 * `.cases-webhook`, `.thehive`): the `pushToService` params, and the push itself, which creates or updates
 * the external incident and then adds each comment
 * (elastic/kibana:x-pack/platform/plugins/shared/actions/server/sub_action_framework/case.ts `pushToService`,
 * and the same handler in `stack_connectors/server/connector_types/{swimlane,cases_webhook}/api.ts`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ExecutorResult } from "../ConnectorTypeSpec.js"
import { SubActionError } from "./subActions.js"
import * as V from "./validation.js"

/**
 * The comments pushed with an incident.
 *
 * @since 0.1.0
 * @category validation
 * @internal
 */
export const comments = V.withDefault(
  V.nullable(V.array(V.strictObject({ comment: V.string(), commentId: V.string() }))),
  null
)

/**
 * A comment pushed with an incident.
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export type PushComment = NonNullable<V.TypeOf<typeof comments>>[number]

/**
 * A `{ subAction: <name>, subActionParams }` member of a classic type's params union.
 *
 * @since 0.1.0
 * @category validation
 * @internal
 */
export const subActionOf = <Name extends string, P>(name: Name, subActionParams: V.Validator<P>) =>
  V.strictObject({ subAction: V.literalUnion([name]), subActionParams })

/**
 * The `pushToService` member: an incident and its comments.
 *
 * @since 0.1.0
 * @category validation
 * @internal
 */
export const pushToService = <I>(incident: V.Validator<I>) =>
  subActionOf("pushToService", V.strictObject({ incident, comments }))

/**
 * The custom rule of an `apiUrl`.
 *
 * @since 0.1.0
 * @category validation
 * @internal
 */
export const urlRule = (url: string) =>
  URL.canParse(url) ? undefined : "error configuring connector action: unable to parse url: TypeError: Invalid URL"

/**
 * The external incident a push created or updated (`ExternalServiceIncidentResponse`).
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export interface PushedIncident {
  readonly id: string
  readonly title: string
  readonly url: string
  readonly pushedDate: string
}

/**
 * A pushed comment, as the push result lists it.
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export interface PushedComment {
  readonly commentId: string
  readonly pushedDate: string
}

/**
 * Creates (no `externalId`) or updates the incident, then adds the comments one after the other; the
 * result lists the comments only when some were given. `addComment` answers `undefined` for a comment
 * it skips (`.cases-webhook` skips empty ones).
 *
 * @since 0.1.0
 * @category executor
 * @internal
 */
export const pushIncident = <E>(options: {
  readonly externalId: string | null
  readonly create: Effect.Effect<PushedIncident, E>
  readonly update: (externalId: string) => Effect.Effect<PushedIncident, E>
  readonly comments: ReadonlyArray<PushComment> | null
  readonly addComment: (pushed: PushedIncident, comment: PushComment) => Effect.Effect<PushedComment | undefined, E>
}): Effect.Effect<PushedIncident & { readonly comments?: ReadonlyArray<PushedComment> }, E> =>
  Effect.gen(function*() {
    const pushed = options.externalId === null ? yield* options.create : yield* options.update(options.externalId)
    if (options.comments === null || options.comments.length === 0) return pushed
    const added = yield* Effect.forEach(options.comments, (comment) => options.addComment(pushed, comment))
    return { ...pushed, comments: added.filter((comment) => comment !== undefined) }
  })

/**
 * What Kibana's action executor answers when an executor throws: the thrown message as `serviceMessage`
 * (elastic/kibana:x-pack/platform/plugins/shared/actions/server/lib/action_executor.ts).
 *
 * @since 0.1.0
 * @category executor
 * @internal
 */
export const thrown = (error: SubActionError): ExecutorResult => ({
  status: "error",
  message: "an error occurred while running the action",
  serviceMessage: error.message,
  retry: true,
  errorSource: error.errorSource
})

/**
 * What the classic executors of `.jira`, `.servicenow` and `.servicenow-sir` answer for a sub-action their
 * API has a handler for but their `supportedSubActions` leave out (`handshake`): they throw
 * `[Action][ExternalService] subAction <name> not implemented.` before calling the service
 * (elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/jira/index.ts and
 * `.../lib/servicenow/utils.ts` `throwIfSubActionIsNotSupported`).
 *
 * @since 0.1.0
 * @category executor
 * @internal
 */
export const subActionNotImplemented = (subAction: string): ExecutorResult =>
  thrown(
    new SubActionError({
      message: `[Action][ExternalService] subAction ${subAction} not implemented.`,
      errorSource: "framework"
    })
  )
