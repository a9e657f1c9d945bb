/**
 * The connector types the emulator knows, as Kibana 9.x registers them.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { emailConnectorType } from "./email.js"
import { esIndexConnectorType } from "./esIndex.js"
import { jiraServiceManagementConnectorType, opsgenieConnectorType } from "./opsgenie.js"
import { makePagerDutyConnectorType } from "./pagerduty.js"
import { serverLogConnectorType } from "./serverLog.js"
import { makeSlackConnectorType } from "./slack.js"
import { makeTeamsConnectorType } from "./teams.js"
import { makeWebhookConnectorType } from "./webhook.js"

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
 * Builds every built-in connector type: `.index`, `.server-log`, `.webhook`, `.slack`, `.teams`,
 * `.email`, `.pagerduty`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBuiltInConnectorTypes = (
  options: BuiltInConnectorTypesOptions = {}
): ReadonlyArray<ConnectorTypeSpec> => {
  const http = { timeout: options.outboundTimeout }
  return [
    esIndexConnectorType,
    serverLogConnectorType,
    makeWebhookConnectorType(http),
    makeSlackConnectorType(http),
    makeTeamsConnectorType(http),
    emailConnectorType,
    makePagerDutyConnectorType(http),
    opsgenieConnectorType,
    jiraServiceManagementConnectorType
  ]
}

/**
 * The built-in connector types with Kibana's default settings.
 *
 * @since 0.1.0
 * @category connector types
 */
export const builtInConnectorTypes: ReadonlyArray<ConnectorTypeSpec> = makeBuiltInConnectorTypes()
