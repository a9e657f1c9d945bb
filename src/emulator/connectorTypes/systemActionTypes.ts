/**
 * The system action types other Kibana plugins register. They run from rules only: Kibana leaves them out
 * of `GET /api/actions/connector_types` and refuses a connector of them
 * (`System action creation is forbidden. Action type: <id>.`,
 * elastic/kibana:x-pack/platform/plugins/shared/actions/server/application/connector/methods/create/create.ts).
 *
 * @since 0.1.0
 */
import type { ConnectorTypeInfo } from "../ConnectorTypeSpec.js"

/**
 * `.cases` (elastic/kibana:x-pack/platform/plugins/shared/cases/server/connectors/cases/index.ts),
 * `.observability-ai-assistant` (observability_ai_assistant_app `server/rule_connector`) and `.workflows`
 * (src/platform/plugins/shared/workflows_management/server/connectors/workflows/index.ts).
 *
 * @since 0.1.0
 * @category connector types
 */
export const systemActionTypes: ReadonlyArray<ConnectorTypeInfo> = [
  {
    id: ".cases",
    name: "Cases",
    minimumLicenseRequired: "platinum",
    supportedFeatureIds: ["siem", "uptime", "alerting"],
    isSystemActionType: true,
    isDeprecated: false
  },
  {
    id: ".observability-ai-assistant",
    name: "Observability AI Assistant",
    minimumLicenseRequired: "enterprise",
    supportedFeatureIds: ["alerting"],
    isSystemActionType: true,
    isDeprecated: false
  },
  {
    id: ".workflows",
    name: "Workflows",
    minimumLicenseRequired: "gold",
    supportedFeatureIds: ["alerting", "siem"],
    isSystemActionType: true,
    isDeprecated: false
  }
]
