/**
 * `.jira`: issues in Jira
 * (`src/platform/packages/shared/kbn-connector-schemas/jira/schemas/v1.ts`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  type ConnectorTypeDefinition,
  inputsWithSecrets,
  JsonObject,
  noDefaults,
  PushComment,
  PushResult,
  RawResult,
  Secret,
  subAction
} from "./common.js"

/**
 * `.jira` config.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraConfig = Schema.Struct({ apiUrl: Schema.String, projectKey: Schema.String })

/**
 * `.jira` secrets: the account's email and an API token.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraSecrets = Schema.Struct({ email: Schema.String, apiToken: Secret })

/**
 * A Jira issue to create or update with `pushToService`.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraIncident = Schema.Struct({
  summary: Schema.String,
  description: Schema.optional(Schema.NullOr(Schema.String)),
  /** The issue to update (Kibana's default: none, create one). */
  externalId: Schema.optional(Schema.NullOr(Schema.String)),
  issueType: Schema.optional(Schema.NullOr(Schema.String)),
  priority: Schema.optional(Schema.NullOr(Schema.String)),
  /** Without spaces. */
  labels: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  parent: Schema.optional(Schema.NullOr(Schema.String)),
  otherFields: Schema.optional(Schema.NullOr(JsonObject))
})

/**
 * `.jira` params, by `subAction`.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraParams = Schema.Union(
  subAction(
    "pushToService",
    Schema.Struct({ incident: JiraIncident, comments: Schema.optional(Schema.NullOr(Schema.Array(PushComment))) })
  ),
  subAction("getIncident", Schema.Struct({ externalId: Schema.String })),
  subAction("getFields", Schema.Struct({})),
  subAction("issueTypes", Schema.Struct({})),
  subAction("fieldsByIssueType", Schema.Struct({ id: Schema.String })),
  subAction("issues", Schema.Struct({ title: Schema.String })),
  subAction("issue", Schema.Struct({ id: Schema.String })),
  subAction("handshake", Schema.Struct({}))
)

/**
 * A Jira issue, as `issues` and `issue` return it.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraIssue = Schema.Struct({ id: Schema.String, key: Schema.String, title: Schema.String })

/**
 * The `.jira` connector type.
 *
 * @since 0.1.0
 * @category types
 */
export const JiraType = {
  id: ".jira",
  source: "src/platform/packages/shared/kbn-connector-schemas/jira/schemas/v1.ts",
  ...inputsWithSecrets(".jira", { config: JiraConfig }, JiraSecrets),
  params: JiraParams,
  results: {
    pushToService: PushResult,
    getIncident: JsonObject,
    getFields: JsonObject,
    issueTypes: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String })),
    fieldsByIssueType: JsonObject,
    issues: Schema.Array(JiraIssue),
    issue: JiraIssue,
    handshake: RawResult
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
