/**
 * Incident-management types Cases pushes to: `.resilient`, `.swimlane` and `.cases-webhook`.
 * Validated as Kibana validates them (a `subAction` union checked with the params); their executors are
 * not emulated yet (an execution answers an error naming the type).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/{resilient,swimlane,cases_webhook}/schemas/v1.ts;
 * executors: `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/{resilient,swimlane,cases_webhook}/`.
 *
 * @since 0.1.0
 */
import { type ConnectorTypeSpec, define } from "../ConnectorTypeSpec.js"
import { notEmulatedResult } from "./notEmulated.js"
import * as V from "./validation.js"
import { webhookSecrets } from "./webhook.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

/**
 * The comments pushed with an incident.
 *
 * @since 0.1.0
 * @internal
 */
export const comments = V.withDefault(
  V.nullable(V.array(V.strictObject({ comment: V.string(), commentId: V.string() }))),
  null
)

/**
 * A `{ subAction: <name>, subActionParams }` member of a classic type's params union.
 *
 * @since 0.1.0
 * @internal
 */
export const subActionOf = <Name extends string, P>(name: Name, subActionParams: V.Validator<P>) =>
  V.strictObject({ subAction: V.literalUnion([name]), subActionParams })

/**
 * The `pushToService` member: an incident and its comments.
 *
 * @since 0.1.0
 * @internal
 */
export const pushToService = <I>(incident: V.Validator<I>) =>
  subActionOf("pushToService", V.strictObject({ incident, comments }))

const anyRecord = V.record(V.unknown)
const noParams = V.strictObject({})

const classicType = <Config extends V.JsonObject, Secrets extends V.JsonObject, Params extends V.JsonObject>(
  options: {
    readonly id: string
    readonly name: string
    readonly minimumLicenseRequired: "gold" | "platinum"
    readonly supportedFeatureIds: ReadonlyArray<string>
    readonly config: (input: unknown) => V.Validation<Config>
    readonly secrets: (input: unknown) => V.Validation<Secrets>
    readonly params: V.Validator<Params>
  }
): ConnectorTypeSpec =>
  define<Config, Secrets, Params>({
    id: options.id,
    name: options.name,
    minimumLicenseRequired: options.minimumLicenseRequired,
    supportedFeatureIds: options.supportedFeatureIds,
    isSystemActionType: false,
    isDeprecated: false,
    config: options.config,
    secrets: options.secrets,
    params: V.validate(options.params),
    execute: () => notEmulatedResult(options.id)
  })

/**
 * The custom rule of an `apiUrl`.
 *
 * @since 0.1.0
 * @internal
 */
export const urlRule = (url: string) =>
  URL.canParse(url) ? undefined : "error configuring connector action: unable to parse url: TypeError: Invalid URL"

const nullableNumber = V.withDefault(V.nullable(V.coercedNumber()), null)

/**
 * @since 0.1.0
 * @category connector types
 */
export const resilientConnectorType: ConnectorTypeSpec = classicType({
  id: ".resilient",
  name: "IBM Resilient",
  minimumLicenseRequired: "platinum",
  supportedFeatureIds: ["alerting", "cases", "siem"],
  config: V.validate(V.strictObject({ apiUrl: V.string(), orgId: V.string() }), ({ apiUrl }) => urlRule(apiUrl)),
  secrets: V.validate(V.strictObject({ apiKeyId: V.string(), apiKeySecret: V.string() })),
  params: V.discriminated("subAction", {
    getFields: subActionOf("getFields", anyRecord),
    handshake: subActionOf("handshake", noParams),
    pushToService: pushToService(V.strictObject({
      name: V.string(),
      description: nullableString,
      externalId: nullableString,
      incidentTypes: V.withDefault(V.nullable(V.array(V.coercedNumber())), null),
      severityCode: nullableNumber,
      additionalFields: V.withDefault(V.nullable(anyRecord), null)
    })),
    incidentTypes: subActionOf("incidentTypes", noParams),
    severity: subActionOf("severity", noParams)
  })
})

const swimlaneField = V.withDefault(
  V.nullable(V.strictObject({ id: V.string(), key: V.string(), name: V.string(), fieldType: V.string() })),
  null
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const swimlaneConnectorType: ConnectorTypeSpec = classicType({
  id: ".swimlane",
  name: "Swimlane",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "cases", "siem"],
  config: V.validate(
    V.strictObject({
      apiUrl: V.string(),
      appId: V.string(),
      connectorType: V.literals(["all", "alerts", "cases"]),
      mappings: V.strictObject({
        alertIdConfig: swimlaneField,
        caseIdConfig: swimlaneField,
        caseNameConfig: swimlaneField,
        commentsConfig: swimlaneField,
        descriptionConfig: swimlaneField,
        ruleNameConfig: swimlaneField,
        severityConfig: swimlaneField
      })
    }),
    ({ apiUrl }) => urlRule(apiUrl)
  ),
  secrets: V.validate(V.strictObject({ apiToken: V.string() })),
  params: V.discriminated("subAction", {
    pushToService: pushToService(V.strictObject({
      alertId: nullableString,
      ruleName: nullableString,
      caseId: nullableString,
      caseName: nullableString,
      severity: nullableString,
      description: nullableString,
      externalId: nullableString
    }))
  })
})

const headers = V.record(V.string())

/**
 * @since 0.1.0
 * @category connector types
 */
export const casesWebhookConnectorType: ConnectorTypeSpec = classicType({
  id: ".cases-webhook",
  name: "Webhook - Case Management",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["cases"],
  config: V.validate(V.strictObject({
    createIncidentUrl: V.string(),
    createIncidentMethod: V.withDefault(V.literals(["post", "put"]), "post"),
    createIncidentJson: V.string(),
    createIncidentResponseKey: V.string(),
    getIncidentUrl: V.string(),
    getIncidentMethod: V.withDefault(V.literals(["get", "post"]), "get"),
    getIncidentJson: V.withDefault(V.nullable(V.string()), null),
    getIncidentResponseExternalTitleKey: V.string(),
    viewIncidentUrl: V.string(),
    updateIncidentUrl: V.string(),
    updateIncidentMethod: V.withDefault(V.literals(["post", "patch", "put"]), "put"),
    updateIncidentJson: V.string(),
    createCommentUrl: nullableString,
    createCommentMethod: V.withDefault(V.nullable(V.literals(["post", "put", "patch"])), "put"),
    createCommentJson: nullableString,
    headers: V.withDefault(V.nullable(headers), null),
    hasAuth: V.withDefault(V.boolean, true),
    authType: V.optional(V.nullable(V.string())),
    certType: V.optional(V.literals(["ssl-crt-key", "ssl-pfx"])),
    ca: V.optional(V.string()),
    verificationMode: V.optional(V.literals(["none", "certificate", "full"])),
    accessTokenUrl: V.optional(V.string()),
    clientId: V.optional(V.string()),
    scope: V.optional(V.string()),
    additionalFields: V.optional(V.nullable(V.string()))
  })),
  secrets: V.validate(webhookSecrets),
  params: V.discriminated("subAction", {
    pushToService: pushToService(V.strictObject({
      title: V.string(),
      description: nullableString,
      id: nullableString,
      severity: nullableString,
      status: nullableString,
      externalId: nullableString,
      tags: V.withDefault(V.nullable(V.array(V.string())), null)
    }))
  })
})
