import { assert } from "@effect/vitest"
import type * as Simulators from "../../src/emulator/simulators/Simulators.js"
import { bodyObject } from "../../src/emulator/simulators/Simulators.js"

type Url = (vendor: Simulators.VendorName) => string

/** One execution of a type that reaches a simulator. */
export interface CatalogExecution {
  readonly name: string
  readonly vendor: Simulators.VendorName
  readonly params: unknown
  /** How many requests Kibana's executor sends for it. */
  readonly requests: number
  /** Checks the first request the vendor received (method, path, auth, body). */
  readonly expectRequest: (request: Simulators.ReceivedRequest) => void
  /** Checks `data` of the ok answer. */
  readonly expectData: (data: any) => void
  /** Checks an error answer (`status` is the vendor's status, undefined when it did not answer). */
  readonly expectError: (answer: any, context: { readonly status: number | undefined }) => void
}

/** What the catalog test checks for one connector type. */
export interface CatalogCase {
  readonly typeId: string
  readonly config: (url: Url) => Record<string, unknown>
  readonly secrets: (url: Url) => Record<string, unknown>
  /** The config Kibana stores and answers (defaults filled). */
  readonly storedConfig: (url: Url) => Record<string, unknown>
  readonly requiredConfig: ReadonlyArray<string>
  readonly requiredSecrets: ReadonlyArray<string>
  readonly executions: ReadonlyArray<CatalogExecution>
  readonly rejectedParams: ReadonlyArray<{
    readonly name: string
    readonly params: unknown
    readonly message: string
    /** `<id>` stands for the connector id. */
    readonly serviceMessage?: string
  }>
}

// The sub-action framework's errors (actions/server/sub_action_framework/executor.ts)
const subActionFailure = "an error occurred while running the action"

const unknownSubAction = (typeId: string, name: string) => ({
  name: "an unknown sub-action",
  params: { subAction: "nope", subActionParams: {} },
  message: subActionFailure,
  serviceMessage:
    `Sub action "nope" is not registered. Connector id: <id>. Connector name: ${name}. Connector type: ${typeId}`
})

const subActionHttpError = (answer: any, { status }: { readonly status: number | undefined }) => {
  assert.strictEqual(answer.message, subActionFailure)
  assert.match(answer.service_message, new RegExp(`^Status code: ${status ?? "undefined"}\\. Message: `))
  assert.isTrue(answer.retry)
}

const opsgenieLike = (
  typeId: string,
  name: string,
  vendor: "opsgenie" | "jira-service-management",
  path: string
): CatalogCase => ({
  typeId,
  config: (url) => ({ apiUrl: url(vendor) }),
  secrets: () => ({ apiKey: "genie-key-123" }),
  storedConfig: (url) => ({ apiUrl: url(vendor) }),
  requiredConfig: ["apiUrl"],
  requiredSecrets: ["apiKey"],
  executions: [{
    name: "createAlert",
    vendor,
    params: { subAction: "createAlert", subActionParams: { message: "x".repeat(140), alias: "a", priority: "P1" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, path)
      assert.strictEqual(request.headers.authorization, "GenieKey genie-key-123")
      // Kibana truncates the message to Opsgenie's 130 characters
      assert.deepStrictEqual(bodyObject(request), { message: "x".repeat(130), alias: "a", priority: "P1" })
    },
    expectData: (data) => {
      assert.strictEqual(data.result, "Request will be processed")
      assert.isString(data.requestId)
    },
    expectError: subActionHttpError
  }, {
    name: "closeAlert",
    vendor,
    params: { subAction: "closeAlert", subActionParams: { alias: "a b", note: "done" } },
    requests: 1,
    expectRequest: (request) => {
      assert.strictEqual(request.path, `${path}/a%20b/close`)
      assert.deepStrictEqual(request.query, { identifierType: "alias" })
      assert.deepStrictEqual(bodyObject(request), { note: "done" })
    },
    expectData: (data) => assert.strictEqual(data.result, "Request will be processed"),
    expectError: subActionHttpError
  }],
  rejectedParams: [
    unknownSubAction(typeId, name),
    {
      name: "a whitespace message",
      params: { subAction: "createAlert", subActionParams: { message: "  " } },
      message: subActionFailure
    },
    {
      name: "no subAction",
      params: {},
      message: "error validating action params: Field \"subAction\": Required"
    }
  ]
})

export const catalogCases: ReadonlyArray<CatalogCase> = [
  opsgenieLike(".opsgenie", "Opsgenie", "opsgenie", "/v2/alerts"),
  opsgenieLike(
    ".jira-service-management",
    "Jira Service Management",
    "jira-service-management",
    "/jsm/ops/integration/v2/alerts"
  )
]
