/**
 * Where Kibana 8.18's connector type schemas differ from the 9.x schemas the connector types in
 * `./connectorTypes` are written from, as data: the 8.18 profile (`KibanaProfile.ts`) answers with the 8.x
 * message when an input 9.x accepts is one 8.18 refused, and leaves out the types 8.18 did not register.
 *
 * 8.x schemas are `@kbn/config-schema` objects, which refuse unknown keys (`unknowns: 'forbid'` is the
 * default) and stop at the first issue: keys in schema order first, then unknown keys in input order, then
 * the object's `validate` callback. The rules are listed in that order.
 *
 * @since 0.1.0
 * @internal
 */
import { webhookMethodsV8 } from "./kibanaVersion.js"
import { configSchemaConnectorMessage } from "./validationFormatters.js"

/**
 * Which part of a connector a rule checks.
 *
 * @since 0.1.0
 * @internal
 */
export type RuleTarget = "config" | "secrets"

/**
 * One schema difference. `UnknownKeys`: keys the 8.x schema did not define, so refused as unknown.
 * `AllowedValues`: a key whose 8.x schema accepted fewer literal values. `source` cites the Kibana source.
 *
 * @since 0.1.0
 * @internal
 */
export type SchemaRule =
  | {
    readonly _tag: "AllowedValues"
    readonly connectorTypeIds: ReadonlyArray<string>
    readonly target: RuleTarget
    readonly key: string
    readonly values: ReadonlyArray<string | null>
    readonly source: string
  }
  | {
    readonly _tag: "UnknownKeys"
    readonly connectorTypeIds: ReadonlyArray<string>
    readonly target: RuleTarget
    readonly keys: ReadonlyArray<string>
    readonly source: string
  }

// OAuth2 client credentials joined the shared webhook auth schema in elastic/kibana PR #218442 (9.2);
// the 8.x `AuthConfiguration` (x-pack/.../stack_connectors/common/auth/schema.ts, config-schema) has only
// hasAuth, authType, certType, ca and verificationMode, which `.webhook` and `.cases-webhook` both spread.
const webhookAuthTypes = [".webhook", ".cases-webhook"]
const oauth2ConfigKeys = ["accessTokenUrl", "clientId", "scope", "additionalFields"]

/**
 * Kibana 8.18's schema differences from 9.x, in the order config-schema would meet them.
 *
 * @since 0.1.0
 * @internal
 */
export const v8SchemaRules: ReadonlyArray<SchemaRule> = [
  {
    _tag: "AllowedValues",
    connectorTypeIds: [".webhook"],
    target: "config",
    key: "method",
    values: webhookMethodsV8,
    // 8.x webhook/schema.ts: `method: schema.oneOf([schema.literal('post'), schema.literal('put')])`
    source: "x-pack/plugins/stack_connectors/server/connector_types/webhook/schema.ts (8.x)"
  },
  {
    _tag: "AllowedValues",
    connectorTypeIds: webhookAuthTypes,
    target: "config",
    key: "authType",
    values: ["webhook-authentication-basic", "webhook-authentication-ssl", null],
    // 8.x `authTypeSchema`: basic, SSL or null (8.18 OpenAPI `auth_type` agrees)
    source: "x-pack/plugins/stack_connectors/common/auth/schema.ts (8.x)"
  },
  {
    _tag: "UnknownKeys",
    connectorTypeIds: webhookAuthTypes,
    target: "config",
    keys: oauth2ConfigKeys,
    source: "elastic/kibana PR #218442 (OAuth2 for webhook connector, 9.2)"
  },
  {
    _tag: "UnknownKeys",
    connectorTypeIds: webhookAuthTypes,
    target: "secrets",
    // clientSecret: PR #218442; secretHeaders: PR #230042 (encrypted headers, 9.2). 8.x
    // `SecretConfiguration` is user, password, crt, key, pfx.
    keys: ["clientSecret", "secretHeaders"],
    source: "elastic/kibana PRs #218442 and #230042"
  },
  {
    _tag: "UnknownKeys",
    connectorTypeIds: [".bedrock"],
    target: "config",
    // 8.x bedrock ConfigSchema is { apiUrl, defaultModel }: contextWindowLength came with PR #228371
    // (9.2), temperature with PR #239806 (9.3), region with PR #252956 (9.4)
    keys: ["region", "contextWindowLength", "temperature"],
    source: "elastic/kibana PRs #228371, #239806 and #252956"
  },
  {
    _tag: "UnknownKeys",
    connectorTypeIds: [".gemini"],
    target: "config",
    // 8.x gemini ConfigSchema is { apiUrl, defaultModel, gcpRegion, gcpProjectID }
    keys: ["contextWindowLength", "temperature"],
    source: "elastic/kibana PRs #228371 and #239806"
  }
]

const valueAt = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined

const ruleViolation = (rule: SchemaRule, value: unknown): string | undefined => {
  switch (rule._tag) {
    case "AllowedValues": {
      const received = valueAt(value, rule.key)
      if (received === undefined || rule.values.some((allowed) => allowed === received)) return undefined
      return configSchemaConnectorMessage(rule.target, [{
        code: "invalid_value",
        path: [rule.key],
        values: rule.values,
        received
      }])
    }
    case "UnknownKeys": {
      // Joi reports the first unknown key in the input's order
      const keys = typeof value === "object" && value !== null ? Object.keys(value) : []
      const key = keys.find((candidate) => rule.keys.includes(candidate))
      return key === undefined
        ? undefined
        : configSchemaConnectorMessage(rule.target, [{ code: "unrecognized_keys", path: [], keys: [key] }])
    }
  }
}

/**
 * The first rule a connector's raw config or secrets breaks, as Kibana's full 400 message.
 *
 * @since 0.1.0
 * @internal
 */
export const schemaViolation = (
  rules: ReadonlyArray<SchemaRule>,
  connectorTypeId: string,
  target: RuleTarget,
  value: unknown
): string | undefined => {
  for (const rule of rules) {
    if (rule.target !== target || !rule.connectorTypeIds.includes(connectorTypeId)) continue
    const violation = ruleViolation(rule, value)
    if (violation !== undefined) return violation
  }
  return undefined
}

/**
 * A message 8.x words differently: `from` (the 9.x text) becomes `to`.
 *
 * @since 0.1.0
 * @internal
 */
export interface Rewording {
  readonly connectorTypeIds: ReadonlyArray<string>
  readonly from: string
  readonly to: string
  readonly source: string
}

/**
 * 8.18's rewordings of 9.x messages.
 *
 * @since 0.1.0
 * @internal
 */
export const v8Rewordings: ReadonlyArray<Rewording> = [
  {
    connectorTypeIds: webhookAuthTypes,
    // 8.x `SecretConfigurationSchemaValidation` (i18n id xpack.stackConnectors.webhook.invalidSecrets)
    // predates OAuth2's clientSecret
    from: "; pfx (with optional password); or clientSecret (for OAuth2)",
    to: "; or pfx (with optional password)",
    source: "x-pack/plugins/stack_connectors/common/auth/schema.ts (8.x)"
  }
]

/**
 * Applies the rewordings that concern a connector type.
 *
 * @since 0.1.0
 * @internal
 */
export const reword = (rewordings: ReadonlyArray<Rewording>, connectorTypeId: string, message: string): string =>
  rewordings.reduce(
    (text, rewording) =>
      rewording.connectorTypeIds.includes(connectorTypeId) ? text.replace(rewording.from, rewording.to) : text,
    message
  )

/**
 * A 9.x connector type 8.x registered late or never: `since` is the first 8.x version that has it,
 * `undefined` when no 8.x release does.
 *
 * @since 0.1.0
 * @internal
 */
export interface TypeIntroduction {
  readonly connectorTypeId: string
  readonly since: string | undefined
  readonly source: string
}

/**
 * The 9.x stack connector types 8.18 did not register.
 *
 * @since 0.1.0
 * @internal
 */
export const v8TypeIntroductions: ReadonlyArray<TypeIntroduction> = [
  // XSOAR Connector, elastic/kibana PR #212049 (merged 2025-06-20 for 9.1), backported to 8.19 by #224698
  { connectorTypeId: ".xsoar", since: "8.19.0", source: "elastic/kibana PRs #212049 and #224698" },
  // a 9.x type (connector docs issue #240191, 2025-10); no 8.x backport
  { connectorTypeId: ".jira-service-management", since: undefined, source: "elastic/kibana issue #240191" },
  // technical preview of 2025-26 (MCP connector docs PR #249013); no 8.x backport
  { connectorTypeId: ".mcp", since: undefined, source: "elastic/kibana PR #249013" }
]
