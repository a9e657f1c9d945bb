/**
 * The registry of typed connector types: every stack connector type of Kibana 9.x, each with its config,
 * secrets, execute params and results, written from Kibana's own schemas (each module names its source).
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import { BedrockType } from "./bedrock.js"
import { CasesWebhookType } from "./casesWebhook.js"
import { D3SecurityType } from "./d3security.js"
import { EmailType } from "./email.js"
import { CrowdstrikeType, MicrosoftDefenderType, SentinelOneType } from "./endpointSecurity.js"
import { IndexType } from "./esIndex.js"
import { GeminiType } from "./gemini.js"
import { InferenceType } from "./inference.js"
import { JiraType } from "./jira.js"
import { McpType } from "./mcp.js"
import { OpenAiType } from "./openai.js"
import { JiraServiceManagementType, OpsgenieType } from "./opsgenie.js"
import { PagerDutyType } from "./pagerduty.js"
import { ResilientType } from "./resilient.js"
import { ServerLogType } from "./serverLog.js"
import { ServiceNowItomType, ServiceNowSirType, ServiceNowType } from "./servicenow.js"
import { SlackType } from "./slack.js"
import { SlackApiType } from "./slackApi.js"
import { SwimlaneType } from "./swimlane.js"
import { TeamsType } from "./teams.js"
import { TheHiveType } from "./thehive.js"
import { TinesType } from "./tines.js"
import { TorqType } from "./torq.js"
import { WebhookType } from "./webhook.js"
import { XmattersType } from "./xmatters.js"
import { XsoarType } from "./xsoar.js"

export * from "./bedrock.js"
export * from "./casesWebhook.js"
export {
  type ConnectorTypeDefinition,
  NoSecrets,
  noSecrets,
  PushComment,
  PushResult,
  RawResult,
  Secret,
  StringRecord,
  versionDefault
} from "./common.js"
export * from "./d3security.js"
export * from "./email.js"
export * from "./endpointSecurity.js"
export * from "./esIndex.js"
export * from "./gemini.js"
export * from "./inference.js"
export * from "./jira.js"
export * from "./mcp.js"
export * from "./openai.js"
export * from "./opsgenie.js"
export * from "./pagerduty.js"
export * from "./resilient.js"
export * from "./serverLog.js"
export * from "./servicenow.js"
export * from "./slack.js"
export * from "./slackApi.js"
export * from "./swimlane.js"
export * from "./teams.js"
export * from "./thehive.js"
export * from "./tines.js"
export * from "./torq.js"
export * from "./webhook.js"
export * from "./xmatters.js"
export * from "./xsoar.js"

/**
 * Every typed connector type, by id: the 31 stack connector types of Kibana 9.x.
 *
 * @since 0.1.0
 * @category types
 */
export const connectorTypes = {
  ".index": IndexType,
  ".server-log": ServerLogType,
  ".email": EmailType,
  ".webhook": WebhookType,
  ".slack": SlackType,
  ".slack_api": SlackApiType,
  ".teams": TeamsType,
  ".pagerduty": PagerDutyType,
  ".xmatters": XmattersType,
  ".torq": TorqType,
  ".servicenow": ServiceNowType,
  ".servicenow-sir": ServiceNowSirType,
  ".servicenow-itom": ServiceNowItomType,
  ".jira": JiraType,
  ".jira-service-management": JiraServiceManagementType,
  ".opsgenie": OpsgenieType,
  ".resilient": ResilientType,
  ".swimlane": SwimlaneType,
  ".cases-webhook": CasesWebhookType,
  ".thehive": TheHiveType,
  ".xsoar": XsoarType,
  ".tines": TinesType,
  ".d3security": D3SecurityType,
  ".gen-ai": OpenAiType,
  ".bedrock": BedrockType,
  ".gemini": GeminiType,
  ".inference": InferenceType,
  ".mcp": McpType,
  ".sentinelone": SentinelOneType,
  ".crowdstrike": CrowdstrikeType,
  ".microsoft_defender_endpoint": MicrosoftDefenderType
} as const

/**
 * @since 0.1.0
 * @category types
 */
export type ConnectorTypes = typeof connectorTypes

/**
 * The id of a typed connector type (`.slack`, `.servicenow`, ...).
 *
 * @since 0.1.0
 * @category types
 */
export type TypedConnectorTypeId = keyof ConnectorTypes

/**
 * Whether `id` is one of the typed connector types.
 *
 * @since 0.1.0
 * @category guards
 */
export const isTypedConnectorTypeId = (id: string): id is TypedConnectorTypeId => Object.hasOwn(connectorTypes, id)

/**
 * The create input of one type.
 *
 * @since 0.1.0
 * @category types
 */
export type CreateInputOf<T extends TypedConnectorTypeId> = Schema.Schema.Type<ConnectorTypes[T]["create"]>

/**
 * The update input of one type.
 *
 * @since 0.1.0
 * @category types
 */
export type UpdateInputOf<T extends TypedConnectorTypeId> = Schema.Schema.Type<ConnectorTypes[T]["update"]>

/**
 * The config of one type.
 *
 * @since 0.1.0
 * @category types
 */
export type ConfigOf<T extends TypedConnectorTypeId> = CreateInputOf<T> extends { readonly config?: infer C } ? C
  : never

/**
 * The `_execute` params of one type: plain, or a union on `subAction`.
 *
 * @since 0.1.0
 * @category types
 */
export type ParamsOf<T extends TypedConnectorTypeId> = Schema.Schema.Type<ConnectorTypes[T]["params"]>

/**
 * What executing a connector of type `T` with params `P` returns: the type's result, or the result of
 * the sub-action `P` names.
 *
 * @since 0.1.0
 * @category types
 */
export type ResultOf<T extends TypedConnectorTypeId, P = ParamsOf<T>> = ConnectorTypes[T] extends
  { readonly result: infer S extends Schema.Schema.Any } ? Schema.Schema.Type<S>
  : ConnectorTypes[T] extends { readonly results: infer R } ?
    P extends { readonly subAction: infer K }
      ? K extends keyof R ? R[K] extends Schema.Schema.Any ? Schema.Schema.Type<R[K]> : never : never
    : never
  : never
