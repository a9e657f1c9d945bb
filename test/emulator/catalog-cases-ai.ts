import { assert } from "@effect/vitest"
import { createVerify, generateKeyPairSync } from "node:crypto"
import { signV4 } from "../../src/emulator/connectorTypes/awsSigV4.js"
import type * as Simulators from "../../src/emulator/simulators/Simulators.js"
import { bodyObject } from "../../src/emulator/simulators/Simulators.js"
import { type CatalogCase, subActionFailure, subActionHttpError, unknownSubAction } from "./catalog-cases.js"

type Url = (vendor: Simulators.VendorName) => string

const messageIs = (expected: (status: number | undefined) => string | RegExp) =>
(answer: any, context: {
  readonly status: number | undefined
}) => {
  const wanted = expected(context.status)
  assert.strictEqual(answer.message, subActionFailure)
  if (typeof wanted === "string") assert.strictEqual(answer.service_message, wanted)
  else assert.match(answer.service_message, wanted)
}

const bedrockModel = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

// What the simulator received must carry the signature AWS computes for it with the same key
const assertSignedByAws = (request: Simulators.ReceivedRequest, secret: string) => {
  const authorization = request.headers.authorization ?? ""
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? []
  assert.deepStrictEqual(signedHeaders, ["accept", "content-length", "content-type", "host", "x-amz-date"])
  const date = request.headers["x-amz-date"]!
  const expected = signV4({
    method: request.method,
    host: request.headers.host!,
    path: `/model/${encodeURIComponent(bedrockModel)}/invoke`,
    query: "",
    headers: { "Content-Type": request.headers["content-type"]!, Accept: request.headers.accept! },
    body: JSON.stringify(request.body),
    service: "bedrock",
    region: "us-east-1",
    accessKeyId: "AKIASIMULATED",
    secretAccessKey: secret,
    now: new Date(
      `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13)}`
    )
  })
  assert.strictEqual(authorization, expected.Authorization)
  assert.match(authorization, /^AWS4-HMAC-SHA256 Credential=AKIASIMULATED\/\d{8}\/us-east-1\/bedrock\/aws4_request, /)
}

const bedrock: CatalogCase = {
  typeId: ".bedrock",
  config: (url) => ({ apiUrl: url("bedrock").slice(0, -1) }),
  secrets: () => ({ accessKey: "AKIASIMULATED", secret: "bedrock-secret-123" }),
  storedConfig: (url) => ({ apiUrl: url("bedrock").slice(0, -1), defaultModel: bedrockModel }),
  requiredConfig: ["apiUrl"],
  requiredSecrets: ["accessKey", "secret"],
  executions: [{
    name: "invokeAI",
    vendor: "bedrock",
    params: {
      subAction: "invokeAI",
      subActionParams: {
        messages: [
          { role: "system", content: "be brief" },
          { role: "user", content: "hi" },
          { role: "user", content: "there" }
        ]
      }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/model/${encodeURIComponent(bedrockModel)}/invoke`)
      // formatBedrockBody: system messages become `system`, consecutive user messages merge
      assert.deepStrictEqual(request.body, {
        anthropic_version: "bedrock-2023-05-31",
        system: "be brief",
        messages: [{ role: "user", content: "hi\nthere" }],
        max_tokens: 8191,
        temperature: 0
      })
      assertSignedByAws(request, "bedrock-secret-123")
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        message: "Hello from the simulator",
        usage: { input_tokens: 10, output_tokens: 5 }
      }),
    expectError: (answer, context) => {
      subActionHttpError(answer, context)
      if (context.status !== undefined) {
        assert.strictEqual(
          answer.service_message,
          `Status code: ${context.status}. Message: API Error: ${
            context.status === 400 ? "Bad Request" : "Internal Server Error"
          } - simulated ${context.status}`
        )
      } else assert.match(answer.service_message, /Message: Unexpected API Error: /)
    }
  }, {
    name: "run with a raw body and another model",
    vendor: "bedrock",
    params: {
      subAction: "run",
      subActionParams: { body: "{\"messages\":[]}", model: "anthropic.claude-3-haiku", raw: true }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/model/anthropic.claude-3-haiku/invoke")
      assert.deepStrictEqual(request.body, { messages: [] })
    },
    expectData: (data) => {
      assert.strictEqual(data.type, "message")
      assert.deepStrictEqual(data.content, [{ type: "text", text: "Hello from the simulator" }])
    },
    expectError: subActionHttpError
  }, {
    name: "test",
    vendor: "bedrock",
    params: { subAction: "test", subActionParams: { body: "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" } },
    requests: 1,
    expectRequest: (request) => assert.deepStrictEqual(bodyObject(request).messages, [{ role: "user", content: "hi" }]),
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        completion: "Hello from the simulator",
        stop_reason: "end_turn",
        usage: { input_tokens: 10, output_tokens: 5 }
      }),
    expectError: subActionHttpError
  }],
  rejectedParams: [
    unknownSubAction(".bedrock", "Amazon Bedrock"),
    {
      name: "a message with both content and rawContent",
      params: {
        subAction: "invokeAI",
        subActionParams: { messages: [{ role: "user", content: "a", rawContent: [] }] }
      },
      message: subActionFailure
    },
    {
      name: "run with a body that is not JSON",
      params: { subAction: "run", subActionParams: { body: "not json" } },
      message: subActionFailure,
      serviceMessage: "Unexpected token 'o', \"not json\" is not valid JSON"
    }
  ]
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()

const serviceAccount = (url: Url) =>
  JSON.stringify({
    type: "service_account",
    project_id: "simulated-project",
    private_key_id: "key-1",
    private_key: privateKeyPem,
    client_email: "connector@simulated-project.iam.gserviceaccount.com",
    token_uri: `${url("google-oauth")}token`
  })

const geminiPath = (model: string) =>
  `/v1/projects/simulated-project/locations/us-central1/publishers/google/models/${model}:generateContent`

const gemini: CatalogCase = {
  typeId: ".gemini",
  config: (url) => ({
    apiUrl: url("gemini").slice(0, -1),
    gcpRegion: "us-central1",
    gcpProjectID: "simulated-project"
  }),
  secrets: (url) => ({ credentialsJson: serviceAccount(url) }),
  storedConfig: (url) => ({
    apiUrl: url("gemini").slice(0, -1),
    gcpRegion: "us-central1",
    gcpProjectID: "simulated-project",
    defaultModel: "gemini-2.5-pro"
  }),
  requiredConfig: ["apiUrl", "gcpRegion", "gcpProjectID"],
  requiredSecrets: ["credentialsJson"],
  executions: [{
    name: "invokeAI",
    vendor: "gemini",
    params: {
      subAction: "invokeAI",
      subActionParams: {
        messages: [{ role: "user", content: "hi" }, { role: "user", content: "there" }, {
          role: "assistant",
          content: "hello"
        }],
        systemInstruction: "be brief"
      }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, geminiPath("gemini-2.5-pro"))
      assert.match(request.headers.authorization!, /^Bearer ya29\.simulated-/)
      assert.deepStrictEqual(request.body, {
        contents: [{ role: "user", parts: [{ text: "hi there" }] }, { role: "model", parts: [{ text: "hello" }] }],
        generation_config: { temperature: 0 },
        system_instruction: { parts: [{ text: "be brief" }] },
        safety_settings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", threshold: "BLOCK_ONLY_HIGH" }]
      })
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        message: "Hello from the simulator",
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 }
      }),
    expectError: (answer, context) => {
      subActionHttpError(answer, context)
      if (context.status !== undefined) {
        const status = context.status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT"
        assert.strictEqual(
          answer.service_message,
          `Status code: ${context.status}. Message: API Error: ${status}: simulated ${context.status}`
        )
      } else assert.match(answer.service_message, /Message: Unexpected API Error: /)
    }
  }, {
    name: "run",
    vendor: "google-oauth",
    params: { subAction: "run", subActionParams: { body: "{\"contents\":[]}", model: "gemini-2.0-flash" } },
    requests: 1,
    // the token request: a JWT bearer grant signed with the service account's key
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/token")
      const form = new URLSearchParams(String(request.body))
      assert.strictEqual(form.get("grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer")
      const [header, claims, signature] = form.get("assertion")!.split(".")
      const decode = (segment: string | undefined) => JSON.parse(Buffer.from(segment!, "base64url").toString("utf8"))
      assert.deepStrictEqual(decode(header), { alg: "RS256", typ: "JWT", kid: "key-1" })
      const payload = decode(claims)
      assert.strictEqual(payload.iss, "connector@simulated-project.iam.gserviceaccount.com")
      assert.strictEqual(payload.scope, "https://www.googleapis.com/auth/cloud-platform")
      assert.strictEqual(payload.exp - payload.iat, 3600)
      const verifier = createVerify("RSA-SHA256").update(`${header}.${claims}`)
      assert.isTrue(verifier.verify(privateKey, Buffer.from(signature!, "base64url")))
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        completion: "Hello from the simulator",
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 }
      }),
    // the token endpoint failing: google-auth-library's error inside Kibana's
    expectError: messageIs((status) =>
      status === undefined
        ? /^Unable to retrieve access token\. Ensure the service account has the right permissions/
        : "Unable to retrieve access token. Ensure the service account has the right permissions and the Vertex AI " +
          `endpoint is enabled in the GCP project. Error: simulated_error: simulated ${status}`
    )
  }],
  rejectedParams: [
    unknownSubAction(".gemini", "Google Gemini"),
    {
      name: "invokeAI with an unknown tool mode",
      params: { subAction: "invokeAI", subActionParams: { messages: [], toolConfig: { mode: "SOMETIMES" } } },
      message: subActionFailure
    }
  ]
}

const mcp: CatalogCase = {
  typeId: ".mcp",
  config: (url) => ({ serverUrl: url("mcp"), authType: "apiKey", apiKeyHeaderName: "X-Simulated-Key" }),
  secrets: () => ({ apiKey: "mcp-key-123", secretHeaders: { "x-tenant": "tenant-123" } }),
  storedConfig: (url) => ({
    serverUrl: url("mcp"),
    hasAuth: true,
    authType: "apiKey",
    apiKeyHeaderName: "X-Simulated-Key"
  }),
  requiredConfig: ["serverUrl"],
  requiredSecrets: [],
  executions: [{
    name: "listTools",
    vendor: "mcp",
    params: { subAction: "listTools", subActionParams: {} },
    // initialize, notifications/initialized, tools/list
    requests: 3,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.headers["x-simulated-key"], "mcp-key-123")
      assert.strictEqual(request.headers["x-tenant"], "tenant-123")
      assert.strictEqual(request.headers.accept, "application/json, text/event-stream")
      const body = bodyObject(request)
      assert.strictEqual(body.method, "initialize")
      assert.strictEqual(body.id, 0)
      assert.deepInclude(body.params as object, { capabilities: {} })
      assert.match(String((body.params as any).clientInfo.name), /^kibana-mcp-connector-/)
    },
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        tools: [{
          name: "echo",
          description: "Answers the text it is given",
          inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] }
        }]
      }),
    expectError: messageIs((status) =>
      status === undefined
        ? /^Error connecting to MCP client: (fetch failed|MCP error -32001: Request timed out)$/
        : "Streamable HTTP error: Error POSTing to endpoint: " +
          `{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"simulated ${status}"}}`
    )
  }, {
    name: "callTool",
    vendor: "mcp",
    params: { subAction: "callTool", subActionParams: { name: "echo", arguments: { text: "ping" } } },
    requests: 3,
    expectRequest: (request) => assert.strictEqual(bodyObject(request).method, "initialize"),
    expectData: (data) => assert.deepStrictEqual(data, { content: [{ type: "text", text: "ping" }] }),
    expectError: messageIs((status) =>
      status === undefined ? /^Error connecting to MCP client: / : /^Streamable HTTP error: Error POSTing to endpoint: /
    )
  }],
  rejectedParams: [
    unknownSubAction(".mcp", "MCP"),
    {
      name: "callTool without a name",
      params: { subAction: "callTool", subActionParams: {} },
      message: subActionFailure
    },
    {
      name: "callTool with a tool the server does not have",
      params: { subAction: "callTool", subActionParams: { name: "nope" } },
      message: subActionFailure,
      serviceMessage: "MCP error -32602: Unknown tool: nope"
    }
  ]
}

/** The generative AI types, against the Bedrock, Gemini (and Google OAuth) and MCP simulators. */
// Each create puts its own inference endpoint, and Kibana refuses a second connector on one: every config
// names a fresh endpoint. `.inference` runs against the emulator's Elasticsearch, not a vendor simulator,
// so its executions are tested in inference-connector.test.ts.
let inferenceEndpoints = 0
const inferenceConfig = (inferenceId: string) => ({
  provider: "openai",
  taskType: "completion",
  inferenceId,
  providerConfig: { model_id: "gpt-4o" }
})

const inference: CatalogCase = {
  typeId: ".inference",
  config: () => inferenceConfig(`catalog-inference-${++inferenceEndpoints}`),
  secrets: () => ({ providerSecrets: { api_key: "inference-key-123" } }),
  storedConfig: () => ({ ...inferenceConfig(`catalog-inference-${inferenceEndpoints}`), taskTypeConfig: {} }),
  requiredConfig: ["provider", "taskType", "inferenceId"],
  requiredSecrets: [],
  executions: [],
  rejectedParams: [
    unknownSubAction(".inference", "AI Connector"),
    {
      name: "a completion without input",
      params: { subAction: "completion", subActionParams: {} },
      message: subActionFailure
    },
    {
      name: "no subAction",
      params: {},
      message: "error validating action params: Field \"subAction\": Required"
    }
  ]
}

export const aiCatalogCases: ReadonlyArray<CatalogCase> = [bedrock, gemini, mcp, inference]
