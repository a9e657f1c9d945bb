/**
 * The version gates of the domain services: each asks for the server's version only when the call uses
 * a version-dependent feature, so calls without one never cost a status lookup.
 */
import * as Effect from "effect/Effect"
import type { KibanaInputError, KibanaUnsupportedFeature } from "../errors/KibanaError.js"
import type { KibanaClient } from "../services/KibanaClient.js"
import {
  connectorIdRulesSince,
  connectorIdViolation,
  customConnectorIds,
  spaceSolution,
  webhookMethodsV9
} from "./kibanaVersion.js"
import { requireFeature, versionRuleViolation } from "./serverVersion.js"

/** A caller-chosen connector id: 8.8+, and within 9.4's id rules on 9.4+. */
export const gateConnectorId = (
  kibana: KibanaClient.Service,
  operation: string,
  id: string | undefined
): Effect.Effect<void, KibanaUnsupportedFeature | KibanaInputError> =>
  id === undefined ? Effect.void : Effect.flatMap(kibana.serverVersion, (version) =>
    Effect.zipRight(
      requireFeature(version, operation, customConnectorIds),
      versionRuleViolation({
        version,
        since: connectorIdRulesSince,
        operation,
        field: "id",
        violation: connectorIdViolation(id)
      })
    ))

/** A `.webhook` connector's `method` (wire form of the input): `patch`, `get`, `delete` need 9.0+. */
export const gateWebhookMethod = (
  kibana: KibanaClient.Service,
  operation: string,
  connectorTypeId: string,
  config: unknown
): Effect.Effect<void, KibanaUnsupportedFeature> => {
  const method = (config as { method?: unknown } | undefined)?.method
  if (connectorTypeId !== ".webhook" || typeof method !== "string") return Effect.void
  if (!webhookMethodsV9.methods.includes(method.toLowerCase())) return Effect.void
  return Effect.flatMap(
    kibana.serverVersion,
    (version) =>
      requireFeature(version, operation, {
        feature: `the webhook method ${JSON.stringify(method)}`,
        minimumVersion: webhookMethodsV9.minimumVersion
      })
  )
}

/** A space's `solution`: 8.16+. */
export const gateSpaceSolution = (
  kibana: KibanaClient.Service,
  operation: string,
  solution: string | undefined
): Effect.Effect<void, KibanaUnsupportedFeature> =>
  solution === undefined
    ? Effect.void
    : Effect.flatMap(kibana.serverVersion, (version) => requireFeature(version, operation, spaceSolution))
