/**
 * The `.mcp` connector (Model Context Protocol, JSON-RPC over streamable HTTP): each sub-action connects
 * (`initialize`, then `notifications/initialized`), does its call (`tools/list`, following `nextCursor`, or
 * `tools/call`) and disconnects, sending the configured headers and the auth header of `authType`.
 *
 * Differences from Kibana: no `listTools` cache (Kibana keeps a server's tools for 15 minutes unless
 * `forceRefresh`), no connect retries, and the optional `GET` event stream the MCP SDK opens after
 * `notifications/initialized` is not opened.
 *
 * Schemas: elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/mcp/schemas/v1.ts and
 * `.../mcp/constants.ts`; executor:
 * elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/mcp/mcp.ts and
 * `.../mcp/auth_helpers.ts`; the client: `@kbn/mcp-client`'s `McpClient` over the MCP TypeScript SDK's
 * `Client` and `StreamableHTTPClientTransport`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ConnectorTypeSpec, ExecutorServices } from "../ConnectorTypeSpec.js"
import * as Outbound from "./outbound.js"
import { defineSubActionType, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"

const nullableString = V.optional(V.string())

// both `z.object` without `.strict()`: unknown keys are dropped, not refused
const config = V.looseObject({
  serverUrl: V.string(),
  hasAuth: V.withDefault(V.boolean, true),
  authType: V.optional(V.literals(["none", "bearer", "apiKey", "basic"])),
  apiKeyHeaderName: V.optional(V.string({ min: 1 })),
  headers: V.optional(V.record(V.string()))
})
const secrets = V.looseObject({
  token: nullableString,
  apiKey: nullableString,
  user: nullableString,
  password: nullableString,
  secretHeaders: V.optional(V.record(V.string()))
})

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>

// MCP_CLIENT_VERSION, and the MCP SDK's LATEST_PROTOCOL_VERSION
const clientVersion = "1.0.0"
const protocolVersion = "2025-06-18"

// `buildHeadersFromSecrets`
const authHeaders = (config: Config, secrets: Secrets): Record<string, string> => {
  if (!config.hasAuth) return {}
  const auth: Record<string, string> = {}
  if (config.authType === "bearer" && secrets.token) auth.Authorization = `Bearer ${secrets.token}`
  if (config.authType === "apiKey" && secrets.apiKey) auth[config.apiKeyHeaderName || "X-API-Key"] = secrets.apiKey
  if (config.authType === "basic" && secrets.user && secrets.password) {
    auth.Authorization = `Basic ${Buffer.from(`${secrets.user}:${secrets.password}`).toString("base64")}`
  }
  return { ...auth, ...secrets.secretHeaders }
}

const failure = (message: string) => new SubActionError({ message, errorSource: "framework" })

// a JSON answer, or the JSON-RPC messages of a `text/event-stream` answer
const messagesOf = (body: string): ReadonlyArray<unknown> => {
  const json = Outbound.parseJson(body)
  if (json !== undefined) return Array.isArray(json) ? json : [json]
  return body.split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => Outbound.parseJson(line.slice(5).trim()))
    .filter((message) => message !== undefined)
}

interface Session {
  readonly services: ExecutorServices
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

/** One JSON-RPC message; a request (with `id`) answers its result, a notification `undefined`. */
const post = (
  session: Session,
  message: { readonly method: string; readonly id?: number; readonly params?: unknown }
) =>
  Effect.gen(function*() {
    const outcome = yield* Outbound.send(session.services.httpClient, {
      method: "POST",
      url: session.url,
      headers: {
        ...session.headers,
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream"
      },
      body: JSON.stringify({ jsonrpc: "2.0", ...message })
    }, session.services.outboundTimeout)
    if (outcome._tag === "Failure") {
      // undici's fetch reports every transport failure so; the SDK's own timeout is an McpError
      return yield* failure(outcome.code === "ECONNABORTED" ? "MCP error -32001: Request timed out" : "fetch failed")
    }
    if (outcome.status < 200 || outcome.status >= 300) {
      return yield* failure(`Streamable HTTP error: Error POSTing to endpoint: ${outcome.body}`)
    }
    if (message.id === undefined) return { result: undefined, sessionId: outcome.headers["mcp-session-id"] }
    const answer = messagesOf(outcome.body).find((candidate) =>
      V.isJsonObject(candidate) && candidate.id === message.id
    )
    if (!V.isJsonObject(answer)) return yield* failure("MCP error -32603: No response for the request")
    if (V.isJsonObject(answer.error)) {
      return yield* failure(`MCP error ${String(answer.error.code)}: ${String(answer.error.message)}`)
    }
    return { result: answer.result, sessionId: outcome.headers["mcp-session-id"] }
  })

// `McpClient.connect`: initialize, then the initialized notification on the session the server opened
const connect = (
  input: { readonly config: Config; readonly secrets: Secrets; readonly services: ExecutorServices },
  connectorId: string
) =>
  Effect.gen(function*() {
    const session: Session = {
      services: input.services,
      url: input.config.serverUrl,
      headers: { ...input.config.headers, ...authHeaders(input.config, input.secrets) }
    }
    if (!URL.canParse(session.url)) return yield* failure("Error connecting to MCP client: Invalid URL")
    const initialized = yield* post(session, {
      method: "initialize",
      id: 0,
      params: {
        protocolVersion,
        capabilities: {},
        clientInfo: { name: `kibana-mcp-connector-${connectorId}`, version: clientVersion }
      }
    }).pipe(Effect.mapError((error) =>
      error.message.startsWith("Streamable HTTP error")
        ? error
        : failure(`Error connecting to MCP client: ${error.message}`)
    ))
    const result = V.isJsonObject(initialized.result) ? initialized.result : {}
    const connected: Session = {
      ...session,
      headers: {
        ...session.headers,
        ...(initialized.sessionId === undefined ? {} : { "mcp-session-id": initialized.sessionId }),
        "mcp-protocol-version": typeof result.protocolVersion === "string" ? result.protocolVersion : protocolVersion
      }
    }
    yield* post(connected, { method: "notifications/initialized" })
    return { session: connected, capabilities: result.capabilities }
  })

const testParams = V.strictObject({})

const test = subAction<Config, Secrets, V.TypeOf<typeof testParams>>(
  testParams,
  (input) => Effect.map(connect(input, input.connectorId), ({ capabilities }) => ({ connected: true, capabilities }))
)

const listToolsParams = V.looseObject({ forceRefresh: V.optional(V.boolean) })

const listTools = subAction<Config, Secrets, V.TypeOf<typeof listToolsParams>>(
  listToolsParams,
  (input) =>
    Effect.gen(function*() {
      const { session } = yield* connect(input, input.connectorId)
      const tools: Array<unknown> = []
      let cursor: string | undefined
      let id = 1
      do {
        const { result } = yield* post(session, {
          method: "tools/list",
          id: id++,
          params: cursor === undefined ? {} : { cursor }
        })
        const page = V.isJsonObject(result) ? result : {}
        // McpClient keeps a tool's description, inputSchema and name
        for (const tool of Array.isArray(page.tools) ? page.tools : []) {
          if (V.isJsonObject(tool)) {
            tools.push({ description: tool.description, inputSchema: tool.inputSchema, name: tool.name })
          }
        }
        cursor = typeof page.nextCursor === "string" && page.nextCursor !== "" ? page.nextCursor : undefined
      } while (cursor !== undefined)
      return { tools }
    })
)

const callToolParams = V.looseObject({ name: V.string(), arguments: V.optional(V.record(V.unknown)) })

const callTool = subAction<Config, Secrets, V.TypeOf<typeof callToolParams>>(
  callToolParams,
  (input) =>
    Effect.gen(function*() {
      const { session } = yield* connect(input, input.connectorId)
      const { result } = yield* post(session, {
        method: "tools/call",
        id: 1,
        params: { name: input.params.name, _meta: {}, arguments: input.params.arguments ?? {} }
      })
      const answer = V.isJsonObject(result) ? result : {}
      if (answer.isError === true) {
        return yield* failure(`Error calling tool ${input.params.name}: ${String(answer.error)}`)
      }
      // McpClient answers the text parts only
      const content = (Array.isArray(answer.content) ? answer.content : []).flatMap((part) =>
        V.isJsonObject(part) && part.type === "text" && typeof part.text === "string"
          ? [{ type: "text", text: part.text }]
          : []
      )
      return { content }
    })
)

/**
 * @since 0.1.0
 * @category connector types
 */
export const mcpConnectorType: ConnectorTypeSpec = defineSubActionType<Config, Secrets>({
  id: ".mcp",
  name: "MCP",
  minimumLicenseRequired: "enterprise",
  supportedFeatureIds: [
    "generativeAIForSecurity",
    "generativeAIForObservability",
    "generativeAIForSearchPlayground",
    "workflows",
    "agentBuilder"
  ],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  subActions: { test, listTools, callTool }
})
