/**
 * Simulators of the generative AI services connectors call: Amazon Bedrock's `invoke` API (Anthropic
 * messages), Google's OAuth token endpoint and Vertex AI's `generateContent`, and a Model Context Protocol
 * server (JSON-RPC over streamable HTTP, answering JSON).
 *
 * @since 0.1.0
 * @internal
 */
import { randomUUID } from "node:crypto"
import { isJsonObject } from "../connectorTypes/validation.js"
import { field, routed, type SimulatorAnswer, type SimulatorRequest, type Vendor } from "./vendorKit.js"

const simulatedText = "Hello from the simulator"

// AWS answers an unsigned request with 403 and this message
const signed = (request: SimulatorRequest) =>
  (request.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 Credential=") &&
  request.headers["x-amz-date"] !== undefined

const bedrock: Vendor = {
  handle: routed([
    ["POST", /^\/model\/([^/]+)\/invoke$/, (request, match) => {
      if (!signed(request)) return { status: 403, body: { message: "Missing Authentication Token" } }
      // Claude 2's text completions API, still answered for `prompt` bodies
      if (field(request.body, "prompt") !== undefined) {
        return { status: 200, body: { completion: ` ${simulatedText}`, stop_reason: "stop_sequence" } }
      }
      return {
        status: 200,
        body: {
          id: `msg_bdrk_${randomUUID()}`,
          type: "message",
          role: "assistant",
          model: decodeURIComponent(match[1] ?? ""),
          content: [{ type: "text", text: simulatedText }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 5 }
        }
      }
    }]
  ]),
  errorBody: (status) => ({ message: `simulated ${status}` })
}

const jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"

const decodeSegment = (segment: string | undefined): unknown => {
  try {
    return JSON.parse(Buffer.from(segment ?? "", "base64url").toString("utf8"))
  } catch {
    return undefined
  }
}

// A service account's JWT: three segments, its claims naming the account and the token endpoint
const validAssertion = (assertion: string | null) => {
  const segments = (assertion ?? "").split(".")
  const claims = decodeSegment(segments[1])
  return segments.length === 3 && isJsonObject(decodeSegment(segments[0])) && isJsonObject(claims) &&
    typeof claims.iss === "string" && typeof claims.aud === "string" && typeof claims.exp === "number"
}

const googleOAuth: Vendor = {
  handle: routed([
    ["POST", /^\/token$/, (request): SimulatorAnswer => {
      const form = new URLSearchParams(typeof request.body === "string" ? request.body : "")
      if (form.get("grant_type") !== jwtBearer || !validAssertion(form.get("assertion"))) {
        return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } }
      }
      return {
        status: 200,
        body: { access_token: `ya29.simulated-${randomUUID()}`, expires_in: 3599, token_type: "Bearer" }
      }
    }]
  ]),
  errorBody: (status) => ({ error: "simulated_error", error_description: `simulated ${status}` })
}

const gemini: Vendor = {
  handle: routed([
    [
      "POST",
      /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/[^/]+:generateContent$/,
      (request) =>
        (request.headers.authorization ?? "").startsWith("Bearer ya29.")
          ? {
            status: 200,
            body: {
              candidates: [{ content: { role: "model", parts: [{ text: simulatedText }] }, finishReason: "STOP" }],
              usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 }
            }
          }
          : {
            status: 401,
            body: {
              error: {
                code: 401,
                message: "Request had invalid authentication credentials.",
                status: "UNAUTHENTICATED"
              }
            }
          }
    ]
  ]),
  errorBody: (status) => ({
    error: { code: status, message: `simulated ${status}`, status: status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT" }
  })
}

const mcpTools = [{
  name: "echo",
  description: "Answers the text it is given",
  inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] }
}]

const rpcResult = (id: unknown, result: unknown): SimulatorAnswer => ({
  status: 200,
  body: { jsonrpc: "2.0", id, result }
})

const rpcError = (id: unknown, code: number, message: string): SimulatorAnswer => ({
  status: 200,
  body: { jsonrpc: "2.0", id, error: { code, message } }
})

const mcpCall = (request: SimulatorRequest): SimulatorAnswer => {
  const id = field(request.body, "id")
  const params = field(request.body, "params")
  switch (field(request.body, "method")) {
    case "initialize":
      return {
        ...rpcResult(id, {
          protocolVersion: field(params, "protocolVersion"),
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: "simulated-mcp", version: "1.0.0" }
        }),
        headers: { "mcp-session-id": randomUUID() }
      }
    case "notifications/initialized":
      return { status: 202, body: "" }
    case "tools/list":
      return rpcResult(id, { tools: mcpTools })
    case "tools/call": {
      const name = field(params, "name")
      if (name !== "echo") return rpcError(id, -32602, `Unknown tool: ${String(name)}`)
      return rpcResult(id, { content: [{ type: "text", text: String(field(field(params, "arguments"), "text")) }] })
    }
    default:
      return rpcError(id, -32601, "Method not found")
  }
}

const mcp: Vendor = {
  // the server offers no GET event stream (405), as the streamable HTTP transport allows
  handle: (request) => request.method === "POST" ? mcpCall(request) : { status: 405, body: "Method Not Allowed" },
  errorBody: (status) => ({ jsonrpc: "2.0", id: null, error: { code: -32603, message: `simulated ${status}` } })
}

/**
 * The generative AI vendors, keyed by the path segment they answer under.
 *
 * @since 0.1.0
 * @internal
 */
export const aiVendors = {
  bedrock,
  "google-oauth": googleOAuth,
  gemini,
  mcp
} satisfies Readonly<Record<string, Vendor>>
