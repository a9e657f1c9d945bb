/**
 * `.mcp`: a Model Context Protocol server (Kibana 9.2+, technical preview)
 * (`src/platform/packages/shared/kbn-connector-schemas/mcp/schemas/v1.ts`; the newest schema, with
 * `hasAuth`/`authType`, as the emulator's catalog and Kibana `main` define it).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  fixedDefaults,
  inputsWithOptionalSecrets,
  JsonObject,
  Secret,
  StringRecord,
  subAction
} from "./common.js"

/**
 * `.mcp` config.
 *
 * @since 0.1.0
 * @category models
 */
export const McpConfig = Schema.Struct({
  serverUrl: Schema.String,
  /** Kibana's default: `true`. */
  hasAuth: Schema.optional(Schema.Boolean),
  /** `none`, `bearer` (`token`), `apiKey` (`apiKey`) or `basic` (`user`, `password`). */
  authType: Schema.optional(Schema.Literal("none", "bearer", "apiKey", "basic")),
  /** The header `apiKey` is sent in (Kibana sends `X-API-Key` when it is absent; it stores no default). */
  apiKeyHeaderName: Schema.optional(Schema.String),
  headers: Schema.optional(StringRecord)
})

/**
 * `.mcp` secrets, by `authType` (each optional in Kibana's schema).
 *
 * @since 0.1.0
 * @category models
 */
export const McpSecrets = Schema.Struct({
  token: Schema.optional(Secret),
  apiKey: Schema.optional(Secret),
  user: Schema.optional(Schema.String),
  password: Schema.optional(Secret),
  secretHeaders: Schema.optional(Schema.Redacted(StringRecord))
})

/**
 * `.mcp` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const McpParams = Schema.Union(
  // Kibana validates `subActionParams` with each sub-action's schema, so `{}` is required, never absent
  subAction("test", Schema.Struct({})),
  subAction("listTools", Schema.Struct({ forceRefresh: Schema.optional(Schema.Boolean) })),
  subAction("callTool", Schema.Struct({ name: Schema.String, arguments: Schema.optional(JsonObject) }))
)

/**
 * A tool the MCP server offers.
 *
 * @since 0.1.0
 * @category models
 */
export const McpTool = Schema.Struct({
  name: Schema.String,
  description: Schema.optional(Schema.String),
  inputSchema: Schema.optional(JsonObject)
})

/**
 * What `callTool` returns: the tool's text content blocks (Kibana's MCP client drops the others, and a
 * tool error is an execution error).
 *
 * @since 0.1.0
 * @category models
 */
export const McpCallToolResult = Schema.Struct({
  content: Schema.Array(Schema.Struct({ type: Schema.Literal("text"), text: Schema.String }))
})

/**
 * What `test` returns: whether the MCP handshake succeeded, with the server's capabilities.
 *
 * @since 0.1.0
 * @category models
 */
export const McpTestResult = Schema.Struct({ connected: Schema.Boolean, capabilities: Schema.optional(JsonObject) })

/**
 * The `.mcp` connector type. Secrets are required on update: Kibana accepts `{}` and silently erases
 * the stored credentials.
 *
 * @since 0.1.0
 * @category types
 */
export const McpType = {
  id: ".mcp",
  source: "src/platform/packages/shared/kbn-connector-schemas/mcp/schemas/v1.ts",
  ...inputsWithOptionalSecrets(".mcp", { config: McpConfig }, McpSecrets),
  params: McpParams,
  results: {
    test: McpTestResult,
    listTools: Schema.Struct({ tools: Schema.Array(McpTool) }),
    callTool: McpCallToolResult
  },
  // `apiKeyHeaderName` has no schema default: Kibana stores it only when given
  defaults: fixedDefaults({ hasAuth: true })
} as const satisfies ConnectorTypeDefinition
