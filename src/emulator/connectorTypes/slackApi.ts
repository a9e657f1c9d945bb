/**
 * The `.slack_api` connector (Slack Web API with a bot token): `postMessage` and `postBlockkit` call
 * `chat.postMessage`, `validChannelId` calls `conversations.info`, with `Authorization: Bearer <token>`,
 * against Kibana's fixed `https://slack.com/api/` or the emulator's `slackApiUrl` option.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/slack_api/schemas/v1.ts;
 * executor: `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/slack_api/{index,api,service}.ts`,
 * results: `x-pack/platform/plugins/shared/stack_connectors/common/slack_api/lib.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import * as V from "./validation.js"

// SLACK_URL in slack_api/constants.ts
const slackUrl = "https://slack.com/api/"

const config = V.strictObject({
  allowedChannels: V.optional(
    V.array(V.strictObject({ id: V.optional(V.string({ min: 1 })), name: V.string({ min: 1 }) }), { max: 500 })
  )
})

const secrets = V.strictObject({ token: V.string({ min: 1 }) })

const channels = V.optional(V.array(V.string(), { max: 1 }))

// `validateChannelName`
const channelNameProblems = (name: string): ReadonlyArray<string> =>
  name.length === 0
    ? ["Channel name cannot be empty"]
    : name.startsWith("#")
    ? []
    : ["Channel name must start with #"]

// `validateBlockkit`
const blockKitProblems = (text: string): ReadonlyArray<string> => {
  try {
    const parsed: unknown = JSON.parse(text)
    return V.isJsonObject(parsed) && Object.hasOwn(parsed, "blocks")
      ? []
      : ["block kit body must contain field \"blocks\""]
  } catch (error) {
    return [`block kit body is not valid JSON - ${error instanceof Error ? error.message : String(error)}`]
  }
}

const params = V.union(
  V.strictObject({
    subAction: V.literalUnion(["validChannelId"]),
    subActionParams: V.strictObject({ channelId: V.optional(V.string()) })
  }),
  V.strictObject({
    subAction: V.literalUnion(["postMessage"]),
    subActionParams: V.strictObject({
      channels,
      channelIds: channels,
      channelNames: V.optional(
        V.array(V.refine(V.string({ min: 2, max: 200 }), channelNameProblems), { max: 1 })
      ),
      text: V.string({ min: 1 })
    })
  }),
  V.strictObject({
    subAction: V.literalUnion(["postBlockkit"]),
    subActionParams: V.strictObject({
      channels,
      channelIds: channels,
      channelNames: V.optional(V.array(V.refine(V.string(), channelNameProblems), { max: 1 })),
      text: V.refine(V.string(), blockKitProblems)
    })
  })
)

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof params>

// `serviceErrorResult`
const postingError = (serviceMessage: string | undefined): ExecutorResult => ({
  status: "error",
  message: "error posting slack message",
  ...(serviceMessage === undefined ? {} : { serviceMessage })
})

// `buildSlackExecutorErrorResponse` for an answer that is not 2xx (axios rejects it)
const httpError = (
  response: Extract<Outbound.OutboundResult, { _tag: "Response" }>,
  now: number
): ExecutorResult => {
  const axiosMessage = `Request failed with status code ${response.status}`
  const retryLater: ExecutorResult = {
    status: "error",
    message: "error posting a slack message, retry later",
    retry: true
  }
  if (response.status >= 500) return retryLater
  if (response.status === 429) {
    const seconds = Outbound.retryAfterSeconds(response.headers)
    if (seconds === undefined) return retryLater
    const retry = new Date(now + seconds * 1000).toISOString()
    return {
      status: "error",
      message: `error posting a slack message, retry at ${retry}`,
      retry,
      serviceMessage: axiosMessage
    }
  }
  return {
    status: "error",
    message: `unexpected http response from slack: ${response.status} ${response.statusText}`
  }
}

// `buildSlackExecutorSuccessResponse`: Slack answers 200 with `ok: false` and an `error` code
const slackAnswer = (body: string): ExecutorResult => {
  const data = Outbound.parseJson(body)
  if (data === undefined || data === null || data === "") {
    return { status: "error", message: "unexpected null response from slack" }
  }
  if (V.isJsonObject(data) && data.ok === true) return { status: "ok", data }
  const error = V.isJsonObject(data) ? data.error : undefined
  return postingError(
    typeof error === "string" ? error : error === undefined || error === null ? undefined : JSON.stringify(error)
  )
}

const call = (
  services: ExecutorInput<Config, Secrets, Params>["services"],
  token: string,
  request: { readonly method: "GET" | "POST"; readonly path: string; readonly body?: unknown }
) =>
  Effect.gen(function*() {
    const outcome = yield* Outbound.send(services.httpClient, {
      method: request.method,
      url: `${services.slackApiUrl ?? slackUrl}${request.path}`,
      headers: { Authorization: `Bearer ${token}`, "Content-type": "application/json; charset=UTF-8" },
      body: request.body === undefined ? undefined : JSON.stringify(request.body)
    }, services.outboundTimeout)
    if (outcome._tag === "Failure") return postingError(outcome.message)
    if (outcome.status < 200 || outcome.status >= 300) return httpError(outcome, yield* Clock.currentTimeMillis)
    return slackAnswer(outcome.body)
  })

const normalized = (name: string) => name.replace(/^#/, "")

// `getChannelToUse`: channelNames, then channelIds (each checked against the allowed list), then channels
const channelToUse = (
  config: Config,
  target: {
    readonly channels?: ReadonlyArray<string> | undefined
    readonly channelIds?: ReadonlyArray<string> | undefined
    readonly channelNames?: ReadonlyArray<string> | undefined
  }
): { readonly channel: string } | { readonly problem: string } => {
  const allowed = config.allowedChannels ?? []
  const disallowed = (given: ReadonlyArray<string>, list: ReadonlyArray<string>) =>
    list.length > 0 && given.some((name) => !list.some((entry) => normalized(entry) === normalized(name)))
  const notAllowed = { problem: "One or more provided channels are not included in the allowed channels list" }
  const [name] = target.channelNames ?? []
  if (name !== undefined) {
    return disallowed([name], allowed.map((entry) => entry.name)) ? notAllowed : { channel: name }
  }
  const [id] = target.channelIds ?? []
  if (id !== undefined) {
    const allowedIds = allowed.flatMap((entry) => entry.id === undefined ? [] : [entry.id])
    return disallowed([id], allowedIds) ? notAllowed : { channel: id }
  }
  const [legacy] = target.channels ?? []
  return legacy === undefined
    ? { problem: "One of channels, channelIds, or channelNames is required and cannot be empty" }
    : { channel: legacy }
}

// validated by `blockKitProblems`: JSON with `blocks`
const blocksOf = (text: string): unknown => {
  const parsed: unknown = JSON.parse(text)
  return V.isJsonObject(parsed) ? parsed.blocks : undefined
}

const execute = (
  { config, params, secrets, services }: ExecutorInput<Config, Secrets, Params>
): Effect.Effect<ExecutorResult> => {
  switch (params.subAction) {
    case "validChannelId": {
      const channelId = params.subActionParams.channelId ?? ""
      if (channelId.length === 0) return Effect.succeed(postingError("The channel id is empty"))
      return call(services, secrets.token, { method: "GET", path: `conversations.info?channel=${channelId}` })
    }
    case "postMessage":
    case "postBlockkit": {
      const target = channelToUse(config, params.subActionParams)
      if ("problem" in target) return Effect.succeed(postingError(target.problem))
      const body = params.subAction === "postMessage"
        ? { channel: target.channel, text: params.subActionParams.text }
        : { channel: target.channel, blocks: blocksOf(params.subActionParams.text) }
      return call(services, secrets.token, { method: "POST", path: "chat.postMessage", body })
    }
  }
}

/**
 * @since 0.1.0
 * @category connector types
 */
export const slackApiConnectorType: ConnectorTypeSpec = define<Config, Secrets, Params>({
  id: ".slack_api",
  name: "Slack API",
  minimumLicenseRequired: "gold",
  supportedFeatureIds: ["uptime", "alerting", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  params: V.validate(params),
  execute
})
