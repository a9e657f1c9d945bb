/**
 * The emulator's saved objects: connectors (with their secrets) and spaces, kept in one immutable
 * value behind a `Ref` so every change is a single atomic step.
 *
 * @since 0.1.0
 */
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

/**
 * A copy of a map with one entry set.
 *
 * @since 0.1.0
 * @internal
 */
export const mapSet = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> =>
  new Map(map).set(key, value)

/**
 * A copy of a map without the entries the predicate selects.
 *
 * @since 0.1.0
 * @internal
 */
export const mapRemoveWhere = <K, V>(
  map: ReadonlyMap<K, V>,
  remove: (value: V, key: K) => boolean
): ReadonlyMap<K, V> => new Map([...map].filter(([key, value]) => !remove(value, key)))
