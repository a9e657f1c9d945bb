/**
 * Kibana's spaces routes: list, get, create, update, delete, disabling legacy URL aliases, and sharing
 * saved objects (`./spaceObjectRoutes.ts`) and copying them (`./spaceCopyRoutes.ts`).
 *
 * Schema: elastic/kibana:x-pack/platform/plugins/shared/spaces/server/lib/space_schema.ts; routes:
 * `x-pack/platform/plugins/shared/spaces/server/routes/api/external/*.ts`; messages from the spaces
 * client and the spaces API integration suites (kibana-http-api.md §1.4 and §4).
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { canManageSpaces, canUseSpace, type Principal } from "./authentication.js"
import * as Schema from "./configSchema.js"
import { queryObject } from "./connectorRoutes.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import { authenticated, type AuthenticatedContext, type EmulatorEnv, type Route } from "./routing.js"
import { copySavedObjects, resolveCopySavedObjectsErrors } from "./spaceCopyRoutes.js"
import { getShareableReferences, updateObjectsSpaces } from "./spaceObjectRoutes.js"
import type { EmulatorState, Space } from "./state.js"

const SPACE_ID_REGEX = /^[a-z0-9_-]+$/

/**
 * The request schema of a space (traditional flavour, so `solution` is allowed).
 *
 * @since 0.1.0
 * @internal
 */
export const spaceSchema = Schema.object({
  id: Schema.string({
    validate: (value) =>
      SPACE_ID_REGEX.test(value) ? undefined : "must be lower case, a-z, 0-9, '_', and '-' are allowed"
  }),
  name: Schema.string({ minLength: 1 }),
  description: Schema.maybe(Schema.string()),
  initials: Schema.maybe(Schema.string({ maxLength: 2 })),
  color: Schema.maybe(Schema.string({
    validate: (value) => /^#[a-zA-Z0-9]{6}$/.test(value) ? undefined : "must be a 6 digit hex color, starting with a #"
  })),
  disabledFeatures: Schema.withDefault(Schema.arrayOf(Schema.string(), { maxSize: 100 }), () => []),
  _reserved: Schema.maybe(Schema.boolean),
  imageUrl: Schema.maybe(Schema.string({
    validate: (value) => value === "" || /^data:image.*$/.test(value) ? undefined : "must start with 'data:image'"
  })),
  solution: Schema.maybe(Schema.literals(["es", "oblt", "security", "classic"]))
})

const getAllQuery = Schema.object({
  purpose: Schema.maybe(Schema.literals(["any", "copySavedObjectsIntoSpace", "shareSavedObjectsIntoSpace"])),
  include_authorized_purposes: Schema.maybe(Schema.boolean)
}, {
  validate: (value) =>
    value.purpose !== undefined && value.include_authorized_purposes === true
      ? "include_authorized_purposes can only be false when purpose is specified"
      : undefined
})

/**
 * The stored form of a validated space: `_reserved` is never taken from a request, the name is trimmed.
 *
 * @since 0.1.0
 * @internal
 */
export const toSpace = (input: SpaceInput): Space => {
  // The schema leaves undefined fields out of its result, so the object matches `Space`.
  const { _reserved: _, ...fields } = input as Space
  return { ...fields, name: fields.name.trim() }
}

/**
 * A space request body after validation.
 *
 * @since 0.1.0
 * @internal
 */
export type SpaceInput = typeof spaceSchema extends Schema.Check<infer A> ? A : never

const notFound = EmulatorHttp.kibanaError(404, "Not Found")

const forbidden = (message: string) => EmulatorHttp.kibanaError(403, message)

const authorizedPurposes = (principal: Principal) => {
  const write = principal.privileges.readOnly !== true
  return {
    any: true,
    copySavedObjectsIntoSpace: write,
    findSavedObjects: true,
    shareSavedObjectsIntoSpace: write
  }
}

// SpacesClient.getAll sorts on `name.keyword` in Elasticsearch: keyword order is UTF-8 byte order,
// case-sensitive and not locale-aware ("Zeta" before "alpha"), unlike the actions client's localeCompare
// (elastic/kibana:x-pack/platform/plugins/shared/spaces/server/spaces_client/spaces_client.ts).
const byKeyword = (a: Space, b: Space) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name))

const sortedSpaces = (state: EmulatorState) => [...state.spaces.values()].sort(byKeyword)

const getAll = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    const query = getAllQuery(queryObject(context.request.query), "request query")
    if (Either.isLeft(query)) return EmulatorHttp.kibanaError(400, query.left)
    const principal = context.principal
    const purpose = query.right.purpose ?? "any"
    const write = purpose !== "any"
    const visible = sortedSpaces(yield* env.savedObjects.state).filter((space) =>
      canUseSpace(principal, space.id, write)
    )
    // The secured spaces client answers 403 when the user is authorized for no space at all.
    if (visible.length === 0) return forbidden("Forbidden")
    return EmulatorHttp.json(
      200,
      query.right.include_authorized_purposes === true
        ? visible.map((space) => ({ ...space, authorizedPurposes: authorizedPurposes(principal) }))
        : visible
    )
  })

const getOne = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    const id = context.params.id
    if (!canUseSpace(context.principal, id, false)) return forbidden(`Unauthorized to get ${id} space`)
    const space = (yield* env.savedObjects.state).spaces.get(id)
    return space === undefined ? notFound : EmulatorHttp.json(200, space)
  })

const create = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    const body = spaceSchema(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    if (!canManageSpaces(context.principal)) return forbidden("Unauthorized to create spaces")
    const space = toSpace(body.right)
    const outcome = yield* env.savedObjects.createSpace(space)
    switch (outcome._tag) {
      case "Created":
        return EmulatorHttp.json(200, space)
      case "Conflict":
        return EmulatorHttp.kibanaError(409, `A space with the identifier ${space.id} already exists.`)
    }
  })

const update = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    const body = spaceSchema(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    if (!canManageSpaces(context.principal)) return forbidden("Unauthorized to update spaces")
    const incoming = body.right
    const outcome = yield* env.savedObjects.updateSpace(context.params.id, {
      name: incoming.name,
      description: incoming.description,
      initials: incoming.initials,
      color: incoming.color,
      imageUrl: incoming.imageUrl,
      disabledFeatures: incoming.disabledFeatures,
      solution: incoming.solution
    })
    return outcome._tag === "Updated" ? EmulatorHttp.json(200, outcome.value) : notFound
  })

const remove = (env: EmulatorEnv) => (context: AuthenticatedContext) =>
  Effect.gen(function*() {
    if (!canManageSpaces(context.principal)) return forbidden("Unauthorized to delete spaces")
    const id = context.params.id
    const outcome = yield* env.savedObjects.deleteSpace(id)
    switch (outcome._tag) {
      case "Deleted":
        return EmulatorHttp.empty(204)
      case "NotFound":
        return notFound
      case "Reserved":
        return EmulatorHttp.kibanaError(400, `The ${id} space cannot be deleted because it is reserved.`)
    }
  })

// POST /api/spaces/_disable_legacy_url_aliases
// (x-pack/platform/plugins/shared/spaces/server/routes/api/external/disable_legacy_url_aliases.ts).
const disableAliasesBody = Schema.object({
  aliases: Schema.arrayOf(
    Schema.object({ targetSpace: Schema.string(), targetType: Schema.string(), sourceId: Schema.string() }),
    { maxSize: 1000 }
  )
})

// The emulator stores no legacy URL aliases, so there is nothing to disable: Kibana's bulk update of
// missing alias objects answers 204 too. What remains is the authorization check of the secure spaces
// client: `bulk_update` of each target type in each target space, else 403
// `Unable to disable aliases: Unable to bulk_update <types>` (the spaces API integration suite).
const disableLegacyUrlAliases = (context: AuthenticatedContext) =>
  Effect.sync(() => {
    const body = disableAliasesBody(context.body, "request body")
    if (Either.isLeft(body)) return EmulatorHttp.kibanaError(400, body.left)
    const principal = context.principal
    const unauthorized = new Set(
      body.right.aliases
        .filter((alias) => !canUseSpace(principal, alias.targetSpace, true))
        .map((alias) => alias.targetType)
    )
    return unauthorized.size === 0
      ? EmulatorHttp.empty(204)
      : forbidden(`Unable to disable aliases: Unable to bulk_update ${[...unauthorized].sort().join(",")}`)
  })

/**
 * The spaces routes of one emulator (versioned: `elastic-api-version: 2023-10-31`).
 *
 * @since 0.1.0
 * @internal
 */
export const spaceRoutes = (env: EmulatorEnv): ReadonlyArray<Route> => {
  const route = (
    method: Route["method"],
    path: string,
    handler: (context: AuthenticatedContext) => Effect.Effect<EmulatorHttp.EmulatorResponse>,
    body = false
  ): Route => ({ method, path, auth: "required", body, versioned: true, handler: authenticated(handler) })
  return [
    route("GET", "/api/spaces/space", getAll(env)),
    route("POST", "/api/spaces/space", create(env), true),
    route("GET", "/api/spaces/space/{id}", getOne(env)),
    route("PUT", "/api/spaces/space/{id}", update(env), true),
    route("DELETE", "/api/spaces/space/{id}", remove(env)),
    // An unversioned `router.post`, unlike the space CRUD routes.
    { ...route("POST", "/api/spaces/_disable_legacy_url_aliases", disableLegacyUrlAliases, true), versioned: false },
    { ...route("POST", "/api/spaces/_get_shareable_references", getShareableReferences, true), versioned: false },
    { ...route("POST", "/api/spaces/_update_objects_spaces", updateObjectsSpaces, true), versioned: false },
    { ...route("POST", "/api/spaces/_copy_saved_objects", copySavedObjects, true), versioned: false },
    {
      ...route("POST", "/api/spaces/_resolve_copy_saved_objects_errors", resolveCopySavedObjectsErrors, true),
      versioned: false
    }
  ]
}
