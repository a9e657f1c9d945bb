/**
 * Simulated incident-management vendors that Cases pushes to: TheHive (`/api/v1/case`, `/api/v1/alert`),
 * IBM Resilient (`/rest/orgs/<org>/incidents`), Swimlane (`/api/app/<app>/record`) and a generic case API
 * for `.cases-webhook` (`/issue`, Jira-like). Bodies carry the fields Kibana's executors read and its
 * response schemas require (elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/thehive/schemas/v1.ts,
 * `.../resilient/schemas/v1.ts`; `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/swimlane/service.ts`).
 *
 * @since 0.1.0
 * @internal
 */
import { randomUUID } from "node:crypto"
import { field, numbered, routed, type Vendor } from "./vendorKit.js"

const theHiveCase = (id: string, title: unknown, description: unknown, createdAt: number) => ({
  _id: id,
  _type: "Case",
  _createdBy: "kibana@thehive.local",
  _updatedBy: null,
  _createdAt: createdAt,
  _updatedAt: null,
  number: Number(id.replace(/\D/g, "")) || 1,
  title: typeof title === "string" ? title : "simulated case",
  description: typeof description === "string" ? description : "",
  severity: 2,
  severityLabel: "MEDIUM",
  startDate: createdAt,
  endDate: null,
  tags: [],
  flag: false,
  tlp: 2,
  tlpLabel: "AMBER",
  pap: 2,
  papLabel: "AMBER",
  status: "New",
  stage: "New",
  summary: null,
  impactStatus: null,
  assignee: null,
  customFields: [],
  userPermissions: [],
  extraData: {},
  newDate: createdAt,
  inProgressDate: null,
  closedDate: null,
  alertDate: null,
  alertNewDate: null,
  alertInProgressDate: null,
  alertImportedDate: null,
  timeToDetect: 0,
  timeToTriage: null,
  timeToQualify: null,
  timeToAcknowledge: null,
  timeToResolve: null,
  handlingDuration: null
})

const theHiveCases = numbered()

const theHive: Vendor = {
  handle: routed([
    ["POST", /^\/api\/v1\/case$/, (request) => ({
      status: 201,
      body: theHiveCase(
        `~${40000 + theHiveCases()}`,
        field(request.body, "title"),
        field(request.body, "description"),
        Date.now()
      )
    })],
    ["GET", /^\/api\/v1\/case\/([^/]+)$/, (_, match) => ({
      status: 200,
      body: theHiveCase(match[1] ?? "~1", "simulated case", "", Date.now())
    })],
    ["PATCH", /^\/api\/v1\/case\/([^/]+)$/, () => ({ status: 204, body: "" })],
    ["POST", /^\/api\/v1\/case\/([^/]+)\/comment$/, (request) => ({
      status: 201,
      body: {
        _id: `~${randomUUID()}`,
        _type: "Comment",
        createdBy: "kibana@thehive.local",
        createdAt: Date.now(),
        updatedAt: null,
        updatedBy: null,
        message: field(request.body, "message") ?? "",
        isEdited: false,
        extraData: {}
      }
    })],
    ["POST", /^\/api\/v1\/alert$/, (request) => {
      const now = Date.now()
      const text = (key: string) => {
        const value = field(request.body, key)
        return typeof value === "string" ? value : ""
      }
      return {
        status: 201,
        body: {
          _id: `~${randomUUID()}`,
          _type: "Alert",
          _createdBy: "kibana@thehive.local",
          _updatedBy: null,
          _createdAt: now,
          _updatedAt: null,
          type: text("type"),
          source: text("source"),
          sourceRef: text("sourceRef"),
          externalLink: null,
          title: text("title"),
          description: text("description"),
          severity: 2,
          severityLabel: "MEDIUM",
          date: now,
          tags: [],
          tlp: 2,
          tlpLabel: "AMBER",
          pap: 2,
          papLabel: "AMBER",
          follow: true,
          customFields: [],
          caseTemplate: null,
          observableCount: 0,
          caseId: null,
          status: "New",
          stage: "New",
          assignee: null,
          summary: null,
          extraData: {},
          newDate: now,
          inProgressDate: null,
          closedDate: null,
          importedDate: null,
          timeToDetect: 0,
          timeToTriage: null,
          timeToQualify: null,
          timeToAcknowledge: null
        }
      }
    }]
  ]),
  errorBody: (status) => ({
    type: status === 401 ? "AuthenticationError" : "BadRequest",
    message: `simulated ${status}`
  })
}

const resilientIncidents = numbered()

const resilientIncident = (id: number, name: unknown) => ({
  id,
  name: typeof name === "string" ? name : "simulated incident",
  description: { format: "html", content: "" },
  discovered_date: Date.now(),
  create_date: Date.now(),
  inc_last_modified_date: Date.now(),
  incident_type_ids: [],
  severity_code: 4,
  properties: {}
})

const resilientValues = (values: ReadonlyArray<readonly [number, string]>) => ({
  values: values.map(([value, label]) => ({ value, label, enabled: true, hidden: false, default: false }))
})

const resilientFields = [
  { name: "name", input_type: "text", read_only: false, required: "always", text: "Name", prefix: null, values: [] },
  {
    name: "description",
    input_type: "textarea",
    read_only: false,
    required: null,
    text: "Description",
    prefix: null,
    values: []
  },
  {
    name: "severity_code",
    input_type: "select",
    read_only: false,
    required: null,
    text: "Severity",
    prefix: null,
    values: resilientValues([[4, "Low"], [5, "Medium"], [6, "High"]]).values
  },
  {
    name: "custom_text",
    input_type: "text",
    read_only: false,
    required: null,
    text: "Custom text",
    prefix: "properties",
    values: []
  }
]

const orgPath = String.raw`^\/rest\/orgs\/[^/]+`

const resilient: Vendor = {
  handle: routed([
    ["POST", new RegExp(`${orgPath}/incidents$`), (request) => ({
      status: 200,
      body: resilientIncident(1000 + resilientIncidents(), field(request.body, "name"))
    })],
    ["GET", new RegExp(`${orgPath}/incidents/(\\d+)$`), (_, match) => ({
      status: 200,
      body: resilientIncident(Number(match[1]), "simulated incident")
    })],
    ["PATCH", new RegExp(`${orgPath}/incidents/(\\d+)$`), () => ({
      status: 200,
      body: { success: true, title: null, message: null, hints: [] }
    })],
    ["POST", new RegExp(`${orgPath}/incidents/(\\d+)/comments$`), (request, match) => ({
      status: 200,
      body: {
        id: resilientIncidents(),
        inc_id: Number(match[1]),
        text: field(request.body, "text"),
        create_date: Date.now()
      }
    })],
    ["GET", new RegExp(`${orgPath}/types/incident/fields$`), () => ({ status: 200, body: resilientFields })],
    ["GET", new RegExp(`${orgPath}/types/incident/fields/incident_type_ids$`), () => ({
      status: 200,
      body: resilientValues([[17, "Malware"], [21, "Denial of Service"]])
    })],
    ["GET", new RegExp(`${orgPath}/types/incident/fields/severity_code$`), () => ({
      status: 200,
      body: resilientValues([[4, "Low"], [5, "Medium"], [6, "High"]])
    })]
  ]),
  errorBody: (status) => ({ success: false, title: null, message: `simulated ${status}`, hints: [] })
}

const swimlaneRecords = numbered()

const swimlane: Vendor = {
  handle: routed([
    ["POST", /^\/api\/app\/([^/]+)\/record$/, () => {
      const n = swimlaneRecords()
      return {
        status: 200,
        body: { id: `a${String(n).padStart(16, "0")}`, name: `SIM-${n}`, createdDate: new Date().toISOString() }
      }
    }],
    ["PATCH", /^\/api\/app\/([^/]+)\/record\/([^/]+)$/, (_, match) => ({
      status: 200,
      body: { id: match[2], name: "SIM-1", modifiedDate: new Date().toISOString() }
    })],
    // Swimlane answers a comment without data
    ["POST", /^\/api\/app\/([^/]+)\/record\/([^/]+)\/([^/]+)\/comment$/, () => ({ status: 200, body: {} })]
  ]),
  errorBody: (status) => ({ ErrorCode: status === 401 ? 1004 : 1000, Argument: `simulated ${status}` })
}

const webhookCases = numbered()

// a Jira-like case API, for the JSON templates a `.cases-webhook` connector is configured with
const casesWebhook: Vendor = {
  handle: routed([
    ["POST", /^\/issue$/, () => {
      const id = String(10000 + webhookCases())
      return { status: 201, body: { id, key: `CASE-${id}`, self: `/issue/${id}` } }
    }],
    ["GET", /^\/issue\/([^/]+)$/, (_, match) => ({
      status: 200,
      body: { id: match[1], key: `CASE-${match[1]}`, fields: { summary: "simulated case" } }
    })],
    ["PUT", /^\/issue\/([^/]+)$/, () => ({ status: 204, body: "" })],
    ["POST", /^\/issue\/([^/]+)\/comment$/, () => ({ status: 201, body: { id: randomUUID() } })]
  ]),
  errorBody: (status) => ({ errorMessages: [`simulated ${status}`], errors: {} })
}

/**
 * The incident-management vendors, keyed by the path segment they answer under.
 *
 * @since 0.1.0
 * @category vendors
 * @internal
 */
export const caseVendors = {
  thehive: theHive,
  resilient,
  swimlane,
  "cases-webhook": casesWebhook
} satisfies Readonly<Record<string, Vendor>>
