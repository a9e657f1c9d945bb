/**
 * `.opsgenie` and `.jira-service-management`: sub-action types that create and close alerts through
 * Opsgenie's Alert API (`POST <apiUrl>/v2/alerts`, `Authorization: GenieKey <apiKey>`) or its JSM twin
 * (`<apiUrl>/jsm/ops/integration/v2/alerts`).
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/opsgenie/schemas/v1.ts and
 * `.../jira-service-management/schemas/v1.ts`; executors:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/opsgenie/connector.ts
 * and `.../jira-service-management/connector.ts`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { defineSubActionType, subAction } from "./subActions.js"
import * as V from "./validation.js"
import { messageField, vendorRequest, type VendorResponse } from "./vendorRequest.js"

// opsgenie/constants.ts
const messageMaxLength = 130
const messageSchemaMaxLength = 15000
const messageNonEmpty = "must be populated with a value other than just whitespace"

const config = V.strictObject({ apiUrl: V.string() })
const secrets = V.strictObject({ apiKey: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

const responderTypes = V.literals(["team", "user", "escalation", "schedule"])

const message = V.refine(
  V.string({ min: 1, max: messageSchemaMaxLength }),
  (message) => message.trim() === "" ? [messageNonEmpty] : []
)

// The fields Opsgenie's and Jira Service Management's createAlert params share, in their schemas' order.
const alertFields = {
  actions: V.optional(V.array(V.string({ max: 50 }), { max: 10 })),
  tags: V.optional(V.array(V.string({ max: 50 }), { max: 20 })),
  details: V.optional(V.record(V.string())),
  entity: V.optional(V.string({ max: 512 })),
  source: V.optional(V.string({ max: 100 })),
  priority: V.optional(V.literals(["P1", "P2", "P3", "P4", "P5"]))
}

const createAlertParams = V.strictObject({
  message,
  alias: V.optional(V.string()),
  description: V.optional(V.string({ max: 15000 })),
  responders: V.optional(V.array(
    V.union(
      V.strictObject({ name: V.string(), type: responderTypes }),
      V.strictObject({ id: V.string(), type: responderTypes }),
      V.strictObject({ username: V.string(), type: V.literalUnion(["user"]) })
    ),
    { max: 50 }
  )),
  visibleTo: V.optional(V.array(
    V.union(
      V.strictObject({ name: V.string(), type: V.literalUnion(["team"]) }),
      V.strictObject({ id: V.string(), type: V.literalUnion(["team"]) }),
      V.strictObject({ id: V.string(), type: V.literalUnion(["user"]) }),
      V.strictObject({ username: V.string(), type: V.literalUnion(["user"]) })
    ),
    { max: 50 }
  )),
  ...alertFields,
  user: V.optional(V.string({ max: 100 })),
  note: V.optional(V.string({ max: 25000 }))
})

// jira-service-management/schemas/v1.ts: responders and visible targets by `id` only
const jsmCreateAlertParams = V.strictObject({
  message,
  alias: V.optional(V.string()),
  description: V.optional(V.string({ max: 15000 })),
  responders: V.optional(V.array(V.strictObject({ id: V.string(), type: responderTypes }), { max: 50 })),
  visibleTo: V.optional(V.array(
    V.union(
      V.strictObject({ id: V.string(), type: V.literalUnion(["team"]) }),
      V.strictObject({ id: V.string(), type: V.literalUnion(["user"]) })
    ),
    { max: 50 }
  )),
  ...alertFields,
  note: V.optional(V.string({ max: 25000 })),
  user: V.optional(V.string({ max: 100 }))
})

const closeAlertParams = V.strictObject({
  alias: V.string(),
  user: V.optional(V.string({ max: 100 })),
  source: V.optional(V.string({ max: 100 })),
  note: V.optional(V.string({ max: 25000 }))
})

// Opsgenie limits an alias to 512 characters: a longer one is replaced by its SHA-256
const createAlias = (alias: string) =>
  alias.length <= 512 ? alias : `sha-${createHash("sha256").update(alias).digest("hex")}`

// `getResponseErrorMessage`: the answer's message, with its `errors` object when there is one
const errorMessage = (response: VendorResponse | undefined, transportMessage: string) => {
  const main = messageField(response) ?? transportMessage
  const data = response?.data
  const errors = V.isJsonObject(data) ? data.errors : undefined
  return errors == null ? main : `${main}: ${JSON.stringify(errors)}`
}

const makeAlertType = (options: {
  readonly id: string
  readonly name: string
  readonly supportedFeatureIds: ReadonlyArray<string>
  /** The alerts path under `apiUrl`, without a leading slash (resolved like `new URL(path, apiUrl)`). */
  readonly alertsPath: string
  readonly createAlertParams: typeof createAlertParams | typeof jsmCreateAlertParams
}): ConnectorTypeSpec =>
  defineSubActionType<Config, Secrets>({
    id: options.id,
    name: options.name,
    minimumLicenseRequired: "platinum",
    supportedFeatureIds: options.supportedFeatureIds,
    isSystemActionType: false,
    isDeprecated: false,
    config: V.validate(config),
    secrets: V.validate(secrets),
    subActions: {
      createAlert: subAction(options.createAlertParams, ({ config, params, secrets, services }) =>
        Effect.map(
          vendorRequest(services, {
            method: "POST",
            url: new URL(options.alertsPath, config.apiUrl).toString(),
            headers: { Authorization: `GenieKey ${secrets.apiKey}` },
            body: {
              ...params,
              message: params.message.slice(0, messageMaxLength),
              ...(params.alias ? { alias: createAlias(params.alias) } : {})
            }
          }, errorMessage),
          (response) => response.data
        )),
      closeAlert: subAction(closeAlertParams, ({ config, params, secrets, services }) => {
        const { alias, ...rest } = params
        const url = new URL(`${options.alertsPath}/${createAlias(alias)}/close`, config.apiUrl)
        url.searchParams.set("identifierType", "alias")
        return Effect.map(
          vendorRequest(services, {
            method: "POST",
            url: url.toString(),
            headers: { Authorization: `GenieKey ${secrets.apiKey}` },
            body: rest
          }, errorMessage),
          (response) => response.data
        )
      })
    }
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const opsgenieConnectorType: ConnectorTypeSpec = makeAlertType({
  id: ".opsgenie",
  name: "Opsgenie",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  alertsPath: "v2/alerts",
  createAlertParams
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const jiraServiceManagementConnectorType: ConnectorTypeSpec = makeAlertType({
  id: ".jira-service-management",
  name: "Jira Service Management",
  supportedFeatureIds: ["alerting", "uptime", "siem", "workflows", "agentBuilder"],
  alertsPath: "jsm/ops/integration/v2/alerts",
  createAlertParams: jsmCreateAlertParams
})
