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
