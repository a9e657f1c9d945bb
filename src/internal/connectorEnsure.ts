/**
 * Ensure-by-name and typed execution for the `Connectors` service, kept apart from its plain operations.
 *
 * Ensure converges a connector named X of type T in the current space to the given input: it creates the
 * connector when absent, updates it when its config differs from the stored one once Kibana's defaults
 * are applied to both, and otherwise leaves it alone. Concurrent ensures of one name never create two
 * connectors: a new connector gets an id derived from space, type and name, so the second creator gets
 * Kibana's 409 and converges the one the first created.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { KibanaAmbiguousConnector, KibanaInputError } from "../errors/KibanaError.js"
import type {
  Connector,
  ConnectorExecuteResult,
  CreateConnectorInput,
  UpdateConnectorInput
} from "../schemas/Connector.js"
import { noSecrets, versionDefault } from "../schemas/connectorTypes/common.js"
import type { ConnectorTypeDefinition } from "../schemas/connectorTypes/common.js"
import { connectorTypes, isTypedConnectorTypeId } from "../schemas/connectorTypes/index.js"
import { decodeBody } from "./operation.js"

/** How many derived ids are tried when one is taken by a connector in another space. */
const derivedIdAttempts = 3

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, "0")).join("")

/**
 * The id `ensure` creates a connector with: `ensured-` and 28 hex digits (112 bits) of the SHA-256 of
 * space, type, name and attempt, so 36 characters of `[a-z0-9-]`, valid under Kibana 9.4's id rule
 * (`x-pack/platform/plugins/shared/actions/common/validate_connector_id.ts`). Ids are unique across all
 * spaces, hence the space in the hash; `attempt` moves on when the id is taken in another space.
 */
export const derivedId = (spaceId: string, connectorTypeId: string, name: string, attempt: number) =>
  Effect.promise(() =>
    globalThis.crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(JSON.stringify([spaceId, connectorTypeId, name, attempt]))
    )
  ).pipe(Effect.map((digest) => `ensured-${hex(digest).slice(0, 28)}`))

const definitionOf = (connectorTypeId: string): ConnectorTypeDefinition | undefined =>
  isTypedConnectorTypeId(connectorTypeId) ? connectorTypes[connectorTypeId] : undefined

type Json = Readonly<Record<string, unknown>>

const asRecord = (value: unknown): Json =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? value as Json : {}

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === "object" && value !== null) {
    // a nested key left out and one Kibana stored as null (`.swimlane` mappings) are the same
    return Object.fromEntries(
      Object.keys(value).sort().flatMap((key) => {
        const entry = (value as Json)[key]
        return entry === null || entry === undefined ? [] : [[key, canonical(entry)]]
      })
    )
  }
  return value ?? null
}

/**
 * Whether the desired config (as encoded for the wire) and the stored one say the same once Kibana's
 * defaults are applied to both. An absent key and `null` are the same to Kibana; a key left out whose
 * default depends on the Kibana version (a default model) accepts whatever is stored.
 */
export const sameConfig = (connectorTypeId: string, desired: unknown, stored: unknown): boolean => {
  const wanted = asRecord(desired)
  const current = asRecord(stored)
  const defaultsOf = definitionOf(connectorTypeId)?.defaults ?? ((): Json => ({}))
  const wantedDefaults = defaultsOf(wanted)
  const currentDefaults = defaultsOf(current)
  const keys = new Set([...Object.keys(wanted), ...Object.keys(current), ...Object.keys(wantedDefaults)])
  for (const key of keys) {
    const want = wanted[key] ?? wantedDefaults[key]
    if (want === versionDefault) continue
    const have = current[key] ?? currentDefaults[key]
    if (have === versionDefault) return false
    if (JSON.stringify(canonical(want)) !== JSON.stringify(canonical(have))) return false
  }
  return true
}

/**
 * What `ensure` did.
 *
 * - `created`: no connector of that name and type existed in the space;
 * - `updated`: one existed with a different config (or secrets were resent);
 * - `unchanged`: one existed with the same config.
 */
export type EnsureOutcome = "created" | "updated" | "unchanged"

/** The connector `ensure` converged, and what it did to it. */
export interface EnsureResult<C extends Connector = Connector> {
  readonly outcome: EnsureOutcome
  readonly connector: C
}

/** Options of `ensure`. */
export interface EnsureOptions {
  /**
   * Kibana never returns secrets, so `ensure` cannot tell whether they changed. `false` (the default):
   * secrets are sent when the connector is created or its config differs (an update always replaces
   * them), so rotated secrets with an unchanged config are not applied. `true`: an existing connector is
   * always updated with the input's secrets, and the outcome is `updated`.
   */
  readonly resendSecrets?: boolean | undefined
}

/** The operations of `Connectors` that ensure is made of. */
export interface EnsureDeps<E> {
  readonly list: () => Effect.Effect<ReadonlyArray<Connector>, E>
  readonly get: (id: string) => Effect.Effect<Option.Option<Connector>, E>
  /** `None` when the id is taken (409). */
  readonly create: (
    input: CreateConnectorInput,
    id: string | undefined
  ) => Effect.Effect<Option.Option<Connector>, E>
  readonly update: (id: string, input: UpdateConnectorInput) => Effect.Effect<Connector, E>
  readonly spaceId: Effect.Effect<string>
}

/** The connectors of a space with this name and type (preconfigured ones excluded: they cannot change). */
export const findAll = (connectors: ReadonlyArray<Connector>, name: string, connectorTypeId: string) =>
  connectors.filter((connector) =>
    connector.name === name && connector.connectorTypeId === connectorTypeId && !connector.isPreconfigured
  )

const encodeConfig = (input: CreateConnectorInput): unknown =>
  // The wire form of `config` (no secrets in it); input was already checked by `create`'s schema.
  "config" in input ? input.config : undefined

const holdsSecrets = (connectorTypeId: string): boolean => {
  const update = definitionOf(connectorTypeId)?.update
  // Untyped types may hold secrets; typed ones do when their update input has a `secrets` field.
  return update === undefined || ("fields" in update && "secrets" in (update.fields as object))
}

const toUpdate = (input: CreateConnectorInput): UpdateConnectorInput => {
  const { secrets, ...rest } = input as CreateConnectorInput & { readonly secrets?: unknown }
  if (!holdsSecrets(input.connectorTypeId)) return rest as UpdateConnectorInput
  // The input says which secrets the connector should have; none means none, on purpose.
  return { ...rest, secrets: secrets ?? noSecrets } as UpdateConnectorInput
}

/** Finds, creates or updates; see the module comment. */
export const ensure = <E>(
  deps: EnsureDeps<E>,
  input: CreateConnectorInput,
  options: EnsureOptions | undefined
): Effect.Effect<EnsureResult, E | KibanaAmbiguousConnector> =>
  Effect.gen(function*() {
    const converge = (existing: Connector) =>
      existing.name === input.name && options?.resendSecrets !== true &&
        sameConfig(input.connectorTypeId, encodeConfig(input), existing.config)
        ? Effect.succeed<EnsureResult>({ outcome: "unchanged", connector: existing })
        : Effect.map(deps.update(existing.id, toUpdate(input)), (connector): EnsureResult => ({
          outcome: "updated",
          connector
        }))

    const spaceId = yield* deps.spaceId
    const candidates = yield* Effect.forEach(
      Array.from({ length: derivedIdAttempts }, (_, attempt) => attempt),
      (attempt) => derivedId(spaceId, input.connectorTypeId, input.name, attempt)
    )
    const found = findAll(yield* deps.list(), input.name, input.connectorTypeId)
    if (found.length > 1) {
      // Several of that name: only one made by ensure can be told apart from the others.
      const derived = found.filter((connector) => candidates.includes(connector.id))
      if (derived.length !== 1) {
        return yield* new KibanaAmbiguousConnector({
          name: input.name,
          connectorTypeId: input.connectorTypeId,
          ids: found.map((connector) => connector.id)
        })
      }
      return yield* converge(derived[0]!)
    }
    if (found.length === 1) return yield* converge(found[0]!)

    for (const id of candidates) {
      const created = yield* deps.create(input, id)
      if (Option.isSome(created)) return { outcome: "created", connector: created.value } satisfies EnsureResult
      // Taken: by a concurrent ensure in this space (converge it), or by a connector in another space.
      const existing = yield* deps.get(id)
      if (Option.isSome(existing)) return yield* converge(existing.value)
    }
    // Every derived id is taken by connectors in other spaces (or a bound client hid the real space):
    // a generated id still creates the connector, guarded only by the name lookup above.
    const created = yield* deps.create(input, undefined)
    if (Option.isSome(created)) return { outcome: "created", connector: created.value } satisfies EnsureResult
    return yield* Effect.dieMessage("Kibana answered 409 to a create without an id")
  })

/** Encodes typed params, failing with `KibanaInputError` naming the fields (never the values). */
export const encodeParams = (connectorTypeId: string, params: unknown): Effect.Effect<unknown, KibanaInputError> => {
  const definition = definitionOf(connectorTypeId)
  if (definition === undefined) {
    return Effect.fail(
      new KibanaInputError({
        operation: "Connectors.executeTyped",
        field: "connectorTypeId",
        reason: `${JSON.stringify(connectorTypeId)} is not a typed connector type; use execute`
      })
    )
  }
  return Schema.encodeUnknown(definition.params, { errors: "all", onExcessProperty: "preserve" })(params).pipe(
    Effect.mapError((error) => {
      const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
      const fields = [...new Set(issues.map((issue) => issue.path.join(".") || "params"))]
      return new KibanaInputError({
        operation: "Connectors.executeTyped",
        field: fields.join("; "),
        reason: issues.map((issue) =>
          `${issue.path.join(".") || "params"}: ${issue.message.replace(/, actual [\s\S]*$/, "")}`
        )
          .join("; ")
      })
    })
  )
}

/** Decodes an execution's `data` with the schema of the type, or of the sub-action the params name. */
export const decodeResult = (
  connectorTypeId: string,
  params: unknown,
  result: ConnectorExecuteResult,
  path: string
) => {
  const definition = definitionOf(connectorTypeId)
  const subAction = asRecord(params).subAction
  const schema = definition?.result ??
    (typeof subAction === "string" ? definition?.results?.[subAction] : undefined) ??
    Schema.Unknown
  return decodeBody(schema as Schema.Schema<unknown, unknown>)({ method: "POST", path, status: 200, body: result.data })
}
