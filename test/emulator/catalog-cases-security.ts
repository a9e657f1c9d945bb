import { assert } from "@effect/vitest"
import { type CatalogCase, subActionFailure, subActionHttpError, unknownSubAction } from "./catalog-cases.js"

const serviceMessageMatches =
  (pattern: (status: number | undefined) => RegExp) =>
  (answer: any, context: { readonly status: number | undefined }) => {
    subActionHttpError(answer, context)
    assert.match(answer.service_message, pattern(context.status))
  }

// SentinelOne's `getResponseErrorMessage`: the axios message, then the answer's body (never the token,
// although it rides in the query string)
const sentinelOneError = (answer: any, context: { readonly status: number | undefined }) => {
  assert.notInclude(answer.service_message, "s1-token-123")
  sentinelOneMessage(answer, context)
}

const sentinelOneMessage = serviceMessageMatches((status) =>
  status === undefined
    ? /^Status code: undefined\. Message: .+\nResponse body: \{\}$/
    : new RegExp(
      `^Status code: ${status}\\. Message: API Error: \\[${
        status === 400 ? "Bad Request" : "Internal Server Error"
      }\\] Request failed with status code ${status}\\nResponse body: \\{"errors":\\[\\{.*"detail":"simulated ${status}"`
    )
)

const sentinelOne: CatalogCase = {
  typeId: ".sentinelone",
  config: (url) => ({ url: url("sentinelone").slice(0, -1) }),
  secrets: () => ({ token: "s1-token-123" }),
  storedConfig: (url) => ({ url: url("sentinelone").slice(0, -1) }),
  requiredConfig: ["url"],
  requiredSecrets: ["token"],
  executions: [{
    name: "getAgents",
    vendor: "sentinelone",
    params: { subAction: "getAgents", subActionParams: { uuid: "simulated-agent", computerName: null } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/web/api/v2.1/agents")
      // null filters are left out; the token is a query parameter
      assert.deepStrictEqual(request.query, { uuid: "simulated-agent", APIToken: "s1-token-123" })
    },
    expectData: (data) => {
      assert.strictEqual(data.pagination.totalItems, 1)
      assert.strictEqual(data.data[0].uuid, "simulated-agent")
    },
    expectError: sentinelOneError
  }, {
    name: "isolateHost",
    vendor: "sentinelone",
    params: { subAction: "isolateHost", subActionParams: { uuid: "simulated-agent", alertIds: ["alert-1"] } },
    // the agent lookup, then the disconnect
    requests: 2,
    expectRequest: (request) =>
      assert.deepStrictEqual(request.query, { uuid: "simulated-agent", APIToken: "s1-token-123" }),
    expectData: (data) => assert.deepStrictEqual(data, { data: { affected: 1 } }),
    expectError: sentinelOneError
  }, {
    name: "releaseHost",
    vendor: "sentinelone",
    params: { subAction: "releaseHost", subActionParams: { uuid: "isolated-agent" } },
    requests: 2,
    expectRequest: (request) => assert.strictEqual(request.path, "/web/api/v2.1/agents"),
    expectData: (data) => assert.deepStrictEqual(data, { data: { affected: 1 } }),
    expectError: sentinelOneError
  }],
  rejectedParams: [
    unknownSubAction(".sentinelone", "Sentinel One"),
    {
      name: "a filter key SentinelOne does not have",
      params: { subAction: "getAgents", subActionParams: { hostname: "h" } },
      message: subActionFailure
    },
    {
      name: "releaseHost of an agent that is not isolated",
      params: { subAction: "releaseHost", subActionParams: { uuid: "simulated-agent" } },
      message: subActionFailure,
      serviceMessage: "Agent not isolated"
    },
    {
      name: "isolateHost of an isolated agent",
      params: { subAction: "isolateHost", subActionParams: { uuid: "isolated-agent" } },
      message: subActionFailure,
      serviceMessage: "Agent already isolated"
    }
  ]
}

// CrowdStrike's `getResponseErrorMessage`: the first of its `errors`; the token request fails first
const crowdstrikeError = serviceMessageMatches((status) =>
  status === undefined
    ? /^Status code: undefined\. Message: (Unknown API Error: \{\}|Connection Refused: .+)$/
    : new RegExp(`^Status code: ${status}\\. Message: simulated ${status}$`)
)

const crowdstrikeToken = (request: { readonly method: string; readonly path: string; readonly headers: any }) => {
  assert.strictEqual(request.method, "POST")
  assert.strictEqual(request.path, "/oauth2/token")
  assert.strictEqual(
    request.headers.authorization,
    `Basic ${Buffer.from("cs-client:cs-secret-123").toString("base64")}`
  )
  assert.strictEqual(request.headers["content-type"], "application/x-www-form-urlencoded")
}

const crowdstrike: CatalogCase = {
  typeId: ".crowdstrike",
  config: (url) => ({ url: url("crowdstrike").slice(0, -1) }),
  secrets: () => ({ clientId: "cs-client", clientSecret: "cs-secret-123" }),
  storedConfig: (url) => ({ url: url("crowdstrike").slice(0, -1) }),
  requiredConfig: ["url"],
  requiredSecrets: ["clientId", "clientSecret"],
  executions: [{
    name: "hostActions",
    vendor: "crowdstrike",
    params: {
      subAction: "hostActions",
      subActionParams: { command: "contain", ids: ["device-1", "device-2"], comment: "contain it", alertIds: ["a"] }
    },
    // the token, then the action
    requests: 2,
    expectRequest: crowdstrikeToken,
    expectData: (data) =>
      assert.deepStrictEqual(data.resources.map((resource: any) => resource.id), ["device-1", "device-2"]),
    expectError: crowdstrikeError
  }, {
    name: "getAgentDetails",
    vendor: "crowdstrike",
    params: { subAction: "getAgentDetails", subActionParams: { ids: ["device-1", "device-2"] } },
    requests: 2,
    expectRequest: crowdstrikeToken,
    expectData: (data) =>
      assert.deepStrictEqual(data.resources.map((resource: any) => resource.hostname), [
        "device-1-host",
        "device-2-host"
      ]),
    expectError: crowdstrikeError
  }, {
    name: "getAgentOnlineStatus",
    vendor: "crowdstrike",
    params: { subAction: "getAgentOnlineStatus", subActionParams: { ids: ["device-1"] } },
    requests: 2,
    expectRequest: crowdstrikeToken,
    expectData: (data) => assert.deepStrictEqual(data.resources, [{ id: "device-1", state: "online" }]),
    expectError: crowdstrikeError
  }],
  rejectedParams: [
    unknownSubAction(".crowdstrike", "CrowdStrike"),
    {
      name: "hostActions with a command CrowdStrike's connector does not send",
      params: { subAction: "hostActions", subActionParams: { command: "reboot", ids: ["d"] } },
      message: subActionFailure
    }
  ]
}

// Defender's `getResponseErrorMessage`: the axios message, the request made and the answer's body
const defenderError = (method: string, path: string) =>
  serviceMessageMatches((status) =>
    status === undefined
      ? /^Status code: undefined\. Message: .+\nURL called:\[undefined\] undefined\nResponse body: \{\}$/
      : new RegExp(
        `^Status code: ${status}\\. Message: API Error: \\[${
          status === 400 ? "Bad Request" : "Internal Server Error"
        }\\] Request failed with status code ${status}\\nURL called:\\[${method}\\] http://[^/]+/defender${
          path.replace(/\//g, "\\/")
        }\\nResponse body: \\{"error":\\{"code":"\\w+","message":"simulated ${status}"\\}\\}$`
      )
  )

const defenderConfig = (url: (vendor: any) => string) => ({
  clientId: "mde-client",
  // Entra ID answers under `/<tenant>/...`: the simulator is the tenant `entra`
  tenantId: "entra",
  oAuthServerUrl: url("entra"),
  oAuthScope: "https://securitycenter.onmicrosoft.com/windowsatpservice/.default",
  apiUrl: url("defender").slice(0, -1)
})

const defender: CatalogCase = {
  typeId: ".microsoft_defender_endpoint",
  config: defenderConfig,
  secrets: () => ({ clientSecret: "mde-secret-123" }),
  storedConfig: defenderConfig,
  requiredConfig: ["clientId", "tenantId", "oAuthServerUrl", "oAuthScope", "apiUrl"],
  requiredSecrets: ["clientSecret"],
  executions: [{
    name: "isolateHost",
    vendor: "defender",
    params: { subAction: "isolateHost", subActionParams: { id: "machine-1", comment: "isolate it" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/api/machines/machine-1/isolate")
      assert.match(request.headers.authorization!, /^Bearer entra-/)
      assert.deepStrictEqual(request.body, { Comment: "isolate it", IsolationType: "Full" })
    },
    expectData: (data) => {
      assert.strictEqual(data.type, "Isolate")
      assert.strictEqual(data.machineId, "machine-1")
      assert.strictEqual(data.requestorComment, "isolate it")
    },
    expectError: defenderError("post", "/api/machines/machine-1/isolate")
  }, {
    name: "getAgentList",
    vendor: "defender",
    params: {
      subAction: "getAgentList",
      subActionParams: { osPlatform: ["Windows11", "Linux"], page: 2, pageSize: 10 }
    },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, "/api/machines")
      assert.deepStrictEqual(request.query, {
        $count: "true",
        $top: "10",
        $skip: "10",
        $filter: "osPlatform in ('Windows11','Linux')"
      })
    },
    expectData: (data) => {
      assert.deepInclude(data, { page: 2, pageSize: 10, total: 1 })
      assert.strictEqual(data.value[0].id, "simulated-machine")
    },
    expectError: defenderError("get", "/api/machines")
  }, {
    name: "testConnector",
    vendor: "defender",
    params: { subAction: "testConnector", subActionParams: {} },
    // machine details, isolate, release (all ResourceNotFound for the probe id), then the actions list
    requests: 4,
    expectRequest: (request) => assert.strictEqual(request.path, "/api/machines/elastic-connector-test"),
    expectData: (data) =>
      assert.deepStrictEqual(data, {
        results: [
          "API call to Machines API was successful",
          "API call to Machine Isolate was successful",
          "API call to Machine Release was successful",
          "API call to Machine Actions was successful"
        ]
      }),
    expectError: defenderError("get", "/api/machines/elastic-connector-test")
  }],
  rejectedParams: [
    unknownSubAction(".microsoft_defender_endpoint", "Microsoft Defender for Endpoint"),
    {
      name: "isolateHost without a comment",
      params: { subAction: "isolateHost", subActionParams: { id: "machine-1" } },
      message: subActionFailure
    },
    {
      name: "getAgentDetails of a machine Defender does not know",
      params: { subAction: "getAgentDetails", subActionParams: { id: "elastic-connector-test" } },
      message: subActionFailure
    }
  ]
}

/** The endpoint security types, against the SentinelOne, CrowdStrike, Entra ID and Defender simulators. */
export const securityCatalogCases: ReadonlyArray<CatalogCase> = [sentinelOne, crowdstrike, defender]
