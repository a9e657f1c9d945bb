/**
 * The connector types the emulator knows, as Kibana 9.x registers them.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { casesWebhookConnectorType, resilientConnectorType, swimlaneConnectorType } from "./caseTypes.js"
import { d3SecurityConnectorType } from "./d3security.js"
import { emailConnectorType } from "./email.js"
import { esIndexConnectorType } from "./esIndex.js"
import { jiraConnectorType } from "./jira.js"
import { openAiConnectorType } from "./openai.js"
import { jiraServiceManagementConnectorType, opsgenieConnectorType } from "./opsgenie.js"
import { makePagerDutyConnectorType } from "./pagerduty.js"
import { serverLogConnectorType } from "./serverLog.js"
import { serviceNowItomConnectorType, serviceNowItsmConnectorType, serviceNowSirConnectorType } from "./serviceNow.js"
import { makeSlackConnectorType } from "./slack.js"
import { slackApiConnectorType } from "./slackApi.js"
import { makeTeamsConnectorType } from "./teams.js"
import { torqConnectorType } from "./torq.js"
import {
  bedrockConnectorType,
  crowdstrikeConnectorType,
  geminiConnectorType,
  inferenceConnectorType,
  mcpConnectorType,
  microsoftDefenderEndpointConnectorType,
  sentinelOneConnectorType,
  theHiveConnectorType,
  tinesConnectorType,
  xsoarConnectorType
} from "./unemulatedSubActionTypes.js"
import { makeWebhookConnectorType } from "./webhook.js"
import { xmattersConnectorType } from "./xmatters.js"

export {
  /**
   * The system action types, refused on the connector API.
   *
   * @since 0.1.0
   */
  systemActionTypes
} from "./systemActionTypes.js"

/**
 * Options of the built-in connector types.
 *
 * @since 0.1.0
 * @category models
 */
export interface BuiltInConnectorTypesOptions {
  /**
   * How long the HTTP-based types (`.webhook`, `.slack`, `.teams`, `.pagerduty`) wait for their target
   * before answering Kibana's timeout error; Kibana's `xpack.actions.responseTimeout` (60s) by default.
   */
  readonly outboundTimeout?: Duration.DurationInput | undefined
}

/**
 * Builds every built-in connector type: Kibana 9.x's 31 stack connector types, in the order Kibana
 * registers them (elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/index.ts),
 * which is the order `GET /api/actions/connector_types` lists them in.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBuiltInConnectorTypes = (
  options: BuiltInConnectorTypesOptions = {}
): ReadonlyArray<ConnectorTypeSpec> => {
  const http = { timeout: options.outboundTimeout }
  return [
    emailConnectorType,
    esIndexConnectorType,
    makePagerDutyConnectorType(http),
    swimlaneConnectorType,
    serverLogConnectorType,
    makeSlackConnectorType(http),
    slackApiConnectorType,
    makeWebhookConnectorType(http),
    casesWebhookConnectorType,
    xmattersConnectorType,
    serviceNowItsmConnectorType,
    serviceNowSirConnectorType,
    serviceNowItomConnectorType,
    jiraConnectorType,
    makeTeamsConnectorType(http),
    torqConnectorType,
    opsgenieConnectorType,
    jiraServiceManagementConnectorType,
    tinesConnectorType,
    openAiConnectorType,
    bedrockConnectorType,
    geminiConnectorType,
    d3SecurityConnectorType,
    resilientConnectorType,
    theHiveConnectorType,
    xsoarConnectorType,
    mcpConnectorType,
    sentinelOneConnectorType,
    crowdstrikeConnectorType,
    inferenceConnectorType,
    microsoftDefenderEndpointConnectorType
  ]
}

/**
 * The built-in connector types with Kibana's default settings.
 *
 * @since 0.1.0
 * @category connector types
 */
export const builtInConnectorTypes: ReadonlyArray<ConnectorTypeSpec> = makeBuiltInConnectorTypes()
