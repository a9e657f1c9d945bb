/**
 * Building blocks of the typed connector types: `Redacted` secret strings, the create and update input
 * of one type, and the result Kibana's ITSM connectors return from `pushToService`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A secret string: `Redacted` in code, plain only in the request body.
 *
 * @since 0.1.0
 * @category models
 */
export const Secret = Schema.Redacted(Schema.String)

/**
 * A JSON-like record of strings (HTTP headers, for example).
 *
 * @since 0.1.0
 * @category models
 */
export const StringRecord = Schema.Record({ key: Schema.String, value: Schema.String })

/**
 * Any JSON object, where Kibana passes it through (extra fields, `otherFields`, tool schemas): the
 * library's one `JsonObject`.
 *
 * @since 0.1.0
 * @category models
 */
export { JsonObject } from "../Json.js"

/**
 * An explicit "this connector has no secrets" for `update`, which replaces the stored secrets whole.
 * Encodes to `{}`.
 *
 * @since 0.1.0
 * @category models
 */
export const NoSecrets = Schema.transform(Schema.Struct({}), Schema.TaggedStruct("NoSecrets", {}), {
  strict: true,
  decode: () => ({ _tag: "NoSecrets" as const }),
  encode: () => ({})
})

/**
 * @since 0.1.0
 * @category models
 */
export type NoSecrets = typeof NoSecrets.Type

/**
 * The value to pass as `secrets` when an updated connector must end up with no secrets.
 *
 * @since 0.1.0
 * @category constructors
 */
export const noSecrets: NoSecrets = { _tag: "NoSecrets" }

const typeIdOf = <const Id extends string>(id: Id) =>
  Schema.propertySignature(Schema.Literal(id)).pipe(Schema.fromKey("connector_type_id"))

/**
 * The create and update inputs of a type whose secrets Kibana requires: `secrets` is required in both
 * (Kibana rejects a create or an update without them).
 *
 * @since 0.1.0
 * @category constructors
 */
export const inputsWithSecrets = <
  const Id extends string,
  Fields extends Schema.Struct.Fields,
  S extends Schema.Schema.Any
>(
  id: Id,
  fields: Fields,
  secrets: S
) => ({
  create: Schema.Struct({ connectorTypeId: typeIdOf(id), name: Schema.String, ...fields, secrets }),
  update: Schema.Struct({ connectorTypeId: typeIdOf(id), name: Schema.String, ...fields, secrets })
})

/**
 * The inputs of a type whose secrets may be empty (no auth): optional on create, where there is nothing
 * to lose, and required on update, where Kibana replaces the stored secrets whole, so `{}` would erase
 * them silently. `noSecrets` says so on purpose.
 *
 * @since 0.1.0
 * @category constructors
 */
export const inputsWithOptionalSecrets = <
  const Id extends string,
  Fields extends Schema.Struct.Fields,
  S extends Schema.Schema.Any
>(
  id: Id,
  fields: Fields,
  secrets: S
) => ({
  create: Schema.Struct({
    connectorTypeId: typeIdOf(id),
    name: Schema.String,
    ...fields,
    secrets: Schema.optional(secrets)
  }),
  update: Schema.Struct({
    connectorTypeId: typeIdOf(id),
    name: Schema.String,
    ...fields,
    secrets: Schema.Union(NoSecrets, secrets)
  })
})

/**
 * The inputs of a type without secrets (`.index`, `.server-log`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const inputsWithoutSecrets = <const Id extends string, Fields extends Schema.Struct.Fields>(
  id: Id,
  fields: Fields
) => {
  const input = Schema.Struct({ connectorTypeId: typeIdOf(id), name: Schema.String, ...fields })
  return { create: input, update: input }
}

/**
 * A sub-action's params: `{ subAction, subActionParams }`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const subAction = <const Name extends string, P extends Schema.Schema.Any>(name: Name, params: P) =>
  Schema.Struct({ subAction: Schema.Literal(name), subActionParams: params })

/**
 * A sub-action that takes no params (Kibana accepts `subActionParams` absent or `{}`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const subActionWithoutParams = <const Name extends string>(name: Name) =>
  Schema.Struct({ subAction: Schema.Literal(name), subActionParams: Schema.optional(Schema.Struct({})) })

/**
 * A comment pushed along with an incident (`comments` of `pushToService`).
 *
 * @since 0.1.0
 * @category models
 */
export const PushComment = Schema.Struct({ comment: Schema.String, commentId: Schema.String })

/**
 * What ITSM connectors (`.servicenow*`, `.jira`, `.resilient`, `.swimlane`, `.cases-webhook`, `.thehive`)
 * return from `pushToService`: the external incident's id, title and URL
 * (`x-pack/platform/plugins/shared/stack_connectors/server/connector_types/lib/servicenow/types.ts`,
 * `ExternalServiceIncidentResponse` / `PushToServiceResponse`).
 *
 * @since 0.1.0
 * @category models
 */
export const PushResult = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  url: Schema.String,
  pushedDate: Schema.String,
  comments: Schema.optional(Schema.Array(Schema.Struct({ commentId: Schema.String, pushedDate: Schema.String })))
})

/**
 * @since 0.1.0
 * @category models
 */
export type PushResult = typeof PushResult.Type

/**
 * The result of a connector that returns nothing worth decoding (Kibana sends no `data`, or the remote
 * service's raw answer).
 *
 * @since 0.1.0
 * @category models
 */
export const RawResult = Schema.Unknown

/**
 * What every typed connector type module exports: its id, the Kibana source its schemas are written
 * from, its inputs, the params of `_execute`, what execution returns (`result` for plain types, one
 * schema per sub-action in `results`), and the config defaults Kibana applies and returns.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectorTypeDefinition {
  readonly id: string
  readonly source: string
  readonly create: Schema.Schema.AnyNoContext
  readonly update: Schema.Schema.AnyNoContext
  readonly params: Schema.Schema.AnyNoContext
  readonly result?: Schema.Schema.AnyNoContext
  readonly results?: Readonly<Record<string, Schema.Schema.AnyNoContext>>
  /** The config keys Kibana fills in when absent, with the values it stores (compared by `ensure`). */
  readonly defaults: (config: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>
}

/**
 * A default whose value depends on the Kibana version (a default model, for example): when the desired
 * config leaves the key out, `ensure` accepts whatever Kibana stored.
 *
 * @since 0.1.0
 * @category models
 */
export const versionDefault: unique symbol = Symbol.for("effect-kibana/Connector/versionDefault")

/**
 * `defaults` of a type whose config Kibana stores as given.
 *
 * @since 0.1.0
 * @category constructors
 */
export const noDefaults = (): Readonly<Record<string, unknown>> => ({})

/**
 * `defaults` of a type with fixed defaults.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fixedDefaults = (values: Readonly<Record<string, unknown>>) => (): Readonly<Record<string, unknown>> =>
  values
