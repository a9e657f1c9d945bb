/**
 * `.servicenow` (ITSM), `.servicenow-sir` (security incidents) and `.servicenow-itom` (events)
 * (`src/platform/packages/shared/kbn-connector-schemas/servicenow/schemas/v1.ts`,
 * `src/platform/packages/shared/kbn-connector-schemas/servicenow_itsm/schemas/v1.ts`,
 * `src/platform/packages/shared/kbn-connector-schemas/servicenow_sir/schemas/v1.ts`; executors and results in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/servicenow_itsm/index.ts`,
 * `.../servicenow_sir/index.ts`, `.../servicenow_itom/index.ts` and `.../lib/servicenow/types.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  fixedDefaults,
  inputsWithSecrets,
  JsonObject,
  PushComment,
  PushResult,
  Secret,
  subAction
} from "./common.js"

const authConfig = Schema.Union(
  Schema.Struct({
    /** Kibana's default: `false` (basic auth with `username` and `password`). */
    isOAuth: Schema.optional(Schema.Literal(false)),
    // Kibana stores these as `null` and refuses values in basic mode
    userIdentifierValue: Schema.optional(Schema.Null),
    clientId: Schema.optional(Schema.Null),
    jwtKeyId: Schema.optional(Schema.Null)
  }),
  Schema.Struct({
    isOAuth: Schema.Literal(true),
    /** The user the JWT is issued for. */
    userIdentifierValue: Schema.String,
    clientId: Schema.String,
    jwtKeyId: Schema.String
  })
)

/**
 * `.servicenow-itom` config: the instance URL and basic or OAuth (JWT) authentication.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowItomConfig = Schema.extend(Schema.Struct({ apiUrl: Schema.String }), authConfig)

/**
 * `.servicenow` and `.servicenow-sir` config.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowConfig = Schema.extend(
  Schema.Struct({
    apiUrl: Schema.String,
    /** Push through the table API; `false` uses the Elastic ServiceNow app (Kibana's default: `true`). */
    usesTableApi: Schema.optional(Schema.Boolean)
  }),
  authConfig
)

/**
 * ServiceNow secrets: `username`/`password` for basic auth, or the OAuth client secret and private key.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowSecrets = Schema.Union(
  // `validateCommonConnector` (lib/servicenow/validators.ts) refuses the other shape's keys
  Schema.Struct({
    username: Schema.String,
    password: Secret,
    clientSecret: Schema.optional(Schema.Never),
    privateKey: Schema.optional(Schema.Never)
  }),
  Schema.Struct({
    clientSecret: Secret,
    privateKey: Secret,
    privateKeyPassword: Schema.optional(Secret),
    username: Schema.optional(Schema.Never),
    password: Schema.optional(Schema.Never)
  })
)

const incidentFields = {
  short_description: Schema.String,
  description: Schema.optional(Schema.NullOr(Schema.String)),
  externalId: Schema.optional(Schema.NullOr(Schema.String)),
  category: Schema.optional(Schema.NullOr(Schema.String)),
  subcategory: Schema.optional(Schema.NullOr(Schema.String)),
  /** Kibana's default: `{{rule.id}}:{{alert.id}}`. */
  correlation_id: Schema.optional(Schema.NullOr(Schema.String)),
  correlation_display: Schema.optional(Schema.NullOr(Schema.String)),
  /** Any other incident fields, by ServiceNow name. */
  additional_fields: Schema.optional(Schema.NullOr(JsonObject))
}

const itsmIncident = Schema.Struct({
  ...incidentFields,
  severity: Schema.optional(Schema.NullOr(Schema.String)),
  urgency: Schema.optional(Schema.NullOr(Schema.String)),
  impact: Schema.optional(Schema.NullOr(Schema.String))
})

const sirIncident = Schema.Struct({
  ...incidentFields,
  dest_ip: Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Array(Schema.String)))),
  source_ip: Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Array(Schema.String)))),
  malware_hash: Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Array(Schema.String)))),
  malware_url: Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Array(Schema.String)))),
  priority: Schema.optional(Schema.NullOr(Schema.String))
})

const comments = { comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment))) }
const getFields = subAction("getFields", Schema.Struct({}))
const getChoices = subAction("getChoices", Schema.Struct({ fields: Schema.Array(Schema.String) }))
const getIncident = subAction("getIncident", Schema.Struct({ externalId: Schema.String }))

/**
 * `.servicenow` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowParams = Schema.Union(
  subAction("pushToService", Schema.Struct({ incident: itsmIncident, ...comments })),
  getFields,
  getChoices,
  getIncident,
  subAction(
    "closeIncident",
    Schema.Struct({
      incident: Schema.Union(
        Schema.Struct({ externalId: Schema.String, correlation_id: Schema.optional(Schema.NullOr(Schema.String)) }),
        Schema.Struct({ externalId: Schema.optional(Schema.Null), correlation_id: Schema.String })
      )
    })
  )
)

/**
 * `.servicenow-sir` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowSirParams = Schema.Union(
  subAction("pushToService", Schema.Struct({ incident: sirIncident, ...comments })),
  getFields,
  getChoices,
  getIncident
)

/**
 * `.servicenow-itom` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowItomParams = Schema.Union(
  subAction(
    "addEvent",
    Schema.Struct({
      source: Schema.optional(Schema.NullOr(Schema.String)),
      event_class: Schema.optional(Schema.NullOr(Schema.String)),
      resource: Schema.optional(Schema.NullOr(Schema.String)),
      node: Schema.optional(Schema.NullOr(Schema.String)),
      metric_name: Schema.optional(Schema.NullOr(Schema.String)),
      type: Schema.optional(Schema.NullOr(Schema.String)),
      /** `1` (critical) to `5` (OK), as a string. */
      severity: Schema.optional(Schema.NullOr(Schema.String)),
      description: Schema.optional(Schema.NullOr(Schema.String)),
      additional_info: Schema.optional(Schema.NullOr(Schema.String)),
      /** Kibana's default: `{{rule.id}}:{{alert.id}}`. */
      message_key: Schema.optional(Schema.NullOr(Schema.String)),
      time_of_event: Schema.optional(Schema.NullOr(Schema.String))
    })
  ),
  getChoices
)

/**
 * A ServiceNow field, as `getFields` lists it.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowField = Schema.Struct({
  column_label: Schema.String,
  element: Schema.String,
  mandatory: Schema.optional(Schema.String),
  max_length: Schema.optional(Schema.String)
})

/**
 * A choice of a ServiceNow field, as `getChoices` lists it.
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowChoice = Schema.Struct({
  value: Schema.String,
  label: Schema.String,
  element: Schema.String,
  dependent_value: Schema.optional(Schema.String)
})

/**
 * What `getIncident` returns from `.servicenow` and `.servicenow-sir`: always `{}`, as their executors
 * list the sub-action as supported but run no handler for it (`data ?? {}`).
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowGetIncidentResult = Schema.Struct({})

/**
 * What `closeIncident` returns: the closed incident, or `null` when none matched (Kibana sends `{}`).
 *
 * @since 0.1.0
 * @category models
 */
export const ServiceNowCloseIncidentResult = Schema.Union(
  PushResult,
  // only an empty object is "none matched": an incomplete incident still fails to decode
  Schema.transform(Schema.Record({ key: Schema.String, value: Schema.Never }), Schema.Null, {
    strict: true,
    decode: () => null,
    encode: () => ({})
  })
)

const defaults = fixedDefaults({
  isOAuth: false,
  usesTableApi: true,
  userIdentifierValue: null,
  clientId: null,
  jwtKeyId: null
})
const results = {
  pushToService: PushResult,
  getFields: Schema.Array(ServiceNowField),
  getChoices: Schema.Array(ServiceNowChoice),
  getIncident: ServiceNowGetIncidentResult
}

/**
 * The `.servicenow` (ITSM) connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const ServiceNowType = {
  id: ".servicenow",
  source: "src/platform/packages/shared/kbn-connector-schemas/servicenow_itsm/schemas/v1.ts",
  ...inputsWithSecrets(".servicenow", { config: ServiceNowConfig }, ServiceNowSecrets),
  params: ServiceNowParams,
  results: { ...results, closeIncident: ServiceNowCloseIncidentResult },
  defaults
} as const satisfies ConnectorTypeDefinition

/**
 * The `.servicenow-sir` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const ServiceNowSirType = {
  id: ".servicenow-sir",
  source: "src/platform/packages/shared/kbn-connector-schemas/servicenow_sir/schemas/v1.ts",
  ...inputsWithSecrets(".servicenow-sir", { config: ServiceNowConfig }, ServiceNowSecrets),
  params: ServiceNowSirParams,
  results,
  defaults
} as const satisfies ConnectorTypeDefinition

/**
 * The `.servicenow-itom` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const ServiceNowItomType = {
  id: ".servicenow-itom",
  source: "x-pack/platform/plugins/shared/stack_connectors/server/connector_types/servicenow_itom/index.ts",
  ...inputsWithSecrets(".servicenow-itom", { config: ServiceNowItomConfig }, ServiceNowSecrets),
  params: ServiceNowItomParams,
  // servicenow_itom/api.ts `addEvent` returns nothing: Kibana answers `{}`
  results: { addEvent: Schema.Struct({}), getChoices: Schema.Array(ServiceNowChoice) },
  defaults: fixedDefaults({ isOAuth: false })
} as const satisfies ConnectorTypeDefinition
