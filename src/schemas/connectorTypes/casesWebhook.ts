/**
 * `.cases-webhook`: cases pushed to any HTTP incident API
 * (`src/platform/packages/shared/kbn-connector-schemas/cases_webhook/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  fixedDefaults,
  inputsWithOptionalSecrets,
  PushComment,
  PushResult,
  StringRecord,
  subAction
} from "./common.js"
import { WebhookAuthConfig, WebhookSecrets } from "./webhook.js"

/**
 * `.cases-webhook` config: the URLs, methods and JSON templates of each call, and the webhook
 * authentication keys.
 *
 * @since 0.1.0
 * @category models
 */
export const CasesWebhookConfig = Schema.extend(
  Schema.Struct({
    createIncidentUrl: Schema.String,
    /** Kibana's default: `post`. */
    createIncidentMethod: Schema.optional(Schema.Literal("post", "put")),
    createIncidentJson: Schema.String,
    createIncidentResponseKey: Schema.String,
    getIncidentUrl: Schema.String,
    /** Kibana's default: `get`. */
    getIncidentMethod: Schema.optional(Schema.Literal("get", "post")),
    /** Kibana's default: `null`. */
    getIncidentJson: Schema.optional(Schema.NullOr(Schema.String)),
    getIncidentResponseExternalTitleKey: Schema.String,
    viewIncidentUrl: Schema.String,
    updateIncidentUrl: Schema.String,
    /** Kibana's default: `put`. */
    updateIncidentMethod: Schema.optional(Schema.Literal("post", "patch", "put")),
    updateIncidentJson: Schema.String,
    /** Kibana's default: `null`. */
    createCommentUrl: Schema.optional(Schema.NullOr(Schema.String)),
    /** Kibana's default: `put`. */
    createCommentMethod: Schema.optional(Schema.NullOr(Schema.Literal("post", "put", "patch"))),
    /** Kibana's default: `null`. */
    createCommentJson: Schema.optional(Schema.NullOr(Schema.String)),
    /** Kibana's default: `null`. */
    headers: Schema.optional(Schema.NullOr(StringRecord))
  }),
  WebhookAuthConfig
)

/**
 * `.cases-webhook` params.
 *
 * @since 0.1.0
 * @category models
 */
export const CasesWebhookParams = subAction(
  "pushToService",
  Schema.Struct({
    incident: Schema.Struct({
      title: Schema.String,
      description: Schema.optional(Schema.NullOr(Schema.String)),
      id: Schema.optional(Schema.NullOr(Schema.String)),
      severity: Schema.optional(Schema.NullOr(Schema.String)),
      status: Schema.optional(Schema.NullOr(Schema.String)),
      externalId: Schema.optional(Schema.NullOr(Schema.String)),
      tags: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
    }),
    comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment)))
  })
)

/**
 * The `.cases-webhook` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const CasesWebhookType = {
  id: ".cases-webhook",
  source: "src/platform/packages/shared/kbn-connector-schemas/cases_webhook/schemas/v1.ts",
  ...inputsWithOptionalSecrets(".cases-webhook", { config: CasesWebhookConfig }, WebhookSecrets),
  params: CasesWebhookParams,
  results: { pushToService: PushResult },
  defaults: fixedDefaults({
    createIncidentMethod: "post",
    getIncidentMethod: "get",
    updateIncidentMethod: "put",
    createCommentMethod: "put",
    hasAuth: true
  })
} as const satisfies ConnectorTypeDefinition
