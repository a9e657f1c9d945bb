/**
 * Kibana's copy-to-space routes: `POST /api/spaces/_copy_saved_objects` and
 * `POST /api/spaces/_resolve_copy_saved_objects_errors`
 * (elastic/kibana:x-pack/platform/plugins/shared/spaces/server/routes/api/external/copy_to_space.ts).
 *
 * Both export the requested objects with the request's scoped saved objects client
 * (`lib/copy_to_spaces/copy_to_spaces.ts`, `resolve_copy_conflicts.ts`, client options
 * `lib/copy_to_spaces/lib/saved_objects_client_opts.ts`: no `includedHiddenTypes`), then import them into
 * each target space. That client does not see hidden types, and the only saved objects the emulator holds
 * are connectors (`action`, registered `hidden: true` in actions/server/saved_objects/index.ts) and spaces,
 * both hidden; it holds no object of a visible type. The exporter's
 * `bulkGet` therefore errors on every requested object and throws `object-fetch-error`
 * (src/core/packages/saved-objects/import-export-server-internal/src/export/saved_objects_exporter.ts,
 * `fetchByObjects`; the repository's `bulkGet`, saved-objects/api-server-internal/src/lib/apis/bulk_get.ts,
 * answers an unsupported type error for a type the client does not allow): the copy route answers 404
 * `Saved objects not found`, the resolve route does not catch it, so Kibana's router answers 500 (as both
 * do past the export size limit). Kibana's own UI hides "Copy to space" for hidden types for this reason
 * (elastic/kibana#94351). With no objects, each target space gets an empty import.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { canUseSpace } from "./authentication.js"
import * as Schema from "./configSchema.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import { splitSpace } from "./routing.js"
import type { AuthenticatedContext } from "./routing.js"

const spaceIdRegex = /^[a-z0-9_-]+$/ // SPACE_ID_REGEX, spaces/server/lib/space_schema.ts

const objectKey = ({ id, type }: { readonly type: string; readonly id: string }) => `${type}:${id}`

const objects = Schema.arrayOf(Schema.object({ type: Schema.string(), id: Schema.string() }), {
  validate: (list) =>
    new Set(list.map(objectKey)).size === list.length ? undefined : "duplicate objects are not allowed"
})

const flag = (defaultValue: boolean) => Schema.withDefault(Schema.boolean, () => defaultValue)

const copyBody = Schema.object({
  spaces: Schema.arrayOf(
    Schema.string({
      validate: (value) => spaceIdRegex.test(value) ? undefined : `lower case, a-z, 0-9, "_", and "-" are allowed`
    }),
    { validate: (ids) => new Set(ids).size === ids.length ? undefined : "duplicate space ids are not allowed" }
  ),
  objects,
  includeReferences: flag(false),
  overwrite: flag(false),
  createNewCopies: flag(true),
  compatibilityMode: flag(false)
}, {
  validate: (body) =>
    body.overwrite && body.createNewCopies
      ? "cannot use [overwrite] with [createNewCopies]"
      : body.compatibilityMode && body.createNewCopies
      ? "cannot use [compatibilityMode] with [createNewCopies]"
      : undefined
})

const retry = Schema.object({
  type: Schema.string(),
  id: Schema.string(),
  overwrite: flag(false),
  destinationId: Schema.maybe(Schema.string()),
  createNewCopy: Schema.maybe(Schema.boolean),
  ignoreMissingReferences: Schema.maybe(Schema.boolean)
})

// `schema.recordOf(schema.string({ validate }), ...)`: entry by entry, the key first; a key's error is at
// `<path>.key("<key>")`
const retryList = Schema.arrayOf(retry)
const anyValue: Schema.Check<unknown> = (value) => Either.right(value)
const retries: Schema.Check<Record<string, unknown>> = (input, path) => {
  const record = Schema.recordOf(anyValue)(input, path)
  if (Either.isLeft(record)) return record
  const result: Record<string, unknown> = {}
  for (const [spaceId, value] of Object.entries(record.right)) {
    if (!spaceIdRegex.test(spaceId)) return Either.left(`[${path}.key("${spaceId}")]: Invalid space id: ${spaceId}`)
    const checked = retryList(value, `${path}.${spaceId}`)
    if (Either.isLeft(checked)) return Either.left(checked.left)
    result[spaceId] = checked.right
  }
  return Either.right(result)
}

const resolveBody = Schema.object({
  retries,
  objects,
  includeReferences: flag(false),
  createNewCopies: flag(true),
  compatibilityMode: flag(false)
}, {
  validate: (body) =>
    body.createNewCopies && body.compatibilityMode
      ? "cannot use [createNewCopies] with [compatibilityMode]"
      : undefined
})

// Both routes require the `copySavedObjectsToSpaces` API privilege (Saved Objects Management `all`) in the
// current space, checked before the body is validated; the security plugin's answer
// (security/server/authorization/api_authorization.ts) names the path after the space prefix is removed.
const unauthorized = (context: AuthenticatedContext): EmulatorHttp.EmulatorResponse | undefined => {
  if (canUseSpace(context.principal, context.spaceId, true)) return undefined
  const { request } = context
  const search = request.query.size === 0 ? "" : `?${request.query.toString()}`
  return EmulatorHttp.kibanaError(
    403,
    `API [${request.method.toUpperCase()} ${splitSpace(request.path).path}${search}] is unauthorized for user, ` +
      "this action is granted by the Kibana privileges [copySavedObjectsToSpaces]"
  )
}

// `savedObjects.maxImportExportSize` (core saved objects config, default 10000): the exporter's
// `exportByObjects` throws `export-size-exceeded` before fetching anything, and neither route catches it
const exportSizeLimit = 10000

const internalError = () => EmulatorHttp.kibanaError(500, "An internal server error occurred.")

// An import of no objects: `importSavedObjectsFromStream` succeeds with nothing, and the copy keeps
// `success`, `successCount`, `successResults` and `errors` (undefined, so absent on the wire).
const emptyImports = (spaceIds: ReadonlyArray<string>) =>
  EmulatorHttp.json(
    200,
    Object.fromEntries(spaceIds.map((spaceId) => [spaceId, { success: true, successCount: 0, successResults: [] }]))
  )

/**
 * `POST /api/spaces/_copy_saved_objects`: the route's privilege, Kibana's body checks, then the export of the requested objects.
 *
 * @since 0.1.0
 * @internal
 */
export const copySavedObjects = (context: AuthenticatedContext) =>
  Effect.sync(() => {
    const forbidden = unauthorized(context)
    if (forbidden !== undefined) return forbidden
    const body = copyBody(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    const requested = body.right.objects
    if (requested.length > exportSizeLimit) return internalError()
    return requested.length === 0
      ? emptyImports(body.right.spaces)
      : EmulatorHttp.kibanaError(404, "Saved objects not found", {
        attributes: { objects: requested.map(({ id, type }) => ({ id, type })) }
      })
  })

/**
 * `POST /api/spaces/_resolve_copy_saved_objects_errors`: the route's privilege, Kibana's body checks, then the export of the
 * requested objects, whose failure this route leaves to the router (500).
 *
 * @since 0.1.0
 * @internal
 */
export const resolveCopySavedObjectsErrors = (context: AuthenticatedContext) =>
  Effect.sync(() => {
    const forbidden = unauthorized(context)
    if (forbidden !== undefined) return forbidden
    const body = resolveBody(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    return body.right.objects.length === 0
      ? emptyImports(Object.keys(body.right.retries))
      : internalError()
  })
