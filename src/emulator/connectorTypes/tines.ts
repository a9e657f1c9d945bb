/**
 * The `.tines` connector: a sub-action type that lists stories and webhook agents through Tines' API
 * (`x-user-email` / `x-user-token`) and runs a story by posting the body to its webhook.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/tines/schemas/v1.ts; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/tines/tines.ts.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec } from "../ConnectorTypeSpec.js"
import { defineSubActionType, subAction, SubActionError, subActionWithoutSchema } from "./subActions.js"
import * as V from "./validation.js"
import { vendorRequest, type VendorResponse } from "./vendorRequest.js"

const config = V.strictObject({ url: V.string() })
const secrets = V.strictObject({ email: V.string(), token: V.string() })

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

// API_MAX_RESULTS in common/tines/constants.ts
const perPage = 500

const webhooksParams = V.strictObject({ storyId: V.coercedNumber() })

// `TinesWebhookObjectSchema`; the webhook's path and secret (as `webhooks` answers them) build its URL
const webhook = V.looseObject({
  id: V.coercedNumber(),
  name: V.string(),
  storyId: V.coercedNumber(),
  path: V.optional(V.string()),
  secret: V.optional(V.string())
})

const runParams = V.strictObject({ webhook: V.optional(webhook), webhookUrl: V.optional(V.string()), body: V.string() })

// `getResponseErrorMessage`: the status text, else the axios error as a string
const errorMessage = (response: VendorResponse | undefined, transportMessage: string) =>
  response?.statusText ? `API Error: ${response.statusText}` : `AxiosError: ${transportMessage}`

const authHeaders = (secrets: Secrets) => ({ "x-user-email": secrets.email, "x-user-token": secrets.token })

const field = (value: unknown, key: string): unknown => V.isJsonObject(value) ? value[key] : undefined

const list = (value: unknown): ReadonlyArray<unknown> => Array.isArray(value) ? value : []

const incomplete = (data: unknown) => {
  const pages = field(field(data, "meta"), "pages")
  return typeof pages === "number" && pages > 1
}

const stories = subActionWithoutSchema<Config, Secrets>(({ config, secrets, services }) =>
  Effect.map(
    vendorRequest(services, {
      method: "GET",
      url: `${config.url}/api/v1/stories?per_page=${perPage}`,
      headers: authHeaders(secrets)
    }, errorMessage),
    ({ data }) => ({
      stories: list(field(data, "stories")).map((story) => ({
        id: field(story, "id"),
        name: field(story, "name"),
        published: field(story, "published")
      })),
      incompleteResponse: incomplete(data)
    })
  )
)

const webhooks = subAction<Config, Secrets, V.TypeOf<typeof webhooksParams>>(
  webhooksParams,
  ({ config, params, secrets, services }) =>
    Effect.map(
      vendorRequest(services, {
        method: "GET",
        url: `${config.url}/api/v1/agents?story_id=${params.storyId}&per_page=${perPage}`,
        headers: authHeaders(secrets)
      }, errorMessage),
      ({ data }) => ({
        // `webhooksReducer`: the webhook agents only
        webhooks: list(field(data, "agents"))
          .filter((agent) => field(agent, "type") === "Agents::WebhookAgent")
          .map((agent) => ({
            id: field(agent, "id"),
            name: field(agent, "name"),
            path: field(field(agent, "options"), "path") ?? "",
            secret: field(field(agent, "options"), "secret") ?? "",
            storyId: field(agent, "story_id")
          })),
        incompleteResponse: incomplete(data)
      })
    )
)

const run = subAction<Config, Secrets, V.TypeOf<typeof runParams>>(runParams, ({ config, params, services }) => {
  const target = params.webhookUrl ??
    (params.webhook === undefined
      ? undefined
      : `${config.url}/webhook/${params.webhook.path ?? ""}/${params.webhook.secret ?? ""}`)
  if (target === undefined) {
    return Effect.fail(
      new SubActionError({
        message: "Invalid subActionsParams: [webhook] or [webhookUrl] expected but got none",
        errorSource: "framework"
      })
    )
  }
  return Effect.map(
    vendorRequest(services, { method: "POST", url: target, body: params.body }, errorMessage),
    (response) => response.data
  )
})

/**
 * @since 0.1.0
 * @category connector types
 */
export const tinesConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".tines",
  name: "Tines",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: { stories, webhooks, run, test: run }
})
