/**
 * `.webhook`: an HTTP call to a URL
 * (`src/platform/packages/shared/kbn-connector-schemas/webhook/schemas/v1.ts` with the auth keys of
 * `src/platform/packages/shared/kbn-connector-schemas/common/auth/schemas/v1.ts`; config rules in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/webhook/validations.ts`; the
 * executor's result in `.../connector_types/webhook/index.ts`).
 *
 * Config and secrets are unions on `authType`, so each authentication gets exactly the keys it needs.
 * Newest `main` also lists `http-authentication-query-param` in the shared auth enum, for the unreleased
 * `.http` connector; it has no secrets a webhook could use, so it is left out here.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, inputsWithOptionalSecrets, Secret, StringRecord } from "./common.js"

const common = {
  url: Schema.String,
  /** Kibana's default: `post`; 8.x accepts only `post` and `put`. */
  method: Schema.optional(Schema.Literal("post", "put", "patch", "get", "delete")),
  /** Plain headers, stored in config (Kibana's default: `null`); see `secretHeaders` for secret ones. */
  headers: Schema.optional(Schema.NullOr(StringRecord))
}

/**
 * TLS settings shared by every authentication (`ca` is a PEM certificate authority, base64).
 *
 * @since 0.1.0
 * @category models
 */
export const TlsFields = {
  ca: Schema.optional(Schema.String),
  /** Kibana's default: `xpack.actions.ssl.verificationMode` (`full`). */
  verificationMode: Schema.optional(Schema.Literal("none", "certificate", "full"))
}

/**
 * The auth part of a webhook-like config (shared with `.cases-webhook`).
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookAuthConfig = Schema.Union(
  Schema.Struct({
    hasAuth: Schema.Literal(false),
    authType: Schema.optional(Schema.Null),
    ...TlsFields
  }),
  Schema.Struct({
    /** Kibana's default: `true`. */
    hasAuth: Schema.optional(Schema.Literal(true)),
    /** Kibana's default when `hasAuth`: basic authentication. */
    authType: Schema.optional(Schema.Literal("webhook-authentication-basic")),
    ...TlsFields
  }),
  Schema.Struct({
    hasAuth: Schema.optional(Schema.Literal(true)),
    authType: Schema.Literal("webhook-authentication-ssl"),
    certType: Schema.Literal("ssl-crt-key", "ssl-pfx"),
    ...TlsFields
  }),
  Schema.Struct({
    hasAuth: Schema.optional(Schema.Literal(true)),
    authType: Schema.Literal("webhook-oauth2-client-credentials"),
    /** The token endpoint of the OAuth2 client-credentials flow. */
    accessTokenUrl: Schema.String,
    clientId: Schema.String,
    /** Kibana's default: none (no `scope` parameter sent). */
    scope: Schema.optional(Schema.String),
    /** Extra token-request fields, as a JSON object string (Kibana's default: none). */
    additionalFields: Schema.optional(Schema.NullOr(Schema.String)),
    ...TlsFields
  })
)

/**
 * `.webhook` config: the URL, method and headers, and one authentication.
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookConfig = Schema.extend(Schema.Struct(common), WebhookAuthConfig)

/**
 * @since 0.1.0
 * @category models
 */
export type WebhookConfig = typeof WebhookConfig.Type

const secretHeaders = {
  /** Headers stored encrypted with the secrets (Kibana's default: `null`). */
  secretHeaders: Schema.optional(Schema.NullOr(Schema.Redacted(StringRecord)))
}

// Kibana's `SecretConfigurationSchemaValidation` accepts one credential shape at a time: the keys of
// the others are `never`, so mixing two is a compile error as it is Kibana's 400.
const absent = Schema.optional(Schema.Never)
const none = { user: absent, password: absent, crt: absent, key: absent, pfx: absent, clientSecret: absent }

/**
 * Webhook-like secrets: exactly one of the combinations Kibana accepts (basic auth, certificate and key,
 * PFX, OAuth2 client secret), each with optional secret headers, or secret headers alone
 * (`src/platform/packages/shared/kbn-connector-schemas/common/auth/schemas/v1.ts`).
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookSecrets = Schema.Union(
  Schema.Struct({ ...none, user: Schema.String, password: Secret, ...secretHeaders }),
  Schema.Struct({ ...none, crt: Secret, key: Secret, password: Schema.optional(Secret), ...secretHeaders }),
  Schema.Struct({ ...none, pfx: Secret, password: Schema.optional(Secret), ...secretHeaders }),
  Schema.Struct({ ...none, clientSecret: Secret, ...secretHeaders }),
  // No authentication (`hasAuth: false`), only secret headers.
  Schema.Struct({ ...none, secretHeaders: Schema.Redacted(StringRecord) })
)

/**
 * @since 0.1.0
 * @category models
 */
export type WebhookSecrets = typeof WebhookSecrets.Type

/**
 * `.webhook` params: the request body, sent as given (Kibana's default: none).
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookParams = Schema.Struct({ body: Schema.optional(Schema.String) })

/**
 * What a successful `.webhook` execution returns: not the remote service's answer but the `body` it sent
 * (`successResult(actionId, data)` with `data = params.body`), absent when there was none.
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookResult = Schema.UndefinedOr(Schema.String)

/**
 * The `.webhook` connector type. Secrets are required on update: Kibana accepts `{}` and silently erases
 * the stored credentials.
 *
 * @since 0.1.0
 * @category types
 */
export const WebhookType = {
  id: ".webhook",
  source: "src/platform/packages/shared/kbn-connector-schemas/webhook/schemas/v1.ts",
  ...inputsWithOptionalSecrets(".webhook", { config: WebhookConfig }, WebhookSecrets),
  params: WebhookParams,
  result: WebhookResult,
  // `authType` is `.default(basic).optional()`: zod 3 leaves an absent one absent, zod 4 (newer Kibana)
  // stores basic; with auth on, both mean basic to Kibana, so neither is a difference
  defaults: (config): Readonly<Record<string, unknown>> => ({
    method: "post",
    headers: null,
    hasAuth: true,
    ...(config.hasAuth === false ? {} : { authType: "webhook-authentication-basic" })
  })
} as const satisfies ConnectorTypeDefinition
