/**
 * Kibana versions and what changed between them, as the client's version gates see them: parsing and
 * comparing version numbers, and each version-dependent rule cited from Kibana's source. The emulator
 * keeps its own reading (`src/emulator/kibanaVersion.ts`), so that each checks the other.
 */

/** A Kibana version number (`major.minor.patch`; pre-release and build suffixes are dropped). */
export interface KibanaVersion {
  readonly major: number
  readonly minor: number
  readonly patch: number
}

/** Parses `9.4.3`, `8.18.0-SNAPSHOT`, `9.1`; `undefined` when the text is not a version. */
export const parseVersion = (text: string): KibanaVersion | undefined => {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim())
  if (match === null) return undefined
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) }
}

/** `-1`, `0` or `1` as `a` is older than, equal to or newer than `b`. */
export const compareVersions = (a: KibanaVersion, b: KibanaVersion): -1 | 0 | 1 => {
  for (const key of ["major", "minor", "patch"] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1
  }
  return 0
}

/** `9.4.3`. */
export const formatVersion = (version: KibanaVersion): string => `${version.major}.${version.minor}.${version.patch}`

const v = (text: string): KibanaVersion => parseVersion(text)!

/** Whether `version` is `minimum` or newer. */
export const atLeast = (version: KibanaVersion, minimum: KibanaVersion): boolean =>
  compareVersions(version, minimum) >= 0

/**
 * A capability that depends on the Kibana version, with the first version that has it.
 */
export interface VersionedFeature {
  /** What the caller asked for, in words, e.g. `caller-chosen connector ids`. */
  readonly feature: string
  readonly minimumVersion: KibanaVersion
}

/**
 * `POST /api/actions/connector/{id}`: creating a connector with the caller's id. The route takes an
 * optional `{id?}` since 8.8 (elastic/kibana PR #155392 "allow user to predefined their id when they
 * create connector", labelled v8.8.0); earlier versions only have `POST /api/actions/connector`, so the
 * id path is an unknown route (404).
 */
export const customConnectorIds: VersionedFeature = {
  feature: "caller-chosen connector ids",
  minimumVersion: v("8.8.0")
}

/**
 * A space's `solution` view. The spaces API accepts it from 8.16 (elastic/kibana issue #183559 "Add
 * `solution` property to Spaces", released with the solution views in 8.16); the Terraform provider
 * refuses it below 8.16.0 (`spaceSolutionMinVersion`, "Solution field requires 8.16.0 or higher").
 */
export const spaceSolution: VersionedFeature = {
  feature: "the space `solution` view",
  minimumVersion: v("8.16.0")
}

/**
 * Webhook `method` values beyond `post` and `put`. 8.x's webhook config schema is
 * `post` or `put` (8.18 OpenAPI `webhook_config.method`: `enum: [post, put]`); 9.x's webhook config is
 * `method: z.enum([POST, PUT, PATCH, GET, DELETE])` (`WebhookMethods` of `@kbn/connector-schemas`,
 * `common/auth/constants`; the webhook `ConfigSchema`).
 */
export const webhookMethodsV9: VersionedFeature & { readonly methods: ReadonlyArray<string> } = {
  feature: "webhook methods patch, get and delete",
  minimumVersion: v("9.0.0"),
  methods: ["patch", "get", "delete"]
}

/** The webhook methods every supported version accepts. */
export const webhookMethodsV8: ReadonlyArray<string> = ["post", "put"]

/**
 * From 9.4 Kibana validates caller-chosen connector ids (elastic/kibana PR #255922):
 * `schema.string({ minLength: 1, maxLength: CONNECTOR_ID_MAX_LENGTH, validate: validateConnectorId })`
 * (x-pack/platform/plugins/shared/actions/common/routes/connector/apis/create/schemas/v1.ts).
 */
export const connectorIdRulesSince: KibanaVersion = v("9.4.0")

/** `CONNECTOR_ID_MAX_LENGTH` (x-pack/platform/plugins/shared/actions/common/index.ts). */
export const connectorIdMaxLength = 36

/**
 * What 9.4+ says about a connector id, or `undefined` when it is accepted: `@kbn/config-schema`'s
 * `maxLength` check runs before the `validate` function, so a long id gets config-schema's length
 * wording, a short one with other characters `validateConnectorId`'s
 * (x-pack/platform/plugins/shared/actions/common/validate_connector_id.ts and its test).
 */
export const connectorIdViolation = (id: string): string | undefined => {
  if (id.length === 0) return "value has length [0] but it must have a minimum length of [1]."
  if (id.length > connectorIdMaxLength) {
    return `value has length [${id.length}] but it must have a maximum length of [${connectorIdMaxLength}].`
  }
  return /^[a-z0-9-]+$/.test(id)
    ? undefined
    : "Connector ID must contain only lowercase letters, numbers, and hyphens."
}
