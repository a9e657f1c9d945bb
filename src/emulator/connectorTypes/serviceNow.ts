/**
 * `.servicenow` (ITSM), `.servicenow-sir` (SecOps) and `.servicenow-itom`: validated as Kibana validates
 * them; their executors are not emulated yet (an execution answers an error naming the type).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/servicenow/schemas/v1.ts
 * (config, secrets, common incident attributes) and the ITSM/SIR/ITOM params schemas in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/servicenow_{itsm,sir,itom}/`;
 * custom rules: `.../connector_types/lib/servicenow/validators.ts`.
 *
 * @since 0.1.0
 */
import { type ConnectorTypeSpec, define } from "../ConnectorTypeSpec.js"
import { notEmulatedResult } from "./notEmulated.js"
import * as V from "./validation.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

// DEFAULT_ALERTS_GROUPING_KEY in servicenow/constants.ts
const defaultAlertsGroupingKey = "{{rule.id}}:{{alert.id}}"

const baseConfig = {
  apiUrl: V.string(),
  isOAuth: V.withDefault(V.boolean, false),
  userIdentifierValue: nullableString,
  clientId: nullableString,
  jwtKeyId: nullableString
}

const itsmConfig = V.strictObject({ ...baseConfig, usesTableApi: V.withDefault(V.boolean, true) })
const itomConfig = V.strictObject(baseConfig)

const secrets = V.strictObject({
  password: nullableString,
  username: nullableString,
  clientSecret: nullableString,
  privateKey: nullableString,
  privateKeyPassword: nullableString
})

type Secrets = V.TypeOf<typeof secrets>

// validators.ts `validateCommonConfig`
const configProblem = (config: V.TypeOf<typeof itomConfig>) => {
  if (!URL.canParse(config.apiUrl)) {
    return "error configuring connector action: unable to parse url: TypeError: Invalid URL"
  }
  if (!config.isOAuth) return undefined
  if (config.userIdentifierValue == null) return "userIdentifierValue must be provided when isOAuth = true"
  if (config.clientId == null) return "clientId must be provided when isOAuth = true"
  if (config.jwtKeyId == null) return "jwtKeyId must be provided when isOAuth = true"
  return undefined
}

// validators.ts `validateCommonSecrets`
const secretsProblem = (value: Secrets) => {
  const basic = value.username != null && value.password != null
  const oauth = value.clientSecret != null && value.privateKey != null
  return basic || oauth ? undefined : "Either basic auth or OAuth credentials must be specified"
}

const comments = V.withDefault(
  V.nullable(V.array(V.strictObject({ comment: V.string(), commentId: V.string() }))),
  null
)

const commonIncident = {
  short_description: V.string(),
  description: nullableString,
  externalId: nullableString,
  category: nullableString,
  subcategory: nullableString,
  correlation_id: V.withDefault(V.nullable(V.string()), defaultAlertsGroupingKey),
  correlation_display: nullableString,
  additional_fields: V.withDefault(V.nullable(V.record(V.unknown)), null)
}

const getFields = V.strictObject({ subAction: V.literalUnion(["getFields"]), subActionParams: V.record(V.unknown) })
const getChoices = V.strictObject({
  subAction: V.literalUnion(["getChoices"]),
  subActionParams: V.strictObject({ fields: V.array(V.string()) })
})
const getIncident = V.strictObject({
  subAction: V.literalUnion(["getIncident"]),
  subActionParams: V.strictObject({ externalId: V.string() })
})

const pushToService = (incident: Readonly<Record<string, V.Validator<unknown>>>) =>
  V.strictObject({
    subAction: V.literalUnion(["pushToService"]),
    subActionParams: V.strictObject({ incident: V.strictObject(incident), comments })
  })

const itsmParams = V.discriminated("subAction", {
  getFields,
  getIncident,
  handshake: V.strictObject({ subAction: V.literalUnion(["handshake"]), subActionParams: V.strictObject({}) }),
  pushToService: pushToService({
    ...commonIncident,
    severity: nullableString,
    urgency: nullableString,
    impact: nullableString
  }),
  getChoices,
  closeIncident: V.strictObject({
    subAction: V.literalUnion(["closeIncident"]),
    subActionParams: V.strictObject({
      incident: V.strictObject({
        externalId: nullableString,
        correlation_id: V.withDefault(V.nullable(V.string()), defaultAlertsGroupingKey)
      })
    })
  })
})

const stringOrStrings = V.withDefault(V.nullable(V.union(V.string(), V.array(V.string()))), null)

const sirParams = V.discriminated("subAction", {
  getFields,
  getIncident,
  handshake: V.strictObject({ subAction: V.literalUnion(["handshake"]), subActionParams: V.strictObject({}) }),
  pushToService: pushToService({
    ...commonIncident,
    dest_ip: stringOrStrings,
    malware_hash: stringOrStrings,
    malware_url: stringOrStrings,
    source_ip: stringOrStrings,
    priority: nullableString
  }),
  getChoices
})

const itomParams = V.discriminated("subAction", {
  addEvent: V.strictObject({
    subAction: V.literalUnion(["addEvent"]),
    subActionParams: V.strictObject({
      source: nullableString,
      event_class: nullableString,
      resource: nullableString,
      node: nullableString,
      metric_name: nullableString,
      type: nullableString,
      severity: nullableString,
      description: nullableString,
      additional_info: nullableString,
      message_key: nullableString,
      time_of_event: nullableString
    })
  }),
  getChoices
})

const serviceNowType = <Config extends V.JsonObject, Params extends V.JsonObject>(options: {
  readonly id: string
  readonly name: string
  readonly supportedFeatureIds: ReadonlyArray<string>
  readonly config: V.Validator<Config>
  readonly configProblem: (config: Config) => string | undefined
  readonly params: V.Validator<Params>
}): ConnectorTypeSpec =>
  define<Config, Secrets, Params>({
    id: options.id,
    name: options.name,
    minimumLicenseRequired: "platinum",
    supportedFeatureIds: options.supportedFeatureIds,
    isSystemActionType: false,
    isDeprecated: false,
    config: V.validate(options.config, options.configProblem),
    secrets: V.validate(secrets, secretsProblem),
    params: V.validate(options.params),
    execute: () => notEmulatedResult(options.id)
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const serviceNowItsmConnectorType: ConnectorTypeSpec = serviceNowType({
  id: ".servicenow",
  name: "ServiceNow ITSM",
  supportedFeatureIds: ["alerting", "cases", "uptime", "siem"],
  config: itsmConfig,
  configProblem,
  params: itsmParams
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const serviceNowSirConnectorType: ConnectorTypeSpec = serviceNowType({
  id: ".servicenow-sir",
  name: "ServiceNow SecOps",
  supportedFeatureIds: ["alerting", "cases", "siem"],
  config: itsmConfig,
  configProblem,
  params: sirParams
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const serviceNowItomConnectorType: ConnectorTypeSpec = serviceNowType({
  id: ".servicenow-itom",
  name: "ServiceNow ITOM",
  supportedFeatureIds: ["alerting", "siem"],
  config: itomConfig,
  configProblem,
  params: itomParams
})
