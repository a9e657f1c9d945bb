/**
 * Kibana spaces: list, get, create, update, delete, temporary spaces deleted (with everything in
 * them) when a `Scope` closes, and sharing and copying saved objects between spaces.
 *
 * The space CRUD API is global: its requests never get a `/s/<space>` prefix, whatever space the caller
 * is in. The sharing and copy routes act on objects of the current space, so they do. Input is checked against
 * Kibana's own rules before anything is sent.
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
import { KibanaInputError } from "../errors/KibanaError.js"
import type {
  KibanaBadRequest,
  KibanaCommonError,
  KibanaConflict,
  KibanaNotFound,
  KibanaRequestError,
  KibanaSpaceNotFound,
  KibanaUnknownOutcome,
  KibanaUnsupportedFeature
} from "../errors/KibanaError.js"
import { decodeBody, expectErrors, expectNoContent } from "../internal/operation.js"
import { inputDefectsAsErrors } from "../internal/requestInput.js"
import { acquireWithId, settleWindowFor } from "../internal/scopedCreate.js"
import { gateSpaceSolution } from "../internal/versionGates.js"
import {
  CopySavedObjectsInput,
  CopyToSpaceResult,
  invalidSpaceIdReason,
  ResolveCopySavedObjectsErrorsInput,
  SavedObjectRef,
  ShareableReference,
  Space,
  spaceIdPattern,
  SpaceInput,
  SpacePurpose,
  UpdatedObjectSpaces,
  UpdateObjectsSpacesInput
} from "../schemas/Space.js"
import { KibanaClient } from "./KibanaClient.js"
import type { KibanaRequest, KibanaResponse } from "./KibanaClient.js"

/**
 * Options of `Spaces.list`. Kibana accepts `includeAuthorizedPurposes: true` only without a `purpose`.
 *
 * @since 0.1.0
 * @category models
 */
export type ListSpacesOptions =
  | {
    readonly purpose?: undefined
    /** Also list spaces the caller can only partly use, each with its `authorizedPurposes`. */
    readonly includeAuthorizedPurposes?: boolean | undefined
  }
  | {
    /** Only the spaces the caller is authorized in for this purpose (default `any`). */
    readonly purpose: SpacePurpose
    readonly includeAuthorizedPurposes?: false | undefined
  }

/**
 * The spaces service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Spaces extends Context.Tag("effect-kibana/Spaces")<Spaces, Spaces.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Spaces {
  /**
   * Errors every spaces operation can end with: invalid input, transport, authentication, server state,
   * decoding. No `KibanaSpaceNotFound`: the spaces API runs outside any space.
   *
   * @since 0.1.0
   * @category errors
   */
  export type BaseError = KibanaCommonError

  /**
   * Errors of `get`: no such space (404).
   *
   * @since 0.1.0
   * @category errors
   */
  export type GetError = KibanaNotFound | BaseError

  /**
   * Errors of `create` and `acquire`: the id is taken (409); Kibana refused the space (400), e.g. over
   * `xpack.spaces.maxSpaces` or a `solution` on serverless; a `solution` before 8.16
   * (`KibanaUnsupportedFeature`, with version gates on); a lost answer (`KibanaUnknownOutcome`, with the
   * space id; `acquire` looks it up itself).
   *
   * @since 0.1.0
   * @category errors
   */
  export type CreateError =
    | KibanaConflict
    | KibanaBadRequest
    | KibanaUnsupportedFeature
    | KibanaUnknownOutcome
    | BaseError

  /**
   * Errors of `update`: no such space (404); Kibana refused the space (400); a `solution` before 8.16
   * (`KibanaUnsupportedFeature`, with version gates on).
   *
   * @since 0.1.0
   * @category errors
   */
  export type UpdateError = KibanaNotFound | KibanaBadRequest | KibanaUnsupportedFeature | BaseError

  /**
   * Errors of `delete`: no such space (404); the reserved `default` space (400).
   *
   * @since 0.1.0
   * @category errors
   */
  export type DeleteError = KibanaNotFound | KibanaBadRequest | BaseError

  /**
   * Errors of `getShareableReferences` and `updateObjectsSpaces`: Kibana refused the request (400);
   * the client's current space does not exist. An object that cannot be changed is not an error: its
   * result carries Kibana's reason.
   *
   * @since 0.1.0
   * @category errors
   */
  export type SharingError = KibanaBadRequest | KibanaSpaceNotFound | BaseError

  /**
   * Errors of `copySavedObjects`: Kibana refused the request (400); an object could not be exported
   * from the current space (404 `Saved objects not found`; Kibana's exporter does not see hidden types
   * such as connectors); the client's current space does not exist. An object that could not be copied
   * into a space is not an error: it is in that space's `errors`.
   *
   * @since 0.1.0
   * @category errors
   */
  export type CopyError = KibanaBadRequest | KibanaNotFound | KibanaSpaceNotFound | BaseError

  /**
   * Errors of `resolveCopySavedObjectsErrors`: Kibana refused the request (400); the client's current
   * space does not exist. Kibana does not catch an export failure here: it answers 500
   * (`KibanaServerError`).
   *
   * @since 0.1.0
   * @category errors
   */
  export type ResolveCopyError = KibanaBadRequest | KibanaSpaceNotFound | BaseError

  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The spaces the caller may see, sorted by name. */
    readonly list: (options?: ListSpacesOptions) => Effect.Effect<ReadonlyArray<Space>, BaseError>
    readonly get: (id: string) => Effect.Effect<Space, GetError>
    readonly create: (input: SpaceInput) => Effect.Effect<Space, CreateError>
    /**
     * Replaces a space whole (Kibana's `PUT`): fields left out are cleared. The id cannot change.
     * Update from what `get` returned: `update({ ...space, name: "New name" })`.
     */
    readonly update: (input: SpaceInput) => Effect.Effect<Space, UpdateError>
    /** Deletes a space and every saved object in it (connectors included). Permanent. */
    readonly delete: (id: string) => Effect.Effect<void, DeleteError>
    /**
     * Creates a space that is deleted, with everything in it, when the surrounding `Scope` closes: on
     * success, failure or interruption, including a create that timed out or lost its answer (its
     * deletion is registered before the request leaves). A space already gone by then is fine; a failing
     * delete is logged as a warning and never replaces the program's own result.
     */
    readonly acquire: (input: SpaceInput) => Effect.Effect<Space, CreateError, Scope.Scope>
    /**
     * The spaces of objects in the current space and of the objects they reference
     * (`POST /api/spaces/_get_shareable_references`), each object once. At most 1000 objects.
     */
    readonly getShareableReferences: (
      objects: ReadonlyArray<SavedObjectRef>
    ) => Effect.Effect<ReadonlyArray<ShareableReference>, SharingError>
    /**
     * Adds objects of the current space to spaces and removes them from others
     * (`POST /api/spaces/_update_objects_spaces`; `*` is every space). One result per object, in order.
     */
    readonly updateObjectsSpaces: (
      input: UpdateObjectsSpacesInput
    ) => Effect.Effect<ReadonlyArray<UpdatedObjectSpaces>, SharingError>
    /**
     * Copies objects of the current space into other spaces (`POST /api/spaces/_copy_saved_objects`):
     * one result per target space. Not safe to repeat (new copies each time), so never retried.
     */
    readonly copySavedObjects: (
      input: CopySavedObjectsInput
    ) => Effect.Effect<Readonly<Record<string, CopyToSpaceResult>>, CopyError>
    /**
     * Copies again, with a retry per object and target space, the objects a copy reported as errors
     * (`POST /api/spaces/_resolve_copy_saved_objects_errors`): one result per space of `retries`.
     * Never retried.
     */
    readonly resolveCopySavedObjectsErrors: (
      input: ResolveCopySavedObjectsErrorsInput
    ) => Effect.Effect<Readonly<Record<string, CopyToSpaceResult>>, ResolveCopyError>
  }
}

const spacesPath = "/api/spaces/space"
const spacePath = (id: string) => `${spacesPath}/${id}` as const

const validateId = (operation: string) => (id: string): Effect.Effect<string, KibanaInputError> =>
  typeof id === "string" && spaceIdPattern.test(id)
    ? Effect.succeed(id)
    : Effect.fail(new KibanaInputError({ operation, field: "id", reason: invalidSpaceIdReason }))

/** Checks input against a schema; the error names every offending field. */
const validateWith = <A, I>(schema: Schema.Schema<A, I>, operation: string) => {
  const decode = Schema.decodeUnknown(schema, { errors: "all" })
  return (input: unknown): Effect.Effect<A, KibanaInputError> =>
    // suspended: the decode reads the input at once, and a throwing getter must become an error
    Effect.mapError(Effect.suspend(() => decode(input)), (error) => {
      const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
      return new KibanaInputError({
        operation,
        field: issues.map((issue) => issue.path.length === 0 ? "input" : issue.path.join(".")).join(", "),
        reason: issues.map((issue) => issue.message).join("; ")
      })
    }).pipe(inputDefectsAsErrors(operation, "input"))
}

/** Checks a space against Kibana's rules. */
const validateInput = (operation: string) => validateWith(SpaceInput, operation)

const validateListOptions = (options: ListSpacesOptions | undefined): Effect.Effect<void, KibanaInputError> =>
  Effect.suspend(() => checkListOptions(options)).pipe(inputDefectsAsErrors("Spaces.list", "options"))

const checkListOptions = (options: ListSpacesOptions | undefined): Effect.Effect<void, KibanaInputError> => {
  const fail = (field: string, reason: string) =>
    Effect.fail(new KibanaInputError({ operation: "Spaces.list", field, reason }))
  if (options?.purpose === undefined) return Effect.void
  if (!Schema.is(SpacePurpose)(options.purpose)) {
    return fail("purpose", `must be one of ${SpacePurpose.literals.join(", ")}`)
  }
  // Kibana's own rule and wording (`spaces/server/routes/api/external/get_all.ts`); the type already
  // forbids it, this catches callers that went around the type.
  const includeAuthorizedPurposes = options.includeAuthorizedPurposes as boolean | undefined
  return includeAuthorizedPurposes === true
    ? fail("includeAuthorizedPurposes", "include_authorized_purposes can only be false when purpose is specified")
    : Effect.void
}

const validateReferences = validateWith(
  Schema.Array(SavedObjectRef).pipe(Schema.maxItems(1000)),
  "Spaces.getShareableReferences"
)
const validateSpaceChange = validateWith(UpdateObjectsSpacesInput, "Spaces.updateObjectsSpaces")
const validateCopy = validateWith(CopySavedObjectsInput, "Spaces.copySavedObjects")
const validateResolveCopy = validateWith(ResolveCopySavedObjectsErrorsInput, "Spaces.resolveCopySavedObjectsErrors")

const decodeSpace = decodeBody(Space)
const decodeReferences = decodeBody(Schema.Struct({ objects: Schema.Array(ShareableReference) }))
const decodeUpdated = decodeBody(Schema.Struct({ objects: Schema.Array(UpdatedObjectSpaces) }))
const decodeSpaces = decodeBody(Schema.Array(Space))
const decodeCopyResults = decodeBody(Schema.Record({ key: Schema.String, value: CopyToSpaceResult }))

/**
 * Builds the spaces service over the Kibana client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Spaces.Service, never, KibanaClient> = Effect.gen(function*() {
  const kibana = yield* KibanaClient

  // Never prefixed, so the existence check (the only source of `KibanaSpaceNotFound`) cannot apply.
  const request = (
    request: KibanaRequest
  ): Effect.Effect<KibanaResponse, Exclude<KibanaRequestError, { _tag: "KibanaSpaceNotFound" }>> =>
    kibana.request({ ...request, spaceScoped: false }).pipe(Effect.catchTag("KibanaSpaceNotFound", Effect.die))

  const list = Effect.fnUntraced(function*(options?: ListSpacesOptions) {
    yield* validateListOptions(options)
    const response = yield* request({
      method: "GET",
      path: spacesPath,
      operation: "Spaces.list",
      query: {
        purpose: options?.purpose,
        include_authorized_purposes: options?.includeAuthorizedPurposes === undefined
          ? undefined
          : String(options.includeAuthorizedPurposes)
      }
    }).pipe(expectErrors())
    return yield* decodeSpaces(response)
  })

  const get = Effect.fnUntraced(function*(id: string) {
    const spaceId = yield* validateId("Spaces.get")(id)
    const response = yield* request({ method: "GET", path: spacePath(spaceId), operation: "Spaces.get" }).pipe(
      expectErrors("KibanaNotFound")
    )
    return yield* decodeSpace(response)
  })

  const create = Effect.fnUntraced(function*(input: SpaceInput) {
    const body = yield* validateInput("Spaces.create")(input)
    yield* gateSpaceSolution(kibana, "Spaces.create", body.solution)
    const response = yield* request({
      method: "POST",
      path: spacesPath,
      body,
      operation: "Spaces.create",
      createdId: body.id
    }).pipe(
      expectErrors("KibanaConflict", "KibanaBadRequest", "KibanaUnknownOutcome"),
      // Whatever the outcome, what the existence check remembers about this id may now be wrong.
      Effect.ensuring(kibana.invalidateSpace(body.id))
    )
    return yield* decodeSpace(response)
  })

  const update = Effect.fnUntraced(function*(input: SpaceInput) {
    const body = yield* validateInput("Spaces.update")(input)
    yield* gateSpaceSolution(kibana, "Spaces.update", body.solution)
    const response = yield* request({ method: "PUT", path: spacePath(body.id), body, operation: "Spaces.update" }).pipe(
      expectErrors("KibanaNotFound", "KibanaBadRequest")
    )
    return yield* decodeSpace(response)
  })

  const del = Effect.fnUntraced(function*(id: string) {
    const spaceId = yield* validateId("Spaces.delete")(id)
    const response = yield* request({ method: "DELETE", path: spacePath(spaceId), operation: "Spaces.delete" }).pipe(
      expectErrors("KibanaNotFound", "KibanaBadRequest"),
      Effect.ensuring(kibana.invalidateSpace(spaceId))
    )
    yield* expectNoContent(response)
  })

  const releaseFailed = (spaceId: string) => (error: unknown) =>
    Effect.logWarning("could not delete temporary space").pipe(
      Effect.annotateLogs({
        spaceId,
        error: typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "Defect",
        reason: error instanceof Error ? error.message : String(error)
      })
    )

  // A space's id is in its input, so the release is registered before the create leaves.
  const acquire = (input: SpaceInput) =>
    Effect.flatMap(validateInput("Spaces.create")(input), (valid) =>
      acquireWithId({
        create: create(valid),
        find: get(valid.id).pipe(
          Effect.map(Option.some),
          Effect.catchTag("KibanaNotFound", () => Effect.succeedNone)
        ),
        remove: del(valid.id).pipe(
          Effect.as("deleted" as const),
          Effect.catchTag("KibanaNotFound", () => Effect.succeed("missing" as const)),
          Effect.catchAllDefect(Effect.fail)
        ),
        settleWindow: settleWindowFor(kibana.timeout),
        onReleaseFailure: releaseFailed(valid.id)
      }))

  // Unversioned routes of the current space (`router.post`, spaces/server/routes/api/external/*.ts).
  const getShareableReferences = Effect.fnUntraced(function*(objects: ReadonlyArray<SavedObjectRef>) {
    const valid = yield* validateReferences(objects)
    const response = yield* kibana.request({
      method: "POST",
      path: "/api/spaces/_get_shareable_references",
      body: { objects: valid.map(({ id, type }) => ({ type, id })) },
      operation: "Spaces.getShareableReferences",
      // a read sent as POST: safe to repeat
      idempotent: true
    }).pipe(expectErrors("KibanaBadRequest"))
    return (yield* decodeReferences(response)).objects
  })

  const updateObjectsSpaces = Effect.fnUntraced(function*(input: UpdateObjectsSpacesInput) {
    const { objects, spacesToAdd, spacesToRemove } = yield* validateSpaceChange(input)
    const response = yield* kibana.request({
      method: "POST",
      path: "/api/spaces/_update_objects_spaces",
      body: { objects: objects.map(({ id, type }) => ({ type, id })), spacesToAdd, spacesToRemove },
      operation: "Spaces.updateObjectsSpaces",
      // adding and removing the same spaces again leaves the same sharing: safe to repeat
      idempotent: true
    }).pipe(expectErrors("KibanaBadRequest"))
    return (yield* decodeUpdated(response)).objects
  })

  const copySavedObjects = Effect.fnUntraced(function*(input: CopySavedObjectsInput) {
    const valid = yield* validateCopy(input)
    const response = yield* kibana.request({
      method: "POST",
      path: "/api/spaces/_copy_saved_objects",
      body: { ...valid, objects: valid.objects.map(({ id, type }) => ({ type, id })) },
      operation: "Spaces.copySavedObjects"
      // not idempotent: with createNewCopies every attempt makes new copies
    }).pipe(expectErrors("KibanaBadRequest", "KibanaNotFound"))
    return yield* decodeCopyResults(response)
  })

  const resolveCopySavedObjectsErrors = Effect.fnUntraced(function*(input: ResolveCopySavedObjectsErrorsInput) {
    const valid = yield* validateResolveCopy(input)
    const response = yield* kibana.request({
      method: "POST",
      path: "/api/spaces/_resolve_copy_saved_objects_errors",
      body: { ...valid, objects: valid.objects.map(({ id, type }) => ({ type, id })) },
      operation: "Spaces.resolveCopySavedObjectsErrors"
      // not idempotent: a retry with createNewCopy makes a new copy each time
    }).pipe(expectErrors("KibanaBadRequest"))
    return yield* decodeCopyResults(response)
  })

  return Spaces.of({
    list,
    get,
    create,
    update,
    delete: del,
    acquire,
    getShareableReferences,
    updateObjectsSpaces,
    copySavedObjects,
    resolveCopySavedObjectsErrors
  })
})

/**
 * The spaces service over the `KibanaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Spaces, never, KibanaClient> = Layer.effect(Spaces, make)
