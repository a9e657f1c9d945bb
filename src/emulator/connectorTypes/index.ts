/**
 * The connector types the emulator knows, as Kibana 9.x registers them.
 *
 * @since 0.1.0
 */
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { bedrockConnectorType } from "./bedrock.js"
import { casesWebhookConnectorType } from "./casesWebhook.js"
import { crowdstrikeConnectorType } from "./crowdstrike.js"
import { d3SecurityConnectorType } from "./d3security.js"
import { emailConnectorType } from "./email.js"
import { esIndexConnectorType } from "./esIndex.js"
import { geminiConnectorType } from "./gemini.js"
import { inferenceConnectorType } from "./inference.js"
import { jiraConnectorType } from "./jira.js"
import { mcpConnectorType } from "./mcp.js"
import { microsoftDefenderEndpointConnectorType } from "./microsoftDefender.js"
import { openAiConnectorType } from "./openai.js"
import { jiraServiceManagementConnectorType, opsgenieConnectorType } from "./opsgenie.js"
import { pagerDutyConnectorType } from "./pagerduty.js"
import { resilientConnectorType } from "./resilient.js"
import { sentinelOneConnectorType } from "./sentinelone.js"
import { serverLogConnectorType } from "./serverLog.js"
import { serviceNowItomConnectorType, serviceNowItsmConnectorType, serviceNowSirConnectorType } from "./serviceNow.js"
import { slackConnectorType } from "./slack.js"
import { slackApiConnectorType } from "./slackApi.js"
import { swimlaneConnectorType } from "./swimlane.js"
import { teamsConnectorType } from "./teams.js"
import { theHiveConnectorType } from "./theHive.js"
import { tinesConnectorType } from "./tines.js"
import { torqConnectorType } from "./torq.js"
import { webhookConnectorType } from "./webhook.js"
import { xmattersConnectorType } from "./xmatters.js"
import { xsoarConnectorType } from "./xsoar.js"

export {
  /**
   * The system action types, refused on the connector API.
   *
   * @since 0.1.0
   */
  systemActionTypes
} from "./systemActionTypes.js"

/**
 * Kibana 9.x's 31 stack connector types, in the order Kibana registers them
 * (elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/index.ts), which is
 * the order `GET /api/actions/connector_types` lists them in.
 *
 * @since 0.1.0
 * @category connector types
 */
export const builtInConnectorTypes: ReadonlyArray<ConnectorTypeSpec> = [
  emailConnectorType,
  esIndexConnectorType,
  pagerDutyConnectorType,
  swimlaneConnectorType,
  serverLogConnectorType,
  slackConnectorType,
  slackApiConnectorType,
  webhookConnectorType,
  casesWebhookConnectorType,
  xmattersConnectorType,
  serviceNowItsmConnectorType,
  serviceNowSirConnectorType,
  serviceNowItomConnectorType,
  jiraConnectorType,
  teamsConnectorType,
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
