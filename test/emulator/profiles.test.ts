// Emulator profiles: the played version selects behaviour; each profile's rules answer with Kibana's
// exact messages for that version.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { profileFor } from "../../src/emulator/KibanaProfile.js"
import { elastic } from "./helpers.js"

const send = (emulator: KibanaEmulator.KibanaEmulator.Service, method: string, path: string, body?: unknown) =>
  Effect.map(
    emulator.handle({
      method,
      path,
      query: new URLSearchParams(),
      headers: { authorization: elastic, "kbn-xsrf": "true", "content-type": "application/json" },
      body: body === undefined ? "" : JSON.stringify(body)
    }),
    (response) => {
      if (response._tag !== "Response") throw new Error("dropped")
      return { status: response.status, json: response.body === undefined ? undefined : JSON.parse(response.body) }
    }
  )

const webhook = (method?: string) => ({
  name: "hook",
  connector_type_id: ".webhook",
  config: { url: "http://127.0.0.1:1/x", ...(method === undefined ? {} : { method }) },
  secrets: {}
})

describe("profile selection", () => {
  it("each version maps to its profile; the default is the newest", () => {
    const name = (version: string) => Either.map(profileFor(version), (profile) => profile.name)
    assert.deepStrictEqual(name("8.18.0"), Either.right("8.18"))
    assert.deepStrictEqual(name("8.19.2-SNAPSHOT"), Either.right("8.18"))
    assert.deepStrictEqual(name("9.0.0"), Either.right("9.0-9.3"))
    assert.deepStrictEqual(name("9.3.9"), Either.right("9.0-9.3"))
    assert.deepStrictEqual(name("9.4.0"), Either.right("9.4"))
    assert.deepStrictEqual(name("9.5.1"), Either.right("9.4"))
    assert.isTrue(Either.isLeft(profileFor("8.17.9")))
    assert.isTrue(Either.isLeft(profileFor("latest")))
  })

  it.effect("the emulator refuses a version it cannot play, and defaults to 9.4", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(KibanaEmulator.make({ version: "8.17.4" }))
      assert.strictEqual(error._tag, "EmulatorOptionsError")
      assert.include(error.message, "the emulator plays Kibana 8.18.0 and later, not 8.17.4")
      const emulator = yield* KibanaEmulator.make()
      assert.strictEqual(emulator.profile.name, "9.4")
      assert.strictEqual(emulator.profile.validationWording, "zod-v4")
    }))
})

describe("9.4: custom connector ids (elastic/kibana PR #255922)", () => {
  it.effect("ids outside 36 of [a-z0-9-] get Kibana's 400; valid ones are created", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({ version: "9.4.0" })
      const characters = yield* send(emulator, "POST", "/api/actions/connector/My_Hook", webhook())
      assert.deepStrictEqual(characters, {
        status: 400,
        json: {
          statusCode: 400,
          error: "Bad Request",
          message: "[request params.id]: Connector ID must contain only lowercase letters, numbers, and hyphens."
        }
      })
      const length = yield* send(emulator, "POST", `/api/actions/connector/${"a".repeat(37)}`, webhook())
      assert.strictEqual(length.status, 400)
      assert.strictEqual(
        length.json.message,
        "[request params.id]: value has length [37] but it must have a maximum length of [36]."
      )
      // the id is checked before the body, as Kibana validates params first
      const both = yield* send(emulator, "POST", "/api/actions/connector/Bad_Id", { name: 1 })
      assert.include(both.json.message, "[request params.id]")
      const valid = yield* send(emulator, "POST", `/api/actions/connector/${"a".repeat(36)}`, webhook())
      assert.strictEqual(valid.status, 200)
      assert.deepStrictEqual((yield* emulator.connectors).map((connector) => connector.id), ["a".repeat(36)])
    }))

  it.effect("9.0 to 9.3 and 8.18 accept any id", () =>
    Effect.gen(function*() {
      for (const version of ["9.3.2", "8.18.1"]) {
        const emulator = yield* KibanaEmulator.make({ version })
        const created = yield* send(emulator, "POST", "/api/actions/connector/My_Hook", webhook())
        assert.strictEqual(created.status, 200, version)
        assert.strictEqual(created.json.id, "My_Hook")
      }
    }))
})

describe("8.18: webhook methods post and put only", () => {
  it.effect("patch, get and delete get config-schema's 8.x message, on create and update", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({ version: "8.18.1" })
      const expected = "error validating action type config: [method]: types that failed validation:\n" +
        "- [method.0]: expected value to equal [post]\n" +
        "- [method.1]: expected value to equal [put]"
      for (const method of ["patch", "get", "delete"]) {
        const created = yield* send(emulator, "POST", "/api/actions/connector", webhook(method))
        assert.deepStrictEqual(created, {
          status: 400,
          json: { statusCode: 400, error: "Bad Request", message: expected }
        })
      }
      const hook = yield* send(emulator, "POST", "/api/actions/connector/hook", webhook("put"))
      assert.strictEqual(hook.status, 200)
      const { connector_type_id: _, ...update } = webhook("patch")
      const updated = yield* send(emulator, "PUT", "/api/actions/connector/hook", update)
      assert.strictEqual(updated.status, 400)
      assert.strictEqual(updated.json.message, expected)
    }))

  it.effect("9.x accepts them", () =>
    Effect.gen(function*() {
      for (const version of ["9.0.0", "9.4.3"]) {
        const emulator = yield* KibanaEmulator.make({ version })
        const created = yield* send(emulator, "POST", "/api/actions/connector", webhook("patch"))
        assert.strictEqual(created.status, 200, version)
        assert.strictEqual(created.json.config.method, "patch")
      }
    }))
})

describe(".bedrock config region: 9.4 only (elastic/kibana PR #252956)", () => {
  const bedrock = (region?: string) => ({
    name: "bedrock",
    connector_type_id: ".bedrock",
    config: { apiUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", ...(region === undefined ? {} : { region }) },
    secrets: { accessKey: "a", secret: "s" }
  })

  it.effect("8.18 and 9.0-9.3 refuse it as an unknown key, on create and update; 9.4 stores it", () =>
    Effect.gen(function*() {
      const refused = [
        ["8.18.1", "error validating action type config: [region]: definition for this key is missing"],
        ["9.2.0", "error validating connector type config: Unrecognized key(s) in object: 'region'"]
      ] as const
      for (const [version, message] of refused) {
        const emulator = yield* KibanaEmulator.make({ version })
        const created = yield* send(emulator, "POST", "/api/actions/connector", bedrock("eu-west-1"))
        assert.deepStrictEqual(created, { status: 400, json: { statusCode: 400, error: "Bad Request", message } })
        assert.strictEqual((yield* send(emulator, "POST", "/api/actions/connector/b", bedrock())).status, 200)
        const { connector_type_id: _, ...update } = bedrock("eu-west-1")
        assert.strictEqual((yield* send(emulator, "PUT", "/api/actions/connector/b", update)).json.message, message)
      }
      const emulator = yield* KibanaEmulator.make({ version: "9.4.0" })
      const created = yield* send(emulator, "POST", "/api/actions/connector", bedrock("eu-west-1"))
      assert.strictEqual(created.status, 200)
      assert.strictEqual(created.json.config.region, "eu-west-1")
    }))
})

describe(".webhook authType http-authentication-query-param: 9.4 only (kbn-connector-schemas common/auth)", () => {
  const hook = (authType: string) => ({
    name: "hook",
    connector_type_id: ".webhook",
    config: { url: "http://127.0.0.1:1/x", authType },
    secrets: {}
  })

  it.effect("8.18 and 9.0-9.3 refuse it with their schema's message; 9.4 stores it", () =>
    Effect.gen(function*() {
      const refused = [
        [
          "8.18.1",
          "error validating action type config: [authType]: types that failed validation:\n" +
          "- [authType.0]: expected value to equal [webhook-authentication-basic]\n" +
          "- [authType.1]: expected value to equal [webhook-authentication-ssl]\n" +
          "- [authType.2]: expected value to equal [null]"
        ],
        [
          "9.2.0",
          "error validating connector type config: Field \"authType\": " +
          [
            "\"webhook-authentication-basic\"",
            "\"webhook-authentication-ssl\"",
            "\"webhook-oauth2-client-credentials\"",
            "null"
          ]
            .map((value) => `Invalid literal value, expected ${value}`).join(", ")
        ]
      ] as const
      for (const [version, message] of refused) {
        const emulator = yield* KibanaEmulator.make({ version })
        const created = yield* send(emulator, "POST", "/api/actions/connector", hook("http-authentication-query-param"))
        assert.strictEqual(created.status, 400, version)
        assert.strictEqual(created.json.message, message)
      }
      const emulator = yield* KibanaEmulator.make({ version: "9.4.0" })
      const created = yield* send(emulator, "POST", "/api/actions/connector", hook("http-authentication-query-param"))
      assert.strictEqual(created.status, 200)
      assert.strictEqual(created.json.config.authType, "http-authentication-query-param")
    }))
})

const badRequest = (message: string) => ({ status: 400, json: { statusCode: 400, error: "Bad Request", message } })

describe("8.18: connector types it did not register (connectorSchemaRules.ts v8TypeIntroductions)", () => {
  const mcp = { name: "m", connector_type_id: ".mcp", config: { serverUrl: "http://127.0.0.1:1/mcp" }, secrets: {} }
  const xsoar = {
    name: "x",
    connector_type_id: ".xsoar",
    config: { url: "http://127.0.0.1:1" },
    secrets: { apiKey: "k" }
  }
  const listed = (emulator: KibanaEmulator.KibanaEmulator.Service) =>
    Effect.map(
      send(emulator, "GET", "/api/actions/connector_types"),
      (answer) => (answer.json as ReadonlyArray<{ id: string }>).map((type) => type.id)
    )

  it.effect(".mcp and .jira-service-management are unknown types in 8.18 and 8.19; .xsoar from 8.19 only", () =>
    Effect.gen(function*() {
      const v818 = yield* KibanaEmulator.make({ version: "8.18.1" })
      assert.deepStrictEqual(
        yield* send(v818, "POST", "/api/actions/connector", mcp),
        badRequest("Action type \".mcp\" is not registered.")
      )
      assert.deepStrictEqual(
        yield* send(v818, "POST", "/api/actions/connector", xsoar),
        badRequest("Action type \".xsoar\" is not registered.")
      )
      const types = yield* listed(v818)
      for (const id of [".mcp", ".jira-service-management", ".xsoar"]) assert.notInclude(types, id)
      assert.include(types, ".webhook")

      const v819 = yield* KibanaEmulator.make({ version: "8.19.3" })
      assert.strictEqual((yield* send(v819, "POST", "/api/actions/connector", xsoar)).status, 200)
      assert.strictEqual((yield* send(v819, "POST", "/api/actions/connector", mcp)).status, 400)
      assert.notInclude(yield* listed(v819), ".jira-service-management")
    }))

  it.effect("9.x registers all three", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({ version: "9.4.0" })
      const types = yield* listed(emulator)
      for (const id of [".mcp", ".jira-service-management", ".xsoar"]) assert.include(types, id)
      assert.strictEqual((yield* send(emulator, "POST", "/api/actions/connector", mcp)).status, 200)
    }))
})

describe("8.18: connector schema keys 9.x added (connectorSchemaRules.ts v8SchemaRules)", () => {
  const hook = (config: object, secrets: object, type = ".webhook") => ({
    name: "hook",
    connector_type_id: type,
    config: { url: "http://127.0.0.1:1/x", ...config },
    secrets
  })
  // every required `.cases-webhook` key (kbn-connector-schemas cases_webhook)
  const casesWebhookConfig = {
    createIncidentUrl: "http://127.0.0.1:1/issue",
    createIncidentJson: "{\"title\":{{{case.title}}}}",
    createIncidentResponseKey: "id",
    getIncidentUrl: "http://127.0.0.1:1/issue/{{{external.system.id}}}",
    getIncidentResponseExternalTitleKey: "key",
    viewIncidentUrl: "http://127.0.0.1:1/browse/{{{external.system.title}}}",
    updateIncidentUrl: "http://127.0.0.1:1/issue/{{{external.system.id}}}",
    updateIncidentJson: "{\"title\":{{{case.title}}}}",
    hasAuth: false
  }
  const casesWebhook = (config: object, secrets: object) => ({
    name: "cases",
    connector_type_id: ".cases-webhook",
    config: { ...casesWebhookConfig, ...config },
    secrets
  })
  const ai = (type: ".bedrock" | ".gemini", extra: object) =>
    type === ".bedrock"
      ? {
        name: "b",
        connector_type_id: type,
        config: { apiUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", ...extra },
        secrets: { accessKey: "a", secret: "s" }
      }
      : {
        name: "g",
        connector_type_id: type,
        config: {
          apiUrl: "https://us-central1-aiplatform.googleapis.com",
          gcpRegion: "r",
          gcpProjectID: "p",
          ...extra
        },
        secrets: { credentialsJson: "{}" }
      }
  const missing = (target: "config" | "secrets", key: string) =>
    badRequest(`error validating action type ${target}: [${key}]: definition for this key is missing`)

  const cases: ReadonlyArray<readonly [string, unknown, ReturnType<typeof badRequest>]> = [
    // OAuth2 config keys and secrets: elastic/kibana PR #218442 (9.2)
    [
      "webhook accessTokenUrl",
      hook({ accessTokenUrl: "http://127.0.0.1:1/token" }, {}),
      missing("config", "accessTokenUrl")
    ],
    ["webhook scope", hook({ scope: "read" }, {}), missing("config", "scope")],
    ["webhook additionalFields", hook({ additionalFields: null }, {}), missing("config", "additionalFields")],
    ["webhook clientSecret", hook({ hasAuth: false }, { clientSecret: null }), missing("secrets", "clientSecret")],
    // secret headers: elastic/kibana PR #230042 (9.2)
    ["webhook secretHeaders", hook({}, { secretHeaders: { "x-token": "t" } }), missing("secrets", "secretHeaders")],
    ["cases-webhook clientId", casesWebhook({ clientId: "c" }, {}), missing("config", "clientId")],
    [
      "cases-webhook secretHeaders",
      casesWebhook({}, { secretHeaders: { a: "b" } }),
      missing("secrets", "secretHeaders")
    ],
    // connector-level contextWindowLength (PR #228371, 9.2) and temperature (PR #239806, 9.3)
    [
      "bedrock contextWindowLength",
      ai(".bedrock", { contextWindowLength: 64000 }),
      missing("config", "contextWindowLength")
    ],
    ["bedrock temperature", ai(".bedrock", { temperature: 0.2 }), missing("config", "temperature")],
    [
      "gemini contextWindowLength",
      ai(".gemini", { contextWindowLength: 64000 }),
      missing("config", "contextWindowLength")
    ],
    ["gemini temperature", ai(".gemini", { temperature: 0.2 }), missing("config", "temperature")]
  ]

  it.effect("8.18 refuses each as config-schema's unknown key; 9.4 stores the connector", () =>
    Effect.gen(function*() {
      const v818 = yield* KibanaEmulator.make({ version: "8.18.1" })
      const v94 = yield* KibanaEmulator.make({ version: "9.4.0" })
      for (const [label, body, expected] of cases) {
        assert.deepStrictEqual(yield* send(v818, "POST", "/api/actions/connector", body), expected, label)
        assert.strictEqual((yield* send(v94, "POST", "/api/actions/connector", body)).status, 200, label)
      }
    }))

  it.effect("the first unknown key in the input's order is named; a config problem comes before a secrets one", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({ version: "8.18.1" })
      const both = hook({ scope: "s", clientId: "c" }, { secretHeaders: {} })
      assert.deepStrictEqual(yield* send(emulator, "POST", "/api/actions/connector", both), missing("config", "scope"))
      // update checks the same rules
      assert.strictEqual((yield* send(emulator, "POST", "/api/actions/connector/h", hook({}, {}))).status, 200)
      const { connector_type_id: _, ...update } = hook({}, { clientSecret: "x" })
      assert.deepStrictEqual(
        yield* send(emulator, "PUT", "/api/actions/connector/h", update),
        missing("secrets", "clientSecret")
      )
    }))

  it.effect(".cases-webhook authType without OAuth2 in 8.18 (8.x common/auth/schema.ts authTypeSchema)", () =>
    Effect.gen(function*() {
      const emulator = yield* KibanaEmulator.make({ version: "8.18.1" })
      const body = casesWebhook({ hasAuth: true, authType: "webhook-oauth2-client-credentials" }, {})
      assert.deepStrictEqual(
        yield* send(emulator, "POST", "/api/actions/connector", body),
        badRequest(
          "error validating action type config: [authType]: types that failed validation:\n" +
            "- [authType.0]: expected value to equal [webhook-authentication-basic]\n" +
            "- [authType.1]: expected value to equal [webhook-authentication-ssl]\n" +
            "- [authType.2]: expected value to equal [null]"
        )
      )
    }))

  it.effect("webhook secrets of no one shape get 8.x's message, which has no OAuth2 clientSecret", () =>
    Effect.gen(function*() {
      const body = hook({}, { user: "u" })
      const v818 = yield* KibanaEmulator.make({ version: "8.18.1" })
      // 8.x x-pack/plugins/stack_connectors/common/auth/schema.ts SecretConfigurationSchemaValidation
      assert.deepStrictEqual(
        yield* send(v818, "POST", "/api/actions/connector", body),
        badRequest(
          "error validating action type secrets: must specify one of the following schemas: user and password; " +
            "crt and key (with optional password); or pfx (with optional password)"
        )
      )
      const v94 = yield* KibanaEmulator.make({ version: "9.4.0" })
      const answer = yield* send(v94, "POST", "/api/actions/connector", body)
      assert.strictEqual(answer.status, 400)
      assert.include(answer.json.message, "; pfx (with optional password); or clientSecret (for OAuth2)")
    }))
})
