/**
 * Emulator profiles: how the Kibana version the emulator plays (`--version`, the `version` option)
 * changes its behaviour, not only the number it reports. Three profiles, newest by default:
 *
 * | profile  | versions      | differences modelled                                                          |
 * | -------- | ------------- | ----------------------------------------------------------------------------- |
 * | `8.18`   | 8.18 – 8.19   | `@kbn/config-schema` wording; no `is_connector_type_deprecated`; 8.x connector schemas where they differ from 9.x (`connectorSchemaRules.ts`): webhook `method` only `post`/`put`, webhook and cases-webhook `authType` without OAuth2 and without the OAuth2 config keys and `clientSecret`/`secretHeaders` secrets (and 8.x's invalid-secrets message), `.bedrock` without `region`/`contextWindowLength`/`temperature`, `.gemini` without `contextWindowLength`/`temperature`; no `.mcp` and `.jira-service-management`, `.xsoar` only from 8.19 |
 * | `9.0-9.3`| 9.0 – 9.3     | webhook methods `patch`/`get`/`delete`; zod v3 wording                         |
 * | `9.4`    | 9.4 and later | custom connector ids: at most 36 of `[a-z0-9-]`; zod v4 `prettifyError` wording; `.bedrock` `region`; webhook `authType` `http-authentication-query-param` |
 *
 * The Content-Security-Policy headers follow the version within a profile (`contentSecurityPolicy`).
 *
 * Shared by all three (so not a profile field): caller-chosen connector ids (8.8+), the space
 * `solution` (8.16+), the status document's shape, and the connector types' other rules.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import {
  reword,
  type RuleTarget,
  schemaViolation,
  v8Rewordings,
  v8SchemaRules,
  v8TypeIntroductions
} from "./connectorSchemaRules.js"
import * as V from "./connectorTypes/validation.js"
import { zodV3 } from "./connectorTypes/wording.js"
import type { ContentSecurityPolicy } from "./contentSecurityPolicy.js"
import { contentSecurityPolicyFor } from "./contentSecurityPolicy.js"
import {
  atLeast,
  compareVersions,
  connectorIdRulesSince,
  connectorIdViolation,
  parseVersion,
  webhookMethodsV8,
  webhookMethodsV9
} from "./kibanaVersion.js"
import type { KibanaVersion } from "./kibanaVersion.js"

/**
 * The profiles' names.
 *
 * @since 0.1.0
 * @category models
 */
export type KibanaProfileName = "8.18" | "9.0-9.3" | "9.4"

/**
 * How connector config, secrets and params failures are worded: `config-schema` (8.x), `zod-v3`
 * (9.0 to 9.3: `Field "x": ...`), `zod-v4` (9.4: `prettifyError`); `connectorTypes/wording.ts` renders
 * each.
 *
 * @since 0.1.0
 * @category models
 */
export type ValidationWording = "config-schema" | "zod-v3" | "zod-v4"

/**
 * What one profile changes.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaProfile {
  readonly name: KibanaProfileName
  /** The version reported by `/api/status` and checked against `kbn-version`. */
  readonly version: string
  readonly validationWording: ValidationWording
  /** The webhook `method` values the webhook config accepts. */
  readonly webhookMethods: ReadonlyArray<string>
  /** Kibana's message for a caller-chosen connector id this version rejects, `undefined` when accepted. */
  readonly connectorIdViolation: (id: string) => string | undefined
  /**
   * A config or secrets rule this version adds on top of the connector type's own (9.x) validation, as the
   * full 400 message; `undefined` when accepted. `value` is the request's raw config or secrets.
   */
  readonly connectorViolation: (connectorTypeId: string, target: RuleTarget, value: unknown) => string | undefined
  /** A rejected config or secrets message as this version words it (the 9.x message by default). */
  readonly rewordConnectorFailure: (connectorTypeId: string, message: string) => string
  /** Whether this version registers a built-in connector type (8.18 lacks some 9.x types). */
  readonly registersConnectorType: (connectorTypeId: string) => boolean
  /**
   * Whether connector answers carry `is_connector_type_deprecated`. elastic/kibana PR #236662 ("Add
   * support to deprecate connector types", `backport:skip`) added it to the actions client's responses
   * during 9.x; the 8.18 OpenAPI connector schema (`additionalProperties: false`) has no such property.
   * 9.0 and 9.1 lack it too, but the `9.0-9.3` profile follows the newest of its range.
   */
  readonly connectorTypeDeprecatedField: boolean
  /**
   * The `Content-Security-Policy` and `Content-Security-Policy-Report-Only` headers this version sends on every
   * answer (`contentSecurityPolicy.ts`). Set by version, not by profile: 8.19 reports `object-src` where 8.18
   * does not, and 9.3 enforces it where 9.0 to 9.2 do not.
   */
  readonly contentSecurityPolicy: ContentSecurityPolicy
}

const v = (text: string): KibanaVersion => parseVersion(text)!

/**
 * The oldest version the emulator plays.
 *
 * @since 0.1.0
 * @category constants
 */
export const oldestSupportedVersion = "8.18.0"

const acceptAll = () => undefined
const keepWording = (_connectorTypeId: string, message: string) => message
const registersAll = () => true

// `.bedrock` config `region`: elastic/kibana PR #252956 added it to the strict config schema
// (src/platform/packages/shared/kbn-connector-schemas/bedrock/schemas/v1.ts) for 9.4; before, the schema
// had no such key and refused it as an unknown one. (8.18's rule is in connectorSchemaRules.ts.)
const bedrockRegionBefore94 = (connectorTypeId: string, config: unknown) =>
  connectorTypeId === ".bedrock" && typeof config === "object" && config !== null && "region" in config
    ? "error validating connector type config: Unrecognized key(s) in object: 'region'"
    : undefined

// `.webhook` config `authType`: the shared auth enum
// (src/platform/packages/shared/kbn-connector-schemas/common/auth/constants.ts) gained
// `http-authentication-query-param` for 9.4.
const webhookAuthTypesV9 = [
  "webhook-authentication-basic",
  "webhook-authentication-ssl",
  "webhook-oauth2-client-credentials",
  null
] as const

const webhookAuthType = (config: unknown) =>
  typeof config === "object" && config !== null && "authType" in config ? config.authType : undefined

const webhookAuthTypeBefore94 = (connectorTypeId: string, config: unknown) => {
  const outcome = V.literalUnion(webhookAuthTypesV9).run(webhookAuthType(config), ["authType"])
  return connectorTypeId !== ".webhook" || webhookAuthType(config) === undefined || !outcome.aborted
    ? undefined
    : `error validating connector type config: ${zodV3({ _tag: "Issues", issues: outcome.issues })}`
}

// 8.x registers a type when no introduction lists it, or when the played version has it already
const registeredIn8x = (version: KibanaVersion) => (connectorTypeId: string) => {
  const introduction = v8TypeIntroductions.find((entry) => entry.connectorTypeId === connectorTypeId)
  if (introduction === undefined) return true
  return introduction.since !== undefined && atLeast(version, v(introduction.since))
}

/**
 * The profile for a version, or why the emulator cannot play it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const profileFor = (version: string): Either.Either<KibanaProfile, string> => {
  const parsed = parseVersion(version)
  if (parsed === undefined) return Either.left(`not a Kibana version such as 9.4.3: ${JSON.stringify(version)}`)
  if (compareVersions(parsed, v(oldestSupportedVersion)) < 0) {
    return Either.left(`the emulator plays Kibana ${oldestSupportedVersion} and later, not ${version}`)
  }
  if (parsed.major === 8) {
    return Either.right({
      name: "8.18",
      version,
      validationWording: "config-schema",
      webhookMethods: webhookMethodsV8,
      connectorIdViolation: acceptAll,
      connectorViolation: (connectorTypeId, target, value) =>
        schemaViolation(v8SchemaRules, connectorTypeId, target, value),
      rewordConnectorFailure: (connectorTypeId, message) => reword(v8Rewordings, connectorTypeId, message),
      registersConnectorType: registeredIn8x(parsed),
      connectorTypeDeprecatedField: false,
      contentSecurityPolicy: contentSecurityPolicyFor(parsed)
    })
  }
  const v9Methods = [...webhookMethodsV8, ...webhookMethodsV9]
  return Either.right(
    atLeast(parsed, connectorIdRulesSince)
      ? {
        name: "9.4",
        version,
        validationWording: "zod-v4",
        webhookMethods: v9Methods,
        connectorIdViolation,
        connectorViolation: acceptAll,
        rewordConnectorFailure: keepWording,
        registersConnectorType: registersAll,
        connectorTypeDeprecatedField: true,
        contentSecurityPolicy: contentSecurityPolicyFor(parsed)
      }
      : {
        name: "9.0-9.3",
        version,
        validationWording: "zod-v3",
        webhookMethods: v9Methods,
        connectorIdViolation: acceptAll,
        connectorViolation: (connectorTypeId, target, value) =>
          target === "config"
            ? webhookAuthTypeBefore94(connectorTypeId, value) ?? bedrockRegionBefore94(connectorTypeId, value)
            : undefined,
        rewordConnectorFailure: keepWording,
        registersConnectorType: registersAll,
        connectorTypeDeprecatedField: true,
        contentSecurityPolicy: contentSecurityPolicyFor(parsed)
      }
  )
}
