/**
 * `.opsgenie` and `.jira-service-management`: alerts in Opsgenie and Jira Service Management
 * (`src/platform/packages/shared/kbn-connector-schemas/opsgenie/schemas/v1.ts`,
 * `src/platform/packages/shared/kbn-connector-schemas/jira-service-management/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithSecrets, noDefaults, Secret, subAction } from "./common.js"

/**
 * Opsgenie and Jira Service Management config: the API URL.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieConfig = Schema.Struct({ apiUrl: Schema.String })

/**
 * Opsgenie and Jira Service Management secrets: the API key.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieSecrets = Schema.Struct({ apiKey: Secret })

const ResponderType = Schema.Literal("team", "user", "escalation", "schedule")
const Max = (n: number) => Schema.String.pipe(Schema.maxLength(n))

/** Opsgenie: a responder by `name`, by `id`, or a user by `username`. */
const OpsgenieResponder = Schema.Union(
  Schema.Struct({ name: Schema.String, type: ResponderType }),
  Schema.Struct({ id: Schema.String, type: ResponderType }),
  Schema.Struct({ username: Schema.String, type: Schema.Literal("user") })
)

/** Opsgenie: a team by `name` or `id`, or a user by `id` or `username`. */
const OpsgenieVisibleTo = Schema.Union(
  Schema.Struct({ name: Schema.String, type: Schema.Literal("team") }),
  Schema.Struct({ id: Schema.String, type: Schema.Literal("team") }),
  Schema.Struct({ id: Schema.String, type: Schema.Literal("user") }),
  Schema.Struct({ username: Schema.String, type: Schema.Literal("user") })
)

const NonBlank = Schema.String.pipe(
  Schema.minLength(1),
  Schema.filter((message) => message.trim() !== "", {
    message: () => "must be populated with a value other than just whitespace"
  })
)

const alertFields = {
  /** Deduplication key; Kibana sends the SHA-256 of one longer than 512 characters. */
  alias: Schema.optional(Schema.String),
  description: Schema.optional(Max(15000)),
  /** At most 10 actions of up to 50 characters. */
  actions: Schema.optional(Schema.Array(Max(50)).pipe(Schema.maxItems(10))),
  /** At most 20 tags of up to 50 characters. */
  tags: Schema.optional(Schema.Array(Max(50)).pipe(Schema.maxItems(20))),
  details: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  entity: Schema.optional(Max(512)),
  source: Schema.optional(Max(100)),
  /** The service's default: `P3`. */
  priority: Schema.optional(Schema.Literal("P1", "P2", "P3", "P4", "P5")),
  user: Schema.optional(Max(100)),
  note: Schema.optional(Max(25000))
}

/** Up to 15000 characters, which Kibana truncates to the service's 130 (`MESSAGE_SCHEMA_MAX_LENGTH`). */
const Message = NonBlank.pipe(Schema.maxLength(15000))

/**
 * Opsgenie `createAlert` params.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateAlertParams = Schema.Struct({
  message: Message,
  ...alertFields,
  responders: Schema.optional(Schema.Array(OpsgenieResponder).pipe(Schema.maxItems(50))),
  visibleTo: Schema.optional(Schema.Array(OpsgenieVisibleTo).pipe(Schema.maxItems(50)))
})

/**
 * Jira Service Management `createAlert` params: responders and visible targets by `id` only.
 *
 * @since 0.1.0
 * @category models
 */
export const JsmCreateAlertParams = Schema.Struct({
  message: Message,
  ...alertFields,
  responders: Schema.optional(
    Schema.Array(Schema.Struct({ id: Schema.String, type: ResponderType })).pipe(Schema.maxItems(50))
  ),
  visibleTo: Schema.optional(
    Schema.Array(Schema.Struct({ id: Schema.String, type: Schema.Literal("team", "user") })).pipe(
      Schema.maxItems(50)
    )
  )
})

/**
 * `closeAlert` params (both types).
 *
 * @since 0.1.0
 * @category models
 */
export const CloseAlertParams = Schema.Struct({
  alias: Schema.String,
  user: Schema.optional(Max(100)),
  source: Schema.optional(Max(100)),
  note: Schema.optional(Max(25000))
})

/**
 * Opsgenie params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieParams = Schema.Union(
  subAction("createAlert", CreateAlertParams),
  subAction("closeAlert", CloseAlertParams)
)

/**
 * Jira Service Management params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const JsmParams = Schema.Union(
  subAction("createAlert", JsmCreateAlertParams),
  subAction("closeAlert", CloseAlertParams)
)

/**
 * Opsgenie's answer to an alert request, which it processes asynchronously (`requestId` tracks it);
 * Kibana checks it against the schemas' `Response` and passes it on.
 *
 * @since 0.1.0
 * @category models
 */
export const OpsgenieAlertResult = Schema.Struct({
  result: Schema.String,
  took: Schema.Number,
  requestId: Schema.String
})

/**
 * The `.opsgenie` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const OpsgenieType = {
  id: ".opsgenie",
  source: "src/platform/packages/shared/kbn-connector-schemas/opsgenie/schemas/v1.ts",
  ...inputsWithSecrets(".opsgenie", { config: OpsgenieConfig }, OpsgenieSecrets),
  params: OpsgenieParams,
  results: { createAlert: OpsgenieAlertResult, closeAlert: OpsgenieAlertResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition

/**
 * The `.jira-service-management` connector type (Kibana 9.1+).
 *
 * @since 0.1.0
 * @category types
 */
export const JiraServiceManagementType = {
  id: ".jira-service-management",
  source: "src/platform/packages/shared/kbn-connector-schemas/jira-service-management/schemas/v1.ts",
  ...inputsWithSecrets(".jira-service-management", { config: OpsgenieConfig }, OpsgenieSecrets),
  params: JsmParams,
  results: { createAlert: OpsgenieAlertResult, closeAlert: OpsgenieAlertResult },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
