/**
 * The emulator's own reading of Kibana versions: the version it plays, and the version-dependent rules its
 * profiles apply, each cited from Kibana's source. Written apart from the client's version gates, so that
 * each checks the other.
 */

/** A Kibana version (`major.minor.patch`). */
export interface KibanaVersion {
  readonly major: number
  readonly minor: number
  readonly patch: number
}

/** `9.4.3`, `8.18.0-SNAPSHOT` or `9.1`; `undefined` for anything else. */
export const parseVersion = (text: string): KibanaVersion | undefined => {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim())
  return match === null
    ? undefined
    : { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) }
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export const compareVersions = (a: KibanaVersion, b: KibanaVersion): number =>
  a.major - b.major || a.minor - b.minor || a.patch - b.patch

/** Whether `version` is `minimum` or newer. */
export const atLeast = (version: KibanaVersion, minimum: KibanaVersion): boolean =>
  compareVersions(version, minimum) >= 0

/**
 * Kibana 9.4 validates caller-chosen connector ids (elastic/kibana PR #255922): the create route's `id`
 * param is `schema.string({ minLength: 1, maxLength: CONNECTOR_ID_MAX_LENGTH, validate: validateConnectorId })`
 * (x-pack/platform/plugins/shared/actions/common/routes/connector/apis/create/schemas/v1.ts).
 */
export const connectorIdRulesSince: KibanaVersion = { major: 9, minor: 4, patch: 0 }

// CONNECTOR_ID_MAX_LENGTH (x-pack/platform/plugins/shared/actions/common/index.ts)
const connectorIdMaxLength = 36

/**
 * What Kibana 9.4+ answers for a connector id, or `undefined` when it takes it. config-schema checks the
 * length before calling `validate`, so an over-long id gets config-schema's wording and a short one with other
 * characters `validateConnectorId`'s (x-pack/platform/plugins/shared/actions/common/validate_connector_id.ts).
 */
export const connectorIdViolation = (id: string): string | undefined => {
  if (id.length < 1) return "value has length [0] but it must have a minimum length of [1]."
  if (id.length > connectorIdMaxLength) {
    return `value has length [${id.length}] but it must have a maximum length of [${connectorIdMaxLength}].`
  }
  if (/[^a-z0-9-]/.test(id)) return "Connector ID must contain only lowercase letters, numbers, and hyphens."
  return undefined
}

/**
 * Webhook `method` values: 8.x's config schema takes `post` and `put` (8.18 OpenAPI `webhook_config.method`);
 * 9.x adds `patch`, `get` and `delete` (`WebhookMethods` of `@kbn/connector-schemas`, `common/auth/constants`).
 */
export const webhookMethodsV8: ReadonlyArray<string> = ["post", "put"]

/** The webhook methods 9.x adds. */
export const webhookMethodsV9: ReadonlyArray<string> = ["patch", "get", "delete"]
