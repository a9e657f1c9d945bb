/**
 * For every connector type whose config and secrets Kibana's 8.18 OpenAPI document defines: a connector
 * created with secrets the document accepts is accepted, and the stored config the emulator answers
 * (Kibana's defaults filled in) conforms to the document's `<type>_config` component.
 *
 * One documented deviation: several components type a key Kibana's schema defaults to `null`
 * (`z.string().nullable().default(null)`) without `nullable: true`, so Kibana's own answers carry a `null`
 * the document does not allow. Those keys are listed per case, checked to be `null`, and left out of
 * the validated copy.
 */
import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as OpenApi from "../support/openapi.js"
import { call } from "./helpers.js"

const oas = OpenApi.load()

interface ContractCase {
  readonly typeId: string
  readonly configSchema: string
  readonly secretsSchema?: string
  readonly config: Record<string, unknown>
  readonly secrets: Record<string, unknown>
  /** Keys (dotted paths) Kibana answers with its `null` default where the document lacks `nullable`. */
  readonly nullDefaults?: ReadonlyArray<string>
}

const url = "https://example.com/api"

const cases: ReadonlyArray<ContractCase> = [
  { typeId: ".index", configSchema: "index_config", config: { index: "logs" }, secrets: {} },
  {
    typeId: ".email",
    configSchema: "email_config",
    secretsSchema: "email_secrets",
    config: { from: "a@example.com", host: "smtp.example.com", port: 25 },
    secrets: { user: "u", password: "p" },
    nullDefaults: ["secure"]
  },
  {
    typeId: ".pagerduty",
    configSchema: "pagerduty_config",
    secretsSchema: "pagerduty_secrets",
    config: {},
    secrets: { routingKey: "k" }
  },
  {
    typeId: ".opsgenie",
    configSchema: "opsgenie_config",
    secretsSchema: "opsgenie_secrets",
    config: { apiUrl: url },
    secrets: { apiKey: "k" }
  },
  {
    typeId: ".torq",
    configSchema: "torq_config",
    secretsSchema: "torq_secrets",
    config: { webhookIntegrationUrl: "https://hooks.torq.io/v1/webhooks/abc" },
    secrets: { token: "t" }
  },
  {
    typeId: ".xmatters",
    configSchema: "xmatters_config",
    secretsSchema: "xmatters_secrets",
    config: { configUrl: url },
    secrets: { user: "u", password: "p" }
  },
  {
    typeId: ".d3security",
    configSchema: "d3security_config",
    secretsSchema: "d3security_secrets",
    config: { url },
    secrets: { token: "t" }
  },
  {
    typeId: ".jira",
    configSchema: "jira_config",
    secretsSchema: "jira_secrets",
    config: { apiUrl: url, projectKey: "CK" },
    secrets: { email: "e@example.com", apiToken: "t" }
  },
  {
    typeId: ".servicenow",
    configSchema: "servicenow_config",
    secretsSchema: "servicenow_secrets",
    config: { apiUrl: url },
    secrets: { username: "u", password: "p" },
    nullDefaults: ["clientId", "jwtKeyId", "userIdentifierValue"]
  },
  {
    typeId: ".servicenow-itom",
    configSchema: "servicenow_itom_config",
    secretsSchema: "servicenow_secrets",
    config: { apiUrl: url },
    secrets: { username: "u", password: "p" },
    nullDefaults: ["clientId", "jwtKeyId", "userIdentifierValue"]
  },
  {
    typeId: ".gen-ai",
    configSchema: "genai_openai_config",
    secretsSchema: "genai_secrets",
    config: { apiProvider: "OpenAI", apiUrl: url },
    secrets: { apiKey: "k" }
  },
  {
    typeId: ".gen-ai",
    configSchema: "genai_azure_config",
    secretsSchema: "genai_secrets",
    config: { apiProvider: "Azure OpenAI", apiUrl: url },
    secrets: { apiKey: "k" }
  },
  {
    typeId: ".bedrock",
    configSchema: "bedrock_config",
    secretsSchema: "bedrock_secrets",
    config: { apiUrl: url },
    secrets: { accessKey: "a", secret: "s" }
  },
  {
    typeId: ".gemini",
    configSchema: "gemini_config",
    secretsSchema: "gemini_secrets",
    config: { apiUrl: url, gcpRegion: "us-central1", gcpProjectID: "p" },
    secrets: { credentialsJson: "{}" }
  },
  {
    typeId: ".resilient",
    configSchema: "resilient_config",
    secretsSchema: "resilient_secrets",
    config: { apiUrl: url, orgId: "1" },
    secrets: { apiKeyId: "i", apiKeySecret: "s" }
  },
  {
    typeId: ".slack_api",
    configSchema: "slack_api_config",
    secretsSchema: "slack_api_secrets",
    config: { allowedChannels: [{ id: "C1", name: "general" }] },
    secrets: { token: "xoxb" }
  },
  {
    typeId: ".swimlane",
    configSchema: "swimlane_config",
    secretsSchema: "swimlane_secrets",
    config: { apiUrl: url, appId: "a", connectorType: "all", mappings: {} },
    secrets: { apiToken: "t" },
    nullDefaults: [
      "mappings.alertIdConfig",
      "mappings.caseIdConfig",
      "mappings.caseNameConfig",
      "mappings.commentsConfig",
      "mappings.descriptionConfig",
      "mappings.ruleNameConfig",
      "mappings.severityConfig"
    ]
  },
  {
    typeId: ".thehive",
    configSchema: "thehive_config",
    secretsSchema: "thehive_secrets",
    config: { url },
    secrets: { apiKey: "k" },
    nullDefaults: ["organisation"]
  },
  {
    typeId: ".tines",
    configSchema: "tines_config",
    secretsSchema: "tines_secrets",
    config: { url },
    secrets: { email: "e@example.com", token: "t" }
  },
  {
    typeId: ".sentinelone",
    configSchema: "sentinelone_config",
    secretsSchema: "sentinelone_secrets",
    config: { url },
    secrets: { token: "t" }
  },
  {
    typeId: ".crowdstrike",
    configSchema: "crowdstrike_config",
    secretsSchema: "crowdstrike_secrets",
    config: { url },
    secrets: { clientId: "i", clientSecret: "s" }
  },
  {
    typeId: ".cases-webhook",
    configSchema: "cases_webhook_config",
    secretsSchema: "cases_webhook_secrets",
    config: {
      createIncidentUrl: `${url}/issue`,
      createIncidentJson: "{}",
      createIncidentResponseKey: "id",
      getIncidentUrl: `${url}/issue/{{{external.system.id}}}`,
      getIncidentResponseExternalTitleKey: "key",
      viewIncidentUrl: `${url}/browse/{{{external.system.title}}}`,
      updateIncidentUrl: `${url}/issue/{{{external.system.id}}}`,
      updateIncidentJson: "{}"
    },
    secrets: { user: "u", password: "p" },
    nullDefaults: ["createCommentJson", "createCommentUrl", "headers"]
  }
]

// a copy without the listed keys, after checking each is null
const withoutNullDefaults = (config: Record<string, unknown>, paths: ReadonlyArray<string>) => {
  const copy = structuredClone(config)
  for (const path of paths) {
    const segments = path.split(".")
    const last = segments.pop() ?? ""
    let parent: any = copy
    for (const segment of segments) parent = parent?.[segment]
    assert.isNull(parent?.[last], `${path} is Kibana's null default`)
    delete parent[last]
  }
  return copy
}

const problemsText = (problems: ReadonlyArray<string>, value: unknown) =>
  `${problems.join("\n")}\n${JSON.stringify(value, null, 2)}`

layer(EmulatorServer.layerServer(), { excludeTestServices: true })(
  "connector types against Kibana's 8.18 OpenAPI components",
  (it) => {
    for (const testCase of cases) {
      it.effect(`${testCase.typeId}: stored config conforms to ${testCase.configSchema}`, () =>
        Effect.gen(function*() {
          if (testCase.secretsSchema !== undefined) {
            const problems = oas.validateAt(`/components/schemas/${testCase.secretsSchema}`, testCase.secrets)
            assert.isEmpty(problems, `the test's secrets: ${problemsText(problems, testCase.secrets)}`)
          }
          const { url: kibana } = yield* EmulatorServer.EmulatorServer
          const answer = yield* call(kibana, "POST", "/api/actions/connector", {
            body: {
              name: testCase.typeId,
              connector_type_id: testCase.typeId,
              config: testCase.config,
              secrets: testCase.secrets
            }
          })
          assert.strictEqual(answer.status, 200, answer.text)
          const config = withoutNullDefaults(answer.json.config, testCase.nullDefaults ?? [])
          const problems = oas.validateAt(`/components/schemas/${testCase.configSchema}`, config)
          assert.isEmpty(problems, problemsText(problems, config))
        }))
    }
  }
)
