/**
 * The `.index` connector: writes documents into the emulator's document store, answering with an
 * Elasticsearch bulk response.
 *
 * Schemas: `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/es_index/schemas/v1.ts`;
 * executor: `elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/es_index/index.ts`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { type ConnectorTypeSpec, define, type ExecutorInput, type ExecutorResult } from "../ConnectorTypeSpec.js"
import * as V from "./validation.js"

/**
 * The only prefix `params.indexOverride` may use (`ALERT_HISTORY_PREFIX`,
 * `elastic/kibana:src/platform/packages/shared/kbn-connector-schemas/es_index/constants.ts`).
 *
 * @since 0.1.0
 * @category constants
 */
export const alertHistoryPrefix = "kibana-alert-history-"

const config = V.strictObject({
  index: V.string(),
  refresh: V.withDefault(V.boolean, false),
  executionTimeField: V.withDefault(V.nullable(V.string()), null)
})

const secrets = V.withDefault(V.strictObject({}), {})

const params = V.strictObject({
  documents: V.array(V.record(V.unknown)),
  indexOverride: V.refine(
    V.withDefault(V.nullable(V.string()), null),
    (pattern) =>
      pattern === null || (pattern !== "" && pattern.startsWith(alertHistoryPrefix))
        ? []
        : [`index must start with "${alertHistoryPrefix}"`]
  )
})

type Config = V.TypeOf<typeof config>
type Secrets = V.TypeOf<typeof secrets>
type Params = V.TypeOf<typeof params>

const invalidFileNameCharacters = ["\\", "/", "*", "?", "\"", "<", ">", "|", " ", ","]

// Elasticsearch's `MetadataCreateIndexService.validateIndexOrAliasName`, for the names a user can get wrong
const indexNameProblem = (index: string): string | undefined => {
  if (invalidFileNameCharacters.some((character) => index.includes(character))) {
    return `must not contain the following characters [${invalidFileNameCharacters.join(", ")}]`
  }
  if (index === "") return "must not be empty"
  if (index.includes("#")) return "must not contain '#'"
  if (index.includes(":")) return "must not contain ':'"
  if (["_", "-", "+"].includes(index.charAt(0))) return "must not start with '_', '-', or '+'"
  if (index !== index.toLowerCase()) return "must be lowercase"
  if (index === "." || index === "..") return "must not be '.' or '..'"
  return undefined
}

const indexingError = (serviceMessage: string): ExecutorResult => ({
  status: "error",
  message: "error indexing documents",
  serviceMessage
})

const execute = (
  { config, params, services }: ExecutorInput<Config, Secrets, Params>
): Effect.Effect<ExecutorResult> =>
  Effect.gen(function*() {
    const index = params.indexOverride || config.index
    const documents = params.documents
    // An empty bulk request is rejected by Elasticsearch before any index is touched; the client's
    // ResponseError message is what Kibana reports.
    if (documents.length === 0) {
      return indexingError(
        "action_request_validation_exception\n\tRoot causes:\n\t\t" +
          "action_request_validation_exception: Validation Failed: 1: no requests added;"
      )
    }
    // With an invalid index every bulk item fails with the same reason; Kibana joins them with ";".
    const problem = indexNameProblem(index)
    if (problem !== undefined) {
      return indexingError(documents.map(() => `Invalid index name [${index}], ${problem}`).join(";"))
    }
    const startedAt = yield* Clock.currentTimeMillis
    const timeField = config.executionTimeField?.trim() ?? ""
    const executionTime = new Date(startedAt).toISOString()
    const stamped = documents.map((document) =>
      timeField === "" ? document : { ...document, [timeField]: executionTime }
    )
    const stored = yield* services.documents.bulkCreate(index, stamped)
    const took = (yield* Clock.currentTimeMillis) - startedAt
    return {
      status: "ok",
      data: {
        errors: false,
        took,
        items: stored.map((document) => ({
          create: {
            _index: document.index,
            _id: document.id,
            _version: 1,
            result: "created",
            _shards: { total: 2, successful: 1, failed: 0 },
            _seq_no: document.seqNo,
            _primary_term: 1,
            status: 201
          }
        }))
      }
    }
  })

/**
 * @since 0.1.0
 * @category connector types
 */
export const esIndexConnectorType: ConnectorTypeSpec = define({
  id: ".index",
  name: "Index",
  minimumLicenseRequired: "basic",
  supportedFeatureIds: ["alerting", "uptime", "siem"],
  isSystemActionType: false,
  isDeprecated: false,
  config: V.validate(config),
  secrets: V.validate(secrets),
  params: V.validate(params),
  execute
})
