/**
 * Contract test: the emulator's answers for connectors, spaces and status, over real HTTP, checked
 * against Kibana's 8.18 OpenAPI document (`test/fixtures/kibana-openapi/`, see its README).
 *
 * What the 8.18 document describes, and so what can be checked:
 * - JSON schemas: the connector object (create/get/update 200) and the status body (200);
 * - examples only: connector list, connector types, space list, space (checked as example shapes);
 * - statuses without a body description: connector delete 204, space create/update 200, space delete
 *   204/404. No other error answer is documented: those are checked against Kibana's error envelope.
 *
 * Left out:
 * - `POST /api/actions/connector/{id}/_execute`: its 200 schema is the connector object, not the
 *   execution result Kibana sends (README caveat; the document's own examples fail it, see below).
 * - the legacy `/api/actions/action*`, `/api/actions`, `/api/actions/list_action_types` routes
 *   (removed in 9.0, the emulator serves 9.x) and the spaces saved-object endpoints (`_copy_saved_objects`...,
 *   not emulated).
 * - `GET /api/status` 503: the emulator cannot make core services unavailable (its injected 503 is
 *   Kibana's not-ready plain text, a different answer), and `?v7format=true`: the document lists the
 *   parameter but its 200 schema only covers the v8 shape.
 *
 * The emulator runs under each profile (8.18, 9.0-9.3, 9.4). 8.18 against 9.x: the 8.18 document is stricter where connector
 * objects are `additionalProperties: false` without 9.x's `is_connector_type_deprecated` (or recent
 * `auth_mode`), and where `webhook_config.method` is `post|put` only (9.x adds patch, get, delete). It is
 * looser where the connector `config` is any record, connector lists/types and spaces have no schema,
 * `feature_id` has no length limit (9.x: 100) and no error body is described.
 *
 * Where the document differs from what Kibana (and the emulator) send, the difference is named in a
 * `Deviation` and taken out of the body before validation, so the rest is still checked.
 */
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as OpenApi from "../support/openapi.js"
import { call } from "./helpers.js"

const oas = OpenApi.load()

/**
 * A known difference between an answer and the 8.18 document. `omit` removes a property the schema
 * forbids, `fill` adds a required record (`{}`) the answer lacks. A deviation that no longer occurs
 * fails the test, so the list cannot go stale.
 */
interface Deviation {
  readonly at: string
  readonly fix: "omit" | "fill"
  readonly why: string
}

// 9.x adds `is_connector_type_deprecated` to every connector (kibana-http-api.md §2.1); the 8.18
// connector schema has `additionalProperties: false` and does not list it (README caveat).
const connectorTypeDeprecated: Deviation = {
  at: "/is_connector_type_deprecated",
  fix: "omit",
  why: "9.x field absent from the 8.18 connector schema"
}

const statusDeviations: ReadonlyArray<Deviation> = [
  // The document lists only 3 metrics "for brevity" (elastic/kibana:src/core/packages/status/
  // server-internal/src/routes/status_response_schemas.ts) with additionalProperties: false; Kibana
  // also sends os, process, processes, response_times, concurrent_connections and requests (status.ts).
  ...["os", "process", "processes", "response_times", "concurrent_connections", "requests"].map((group): Deviation => ({
    at: `/metrics/${group}`,
    fix: "omit",
    why: "OAS stricter than Kibana: metrics beyond the documented subset"
  })),
  // The document requires `meta` on every service status; Kibana sends none on `overall` (its own
  // status.examples.yaml and captured 8.x bodies have none), and neither does the emulator.
  { at: "/status/overall/meta", fix: "fill", why: "OAS stricter than Kibana: overall status has no meta" },
  // Same for plugin statuses derived from core and dependencies: getSummaryStatus returns only level and
  // summary when everything is available (get_summary_status.ts).
  ...["features", "licensing", "spaces", "actions", "stackConnectors"].map((plugin): Deviation => ({
    at: `/status/plugins/${plugin}/meta`,
    fix: "fill",
    why: "OAS stricter than Kibana: a derived plugin status has no meta"
  }))
]

/** One request and what the document must say about its answer. */
interface Step {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  readonly path: string
  readonly body?: unknown
  /** Sent without credentials. */
  readonly anonymous?: true
  readonly status: number
  readonly documented: OpenApi.Contract["_tag"]
  /** The document's path template, when the concrete path cannot name it. */
  readonly template?: string
  /** A component schema the returned `config` must satisfy, e.g. `index_config`. */
  readonly config?: string
  readonly deviations?: ReadonlyArray<Deviation>
}

// Kibana's Boom-compatible error body (kibana-http-api.md §1.1; elastic/kibana:src/core/packages/http/
// router-server-internal/src/response_adapter.ts). Not from the 8.18 document, which has no error schemas.
const errorEnvelope = OpenApi.validator({
  type: "object",
  additionalProperties: false,
  required: ["statusCode", "error", "message"],
  properties: {
    statusCode: { type: "integer" },
    error: { type: "string" },
    message: { type: "string" },
    attributes: {}
  }
})

const applyDeviation = (body: any, deviation: Deviation): boolean => {
  const segments = deviation.at.split("/").slice(1)
  const name = segments.pop()!
  const parent = segments.reduce((node, segment) => node?.[segment], body)
  if (parent === undefined || parent === null) return false
  if (deviation.fix === "omit") {
    if (!(name in parent)) return false
    delete parent[name]
    return true
  }
  if (name in parent) return false
  parent[name] = {}
  return true
}

const assertConforms = (what: string, problems: OpenApi.Problems, body: unknown) =>
  assert.deepStrictEqual(problems, [], `${what} violates the document:\n${JSON.stringify(body, null, 2)}`)

const check = (base: string, step: Step) =>
  Effect.gen(function*() {
    const title = `${step.method} ${step.path}`
    const answer = yield* call(base, step.method, step.path, {
      ...(step.body === undefined ? {} : { body: step.body }),
      ...(step.anonymous ? { authorization: null } : {})
    })
    assert.strictEqual(answer.status, step.status, `${title}: ${answer.text}`)
    const contract = oas.contract(step.method, step.path, step.status, step.template)
    assert.strictEqual(contract._tag, step.documented, `${title} ${step.status}: what the document says`)
    switch (contract._tag) {
      case "Schema": {
        const body = structuredClone(answer.json)
        for (const deviation of step.deviations ?? []) {
          assert.isTrue(
            applyDeviation(body, deviation),
            `${title}: deviation "${deviation.why}" (${deviation.at}) no longer occurs; remove it`
          )
        }
        assertConforms(`${title} (${contract.pointer})`, contract.validate(body), answer.json)
        break
      }
      case "Examples": {
        assertConforms(`${title} (shapes of ${contract.names.join(", ")})`, contract.validate(answer.json), answer.json)
        break
      }
      case "Undescribed":
      case "Undocumented": {
        if (step.status >= 400) {
          assertConforms(`${title} error envelope`, errorEnvelope(answer.json), answer.json)
          assert.strictEqual(answer.json.statusCode, step.status)
        }
        if (step.status === 204) assert.strictEqual(answer.text, "", `${title}: 204 has no body`)
      }
    }
    if (step.config !== undefined) {
      const pointer = `/components/schemas/${step.config}`
      assertConforms(`${title} config (${pointer})`, oas.validateAt(pointer, answer.json.config), answer.json.config)
    }
  })

/** A profile played by the emulator under test, and what its connector answers add to the document. */
interface Profile {
  readonly version: string
  readonly connectorDeviations: ReadonlyArray<Deviation>
}

// 8.18 answers as its own document says (no 9.x field); 9.x profiles add `is_connector_type_deprecated`.
const profiles: ReadonlyArray<Profile> = [
  { version: "8.18.1", connectorDeviations: [] },
  { version: "9.2.3", connectorDeviations: [connectorTypeDeprecated] },
  { version: "9.4.3", connectorDeviations: [connectorTypeDeprecated] }
]

const connectorSteps = (prefix: string, tag: string, profile: Profile = profiles[2]!): ReadonlyArray<Step> => {
  const connector = `${prefix}/api/actions/connector`
  const webhook = { url: "http://127.0.0.1:1/hook", headers: { "x-contract": "1" } }
  const credentials = { user: "contract", password: "contract-secret" }
  const created = { status: 200, documented: "Schema", deviations: profile.connectorDeviations } as const
  return [
    {
      method: "POST",
      path: `${connector}/${tag}-index`,
      body: { name: "Index", connector_type_id: ".index", config: { index: "contract-index", refresh: true } },
      config: "index_config",
      ...created
    },
    {
      method: "POST",
      path: `${connector}/${tag}-log`,
      body: { name: "Server log", connector_type_id: ".server-log" },
      ...created
    },
    // Kibana's route is `/connector/{id?}`; the 8.18 document only has the `{id}` form.
    {
      method: "POST",
      path: connector,
      body: { name: "Generated id", connector_type_id: ".server-log" },
      template: "/api/actions/connector/{id}",
      ...created
    },
    // The 8.18 `webhook_config` allows only `post|put` methods (9.x adds patch, get, delete).
    {
      method: "POST",
      path: `${connector}/${tag}-webhook`,
      body: {
        name: "Webhook",
        connector_type_id: ".webhook",
        config: { ...webhook, method: "put" },
        secrets: credentials
      },
      config: "webhook_config",
      ...created
    },
    { method: "GET", path: `${connector}/${tag}-index`, config: "index_config", ...created },
    // Preconfigured: no `config`, no `is_missing_secrets`.
    { method: "GET", path: `${connector}/contract-preconfigured`, ...created },
    {
      method: "PUT",
      path: `${connector}/${tag}-webhook`,
      body: { name: "Webhook renamed", config: { ...webhook, method: "post" }, secrets: credentials },
      config: "webhook_config",
      ...created
    },
    { method: "GET", path: `${prefix}/api/actions/connectors`, status: 200, documented: "Examples" },
    { method: "GET", path: `${prefix}/api/actions/connector_types`, status: 200, documented: "Examples" },
    {
      method: "GET",
      path: `${prefix}/api/actions/connector_types?feature_id=alerting`,
      status: 200,
      documented: "Examples"
    },
    { method: "DELETE", path: `${connector}/${tag}-log`, status: 204, documented: "Undescribed" },
    // Error answers: the 8.18 document lists none for connector operations.
    { method: "GET", path: `${connector}/${tag}-log`, status: 404, documented: "Undocumented" },
    {
      method: "PUT",
      path: `${connector}/${tag}-log`,
      body: { name: "Gone" },
      status: 404,
      documented: "Undocumented"
    },
    { method: "DELETE", path: `${connector}/${tag}-log`, status: 404, documented: "Undocumented" },
    {
      method: "POST",
      path: `${connector}/${tag}-index`,
      body: { name: "Again", connector_type_id: ".index", config: { index: "contract-index" } },
      status: 409,
      documented: "Undocumented"
    },
    {
      method: "POST",
      path: connector,
      body: {},
      template: "/api/actions/connector/{id}",
      status: 400,
      documented: "Undocumented"
    },
    {
      method: "PUT",
      path: `${connector}/${tag}-index`,
      body: { name: " " },
      status: 400,
      documented: "Undocumented"
    },
    {
      method: "POST",
      path: `${connector}/${tag}-anonymous`,
      body: { name: "Anonymous", connector_type_id: ".server-log" },
      anonymous: true,
      status: 401,
      documented: "Undocumented"
    },
    {
      method: "GET",
      path: `${prefix}/api/actions/connectors`,
      anonymous: true,
      status: 401,
      documented: "Undocumented"
    }
  ]
}

const spaceSteps = (prefix: string, tag: string): ReadonlyArray<Step> => {
  const spaces = `${prefix}/api/spaces/space`
  const id = `${tag}-space`
  // Every field set: the document's only space example (`get_space_response`) has them all.
  const space = {
    id,
    name: "Contract",
    description: "Space of the contract test",
    color: "#aabbcc",
    initials: "CT",
    disabledFeatures: [],
    imageUrl: "data:image/png;base64,iVBORw0KGgo=",
    solution: "es"
  }
  const listed = { status: 200, documented: "Examples" } as const
  return [
    { method: "GET", path: spaces, ...listed },
    { method: "GET", path: `${spaces}?purpose=shareSavedObjectsIntoSpace`, ...listed },
    { method: "GET", path: `${spaces}?purpose=copySavedObjectsIntoSpace&include_authorized_purposes=false`, ...listed },
    { method: "GET", path: `${spaces}?include_authorized_purposes=true`, ...listed },
    // Create and update answer the space, but the document describes neither body.
    { method: "POST", path: spaces, body: space, status: 200, documented: "Undescribed" },
    { method: "GET", path: `${spaces}/${id}`, status: 200, documented: "Examples" },
    {
      method: "PUT",
      path: `${spaces}/${id}`,
      body: { ...space, name: "Contract renamed", disabledFeatures: ["discover"] },
      status: 200,
      documented: "Undescribed"
    },
    { method: "GET", path: `${spaces}/${id}`, status: 200, documented: "Examples" },
    { method: "DELETE", path: `${spaces}/${id}`, status: 204, documented: "Undescribed" },
    // The only error the document lists for spaces: delete 404, without a body description.
    { method: "DELETE", path: `${spaces}/${id}`, status: 404, documented: "Undescribed" },
    { method: "GET", path: `${spaces}/${id}`, status: 404, documented: "Undocumented" },
    { method: "PUT", path: `${spaces}/${id}`, body: space, status: 404, documented: "Undocumented" },
    { method: "POST", path: spaces, body: { id: "marketing", name: "Again" }, status: 409, documented: "Undocumented" },
    { method: "POST", path: spaces, body: { id: "Not Valid", name: "x" }, status: 400, documented: "Undocumented" },
    {
      method: "GET",
      path: `${spaces}?purpose=any&include_authorized_purposes=true`,
      status: 400,
      documented: "Undocumented"
    },
    { method: "DELETE", path: `${spaces}/default`, status: 400, documented: "Undocumented" },
    { method: "GET", path: spaces, anonymous: true, status: 401, documented: "Undocumented" },
    // The document has the operation with `responses: {}`.
    {
      method: "POST",
      path: `${prefix}/api/spaces/_disable_legacy_url_aliases`,
      body: { aliases: [{ targetSpace: "marketing", targetType: "dashboard", sourceId: "legacy-id" }] },
      status: 204,
      documented: "Undocumented"
    },
    // `responses: {}` again
    {
      method: "POST",
      path: `${prefix}/api/spaces/_get_shareable_references`,
      body: { objects: [{ type: "action", id: "contract-preconfigured" }] },
      status: 200,
      documented: "Undocumented"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_update_objects_spaces`,
      body: {
        objects: [{ type: "action", id: "contract-preconfigured" }],
        spacesToAdd: ["marketing"],
        spacesToRemove: []
      },
      status: 200,
      documented: "Examples"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_update_objects_spaces`,
      body: { objects: [], spacesToAdd: [], spacesToRemove: [] },
      status: 400,
      documented: "Undocumented"
    },
    // Copying exports with a client that does not see hidden types: a connector is not found (404), and
    // an empty copy imports nothing into each space.
    {
      method: "POST",
      path: `${prefix}/api/spaces/_copy_saved_objects`,
      body: { spaces: ["marketing", "default"], objects: [] },
      status: 200,
      documented: "Examples"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_copy_saved_objects`,
      body: { spaces: ["marketing"], objects: [{ type: "action", id: "contract-preconfigured" }] },
      status: 404,
      documented: "Undocumented"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_copy_saved_objects`,
      body: { spaces: ["marketing"], objects: [], overwrite: true },
      status: 400,
      documented: "Undocumented"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_resolve_copy_saved_objects_errors`,
      body: { retries: { marketing: [] }, objects: [] },
      status: 200,
      documented: "Examples"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_resolve_copy_saved_objects_errors`,
      body: {
        retries: { marketing: [{ type: "action", id: "contract-preconfigured", overwrite: true }] },
        objects: [{ type: "action", id: "contract-preconfigured" }],
        createNewCopies: false
      },
      status: 500,
      documented: "Undocumented"
    },
    {
      method: "POST",
      path: `${prefix}/api/spaces/_resolve_copy_saved_objects_errors`,
      body: { retries: { Marketing: [] }, objects: [] },
      status: 400,
      documented: "Undocumented"
    }
  ]
}

const statusSteps = (prefix: string): ReadonlyArray<Step> => [
  { method: "GET", path: `${prefix}/api/status`, status: 200, documented: "Schema", deviations: statusDeviations },
  {
    method: "GET",
    path: `${prefix}/api/status?v8format=true`,
    status: 200,
    documented: "Schema",
    deviations: statusDeviations
  },
  // Anonymous callers get the redacted body, the second branch of the schema's `anyOf`.
  { method: "GET", path: `${prefix}/api/status`, anonymous: true, status: 200, documented: "Schema" },
  { method: "GET", path: `${prefix}/api/status?v7format=true&v8format=true`, status: 400, documented: "Undocumented" }
]

const serverFor = (profile: Profile) =>
  EmulatorServer.layerServer({
    version: profile.version,
    preconfiguredConnectors: [{
      id: "contract-preconfigured",
      name: "Preconfigured log",
      connectorTypeId: ".server-log"
    }],
    spaces: [{ id: "marketing", name: "Marketing" }]
  })

const url = Effect.map(EmulatorServer.EmulatorServer, (server) => server.url)

const run = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function*() {
    const base = yield* url
    for (const step of steps) yield* check(base, step)
  })

for (const profile of profiles) {
  describe(`emulator playing ${profile.version} against Kibana's 8.18 OpenAPI document`, () => {
    layer(serverFor(profile), { excludeTestServices: true })((it) => {
      for (const [prefix, tag] of [["", "default"], ["/s/marketing", "marketing"]] as const) {
        const where = prefix === "" ? "without a space prefix" : `under ${prefix}`
        it.effect(`connectors ${where}`, () => run(connectorSteps(prefix, tag, profile)))
        it.effect(`spaces ${where}`, () => run(spaceSteps(prefix, tag)))
        it.effect(`status ${where}`, () => run(statusSteps(prefix)))
      }
    })
  })
}

const operationOf = (step: Step) => `${step.method} ${step.template ?? oas.templateOf(step.path)}`

const allSteps = [...connectorSteps("", "x"), ...spaceSteps("", "x"), ...statusSteps("")]

// Operations of the document no scenario calls, and why.
const leftOut: Readonly<Record<string, string>> = {
  "POST /api/actions/connector/{id}/_execute": "its 200 schema is the connector object (README caveat)",
  "GET /api/actions": "legacy, removed in 9.0",
  "POST /api/actions/action": "legacy, removed in 9.0",
  "GET /api/actions/action/{id}": "legacy, removed in 9.0",
  "PUT /api/actions/action/{id}": "legacy, removed in 9.0",
  "DELETE /api/actions/action/{id}": "legacy, removed in 9.0",
  "POST /api/actions/action/{id}/_execute": "legacy, removed in 9.0",
  "GET /api/actions/list_action_types": "legacy, removed in 9.0"
}

describe("contract coverage", () => {
  // Each step asserts what the document says about its answer, so these lists are what runs.
  it("every answer the document describes by schema or example is validated", () => {
    const described = allSteps
      .filter((step) => step.documented === "Schema" || step.documented === "Examples")
      .map((step) => `${operationOf(step)} ${step.status}`)
    assert.deepStrictEqual([...new Set(described)].sort(), [
      "GET /api/actions/connector/{id} 200",
      "GET /api/actions/connector_types 200",
      "GET /api/actions/connectors 200",
      "GET /api/spaces/space 200",
      "GET /api/spaces/space/{id} 200",
      "GET /api/status 200",
      "POST /api/actions/connector/{id} 200",
      "POST /api/spaces/_copy_saved_objects 200",
      "POST /api/spaces/_resolve_copy_saved_objects_errors 200",
      "POST /api/spaces/_update_objects_spaces 200",
      "PUT /api/actions/connector/{id} 200"
    ])
  })

  it("every operation of the document is called or left out with a reason", () => {
    const operations = Object.entries<Record<string, unknown>>(oas.document.paths).flatMap(([template, item]) =>
      Object.keys(item)
        .filter((method) => ["get", "put", "post", "delete", "patch", "head", "options"].includes(method))
        .map((method) => `${method.toUpperCase()} ${template}`)
    )
    const called = new Set(allSteps.map(operationOf))
    assert.deepStrictEqual(operations.filter((operation) => !called.has(operation) && !(operation in leftOut)), [])
    assert.deepStrictEqual(
      Object.keys(leftOut).filter((operation) => called.has(operation) || !operations.includes(operation)),
      []
    )
  })
})

describe("the contract validator", () => {
  const connector = {
    id: "c1",
    name: "Connector",
    config: {},
    connector_type_id: ".server-log",
    is_preconfigured: false,
    is_deprecated: false,
    is_missing_secrets: false,
    is_system_action: false
  }
  const getConnector = oas.contract("GET", "/s/marketing/api/actions/connector/c1", 200)

  it("maps concrete paths and space prefixes back to the document's templates", () => {
    assert.strictEqual(oas.templateOf("/api/actions/connector/abc"), "/api/actions/connector/{id}")
    assert.strictEqual(
      oas.templateOf("/s/a-b_1/api/actions/connector/abc/_execute"),
      "/api/actions/connector/{id}/_execute"
    )
    assert.strictEqual(oas.templateOf("/api/actions/connector_types?feature_id=cases"), "/api/actions/connector_types")
    assert.strictEqual(oas.templateOf("/s/marketing/api/spaces/space"), "/api/spaces/space")
    assert.isUndefined(oas.templateOf("/api/actions/connector"))
  })

  it("fails loudly for an operation the document lacks, and reports unlisted statuses", () => {
    assert.throws(() => oas.contract("POST", "/api/actions/connector", 200), /no operation POST/)
    assert.throws(() => oas.contract("PATCH", "/api/spaces/space/x", 200), /no operation PATCH/)
    assert.deepStrictEqual(oas.contract("GET", "/api/actions/connector/c1", 404), {
      _tag: "Undocumented",
      documented: ["200"]
    })
  })

  it("accepts a valid connector and rejects one missing connector_type_id", () => {
    assert.strictEqual(getConnector._tag, "Schema")
    if (getConnector._tag !== "Schema") return
    assert.deepStrictEqual(getConnector.validate(connector), [])
    const { connector_type_id: _, ...missing } = connector
    const problems = getConnector.validate(missing)
    assert.lengthOf(problems, 1)
    assert.include(problems[0], "connector_type_id")
  })

  it("the 8.18 connector schema rejects 9.x's is_connector_type_deprecated (additionalProperties: false)", () => {
    if (getConnector._tag !== "Schema") return assert.fail("connector get has a schema")
    const problems = getConnector.validate({ ...connector, is_connector_type_deprecated: false })
    assert.deepStrictEqual(problems, [
      "(body) must NOT have additional properties {\"additionalProperty\":\"is_connector_type_deprecated\"}"
    ])
  })

  it("status: anyOf of the full and the redacted body, levels checked", () => {
    const status = oas.contract("GET", "/api/status", 200)
    if (status._tag !== "Schema") return assert.fail("status has a schema")
    assert.deepStrictEqual(status.validate({ status: { overall: { level: "available" } } }), [])
    assert.isNotEmpty(status.validate({ status: { overall: { level: "green" } } }))
    assert.isNotEmpty(status.validate({ status: {} }))
  })

  it("example shapes: every field all examples share, with its type", () => {
    const types = oas.contract("GET", "/api/actions/connector_types", 200)
    if (types._tag !== "Examples") return assert.fail("connector types are described by example")
    const connectorType = {
      id: ".index",
      name: "Index",
      enabled: true,
      enabled_in_config: true,
      enabled_in_license: true,
      minimum_license_required: "basic",
      supported_feature_ids: ["alerting"],
      is_system_action_type: false
    }
    assert.deepStrictEqual(types.validate([connectorType, { ...connectorType, is_deprecated: false }]), [])
    const { enabled_in_license: _, ...missing } = connectorType
    assert.include(types.validate([missing])[0], "enabled_in_license")
    assert.include(
      types.validate([{ ...connectorType, supported_feature_ids: "alerting" }])[0],
      "supported_feature_ids"
    )
    assert.isNotEmpty(types.validate({ ...connectorType }))
  })

  it("component schemas keep OpenAPI 3.0 nullable and the 8.18 webhook method enum", () => {
    const index = { index: "i", refresh: false, executionTimeField: null }
    assert.deepStrictEqual(oas.validateAt("/components/schemas/index_config", index), [])
    assert.isNotEmpty(oas.validateAt("/components/schemas/index_config", { ...index, refresh: "no" }))
    const webhook = { url: "http://example.com", method: "post", headers: null, hasAuth: true }
    assert.deepStrictEqual(oas.validateAt("/components/schemas/webhook_config", webhook), [])
    // 9.x accepts patch, get and delete too.
    assert.include(
      oas.validateAt("/components/schemas/webhook_config", { ...webhook, method: "patch" })[0],
      "allowed values"
    )
  })

  it("the document's own response examples fit their schemas, except _execute's (README caveat)", () => {
    const execute = "/api/actions/connector/{id}/_execute"
    // Counted, so an empty document or a changed example layout cannot pass by checking nothing.
    const checked = { execute: 0, other: 0 }
    for (const [template, item] of Object.entries<any>(oas.document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
          const contract = oas.contract(method, template, Number(status), template)
          const examples = response.content?.["application/json"]?.examples ?? {}
          if (contract._tag !== "Schema") continue
          for (const [name, example] of Object.entries<any>(examples)) {
            const value = example.$ref === undefined
              ? example.value
              : oas.document.components.examples[example.$ref.split("/").pop()].value
            const problems = contract.validate(value)
            if (template === execute) assert.isNotEmpty(problems, `${name} is an execution result, not a connector`)
            else assert.deepStrictEqual(problems, [], `${method} ${template} ${status} ${name}`)
            checked[template === execute ? "execute" : "other"]++
          }
        }
      }
    }
    assert.isAbove(checked.execute, 0)
    assert.isAbove(checked.other, 0)
  })
})
