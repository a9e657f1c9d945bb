/**
 * The emulator's saved objects: connectors (with their secrets) and spaces, kept in one immutable
 * value behind a `Ref` so every change is a single atomic step, with Kibana's saved-object rules.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { JsonObject } from "./ConnectorTypeSpec.js"
import type { SeedSpace } from "./EmulatorOptions.js"

/**
 * A connector created through the API, as stored (secrets included, never sent back).
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredConnector {
  readonly id: string
  readonly spaceId: string
  readonly name: string
  readonly connectorTypeId: string
  readonly config: JsonObject
  readonly secrets: JsonObject
}

/**
 * A space as Kibana returns it (undefined fields are left out).
 *
 * @since 0.1.0
 * @category models
 */
export interface Space extends Omit<SeedSpace, "disabledFeatures" | "solution"> {
  readonly disabledFeatures: ReadonlyArray<string>
  readonly solution?: string
  readonly _reserved?: boolean
}

/**
 * Everything the emulator stores.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorState {
  readonly connectors: ReadonlyMap<string, StoredConnector>
  readonly spaces: ReadonlyMap<string, Space>
}

/**
 * The space Kibana creates at startup
 * (elastic/kibana:x-pack/platform/plugins/shared/spaces/server/default_space/create_default_space.ts).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSpace: Space = {
  id: "default",
  name: "Default",
  description: "This is your default space!",
  color: "#00bfb3",
  disabledFeatures: [],
  _reserved: true
}

const mapSet = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value)

const mapRemoveWhere = <K, V>(map: ReadonlyMap<K, V>, remove: (value: V, key: K) => boolean): ReadonlyMap<K, V> =>
  new Map([...map].filter(([key, value]) => !remove(value, key)))

/**
 * The outcome of creating a saved object.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateOutcome = { readonly _tag: "Created" } | { readonly _tag: "Conflict" }

/**
 * The outcome of updating a saved object: the object as Kibana answers it, or that it does not exist.
 *
 * @since 0.1.0
 * @category models
 */
export type UpdateOutcome<A> = { readonly _tag: "Updated"; readonly value: A } | { readonly _tag: "NotFound" }

/**
 * The outcome of deleting a saved object.
 *
 * @since 0.1.0
 * @category models
 */
export type DeleteOutcome = { readonly _tag: "Deleted" } | { readonly _tag: "NotFound" } | { readonly _tag: "Reserved" }

/**
 * A space update as validated from a request (`_reserved` is never taken from a request); an undefined
 * field was not in the request.
 *
 * @since 0.1.0
 * @category models
 */
export interface SpaceUpdate {
  readonly name: string
  readonly description: string | undefined
  readonly initials: string | undefined
  readonly color: string | undefined
  readonly imageUrl: string | undefined
  readonly disabledFeatures: ReadonlyArray<string>
  readonly solution: string | undefined
}

type OptionalSpaceFields = Pick<Space, "description" | "initials" | "color" | "imageUrl">

const optionalSpaceFields = (
  fields: {
    readonly [K in keyof OptionalSpaceFields]-?: OptionalSpaceFields[K] | undefined
  }
): OptionalSpaceFields => ({
  ...(fields.description === undefined ? {} : { description: fields.description }),
  ...(fields.initials === undefined ? {} : { initials: fields.initials }),
  ...(fields.color === undefined ? {} : { color: fields.color }),
  ...(fields.imageUrl === undefined ? {} : { imageUrl: fields.imageUrl })
})

/**
 * Kibana's saved-object rules for connectors and spaces, each applied in one atomic step.
 *
 * @since 0.1.0
 * @category models
 */
export interface SavedObjects {
  readonly state: Effect.Effect<EmulatorState>
  /** A connector of a space (a connector of another space is not found, as in Kibana). */
  readonly findConnector: (id: string, spaceId: string) => Effect.Effect<StoredConnector | undefined>
  /** Ids are unique across all spaces ("multiple-isolated" saved-object type since 8.0). */
  readonly createConnector: (connector: StoredConnector) => Effect.Effect<CreateOutcome>
  /** Replaces a connector only when it still exists in that space. */
  readonly updateConnector: (connector: StoredConnector) => Effect.Effect<UpdateOutcome<StoredConnector>>
  readonly deleteConnector: (id: string, spaceId: string) => Effect.Effect<DeleteOutcome>
  readonly createSpace: (space: Space) => Effect.Effect<CreateOutcome>
  readonly updateSpace: (id: string, update: SpaceUpdate) => Effect.Effect<UpdateOutcome<Space>>
  /** Deleting a space deletes the connectors in it; the reserved `default` space cannot be deleted. */
  readonly deleteSpace: (id: string) => Effect.Effect<DeleteOutcome>
}

const inSpace = (state: EmulatorState, id: string, spaceId: string) => {
  const connector = state.connectors.get(id)
  return connector !== undefined && connector.spaceId === spaceId ? connector : undefined
}

/**
 * The saved objects of one emulator, starting with the given spaces.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSavedObjects = (spaces: ReadonlyMap<string, Space>): Effect.Effect<SavedObjects> =>
  Effect.map(Ref.make<EmulatorState>({ connectors: new Map(), spaces }), (ref) => ({
    state: Ref.get(ref),
    findConnector: (id, spaceId) => Effect.map(Ref.get(ref), (state) => inSpace(state, id, spaceId)),
    createConnector: (connector) =>
      Ref.modify(ref, (state): [CreateOutcome, EmulatorState] =>
        state.connectors.has(connector.id)
          ? [{ _tag: "Conflict" }, state]
          : [{ _tag: "Created" }, { ...state, connectors: mapSet(state.connectors, connector.id, connector) }]),
    updateConnector: (connector) =>
      Ref.modify(
        ref,
        (state): [UpdateOutcome<StoredConnector>, EmulatorState] =>
          inSpace(state, connector.id, connector.spaceId) === undefined
            ? [{ _tag: "NotFound" }, state]
            : [
              { _tag: "Updated", value: connector },
              { ...state, connectors: mapSet(state.connectors, connector.id, connector) }
            ]
      ),
    deleteConnector: (id, spaceId) =>
      Ref.modify(ref, (state): [DeleteOutcome, EmulatorState] =>
        inSpace(state, id, spaceId) === undefined
          ? [{ _tag: "NotFound" }, state]
          : [{ _tag: "Deleted" }, { ...state, connectors: mapRemoveWhere(state.connectors, (_, key) => key === id) }]),
    createSpace: (space) =>
      Ref.modify(ref, (state): [CreateOutcome, EmulatorState] =>
        state.spaces.has(space.id)
          ? [{ _tag: "Conflict" }, state]
          : [{ _tag: "Created" }, { ...state, spaces: mapSet(state.spaces, space.id, space) }]),
    updateSpace: (id, update) =>
      Ref.modify(ref, (state): [UpdateOutcome<Space>, EmulatorState] => {
        const existing = state.spaces.get(id)
        if (existing === undefined) return [{ _tag: "NotFound" }, state]
        // SpacesClient.update: the path id wins, `_reserved` and an omitted `solution` stay, a changed
        // name is trimmed. The saved-object update is partial (undefined attributes are not sent), so
        // omitted optional fields stay stored although the response leaves them out.
        const name = update.name === existing.name ? update.name : update.name.trim()
        const solution = update.solution ? { solution: update.solution } : {}
        const common = { ...existing, name, disabledFeatures: update.disabledFeatures, ...solution, id }
        const { color: _c, description: _d, imageUrl: _i, initials: _n, ...withoutOptional } = common
        const answered: Space = { ...withoutOptional, ...optionalSpaceFields(update) }
        const stored: Space = { ...common, ...optionalSpaceFields(update) }
        return [{ _tag: "Updated", value: answered }, { ...state, spaces: mapSet(state.spaces, id, stored) }]
      }),
    deleteSpace: (id) =>
      Ref.modify(ref, (state): [DeleteOutcome, EmulatorState] => {
        const existing = state.spaces.get(id)
        if (existing === undefined) return [{ _tag: "NotFound" }, state]
        if (existing._reserved === true) return [{ _tag: "Reserved" }, state]
        return [{ _tag: "Deleted" }, {
          spaces: mapRemoveWhere(state.spaces, (_, key) => key === id),
          connectors: mapRemoveWhere(state.connectors, (connector) => connector.spaceId === id)
        }]
      })
  }))
