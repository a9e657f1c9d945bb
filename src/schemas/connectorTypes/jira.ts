/**
 * `.jira`: issues in Jira
 * (`src/platform/packages/shared/kbn-connector-schemas/jira/schemas/v1.ts`; executor and results in
 * `x-pack/platform/plugins/shared/stack_connectors/server/connector_types/jira/index.ts` and `.../jira/types.ts`).
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
  /** Without whitespace (`The label <l> cannot contain spaces`). */
  labels: Schema.optional(
    Schema.NullOr(
      Schema.Array(
        Schema.String.pipe(
          Schema.filter((label) => /\s/.test(label) ? `The label ${label} cannot contain spaces` : true)
        )
      )
    )
  ),
  parent: Schema.optional(Schema.NullOr(Schema.String)),
  /** Any other Jira fields, by Jira id (not one of the keys above). */
  otherFields: Schema.optional(Schema.NullOr(JsonObject))
})

/**
 * `.jira` params, by `subAction`. Kibana's schema also lists `handshake`, but its executor refuses it
 * (`subAction handshake not implemented`), so it is left out.
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
  subAction("issue", Schema.Struct({ id: Schema.String }))
)

/**
 * A Jira issue, as `issues` and `issue` return it.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraIssue = Schema.Struct({ id: Schema.String, key: Schema.String, title: Schema.String })

/**
 * A Jira field, as `getFields` and `fieldsByIssueType` describe it (`GetFieldsByIssueTypeResponse`).
 *
 * @since 0.1.0
 * @category models
 */
export const JiraField = Schema.Struct({
  name: Schema.String,
  required: Schema.Boolean,
  allowedValues: Schema.Array(Schema.Unknown),
  defaultValue: Schema.Unknown,
  schema: Schema.Struct({ type: Schema.String, items: Schema.optional(Schema.String) })
})

/**
 * Jira fields by field id.
 *
 * @since 0.1.0
 * @category models
 */
export const JiraFields = Schema.Record({ key: Schema.String, value: JiraField })

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
    /** The issue's fields as Jira returns them (`{}` when Kibana found none). */
    getIncident: JsonObject,
    getFields: JiraFields,
    issueTypes: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String })),
    fieldsByIssueType: JiraFields,
    issues: Schema.Array(JiraIssue),
    issue: JiraIssue
  },
  defaults: noDefaults
} as const satisfies ConnectorTypeDefinition
