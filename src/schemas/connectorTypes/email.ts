/**
 * `.email`: sends mail through SMTP, Exchange (Graph API) or a well-known service
 * (`src/platform/packages/shared/kbn-connector-schemas/email/schemas/v1.ts`; executor in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/email/index.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type ConnectorTypeDefinition, fixedDefaults, inputsWithOptionalSecrets, RawResult, Secret } from "./common.js"

/**
 * `.email` config.
 *
 * @since 0.1.0
 * @category models
 */
export const EmailConfig = Schema.Struct({
  from: Schema.String,
  /**
   * `elastic_cloud`, `exchange_server`, `gmail`, `outlook365`, `ses`, `other` or any nodemailer well-known
   * service (Kibana's default: `other`, which needs `host` and `port`).
   */
  service: Schema.optional(Schema.String),
  /** Kibana's default: `null`. */
  host: Schema.optional(Schema.NullOr(Schema.String)),
  /** 1 to 65535 (Kibana's default: `null`). */
  port: Schema.optional(Schema.NullOr(Schema.Int.pipe(Schema.between(1, 65535)))),
  /** Kibana's default: `null` (TLS when the port is 465). */
  secure: Schema.optional(Schema.NullOr(Schema.Boolean)),
  /** Kibana's default: `true`, which requires `user` and `password`. */
  hasAuth: Schema.optional(Schema.Boolean),
  /** Exchange only (Kibana's default: `null`). */
  tenantId: Schema.optional(Schema.NullOr(Schema.String)),
  /** Exchange only (Kibana's default: `null`). */
  clientId: Schema.optional(Schema.NullOr(Schema.String)),
  /** Exchange only (Kibana's default: `null`). */
  oauthTokenUrl: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * `.email` secrets: `user` and `password` with `hasAuth`, `clientSecret` for Exchange (each Kibana's
 * default: `null`).
 *
 * @since 0.1.0
 * @category models
 */
export const EmailSecrets = Schema.Struct({
  user: Schema.optional(Schema.NullOr(Schema.String)),
  password: Schema.optional(Schema.NullOr(Secret)),
  clientSecret: Schema.optional(Schema.NullOr(Secret))
})

const Address = Schema.String.pipe(Schema.maxLength(512))
const Recipients = Schema.Array(Address).pipe(Schema.maxItems(100))

/**
 * `.email` params: at least one of `to`, `cc`, `bcc` (each ≤ 100 addresses of ≤ 512 characters).
 * Kibana's `messageHTML` and `attachments` are left out: in 9.x its executor refuses both unless the
 * email is sent by a notification, never through `_execute` (newest `main` also lets `messageHTML` through
 * when the connector's unreleased `allowHtml` config is `true`). Newest `main` also
 * sends its test message instead of `subject` and `message` for an `_execute` call (not for `__json`).
 *
 * @since 0.1.0
 * @category models
 */
export const EmailParams = Schema.Struct({
  subject: Schema.String,
  message: Schema.String,
  /** Kibana's default: `[]`. */
  to: Schema.optional(Recipients),
  /** Kibana's default: `[]`. */
  cc: Schema.optional(Recipients),
  /** Kibana's default: `[]`. */
  bcc: Schema.optional(Recipients),
  /** At most 10 addresses. */
  replyTo: Schema.optional(Schema.Array(Address).pipe(Schema.maxItems(10))),
  /** The link to Kibana in the footer (Kibana's default: path `/`, text "Go to Elastic"). */
  kibanaFooterLink: Schema.optional(Schema.Struct({
    /** Kibana's default: `/`. */
    path: Schema.optional(Schema.String),
    /** Kibana's default: "Go to Elastic". */
    text: Schema.optional(Schema.String)
  }))
})

/**
 * The `.email` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const EmailType = {
  id: ".email",
  source: "src/platform/packages/shared/kbn-connector-schemas/email/schemas/v1.ts",
  ...inputsWithOptionalSecrets(".email", { config: EmailConfig }, EmailSecrets),
  params: EmailParams,
  /** The mail transport's answer (nodemailer's info, or Graph's). */
  result: RawResult,
  defaults: fixedDefaults({
    service: "other",
    host: null,
    port: null,
    secure: null,
    hasAuth: true,
    tenantId: null,
    clientId: null,
    oauthTokenUrl: null
  })
} as const satisfies ConnectorTypeDefinition
