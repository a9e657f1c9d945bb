// Every typed connector type: a valid input compiles and encodes to Kibana's wire form; per type, a
// misspelled or wrong-typed config key, a missing required key and wrong params fail to compile.
import { assert, describe, it } from "@effect/vitest"
import { Redacted, Schema } from "effect"
import { Connector } from "../../src/index.js"
import type { CreateInputOf, ParamsOf, TypedConnectorTypeId, UpdateInputOf } from "../../src/schemas/Connector.js"

const s = Redacted.make
const url = "https://service.example.com"

/** One valid create input per type: the mapped type makes a missing or misspelled type a compile error. */
const valid: { readonly [T in TypedConnectorTypeId]: CreateInputOf<T> } = {
  ".index": { connectorTypeId: ".index", name: "i", config: { index: "logs", refresh: true } },
  ".server-log": { connectorTypeId: ".server-log", name: "l" },
  ".email": {
    connectorTypeId: ".email",
    name: "e",
    config: { from: "a@example.com", service: "other", host: "smtp", port: 25 },
    secrets: { user: "u", password: s("p") }
  },
  ".webhook": {
    connectorTypeId: ".webhook",
    name: "w",
    config: {
      url,
      authType: "webhook-oauth2-client-credentials",
      accessTokenUrl: `${url}/token`,
      clientId: "client",
      scope: "write",
      additionalFields: "{\"audience\":\"x\"}"
    },
    secrets: { clientSecret: s("secret"), secretHeaders: s({ "x-key": "k" }) }
  },
  ".slack": { connectorTypeId: ".slack", name: "s", secrets: { webhookUrl: s(`${url}/hook`) } },
  ".slack_api": {
    connectorTypeId: ".slack_api",
    name: "sa",
    config: { allowedChannels: [{ id: "C1", name: "alerts" }] },
    secrets: { token: s("xoxb") }
  },
  ".teams": { connectorTypeId: ".teams", name: "t", secrets: { webhookUrl: s(`${url}/teams`) } },
  ".pagerduty": {
    connectorTypeId: ".pagerduty",
    name: "pd",
    config: { apiUrl: null },
    secrets: { routingKey: s("r") }
  },
  ".xmatters": {
    connectorTypeId: ".xmatters",
    name: "x",
    config: { usesBasic: true, configUrl: url },
    secrets: { user: "u", password: s("p") }
  },
  ".torq": {
    connectorTypeId: ".torq",
    name: "tq",
    config: { webhookIntegrationUrl: "https://hooks.torq.io/v1/x" },
    secrets: { token: s("t") }
  },
  ".servicenow": {
    connectorTypeId: ".servicenow",
    name: "sn",
    config: { apiUrl: url, usesTableApi: true },
    secrets: { username: "u", password: s("p") }
  },
  ".servicenow-sir": {
    connectorTypeId: ".servicenow-sir",
    name: "sir",
    config: { apiUrl: url, isOAuth: true, userIdentifierValue: "u", clientId: "c", jwtKeyId: "k" },
    secrets: { clientSecret: s("c"), privateKey: s("k") }
  },
  ".servicenow-itom": {
    connectorTypeId: ".servicenow-itom",
    name: "itom",
    config: { apiUrl: url },
    secrets: { username: "u", password: s("p") }
  },
  ".jira": {
    connectorTypeId: ".jira",
    name: "j",
    config: { apiUrl: url, projectKey: "OPS" },
    secrets: { email: "a@example.com", apiToken: s("t") }
  },
  ".jira-service-management": {
    connectorTypeId: ".jira-service-management",
    name: "jsm",
    config: { apiUrl: url },
    secrets: { apiKey: s("k") }
  },
  ".opsgenie": { connectorTypeId: ".opsgenie", name: "og", config: { apiUrl: url }, secrets: { apiKey: s("k") } },
  ".resilient": {
    connectorTypeId: ".resilient",
    name: "r",
    config: { apiUrl: url, orgId: "201" },
    secrets: { apiKeyId: "id", apiKeySecret: s("k") }
  },
  ".swimlane": {
    connectorTypeId: ".swimlane",
    name: "sw",
    config: { apiUrl: url, appId: "app", connectorType: "all", mappings: {} },
    secrets: { apiToken: s("t") }
  },
  ".cases-webhook": {
    connectorTypeId: ".cases-webhook",
    name: "cw",
    config: {
      createIncidentUrl: `${url}/issue`,
      createIncidentJson: "{}",
      createIncidentResponseKey: "id",
      getIncidentUrl: `${url}/issue/{{{external.system.id}}}`,
      getIncidentResponseExternalTitleKey: "key",
      viewIncidentUrl: `${url}/browse/{{{external.system.title}}}`,
      updateIncidentUrl: `${url}/issue/{{{external.system.id}}}`,
      updateIncidentJson: "{}",
      hasAuth: false
    }
  },
  ".thehive": { connectorTypeId: ".thehive", name: "th", config: { url }, secrets: { apiKey: s("k") } },
  ".xsoar": { connectorTypeId: ".xsoar", name: "xs", config: { url }, secrets: { apiKey: s("k") } },
  ".tines": {
    connectorTypeId: ".tines",
    name: "ti",
    config: { url },
    secrets: { email: "a@example.com", token: s("t") }
  },
  ".d3security": { connectorTypeId: ".d3security", name: "d3", config: { url }, secrets: { token: s("t") } },
  ".gen-ai": {
    connectorTypeId: ".gen-ai",
    name: "ai",
    config: { apiProvider: "OpenAI", apiUrl: `${url}/v1/chat/completions` },
    secrets: { apiKey: s("sk") }
  },
  ".bedrock": {
    connectorTypeId: ".bedrock",
    name: "b",
    config: { apiUrl: url },
    secrets: { accessKey: s("a"), secret: s("s") }
  },
  ".gemini": {
    connectorTypeId: ".gemini",
    name: "g",
    config: { apiUrl: url, gcpRegion: "us-central1", gcpProjectID: "p" },
    secrets: { credentialsJson: s("{}") }
  },
  ".inference": {
    connectorTypeId: ".inference",
    name: "inf",
    config: { provider: "openai", taskType: "chat_completion", inferenceId: "my-endpoint" },
    secrets: { providerSecrets: s({ api_key: "k" }) }
  },
  ".mcp": {
    connectorTypeId: ".mcp",
    name: "m",
    config: { serverUrl: `${url}/mcp`, authType: "bearer" },
    secrets: { token: s("t") }
  },
  ".sentinelone": { connectorTypeId: ".sentinelone", name: "s1", config: { url }, secrets: { token: s("t") } },
  ".crowdstrike": {
    connectorTypeId: ".crowdstrike",
    name: "cs",
    config: { url },
    secrets: { clientId: "c", clientSecret: s("s") }
  },
  ".microsoft_defender_endpoint": {
    connectorTypeId: ".microsoft_defender_endpoint",
    name: "mde",
    config: {
      clientId: "c",
      tenantId: "t",
      oAuthServerUrl: "https://login.microsoftonline.com",
      oAuthScope: "https://securitycenter.onmicrosoft.com/windowsatpservice/.default",
      apiUrl: "https://api.securitycenter.microsoft.com"
    },
    secrets: { clientSecret: s("s") }
  }
}

/** One valid params value per type. */
const validParams: { readonly [T in TypedConnectorTypeId]: ParamsOf<T> } = {
  ".index": { documents: [{ message: "m" }] },
  ".server-log": { message: "m", level: "warn" },
  ".email": { to: ["b@example.com"], subject: "s", message: "m" },
  ".webhook": { body: "{}" },
  ".slack": { message: "m" },
  ".slack_api": { subAction: "postMessage", subActionParams: { channelIds: ["C1"], text: "m" } },
  ".teams": { message: "m" },
  ".pagerduty": { eventAction: "trigger", summary: "s", severity: "critical" },
  ".xmatters": { severity: "high" },
  ".torq": { body: "{}" },
  ".servicenow": { subAction: "pushToService", subActionParams: { incident: { short_description: "s" } } },
  ".servicenow-sir": { subAction: "pushToService", subActionParams: { incident: { short_description: "s" } } },
  ".servicenow-itom": { subAction: "addEvent", subActionParams: { severity: "1" } },
  ".jira": { subAction: "pushToService", subActionParams: { incident: { summary: "s" } } },
  ".jira-service-management": { subAction: "createAlert", subActionParams: { message: "m" } },
  ".opsgenie": { subAction: "closeAlert", subActionParams: { alias: "a" } },
  ".resilient": { subAction: "pushToService", subActionParams: { incident: { name: "n" } } },
  ".swimlane": { subAction: "pushToService", subActionParams: { incident: { ruleName: "r" } } },
  ".cases-webhook": { subAction: "pushToService", subActionParams: { incident: { title: "t" } } },
  ".thehive": { subAction: "pushToService", subActionParams: { incident: { title: "t", description: "d" } } },
  ".xsoar": { subAction: "getPlaybooks" },
  ".tines": { subAction: "run", subActionParams: { webhookUrl: `${url}/w`, body: "{}" } },
  ".d3security": { subAction: "run", subActionParams: { body: "{}" } },
  ".gen-ai": { subAction: "invokeAI", subActionParams: { messages: [{ role: "user", content: "hi" }] } },
  ".bedrock": { subAction: "invokeAI", subActionParams: { messages: [{ role: "user", content: "hi" }] } },
  ".gemini": { subAction: "invokeAI", subActionParams: { messages: [{ role: "user", parts: [{ text: "hi" }] }] } },
  ".inference": { subAction: "completion", subActionParams: { input: "hi" } },
  ".mcp": { subAction: "callTool", subActionParams: { name: "echo", arguments: { text: "hi" } } },
  ".sentinelone": { subAction: "isolateHost", subActionParams: { uuid: "u" } },
  ".crowdstrike": { subAction: "getAgentDetails", subActionParams: { ids: ["a"] } },
  ".microsoft_defender_endpoint": { subAction: "isolateHost", subActionParams: { id: "m", comment: "c" } }
}

describe("typed connector types", () => {
  it("cover the 31 stack connector types", () => {
    assert.lengthOf(Object.keys(Connector.connectorTypes), 31)
    assert.deepStrictEqual(Object.keys(valid).sort(), Object.keys(Connector.connectorTypes).sort())
  })

  it("every valid input encodes to Kibana's wire form with its secrets in plain text", () => {
    for (const input of Object.values(valid)) {
      const wire = Schema.encodeSync(Connector.CreateConnectorInput)(input) as Record<string, unknown>
      assert.strictEqual(wire.connector_type_id, input.connectorTypeId)
      assert.notProperty(wire, "connectorTypeId")
      assert.notInclude(JSON.stringify(wire), "<redacted>", input.connectorTypeId)
    }
  })

  it("every valid params value passes its type's params schema", () => {
    for (const [id, params] of Object.entries(validParams)) {
      const definition = Connector.connectorTypes[id as TypedConnectorTypeId]
      assert.doesNotThrow(() => Schema.encodeUnknownSync(definition.params as Schema.Schema.AnyNoContext)(params), id)
    }
  })

  it("a misspelled or wrong-typed config key, a missing required key and wrong params fail to compile", () => {
    // dprint-ignore
    const bad: Array<unknown> = [
      // @ts-expect-error .index: misspelled `refesh`
      { connectorTypeId: ".index", name: "i", config: { index: "l", refesh: true } } satisfies CreateInputOf<".index">,
      // @ts-expect-error .index: `index` missing
      { connectorTypeId: ".index", name: "i", config: {} } satisfies CreateInputOf<".index">,
      // @ts-expect-error .index: documents must be objects
      { documents: ["x"] } satisfies ParamsOf<".index">,
      // @ts-expect-error .server-log: has no config
      { connectorTypeId: ".server-log", name: "l", config: { level: "info" } } satisfies CreateInputOf<".server-log">,
      // @ts-expect-error .server-log: `name` missing
      { connectorTypeId: ".server-log" } satisfies CreateInputOf<".server-log">,
      // @ts-expect-error .server-log: unknown level
      { message: "m", level: "loud" } satisfies ParamsOf<".server-log">,
      // @ts-expect-error .email: port is a number
      { ...valid[".email"], config: { from: "a@b", port: "25" } } satisfies CreateInputOf<".email">,
      // @ts-expect-error .email: `from` missing
      { ...valid[".email"], config: { service: "gmail" } } satisfies CreateInputOf<".email">,
      // @ts-expect-error .email: `subject` missing
      { message: "m", to: ["a@b"] } satisfies ParamsOf<".email">,
      // @ts-expect-error .webhook: OAuth2 misspelled `accesTokenUrl`
      { ...valid[".webhook"], config: { url, authType: "webhook-oauth2-client-credentials", accesTokenUrl: url, clientId: "c" } } satisfies CreateInputOf<".webhook">,
      // @ts-expect-error .webhook: OAuth2 without `clientId`
      { ...valid[".webhook"], config: { url, authType: "webhook-oauth2-client-credentials", accessTokenUrl: url } } satisfies CreateInputOf<".webhook">,
      // @ts-expect-error .webhook: body is a string
      { body: { a: 1 } } satisfies ParamsOf<".webhook">,
      // @ts-expect-error .slack: misspelled secret `webhookURL`
      { connectorTypeId: ".slack", name: "s", secrets: { webhookURL: s(url) } } satisfies CreateInputOf<".slack">,
      // @ts-expect-error .slack: secrets missing
      { connectorTypeId: ".slack", name: "s" } satisfies CreateInputOf<".slack">,
      // @ts-expect-error .slack: `message` missing
      { text: "m" } satisfies ParamsOf<".slack">,
      // @ts-expect-error .slack_api: allowedChannels are objects
      { ...valid[".slack_api"], config: { allowedChannels: ["C1"] } } satisfies CreateInputOf<".slack_api">,
      // @ts-expect-error .slack_api: `token` missing
      { ...valid[".slack_api"], secrets: {} } satisfies CreateInputOf<".slack_api">,
      // @ts-expect-error .slack_api: postMessage needs `text`
      { subAction: "postMessage", subActionParams: { channelIds: ["C1"] } } satisfies ParamsOf<".slack_api">,
      // @ts-expect-error .slack_api: a channel name starts with #
      { subAction: "postMessage", subActionParams: { channelNames: ["general"], text: "m" } } satisfies ParamsOf<".slack_api">,
      // @ts-expect-error .slack_api: Kibana's params have no getAllowedChannels
      { subAction: "getAllowedChannels", subActionParams: {} } satisfies ParamsOf<".slack_api">,
      // @ts-expect-error .teams: the webhook URL is secret
      { connectorTypeId: ".teams", name: "t", secrets: { webhookUrl: url } } satisfies CreateInputOf<".teams">,
      // @ts-expect-error .teams: secrets missing
      { connectorTypeId: ".teams", name: "t" } satisfies CreateInputOf<".teams">,
      // @ts-expect-error .teams: message is a string
      { message: 1 } satisfies ParamsOf<".teams">,
      // @ts-expect-error .pagerduty: misspelled `apiURL`
      { ...valid[".pagerduty"], config: { apiURL: url } } satisfies CreateInputOf<".pagerduty">,
      // @ts-expect-error .pagerduty: `routingKey` missing
      { ...valid[".pagerduty"], secrets: {} } satisfies CreateInputOf<".pagerduty">,
      // @ts-expect-error .pagerduty: unknown eventAction
      { eventAction: "open" } satisfies ParamsOf<".pagerduty">,
      // @ts-expect-error .xmatters: usesBasic is a boolean
      { ...valid[".xmatters"], config: { usesBasic: "yes", configUrl: url } } satisfies CreateInputOf<".xmatters">,
      // @ts-expect-error .xmatters: basic auth needs `configUrl`
      { ...valid[".xmatters"], config: { usesBasic: true } } satisfies CreateInputOf<".xmatters">,
      // @ts-expect-error .xmatters: `severity` missing
      { ruleName: "r" } satisfies ParamsOf<".xmatters">,
      // @ts-expect-error .torq: misspelled `webhookIntegrationURL`
      { ...valid[".torq"], config: { webhookIntegrationURL: url } } satisfies CreateInputOf<".torq">,
      // @ts-expect-error .torq: `token` missing
      { ...valid[".torq"], secrets: {} } satisfies CreateInputOf<".torq">,
      // @ts-expect-error .torq: `body` missing
      {} satisfies ParamsOf<".torq">,
      // @ts-expect-error .servicenow: usesTableApi is a boolean
      { ...valid[".servicenow"], config: { apiUrl: url, usesTableApi: "true" } } satisfies CreateInputOf<".servicenow">,
      // @ts-expect-error .servicenow: OAuth needs `jwtKeyId`
      { ...valid[".servicenow"], config: { apiUrl: url, isOAuth: true, userIdentifierValue: "u", clientId: "c" } } satisfies CreateInputOf<".servicenow">,
      // @ts-expect-error .servicenow: pushToService needs `short_description`
      { subAction: "pushToService", subActionParams: { incident: { description: "d" } } } satisfies ParamsOf<".servicenow">,
      // @ts-expect-error .servicenow-sir: misspelled `apiURL`
      { ...valid[".servicenow-sir"], config: { apiURL: url } } satisfies CreateInputOf<".servicenow-sir">,
      // @ts-expect-error .servicenow-sir: `apiUrl` missing
      { ...valid[".servicenow-sir"], config: {} } satisfies CreateInputOf<".servicenow-sir">,
      // @ts-expect-error .servicenow-sir: no closeIncident sub-action
      { subAction: "closeIncident", subActionParams: { incident: { correlation_id: "c" } } } satisfies ParamsOf<".servicenow-sir">,
      // @ts-expect-error .servicenow-itom: has no usesTableApi
      { ...valid[".servicenow-itom"], config: { apiUrl: url, usesTableApi: true } } satisfies CreateInputOf<".servicenow-itom">,
      // @ts-expect-error .servicenow-itom: `password` missing
      { ...valid[".servicenow-itom"], secrets: { username: "u" } } satisfies CreateInputOf<".servicenow-itom">,
      // @ts-expect-error .servicenow-itom: no pushToService
      { subAction: "pushToService", subActionParams: {} } satisfies ParamsOf<".servicenow-itom">,
      // @ts-expect-error .jira: misspelled `projectKy`
      { ...valid[".jira"], config: { apiUrl: url, projectKy: "OPS" } } satisfies CreateInputOf<".jira">,
      // @ts-expect-error .jira: `projectKey` missing
      { ...valid[".jira"], config: { apiUrl: url } } satisfies CreateInputOf<".jira">,
      // @ts-expect-error .jira: labels are strings
      { subAction: "pushToService", subActionParams: { incident: { summary: "s", labels: [1] } } } satisfies ParamsOf<".jira">,
      // @ts-expect-error .jira-service-management: misspelled `apiURL`
      { ...valid[".jira-service-management"], config: { apiURL: url } } satisfies CreateInputOf<".jira-service-management">,
      // @ts-expect-error .jira-service-management: `apiKey` missing
      { ...valid[".jira-service-management"], secrets: {} } satisfies CreateInputOf<".jira-service-management">,
      // @ts-expect-error .jira-service-management: unknown priority
      { subAction: "createAlert", subActionParams: { message: "m", priority: "P9" } } satisfies ParamsOf<".jira-service-management">,
      // @ts-expect-error .opsgenie: apiUrl is a string
      { ...valid[".opsgenie"], config: { apiUrl: 1 } } satisfies CreateInputOf<".opsgenie">,
      // @ts-expect-error .opsgenie: `apiUrl` missing
      { ...valid[".opsgenie"], config: {} } satisfies CreateInputOf<".opsgenie">,
      // @ts-expect-error .opsgenie: closeAlert needs `alias`
      { subAction: "closeAlert", subActionParams: { note: "n" } } satisfies ParamsOf<".opsgenie">,
      // @ts-expect-error .resilient: misspelled `orgID`
      { ...valid[".resilient"], config: { apiUrl: url, orgID: "1" } } satisfies CreateInputOf<".resilient">,
      // @ts-expect-error .resilient: `apiKeySecret` missing
      { ...valid[".resilient"], secrets: { apiKeyId: "i" } } satisfies CreateInputOf<".resilient">,
      // @ts-expect-error .resilient: incidentTypes are numbers
      { subAction: "pushToService", subActionParams: { incident: { name: "n", incidentTypes: ["x"] } } } satisfies ParamsOf<".resilient">,
      // @ts-expect-error .resilient: severity takes `subActionParams: {}`
      { subAction: "severity" } satisfies ParamsOf<".resilient">,
      // @ts-expect-error .swimlane: unknown connectorType
      { ...valid[".swimlane"], config: { apiUrl: url, appId: "a", connectorType: "tickets", mappings: {} } } satisfies CreateInputOf<".swimlane">,
      // @ts-expect-error .swimlane: `mappings` missing
      { ...valid[".swimlane"], config: { apiUrl: url, appId: "a", connectorType: "all" } } satisfies CreateInputOf<".swimlane">,
      // @ts-expect-error .swimlane: only pushToService
      { subAction: "getFields", subActionParams: {} } satisfies ParamsOf<".swimlane">,
      // @ts-expect-error .cases-webhook: unknown createIncidentMethod
      { ...valid[".cases-webhook"], config: { ...valid[".cases-webhook"].config, createIncidentMethod: "get" } } satisfies CreateInputOf<".cases-webhook">,
      // @ts-expect-error .cases-webhook: `viewIncidentUrl` missing
      { connectorTypeId: ".cases-webhook", name: "cw", config: { createIncidentUrl: url, createIncidentJson: "{}", createIncidentResponseKey: "id", getIncidentUrl: url, getIncidentResponseExternalTitleKey: "k", updateIncidentUrl: url, updateIncidentJson: "{}" } } satisfies CreateInputOf<".cases-webhook">,
      // @ts-expect-error .cases-webhook: incident needs `title`
      { subAction: "pushToService", subActionParams: { incident: { description: "d" } } } satisfies ParamsOf<".cases-webhook">,
      // @ts-expect-error .thehive: misspelled `organization`
      { ...valid[".thehive"], config: { url, organization: "o" } } satisfies CreateInputOf<".thehive">,
      // @ts-expect-error .thehive: `url` missing
      { ...valid[".thehive"], config: {} } satisfies CreateInputOf<".thehive">,
      // @ts-expect-error .thehive: createAlert needs `sourceRef`
      { subAction: "createAlert", subActionParams: { title: "t", description: "d", type: "t", source: "s" } } satisfies ParamsOf<".thehive">,
      // @ts-expect-error .thehive: pushToService needs `description`
      { subAction: "pushToService", subActionParams: { incident: { title: "t" } } } satisfies ParamsOf<".thehive">,
      // @ts-expect-error .xsoar: misspelled `URL`
      { ...valid[".xsoar"], config: { URL: url } } satisfies CreateInputOf<".xsoar">,
      // @ts-expect-error .xsoar: `apiKey` missing
      { ...valid[".xsoar"], secrets: {} } satisfies CreateInputOf<".xsoar">,
      // @ts-expect-error .xsoar: run needs `createInvestigation`
      { subAction: "run", subActionParams: { name: "n", severity: 1 } } satisfies ParamsOf<".xsoar">,
      // @ts-expect-error .tines: url is a string
      { ...valid[".tines"], config: { url: true } } satisfies CreateInputOf<".tines">,
      // @ts-expect-error .tines: `email` missing
      { ...valid[".tines"], secrets: { token: s("t") } } satisfies CreateInputOf<".tines">,
      // @ts-expect-error .tines: storyId is a number
      { subAction: "webhooks", subActionParams: { storyId: "1" } } satisfies ParamsOf<".tines">,
      // @ts-expect-error .d3security: misspelled `uri`
      { ...valid[".d3security"], config: { uri: url } } satisfies CreateInputOf<".d3security">,
      // @ts-expect-error .d3security: `token` missing
      { ...valid[".d3security"], secrets: {} } satisfies CreateInputOf<".d3security">,
      // @ts-expect-error .d3security: unknown sub-action
      { subAction: "push", subActionParams: {} } satisfies ParamsOf<".d3security">,
      // @ts-expect-error .gen-ai: Azure has no organizationId
      { ...valid[".gen-ai"], config: { apiProvider: "Azure OpenAI", apiUrl: url, organizationId: "o" } } satisfies CreateInputOf<".gen-ai">,
      // @ts-expect-error .gen-ai: Other needs `defaultModel`
      { ...valid[".gen-ai"], config: { apiProvider: "Other", apiUrl: url } } satisfies CreateInputOf<".gen-ai">,
      // @ts-expect-error .gen-ai: invokeAI needs `messages`
      { subAction: "invokeAI", subActionParams: { model: "gpt-4.1" } } satisfies ParamsOf<".gen-ai">,
      // @ts-expect-error .bedrock: misspelled `defaultModal`
      { ...valid[".bedrock"], config: { apiUrl: url, defaultModal: "m" } } satisfies CreateInputOf<".bedrock">,
      // @ts-expect-error .bedrock: `secret` missing
      { ...valid[".bedrock"], secrets: { accessKey: s("a") } } satisfies CreateInputOf<".bedrock">,
      // @ts-expect-error .bedrock: run needs `body`
      { subAction: "run", subActionParams: { model: "m" } } satisfies ParamsOf<".bedrock">,
      // @ts-expect-error .gemini: misspelled `gcpProjectId`
      { ...valid[".gemini"], config: { apiUrl: url, gcpRegion: "r", gcpProjectId: "p" } } satisfies CreateInputOf<".gemini">,
      // @ts-expect-error .gemini: `gcpRegion` missing
      { ...valid[".gemini"], config: { apiUrl: url, gcpProjectID: "p" } } satisfies CreateInputOf<".gemini">,
      // @ts-expect-error .gemini: unknown toolConfig mode
      { subAction: "invokeAI", subActionParams: { messages: [], toolConfig: { mode: "SOME" } } } satisfies ParamsOf<".gemini">,
      // @ts-expect-error .inference: misspelled `inferenceID`
      { ...valid[".inference"], config: { provider: "p", taskType: "t", inferenceID: "i" } } satisfies CreateInputOf<".inference">,
      // @ts-expect-error .inference: `taskType` missing
      { ...valid[".inference"], config: { provider: "p", inferenceId: "i" } } satisfies CreateInputOf<".inference">,
      // @ts-expect-error .inference: rerank needs `query`
      { subAction: "rerank", subActionParams: { input: ["a"] } } satisfies ParamsOf<".inference">,
      // @ts-expect-error .mcp: unknown authType
      { ...valid[".mcp"], config: { serverUrl: url, authType: "oauth" } } satisfies CreateInputOf<".mcp">,
      // @ts-expect-error .mcp: `serverUrl` missing
      { ...valid[".mcp"], config: { authType: "none" } } satisfies CreateInputOf<".mcp">,
      // @ts-expect-error .mcp: callTool needs `name`
      { subAction: "callTool", subActionParams: { arguments: {} } } satisfies ParamsOf<".mcp">,
      // @ts-expect-error .sentinelone: misspelled `URL`
      { ...valid[".sentinelone"], config: { URL: url } } satisfies CreateInputOf<".sentinelone">,
      // @ts-expect-error .sentinelone: `token` missing
      { ...valid[".sentinelone"], secrets: {} } satisfies CreateInputOf<".sentinelone">,
      // @ts-expect-error .sentinelone: `id` is no SentinelOne agent filter (`ids`, `uuid`, ...)
      { subAction: "isolateHost", subActionParams: { id: "x" } } satisfies ParamsOf<".sentinelone">,
      // @ts-expect-error .crowdstrike: url is a string
      { ...valid[".crowdstrike"], config: { url: 1 } } satisfies CreateInputOf<".crowdstrike">,
      // @ts-expect-error .crowdstrike: `clientSecret` missing
      { ...valid[".crowdstrike"], secrets: { clientId: "c" } } satisfies CreateInputOf<".crowdstrike">,
      // @ts-expect-error .crowdstrike: unknown hostActions command
      { subAction: "hostActions", subActionParams: { command: "reboot", ids: ["a"] } } satisfies ParamsOf<".crowdstrike">,
      // @ts-expect-error .microsoft_defender_endpoint: misspelled `oauthScope`
      { ...valid[".microsoft_defender_endpoint"], config: { ...valid[".microsoft_defender_endpoint"].config, oauthScope: "s" } } satisfies CreateInputOf<".microsoft_defender_endpoint">,
      // @ts-expect-error .microsoft_defender_endpoint: `tenantId` missing
      { ...valid[".microsoft_defender_endpoint"], config: { clientId: "c", oAuthServerUrl: url, oAuthScope: "s", apiUrl: url } } satisfies CreateInputOf<".microsoft_defender_endpoint">,
      // @ts-expect-error .microsoft_defender_endpoint: isolateHost needs `comment`
      { subAction: "isolateHost", subActionParams: { id: "m" } } satisfies ParamsOf<".microsoft_defender_endpoint">
    ]
    assert.lengthOf(bad, 97)
  })

  it("update requires secrets wherever a type can hold them, including .webhook, .mcp and .inference", () => {
    const webhook: UpdateInputOf<".webhook"> = {
      connectorTypeId: ".webhook",
      name: "w",
      config: { url },
      secrets: Connector.noSecrets
    }
    // @ts-expect-error .webhook: no secrets would silently erase the stored ones
    const webhookWithout: UpdateInputOf<".webhook"> = { connectorTypeId: ".webhook", name: "w", config: { url } }
    // @ts-expect-error .mcp: likewise
    const mcpWithout: UpdateInputOf<".mcp"> = { connectorTypeId: ".mcp", name: "m", config: { serverUrl: url } }
    // @ts-expect-error .inference: likewise
    const inferenceWithout: UpdateInputOf<".inference"> = {
      connectorTypeId: ".inference",
      name: "i",
      config: { provider: "p", taskType: "t", inferenceId: "i" }
    }
    // @ts-expect-error .slack: its secrets are required
    const slackWithout: UpdateInputOf<".slack"> = { connectorTypeId: ".slack", name: "s" }
    assert.isDefined([webhook, webhookWithout, mcpWithout, inferenceWithout, slackWithout])
    for (const id of Object.keys(Connector.connectorTypes) as Array<TypedConnectorTypeId>) {
      const update = Connector.connectorTypes[id].update as unknown as { readonly fields: Record<string, unknown> }
      const holdsSecrets = id !== ".index" && id !== ".server-log"
      assert.strictEqual("secrets" in update.fields, holdsSecrets, id)
      if (holdsSecrets) {
        assert.throws(() =>
          Schema.encodeUnknownSync(Connector.UpdateConnectorInput)({ ...valid[id], secrets: undefined })
        )
      }
    }
  })
})
