/**
 * Schemas of Kibana spaces: the space object Kibana returns and the input for creating or updating one.
 *
 * The input carries Kibana's own rules and wording (`x-pack/platform/plugins/shared/spaces/server/lib/space_schema.ts`),
 * so a bad space is rejected by the client, naming the field, before any request is sent. The space
 * object's fields are camelCase on the wire already; only `_reserved` is renamed (`reserved`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Kibana's rule for space ids (`SPACE_ID_REGEX`). There is no length limit on the server.
 *
 * @since 0.1.0
 * @category constants
 */
export const spaceIdPattern: RegExp = /^[a-z0-9_-]+$/

/**
 * Kibana's message for an id that breaks `spaceIdPattern`.
 *
 * @since 0.1.0
 * @category constants
 */
export const invalidSpaceIdReason = "must be lower case, a-z, 0-9, '_', and '-' are allowed"

/**
 * A space id: lower case `a-z`, `0-9`, `_` and `-`. It is the `/s/<id>` URL prefix and cannot change.
 *
 * @since 0.1.0
 * @category models
 */
export const SpaceId = Schema.String.pipe(Schema.pattern(spaceIdPattern, { message: () => invalidSpaceIdReason }))

const Name = Schema.String.pipe(
  Schema.minLength(1, {
    message: (issue) => `value has length [${String(issue.actual).length}] but it must have a minimum length of [1].`
  })
)

const Initials = Schema.String.pipe(
  Schema.maxLength(2, {
    message: (issue) => `value has length [${String(issue.actual).length}] but it must have a maximum length of [2].`
  })
)

// Kibana accepts any six alphanumerics after the `#`; the avatar needs a real hex colour, so the client
// holds callers to `#rrggbb`.
const Color = Schema.String.pipe(
  Schema.pattern(/^#[0-9a-fA-F]{6}$/, { message: () => "must be a 6 digit hex color, starting with a #" })
)

const ImageUrl = Schema.String.pipe(
  Schema.filter((url) => url === "" || url.startsWith("data:image"), {
    message: () => "must start with 'data:image'"
  })
)

/**
 * What makes a space, for `Spaces.create` and `Spaces.update`.
 *
 * `update` replaces the whole space as Kibana's `PUT` does: a field left out is cleared
 * (`disabledFeatures` back to `[]`), so update from a space read with `get`: `{ ...space, name }`.
 *
 * @since 0.1.0
 * @category models
 */
export const SpaceInput = Schema.Struct({
  id: SpaceId,
  name: Name,
  description: Schema.optionalWith(Schema.String, { exact: true }),
  /** `#rrggbb`; Kibana derives one from the name when absent. */
  color: Schema.optionalWith(Color, { exact: true }),
  /** At most two characters; Kibana derives them from the name when absent. */
  initials: Schema.optionalWith(Initials, { exact: true }),
  /** A `data:image/...` URL (or `""` for none), shown instead of the initials. */
  imageUrl: Schema.optionalWith(ImageUrl, { exact: true }),
  /** Feature ids hidden in this space, e.g. `["discover", "dashboard"]`. */
  disabledFeatures: Schema.optionalWith(Schema.Array(Schema.String), { exact: true }),
  /** The solution view (`es`, `oblt`, `security` or `classic`); self-managed Kibana 8.16+ only. */
  solution: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type SpaceInput = typeof SpaceInput.Type

/**
 * A space as Kibana returns it. Unknown fields (e.g. `projectRouting`) are ignored.
 *
 * @since 0.1.0
 * @category models
 */
export class Space extends Schema.Class<Space>("Space")({
  id: Schema.String,
  name: Schema.String,
  description: Schema.optionalWith(Schema.String, { exact: true }),
  color: Schema.optionalWith(Schema.String, { exact: true }),
  initials: Schema.optionalWith(Schema.String, { exact: true }),
  imageUrl: Schema.optionalWith(Schema.String, { exact: true }),
  disabledFeatures: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  /** Kept a string so a solution added by a newer Kibana still reads. */
  solution: Schema.optionalWith(Schema.String, { exact: true }),
  /** `true` only for the `default` space, which cannot be deleted (wire name `_reserved`). */
  reserved: Schema.optionalWith(Schema.Boolean, { exact: true }).pipe(Schema.fromKey("_reserved")),
  /** Only with `list({ includeAuthorizedPurposes: true })`: what the caller may do in this space. */
  authorizedPurposes: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Boolean }), {
    exact: true
  })
}) {}

/**
 * Which authorization check `Spaces.list` applies (Kibana's `purpose` query parameter).
 *
 * @since 0.1.0
 * @category models
 */
export const SpacePurpose = Schema.Literal("any", "copySavedObjectsIntoSpace", "shareSavedObjectsIntoSpace")

/**
 * @since 0.1.0
 * @category models
 */
export type SpacePurpose = typeof SpacePurpose.Type

// update_objects_spaces.ts: a space id or `*` (ALL_SPACES_ID), in Kibana's words
const SpaceIdOrAll = Schema.String.pipe(
  Schema.filter((id) => id === "*" || spaceIdPattern.test(id), {
    message: () => `lower case, a-z, 0-9, "_", and "-" are allowed, OR "*"`
  })
)

const SpaceIdsToChange = Schema.Array(SpaceIdOrAll).pipe(
  Schema.maxItems(1000),
  Schema.filter((ids) => new Set(ids).size === ids.length, {
    message: () => "duplicate space ids are not allowed"
  })
)

/**
 * A saved object named by type and id, as the spaces sharing routes take it.
 *
 * @since 0.1.0
 * @category models
 */
export const SavedObjectRef = Schema.Struct({ type: Schema.String, id: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type SavedObjectRef = typeof SavedObjectRef.Type

/**
 * One object of `Spaces.getShareableReferences`: a requested object or one it references, with the
 * spaces it is in (`SavedObjectReferenceWithContext`,
 * elastic/kibana:src/core/packages/saved-objects/api-server/src/apis/collect_multinamespace_references.ts).
 * `spaces` is empty for a type that cannot be shared.
 *
 * @since 0.1.0
 * @category models
 */
export class ShareableReference extends Schema.Class<ShareableReference>("ShareableReference")({
  type: Schema.String,
  id: Schema.String,
  originId: Schema.optionalWith(Schema.String, { exact: true }),
  spaces: Schema.Array(Schema.String),
  /** The objects that reference this one. */
  inboundReferences: Schema.Array(Schema.Struct({ type: Schema.String, id: Schema.String, name: Schema.String })),
  /** `true` when the object does not exist. */
  isMissing: Schema.optionalWith(Schema.Boolean, { exact: true }),
  /** Spaces holding a legacy URL alias that points to this object. */
  spacesWithMatchingAliases: Schema.optionalWith(Schema.Array(Schema.String), { exact: true }),
  /** Spaces holding an object with the same origin. */
  spacesWithMatchingOrigins: Schema.optionalWith(Schema.Array(Schema.String), { exact: true })
}) {}

/**
 * One object of `Spaces.updateObjectsSpaces`: its spaces after the change, or why it was not changed
 * (Kibana's error payload, e.g. 404 for an object the caller cannot see).
 *
 * @since 0.1.0
 * @category models
 */
export class UpdatedObjectSpaces extends Schema.Class<UpdatedObjectSpaces>("UpdatedObjectSpaces")({
  type: Schema.String,
  id: Schema.String,
  spaces: Schema.Array(Schema.String),
  error: Schema.optionalWith(
    Schema.Struct({ statusCode: Schema.Number, error: Schema.String, message: Schema.String }),
    { exact: true }
  )
}) {}

// the repository's own checks, in its words (without the `: Bad Request` its error adds)
const spaceChangeProblem = (
  input: { readonly spacesToAdd: ReadonlyArray<string>; readonly spacesToRemove: ReadonlyArray<string> }
): string | undefined =>
  input.spacesToAdd.length === 0 && input.spacesToRemove.length === 0
    ? "spacesToAdd and/or spacesToRemove must be a non-empty array of strings"
    : input.spacesToAdd.some((space) => input.spacesToRemove.includes(space))
    ? "spacesToAdd and spacesToRemove cannot contain any of the same strings"
    : undefined

/**
 * The input of `Spaces.updateObjectsSpaces`, with Kibana's rules
 * (elastic/kibana:x-pack/platform/plugins/shared/spaces/server/routes/api/external/update_objects_spaces.ts
 * and the saved objects repository's `updateObjectsSpaces`): at most 1000 objects and spaces, space ids
 * or `*` (every space), no duplicates, at least one space to add or remove, none both.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateObjectsSpacesInput = Schema.Struct({
  objects: Schema.Array(SavedObjectRef).pipe(Schema.maxItems(1000)),
  spacesToAdd: SpaceIdsToChange,
  spacesToRemove: SpaceIdsToChange
}).pipe(Schema.filter(spaceChangeProblem))

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateObjectsSpacesInput = typeof UpdateObjectsSpacesInput.Type

// `areObjectsUnique` (spaces/server/routes/api/external/copy_to_space.ts): one object per `type:id`
const UniqueObjects = Schema.Array(SavedObjectRef).pipe(
  Schema.filter((objects) => new Set(objects.map(({ id, type }) => `${type}:${id}`)).size === objects.length, {
    message: () => "duplicate objects are not allowed"
  })
)

// Kibana's defaults: `createNewCopies` true, `overwrite` and `compatibilityMode` false
const copyModeProblem = (input: {
  readonly overwrite?: boolean | undefined
  readonly createNewCopies?: boolean | undefined
  readonly compatibilityMode?: boolean | undefined
}): string | undefined => {
  const createNewCopies = input.createNewCopies ?? true
  return input.overwrite === true && createNewCopies
    ? "cannot use [overwrite] with [createNewCopies]"
    : input.compatibilityMode === true && createNewCopies
    ? "cannot use [compatibilityMode] with [createNewCopies]"
    : undefined
}

const OptionalFlag = Schema.optionalWith(Schema.Boolean, { exact: true })

/**
 * The input of `Spaces.copySavedObjects`, with Kibana's rules
 * (elastic/kibana:x-pack/platform/plugins/shared/spaces/server/routes/api/external/copy_to_space.ts):
 * target space ids without duplicates, objects without duplicates. `createNewCopies` defaults to `true`
 * (copies get new ids); `overwrite` and `compatibilityMode` need `createNewCopies: false`.
 *
 * @since 0.1.0
 * @category models
 */
export const CopySavedObjectsInput = Schema.Struct({
  spaces: Schema.Array(SpaceId).pipe(
    Schema.filter((ids) => new Set(ids).size === ids.length, { message: () => "duplicate space ids are not allowed" })
  ),
  objects: UniqueObjects,
  /** Also copy the objects these reference. Default `false`. */
  includeReferences: OptionalFlag,
  /** Replace an object of the same id in a target space instead of reporting a conflict. Default `false`. */
  overwrite: OptionalFlag,
  /** Give every copy a new id. Default `true`. */
  createNewCopies: OptionalFlag,
  /** Adjust the copies for older Kibana versions. Default `false`. */
  compatibilityMode: OptionalFlag
}).pipe(Schema.filter(copyModeProblem))

/**
 * @since 0.1.0
 * @category models
 */
export type CopySavedObjectsInput = typeof CopySavedObjectsInput.Type

/**
 * How to retry one object in one target space (`SavedObjectsImportRetry` without `replaceReferences`,
 * elastic/kibana:src/core/packages/saved-objects/common/src/saved_objects_imports.ts).
 *
 * @since 0.1.0
 * @category models
 */
export const CopyRetry = Schema.Struct({
  type: Schema.String,
  id: Schema.String,
  /** Replace the conflicting object in the target space. Default `false`. */
  overwrite: OptionalFlag,
  /** The id the copy gets in the target space, e.g. a conflict's `destinationId`. */
  destinationId: Schema.optionalWith(Schema.String, { exact: true }),
  /** Give this copy a new id. */
  createNewCopy: OptionalFlag,
  /** Copy the object even though references of it are missing. */
  ignoreMissingReferences: OptionalFlag
})

/**
 * @since 0.1.0
 * @category models
 */
export type CopyRetry = typeof CopyRetry.Type

/**
 * The input of `Spaces.resolveCopySavedObjectsErrors`, with Kibana's rules (`copy_to_space.ts`): the
 * retries of each target space, keyed by space id, and the objects first copied, without duplicates.
 * `createNewCopies` defaults to `true` and excludes `compatibilityMode`.
 *
 * @since 0.1.0
 * @category models
 */
export const ResolveCopySavedObjectsErrorsInput = Schema.Struct({
  // a filter, not a refined key: a Record drops the keys its key schema refuses
  retries: Schema.Record({ key: Schema.String, value: Schema.Array(CopyRetry) }).pipe(
    Schema.filter((retries) => {
      const invalid = Object.keys(retries).find((spaceId) => !spaceIdPattern.test(spaceId))
      return invalid === undefined ? undefined : `Invalid space id: ${invalid}`
    })
  ),
  objects: UniqueObjects,
  includeReferences: OptionalFlag,
  createNewCopies: OptionalFlag,
  compatibilityMode: OptionalFlag
}).pipe(
  Schema.filter((input) =>
    (input.createNewCopies ?? true) && input.compatibilityMode === true
      ? "cannot use [createNewCopies] with [compatibilityMode]"
      : undefined
  )
)

/**
 * @since 0.1.0
 * @category models
 */
export type ResolveCopySavedObjectsErrorsInput = typeof ResolveCopySavedObjectsErrorsInput.Type

// `SavedObjectsImportSuccess.meta` and `SavedObjectsImportFailure.meta`
const ImportMeta = Schema.Struct({
  title: Schema.optionalWith(Schema.String, { exact: true }),
  icon: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * An object copied into a target space (`SavedObjectsImportSuccess`,
 * elastic/kibana:src/core/packages/saved-objects/common/src/saved_objects_imports.ts).
 *
 * @since 0.1.0
 * @category models
 */
export class CopySuccess extends Schema.Class<CopySuccess>("CopySuccess")({
  type: Schema.String,
  id: Schema.String,
  /** The copy's id in the target space when it differs from `id`. */
  destinationId: Schema.optionalWith(Schema.String, { exact: true }),
  createNewCopy: Schema.optionalWith(Schema.Boolean, { exact: true }),
  overwrite: Schema.optionalWith(Schema.Boolean, { exact: true }),
  meta: ImportMeta
}) {}

/**
 * Why an object was not copied (the `SavedObjectsImport*Error` types of `saved_objects_imports.ts`):
 * an object of the same id exists (`conflict`), several objects match (`ambiguous_conflict`), a
 * reference is missing (`missing_references`), the type cannot be imported (`unsupported_type`), or
 * anything else (`unknown`).
 *
 * @since 0.1.0
 * @category models
 */
export const CopyFailureReason = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("conflict"),
    destinationId: Schema.optionalWith(Schema.String, { exact: true })
  }),
  Schema.Struct({
    type: Schema.Literal("ambiguous_conflict"),
    destinations: Schema.Array(Schema.Struct({
      id: Schema.String,
      title: Schema.optionalWith(Schema.String, { exact: true }),
      updatedAt: Schema.optionalWith(Schema.String, { exact: true })
    }))
  }),
  Schema.Struct({
    type: Schema.Literal("missing_references"),
    references: Schema.Array(Schema.Struct({ type: Schema.String, id: Schema.String }))
  }),
  Schema.Struct({ type: Schema.Literal("unsupported_type") }),
  Schema.Struct({ type: Schema.Literal("unknown"), message: Schema.String, statusCode: Schema.Number })
)

/**
 * @since 0.1.0
 * @category models
 */
export type CopyFailureReason = typeof CopyFailureReason.Type

/**
 * An object not copied into a target space, with the reason (`SavedObjectsImportFailure`).
 *
 * @since 0.1.0
 * @category models
 */
export class CopyFailure extends Schema.Class<CopyFailure>("CopyFailure")({
  type: Schema.String,
  id: Schema.String,
  overwrite: Schema.optionalWith(Schema.Boolean, { exact: true }),
  meta: ImportMeta,
  error: CopyFailureReason
}) {}

/**
 * A target space whose import failed as a whole: Kibana's error payload
 * (`lib/copy_to_spaces/lib/create_empty_failure_response.ts`).
 *
 * @since 0.1.0
 * @category models
 */
export class CopySpaceFailure extends Schema.Class<CopySpaceFailure>("CopySpaceFailure")({
  statusCode: Schema.Number,
  error: Schema.String,
  message: Schema.String
}) {}

/**
 * The result of a copy (or of resolving its errors) in one target space
 * (`CopyResponse`, elastic/kibana:x-pack/platform/plugins/shared/spaces/server/lib/copy_to_spaces/types.ts).
 * Nothing is written to a space while any of its errors is unresolved.
 *
 * @since 0.1.0
 * @category models
 */
export class CopyToSpaceResult extends Schema.Class<CopyToSpaceResult>("CopyToSpaceResult")({
  success: Schema.Boolean,
  successCount: Schema.Number,
  successResults: Schema.optionalWith(Schema.Array(CopySuccess), { exact: true }),
  errors: Schema.optionalWith(Schema.Array(Schema.Union(CopyFailure, CopySpaceFailure)), { exact: true })
}) {}
