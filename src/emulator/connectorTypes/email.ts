/**
 * The `.email` connector. Validation follows Kibana; the emulator never delivers mail, so execution
 * answers Kibana's send-failure result (`error sending email`) rather than pretending success.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/email/schemas/v1.ts` and
 * `.../email/constants.ts`; custom rules and executor:
 * `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/email/index.ts`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as V from "./validation.js"

const nullableString = V.withDefault(V.nullable(V.string()), null)

const config = V.strictObject({
  service: V.withDefault(V.string(), "other"),
  host: nullableString,
  port: V.withDefault(V.nullable(V.coercedNumber({ min: 1, max: 65535 })), null),
  secure: V.withDefault(V.nullable(V.boolean), null),
  from: V.string(),
  hasAuth: V.withDefault(V.boolean, true),
  tenantId: nullableString,
  clientId: nullableString,
  oauthTokenUrl: nullableString
})

const secrets = V.strictObject({ user: nullableString, password: nullableString, clientSecret: nullableString })

const addresses = V.withDefault(V.array(V.string({ max: 512 }), { max: 100 }), [])

const defaultFooterText = "Go to Elastic"

const params = V.strictObject({
  to: addresses,
  cc: addresses,
  bcc: addresses,
  replyTo: V.optional(V.array(V.string({ max: 512 }), { max: 10 })),
  subject: V.string(),
  message: V.string(),
  messageHTML: nullableString,
  kibanaFooterLink: V.withDefault(
    V.strictObject({
      path: V.withDefault(V.string(), "/"),
      text: V.withDefault(V.string(), defaultFooterText)
    }),
    { path: "/", text: defaultFooterText }
  ),
  attachments: V.optional(V.array(V.strictObject({
    content: V.string(),
    contentType: V.optional(V.string()),
    filename: V.string(),
    encoding: V.optional(V.string())
  })))
})

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof params>

// nodemailer's well-known services (`nodemailer/lib/well-known/services.json`), matched like
// nodemailer does: case-insensitively, ignoring characters other than letters, digits, "." and "-"
const wellKnownServices = new Set([
  "126",
  "163",
  "1und1",
  "aol",
  "aliyun",
  "debugmail",
  "dynectemail",
  "fastmail",
  "gandimail",
  "gmail",
  "godaddy",
  "godaddyasia",
  "godaddyeurope",
  "hot.ee",
  "hotmail",
  "icloud",
  "mail.ee",
  "mail.ru",
  "maildev",
  "mailgun",
  "mailjet",
  "mailosaur",
  "mandrill",
  "naver",
  "openmailbox",
  "outlook365",
  "postmark",
  "qq",
  "qqex",
  "sendcloud",
  "sendgrid",
  "sendinblue",
  "sendpulse",
  "ses",
  "ses-us-east-1",
  "ses-us-west-2",
  "ses-eu-west-1",
  "sparkpost",
  "tipimail",
  "yahoo",
  "yandex",
  "zoho",
  "qiye.aliyun"
])

const normaliseService = (service: string) => service.replace(/[^a-zA-Z0-9.-]/g, "").toLowerCase()

// `validateConfig` of the email connector type, with Kibana's default settings (every service enabled,
// every host allowed, no AWS SES override)
const customConfigProblem = (value: Config): string | undefined => {
  const service = value.service
  if (service === "__json") return undefined
  if (service === "exchange_server") {
    if (value.clientId == null && value.tenantId == null) return "[clientId]/[tenantId] is required"
    if (value.clientId == null) return "[clientId] is required"
    if (value.tenantId == null) return "[tenantId] is required"
    return undefined
  }
  if (service === "other") {
    if (value.host == null && value.port == null) return "[host]/[port] is required"
    if (value.host == null) return "[host] is required"
    if (value.port == null) return "[port] is required"
    return undefined
  }
  if (service === "elastic_cloud" || wellKnownServices.has(normaliseService(service))) return undefined
  return `[service] value '${service}' is not valid`
}

const noRecipients = "At least one entry in [to], [cc], or [bcc] is required"

const customParamsProblem = (value: Params): string | undefined => {
  const recipients = [...value.to, ...value.cc, ...value.bcc]
  return recipients.some((address) => address.trim().length > 0) ? undefined : noRecipients
}

/**
 * The cross-field rule Kibana applies to config and secrets together (`validateConnector` of the email
 * type; Kibana prefixes it with `error validating action type connector: `).
 *
 * @since 0.1.0
 * @category validation
 */
export const validateEmailConnector = (config: Config, secrets: Secrets): string | undefined => {
  if (config.service === "exchange_server") {
    return secrets.clientSecret == null ? "[clientSecret] is required" : undefined
  }
  if (config.hasAuth && secrets.user == null) return "[user] is required"
  if (config.hasAuth && secrets.password == null) return "[password] is required"
  return undefined
}

const smtpTarget = (config: Config): string =>
  config.service === "other"
    ? `SMTP server ${String(config.host)}:${String(config.port)}`
    : `service "${String(config.service)}"`

const execute = ({ config }: ExecutorInput<Config, Secrets, Params>): Effect.Effect<ExecutorResult> =>
  Effect.succeed({
    status: "error",
    message: "error sending email",
    serviceMessage: `the Kibana emulator does not deliver email (${smtpTarget(config)} was not contacted)`
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const emailConnectorType: ConnectorTypeSpec = define({
  id: ".email",
  name: "Email",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["alerting", "uptime", "siem", "workflows", "agentBuilder"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config, customConfigProblem),
  secrets: V.validate(secrets),
  params: V.validate(params, customParamsProblem),
  connector: validateEmailConnector,
  execute
})
