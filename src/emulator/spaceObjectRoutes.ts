/**
 * Kibana's routes that share saved objects between spaces: `POST /api/spaces/_get_shareable_references`
 * and `POST /api/spaces/_update_objects_spaces`
 * (elastic/kibana:x-pack/platform/plugins/shared/spaces/server/routes/api/external/get_shareable_references.ts,
 * update_objects_spaces.ts). Both call the request's scoped saved objects client, which sees no hidden
 * types; the saved objects the emulator holds, connectors (`action`) and spaces (`space`), are hidden
 * types, and it holds no object of a visible one. So every object is answered as the repository answers
 * a type it does not see (src/core/packages/saved-objects/api-server-internal/src/lib/apis/
 * collect_multi_namespace_references.ts and update_objects_spaces.ts): no spaces and no references, or
 * `Saved object [type/id] not found`.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "./configSchema.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import type { AuthenticatedContext } from "./routing.js"

const objectsSchema = Schema.arrayOf(Schema.object({ type: Schema.string(), id: Schema.string() }), {
  maxSize: 1000
})

const getShareableReferencesBody = Schema.object({ objects: objectsSchema })

// update_objects_spaces.ts: SPACE_ID_REGEX or `*` (ALL_SPACES_ID), no duplicates
const spaceIds = Schema.arrayOf(
  Schema.string({
    validate: (value) =>
      value === "*" || /^[a-z0-9_-]+$/.test(value)
        ? undefined
        : `lower case, a-z, 0-9, "_", and "-" are allowed, OR "*"`
  }),
  {
    maxSize: 1000,
    validate: (ids) => new Set(ids).size === ids.length ? undefined : "duplicate space ids are not allowed"
  }
)

const updateObjectsSpacesBody = Schema.object({
  objects: objectsSchema,
  spacesToAdd: spaceIds,
  spacesToRemove: spaceIds
})

/**
 * `collectMultiNamespaceReferences(objects, { purpose: 'updateObjectsSpaces' })`: each requested object
 * once (a map keyed by `type:id`), without spaces or inbound references when its type is not one the
 * client may share.
 *
 * @since 0.1.0
 * @internal
 */
export const getShareableReferences = (context: AuthenticatedContext) =>
  Effect.sync(() => {
    const body = getShareableReferencesBody(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    const unique = new Map(body.right.objects.map(({ id, type }) => [`${type}:${id}`, { type, id }]))
    return EmulatorHttp.json(200, {
      objects: [...unique.values()].map(({ id, type }) => ({ type, id, spaces: [], inboundReferences: [] }))
    })
  })

// Saved objects errors are Boom errors decorated with `${reason}: ${boom.message}` (SavedObjectsErrorHelpers)
const savedObjectsBadRequest = (reason: string) => EmulatorHttp.kibanaError(400, `${reason}: Bad Request`)

/**
 * `updateObjectsSpaces(objects, spacesToAdd, spacesToRemove)`: the argument checks, then a per-object
 * `createGenericNotFoundError` for a type the client does not see.
 *
 * @since 0.1.0
 * @internal
 */
export const updateObjectsSpaces = (context: AuthenticatedContext) =>
  Effect.sync(() => {
    const body = updateObjectsSpacesBody(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    const { objects, spacesToAdd, spacesToRemove } = body.right
    if (spacesToAdd.length === 0 && spacesToRemove.length === 0) {
      return savedObjectsBadRequest("spacesToAdd and/or spacesToRemove must be a non-empty array of strings")
    }
    if (spacesToAdd.some((space) => spacesToRemove.includes(space))) {
      return savedObjectsBadRequest("spacesToAdd and spacesToRemove cannot contain any of the same strings")
    }
    return EmulatorHttp.json(200, {
      objects: objects.map(({ id, type }) => ({
        id,
        type,
        spaces: [],
        error: { statusCode: 404, error: "Not Found", message: `Saved object [${type}/${id}] not found` }
      }))
    })
  })
