/**
 * How each simulated vendor answers: the success bodies of its API (as the vendors document them and as
 * Kibana's `actions_simulators` test plugin answers,
 * elastic/kibana:x-pack/platform/test/alerting_api_integration/common/plugins/actions_simulators/server/),
 * and its error body for a failure mode.
 *
 * @since 0.1.0
 * @internal
 */
import { randomUUID } from "node:crypto"
import { isJsonObject } from "../connectorTypes/validation.js"

/**
 * A request as a vendor handler sees it: the path under the vendor's base URL.
 *
 * @since 0.1.0
 * @internal
 */
export interface SimulatorRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

/**
 * An answer: a JSON value, or text.
 *
 * @since 0.1.0
 * @internal
 */
export interface SimulatorAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body: unknown
}

/**
 * A simulated vendor.
 *
 * @since 0.1.0
 * @internal
 */
export interface Vendor {
  readonly handle: (request: SimulatorRequest) => SimulatorAnswer
  /** The vendor's error body for a forced status. */
  readonly errorBody: (status: number) => unknown
}

/**
 * One route of a vendor: method, path pattern, and its answer.
 *
 * @since 0.1.0
 * @internal
 */
export type Route = readonly [
  method: string,
  path: RegExp,
  answer: (request: SimulatorRequest, match: RegExpExecArray) => SimulatorAnswer
]

/**
 * A vendor handler answering by route, 404 with `notFoundBody` otherwise.
 *
 * @since 0.1.0
 * @internal
 */
export const routed =
  (routes: ReadonlyArray<Route>, notFoundBody: unknown = { message: "Not Found" }) =>
  (request: SimulatorRequest): SimulatorAnswer => {
    for (const [method, path, answer] of routes) {
      const match = path.exec(request.path)
      if (match !== null && method === request.method) return answer(request, match)
    }
    return { status: 404, body: notFoundBody }
  }

/**
 * A key of a JSON object, or `undefined`.
 *
 * @since 0.1.0
 * @internal
 */
export const field = (value: unknown, key: string): unknown => isJsonObject(value) ? value[key] : undefined

const nowIso = () => new Date().toISOString()

// ServiceNow's `sys_created_on` format: `yyyy-MM-dd HH:mm:ss` (UTC)
const serviceNowTime = () => nowIso().replace("T", " ").slice(0, 19)

const numbered = () => {
  let next = 0
  return () => ++next
}

const opsgenieAccepted = () => ({
  status: 202,
  body: { result: "Request will be processed", took: 0.107, requestId: randomUUID() }
})

const opsgenie: Vendor = {
  handle: routed([
    ["POST", /^\/v2\/alerts$/, opsgenieAccepted],
    ["POST", /^\/v2\/alerts\/[^/]+\/close$/, opsgenieAccepted]
  ]),
  errorBody: (status) => ({ message: `simulated ${status}`, took: 0.001, requestId: randomUUID() })
}

const jiraServiceManagement: Vendor = {
  handle: routed([
    ["POST", /^\/jsm\/ops\/integration\/v2\/alerts$/, opsgenieAccepted],
    ["POST", /^\/jsm\/ops\/integration\/v2\/alerts\/[^/]+\/close$/, opsgenieAccepted]
  ]),
  errorBody: opsgenie.errorBody
}

const jiraIssues = numbered()

const jira: Vendor = {
  handle: routed([
    ["POST", /^\/rest\/api\/2\/issue$/, () => {
      const id = String(10000 + jiraIssues())
      return { status: 201, body: { id, key: `CK-${id}`, self: `/rest/api/2/issue/${id}` } }
    }],
    ["GET", /^\/rest\/api\/2\/issue\/createmeta\/([^/]+)\/issuetypes$/, () => ({
      status: 200,
      body: { issueTypes: [{ id: "10006", name: "Task" }, { id: "10007", name: "Bug" }] }
    })],
    ["PUT", /^\/rest\/api\/2\/issue\/([^/]+)$/, () => ({ status: 204, body: "" })],
    ["GET", /^\/rest\/api\/2\/issue\/([^/]+)$/, (_, match) => ({
      status: 200,
      body: {
        id: match[1],
        key: `CK-${match[1]}`,
        fields: { summary: "simulated issue", created: nowIso(), updated: nowIso() }
      }
    })],
    ["POST", /^\/rest\/api\/2\/issue\/([^/]+)\/comment$/, () => ({
      status: 201,
      body: { id: randomUUID(), created: nowIso() }
    })]
  ]),
  errorBody: (status) => ({ errorMessages: [`simulated ${status}`], errors: {} })
}

const pagerduty: Vendor = {
  handle: routed([
    ["POST", /^\/v2\/enqueue$/, (request) => ({
      status: 202,
      body: {
        status: "success",
        message: "Event processed",
        dedup_key: field(request.body, "dedup_key") ?? randomUUID()
      }
    })]
  ]),
  errorBody: (status) => ({ status: "invalid event", message: `simulated ${status}`, errors: [] })
}

// incoming webhooks answer plain text
const slack: Vendor = {
  handle: (request) => request.method === "POST" ? { status: 200, body: "ok" } : { status: 404, body: "no_service" },
  errorBody: (status) => `simulated ${status}`
}

const slackApi: Vendor = {
  handle: routed([
    ["POST", /^\/api\/chat\.postMessage$/, (request) => ({
      status: 200,
      body: {
        ok: true,
        channel: field(request.body, "channel"),
        ts: `${Math.floor(Date.now() / 1000)}.000100`,
        message: { type: "message", text: field(request.body, "text") }
      }
    })],
    ["GET", /^\/api\/conversations\.info$/, (request) => ({
      status: 200,
      body: { ok: true, channel: { id: request.query.channel, name: "general", is_channel: true } }
    })]
  ]),
  errorBody: () => ({ ok: false, error: "simulated_error" })
}

const teams: Vendor = {
  handle: (request) => request.method === "POST" ? { status: 200, body: "1" } : { status: 404, body: "" },
  errorBody: (status) => `simulated ${status}`
}

const xmatters: Vendor = {
  handle: (request) =>
    request.method === "POST" ? { status: 202, body: { requestId: randomUUID() } } : { status: 404, body: {} },
  errorBody: (status) => ({ code: status, reason: `simulated ${status}`, message: `simulated ${status}` })
}

const torq: Vendor = {
  handle: (request) => request.method === "POST" ? { status: 200, body: {} } : { status: 404, body: {} },
  errorBody: (status) => ({ message: `simulated ${status}` })
}

const tines: Vendor = {
  handle: routed([
    ["GET", /^\/api\/v1\/stories$/, () => ({
      status: 200,
      body: { stories: [{ id: 1, name: "Simulated story", published: true }], meta: { pages: 1 } }
    })],
    ["GET", /^\/api\/v1\/agents$/, () => ({
      status: 200,
      body: {
        agents: [{
          id: 2,
          name: "Simulated webhook",
          type: "Agents::WebhookAgent",
          story_id: 1,
          options: { path: "simulated", secret: "simulated" }
        }],
        meta: { pages: 1 }
      }
    })],
    ["POST", /^\/webhook\/.+$/, () => ({ status: 200, body: {} })]
  ]),
  errorBody: (status) => ({ error: `simulated ${status}` })
}

const d3security: Vendor = {
  handle: (request) =>
    request.method === "POST" ? { status: 200, body: { refid: randomUUID() } } : { status: 404, body: {} },
  errorBody: (status) => ({ message: `simulated ${status}` })
}

const completion = (request: SimulatorRequest) => ({
  status: 200,
  body: {
    id: `chatcmpl-${randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: field(request.body, "model") ?? "gpt-4o",
    choices: [{ index: 0, message: { role: "assistant", content: "Hello from the simulator" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }
  }
})

const openai: Vendor = {
  handle: routed([["POST", /^\/(v1\/)?chat\/completions$/, completion]]),
  errorBody: (status) => ({ error: { message: `simulated ${status}`, type: "invalid_request_error", code: null } })
}

const serviceNowRecords = numbered()

const serviceNowRecord = (table: string) => {
  const n = serviceNowRecords()
  return {
    sys_id: randomUUID().replace(/-/g, ""),
    number: `${table === "incident" ? "INC" : "SIR"}${String(n).padStart(7, "0")}`,
    sys_created_on: serviceNowTime(),
    sys_updated_on: serviceNowTime()
  }
}

const serviceNow: Vendor = {
  handle: routed([
    ["POST", /^\/api\/now\/v2\/table\/(incident|sn_si_incident)$/, (_, match) => ({
      status: 201,
      body: { result: serviceNowRecord(match[1] ?? "incident") }
    })],
    ["GET", /^\/api\/now\/v2\/table\/(incident|sn_si_incident)\/([^/]+)$/, (_, match) => ({
      status: 200,
      body: {
        result: {
          sys_id: match[2],
          number: "INC0000001",
          sys_created_on: serviceNowTime(),
          sys_updated_on: serviceNowTime()
        }
      }
    })],
    ["PATCH", /^\/api\/now\/v2\/table\/(incident|sn_si_incident)\/([^/]+)$/, (_, match) => ({
      status: 200,
      body: {
        result: {
          sys_id: match[2],
          number: "INC0000001",
          sys_created_on: serviceNowTime(),
          sys_updated_on: serviceNowTime()
        }
      }
    })],
    [
      "POST",
      /^\/api\/global\/em\/jsonv2$/,
      () => ({ status: 200, body: { result: { "Default Bulk Endpoint": "1 events were inserted" } } })
    ]
  ]),
  errorBody: (status) => ({ error: { message: `simulated ${status}`, detail: "simulated" }, status: "failure" })
}

const theHive: Vendor = {
  handle: routed([
    ["POST", /^\/api\/v1\/alert$/, (request) => ({
      status: 201,
      body: { _id: `~${Date.now()}`, _type: "Alert", title: field(request.body, "title"), status: "New" }
    })],
    ["POST", /^\/api\/v1\/case$/, (request) => ({
      status: 201,
      body: {
        _id: `~${Date.now()}`,
        _type: "Case",
        title: field(request.body, "title"),
        number: 1,
        _createdAt: Date.now()
      }
    })]
  ]),
  errorBody: (status) => ({ type: "BadRequest", message: `simulated ${status}` })
}

const xsoar: Vendor = {
  handle: routed([
    ["POST", /^\/playbook\/search$/, () => ({
      status: 200,
      body: { playbooks: [{ id: "playbook0", name: "Simulated playbook" }], total: 1 }
    })],
    ["POST", /^\/incident$/, () => ({ status: 201, body: { id: randomUUID() } })]
  ]),
  errorBody: (status) => ({ id: "error", detail: `simulated ${status}`, error: `simulated ${status}` })
}

/**
 * The simulated vendors, keyed by the path segment they answer under.
 *
 * @since 0.1.0
 * @internal
 */
export const vendors = {
  opsgenie,
  "jira-service-management": jiraServiceManagement,
  jira,
  pagerduty,
  slack,
  "slack-api": slackApi,
  teams,
  xmatters,
  torq,
  tines,
  d3security,
  openai,
  servicenow: serviceNow,
  thehive: theHive,
  xsoar
} satisfies Readonly<Record<string, Vendor>>
