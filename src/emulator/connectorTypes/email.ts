/**
 * The `.email` connector: validated as Kibana validates it, and delivered over SMTP with nodemailer (what
 * Kibana uses; an optional dependency) to the configured host, such as the emulator's `SmtpSink`.
 * The plain-text message is sent with Kibana's footer; Kibana's markdown-to-HTML part, attachments,
 * Exchange (Microsoft Graph) and Elastic Cloud's relay are not emulated.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/email/schemas/v1.ts` and
 * `.../email/constants.ts`; custom rules and executor:
 * `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/email/index.ts` and
 * `.../email/send_email.ts`.
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

// getFooterMessage without `server.publicBaseUrl`
const footer = "\n\n---\n\nThis message was sent by Elastic."

// getSecureValue: TLS from the start when asked, or on port 465
const secureValue = (secure: boolean | null, port: number | null) => secure ?? port === 465

const sendingError = (serviceMessage: string): ExecutorResult => ({
  status: "error",
  message: "error sending email",
  serviceMessage
})

// send_email.ts: a nodemailer SMTP transport for `other` and the well-known services; Exchange goes
// through Microsoft Graph and Elastic Cloud through its relay, which the emulator does not reach
const transportOptions = (config: Config, secrets: Secrets) => {
  const auth = config.hasAuth && secrets.user !== null && secrets.password !== null
    ? { auth: { user: secrets.user, pass: secrets.password } }
    : {}
  if (config.service === "other") {
    return {
      host: config.host ?? undefined,
      port: config.port ?? undefined,
      secure: secureValue(config.secure, config.port),
      ...auth
    }
  }
  return { service: config.service, ...auth }
}

const execute = ({ config, params, secrets }: ExecutorInput<Config, Secrets, Params>): Effect.Effect<ExecutorResult> =>
  Effect.gen(function*() {
    if (config.service === "exchange_server" || config.service === "elastic_cloud" || config.service === "__json") {
      return sendingError(`the Kibana emulator does not deliver email through the ${config.service} service`)
    }
    const nodemailer = yield* Effect.tryPromise(() => import("nodemailer")).pipe(Effect.option)
    if (nodemailer._tag === "None") {
      return sendingError("the Kibana emulator needs the optional dependency nodemailer to deliver email")
    }
    const transport = nodemailer.value.createTransport(transportOptions(config, secrets))
    return yield* Effect.tryPromise(() =>
      transport.sendMail({
        from: config.from,
        to: [...params.to],
        cc: [...params.cc],
        bcc: [...params.bcc],
        ...(params.replyTo === undefined ? {} : { replyTo: [...params.replyTo] }),
        subject: params.subject,
        text: `${params.message}${footer}`
      })
    ).pipe(
      Effect.map((info): ExecutorResult => ({ status: "ok", data: info })),
      Effect.catchAll((error) =>
        Effect.succeed(sendingError(error.error instanceof Error ? error.error.message : String(error.error)))
      ),
      Effect.ensuring(Effect.sync(() => transport.close()))
    )
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
