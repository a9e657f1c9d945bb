/**
 * `GET /api/status` (elastic/kibana:src/core/packages/status/server-internal/src/routes/status.ts):
 * full body for authenticated callers, redacted body otherwise, v7 legacy format on request.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "./configSchema.js"
import { queryObject } from "./connectorRoutes.js"
import * as EmulatorHttp from "./EmulatorHttp.js"
import { serverName } from "./responseHeaders.js"
import type { EmulatorEnv, Route, RouteContext } from "./routing.js"

const statusQuery = Schema.object({
  v7format: Schema.maybe(Schema.boolean),
  v8format: Schema.maybe(Schema.boolean)
}, {
  validate: ({ v7format, v8format }) =>
    typeof v7format === "boolean" && typeof v8format === "boolean"
      ? "provide only one format option: v7format or v8format"
      : undefined
})

const SNAPSHOT_POSTFIX = /-SNAPSHOT$/

// `meta` as Kibana reports it: elastic/kibana:src/core/packages/elasticsearch/server-internal/src/status.ts
// and the saved-objects status (migrated indices of a fresh Kibana).
const core = {
  elasticsearch: {
    level: "available",
    summary: "Elasticsearch is available",
    meta: { warningNodes: [], incompatibleNodes: [] }
  },
  savedObjects: {
    level: "available",
    summary: "SavedObjects service has completed migrations and is available",
    meta: { migratedIndices: { migrated: 0, skipped: 0, patched: 0 } }
  }
} as const

// The plugins behind the emulated APIs. None reports a status of its own, so each gets the status
// PluginsStatusService derives (elastic/kibana:src/core/packages/status/server-internal/src/plugins_status.ts):
// a plugin without dependencies takes core's summary, `getSummaryStatus({ serviceStatuses })` = "All
// services are available"; the others `getSummaryStatus({ serviceStatuses, pluginStatuses: deps })` =
// "All services and plugins are available" (get_summary_status.ts). Ordered dependencies first.
const pluginDependencies: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["features", []],
  ["licensing", []],
  ["spaces", ["features", "licensing"]],
  ["actions", ["features", "licensing", "spaces"]],
  ["stackConnectors", ["actions"]]
]

const plugins = Object.fromEntries(pluginDependencies.map(([name, dependencies]) => [name, {
  level: "available",
  summary: dependencies.length === 0 ? "All services are available" : "All services and plugins are available"
}]))

// calculateLegacyStatus (elastic/kibana:src/core/packages/status/server-internal/src/legacy_status.ts):
// core services, then plugins, each `<kind>:<name>@<version>` with summary and detail joined.
const legacyStatus = (version: string, since: string) => {
  const green = { state: "green", icon: "success", uiColor: "success" }
  const component = (id: string, status: { readonly summary: string }) => ({
    id,
    message: status.summary,
    since,
    ...green
  })
  return {
    overall: { since, ...green, title: "Green", nickname: "Looking good" },
    statuses: [
      ...Object.entries(core).map(([name, status]) => component(`core:${name}@${version}`, status)),
      ...Object.entries(plugins).map(([name, status]) => component(`plugin:${name}@${version}`, status))
    ]
  }
}

const handler = (env: EmulatorEnv) => (context: RouteContext) =>
  Effect.gen(function*() {
    const query = statusQuery(queryObject(context.request.query), "request query")
    if (Either.isLeft(query)) return EmulatorHttp.kibanaError(400, query.left)
    if (context.principal === undefined) {
      return EmulatorHttp.json(200, { status: { overall: { level: "available" } } })
    }
    const number = env.version.replace(SNAPSHOT_POSTFIX, "")
    const { v7format = false, v8format = true } = query.right
    const status = !v7format && v8format
      ? { overall: { level: "available", summary: "All services and plugins are available" }, core, plugins }
      : legacyStatus(number, env.startedAt.toISOString())
    return EmulatorHttp.json(200, {
      name: serverName,
      uuid: env.uuid,
      version: {
        number,
        // What a Kibana built from source (not a release build) reports.
        build_hash: "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        build_number: 9007199254740991,
        build_snapshot: SNAPSHOT_POSTFIX.test(env.version),
        build_flavor: "traditional",
        build_date: env.startedAt.toISOString()
      },
      status,
      metrics: yield* env.ops.collect(env.startedAt)
    })
  })

/**
 * The status route (optional authentication).
 *
 * @since 0.1.0
 * @internal
 */
export const statusRoute = (env: EmulatorEnv): Route => ({
  method: "GET",
  path: "/api/status",
  auth: "optional",
  body: false,
  versioned: false,
  handler: handler(env)
})
