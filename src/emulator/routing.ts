/**
 * Route table model: Kibana's `/s/<space>` prefix, path templates and per-route lifecycle options.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import type { Principal } from "./authentication.js"
import type { Wording } from "./connectorTypes/wording.js"
import type { ConnectorTypeInfo, ConnectorTypeSpec, DocumentStore, ExecutorServices } from "./ConnectorTypeSpec.js"
import { type EmulatorRequest, type EmulatorResponse, kibanaError } from "./EmulatorHttp.js"
import type { LicenseType, PreconfiguredConnector } from "./EmulatorOptions.js"
import type { KibanaProfile } from "./KibanaProfile.js"
import type { OpsMetrics } from "./opsMetrics.js"
import type { SavedObjects } from "./state.js"

/**
 * What route handlers share: the stores, the connector types and the configuration.
 *
 * @since 0.1.0
 * @internal
 */
export interface EmulatorEnv {
  readonly version: string
  /** The behaviour of the Kibana version played. */
  readonly profile: KibanaProfile
  readonly savedObjects: SavedObjects
  readonly connectorTypes: ReadonlyMap<string, ConnectorTypeSpec>
  /** System action types (`.cases`, ...): known, but refused on the connector API. */
  readonly systemActionTypes: ReadonlyMap<string, ConnectorTypeInfo>
  /** The license level of the emulated cluster. */
  readonly license: LicenseType
  /** How rejected config, secrets and params are worded by the emulated Kibana version. */
  readonly wording: Wording
  /** Preconfigured connectors with normalised config. */
  readonly preconfigured: ReadonlyMap<string, Required<PreconfiguredConnector>>
  readonly documents: DocumentStore
  readonly executorServices: ExecutorServices
  readonly uuid: string
  readonly startedAt: Date
  /** Request counts and process metrics for `/api/status`. */
  readonly ops: OpsMetrics
}

/**
 * One request as a handler sees it, after authentication and body parsing.
 *
 * @since 0.1.0
 * @internal
 */
export interface RouteContext {
  readonly request: EmulatorRequest
  readonly spaceId: string
  readonly params: Readonly<Record<string, string>>
  /** `undefined` only on routes with optional authentication (`/api/status`). */
  readonly principal: Principal | undefined
  /** The payload as hapi parses it by content type (`./payload.ts`); `null` for an empty JSON body. */
  readonly body: unknown
}

/**
 * A request on a route with required authentication: the principal is known.
 *
 * @since 0.1.0
 * @internal
 */
export interface AuthenticatedContext extends RouteContext {
  readonly principal: Principal
}

/**
 * A handler of a route with required authentication. The request lifecycle already answered 401 to an
 * anonymous request; the check here only narrows the type.
 *
 * @since 0.1.0
 * @internal
 */
export const authenticated = (
  handler: (context: AuthenticatedContext) => Effect.Effect<EmulatorResponse>
) =>
(context: RouteContext): Effect.Effect<EmulatorResponse> => {
  const principal = context.principal
  return principal === undefined
    ? Effect.succeed(kibanaError(401, "Unauthorized"))
    : handler({ ...context, principal })
}

/**
 * A Kibana route.
 *
 * @since 0.1.0
 * @internal
 */
export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** Kibana's path template, e.g. `/api/actions/connector/{id}` (`{id?}` for an optional last segment). */
  readonly path: string
  readonly auth: "required" | "optional"
  /** Whether the route reads a JSON body (payload parsing, 413, invalid JSON). */
  readonly body: boolean
  /** Versioned routes (spaces) check `elastic-api-version` and echo it. */
  readonly versioned: boolean
  /** The handler may wait on a service outside the emulator (a connector's): see `KibanaEmulator.answersAtOnce`. */
  readonly waits?: boolean
  readonly handler: (context: RouteContext) => Effect.Effect<EmulatorResponse>
}

/**
 * Kibana's space URL regex (elastic/kibana:src/platform/packages/shared/kbn-spaces-utils/src/common/spaces_url_parser.ts).
 *
 * @since 0.1.0
 * @internal
 */
const spaceContextRegex = /^\/s\/([a-z0-9_-]+)/

/**
 * Splits `/s/<space>/rest` into the space id and the rest (`default` without prefix).
 *
 * @since 0.1.0
 * @internal
 */
export const splitSpace = (path: string): { readonly spaceId: string; readonly path: string } => {
  const match = spaceContextRegex.exec(path)
  if (match === null) return { spaceId: "default", path }
  const rest = path.slice(match[0].length)
  return { spaceId: match[1]!, path: rest === "" ? "/" : rest }
}

/**
 * A route template compiled to a matcher that returns the decoded path parameters.
 *
 * @since 0.1.0
 * @internal
 */
export const compileTemplate = (template: string) => {
  const names: Array<string> = []
  const source = template.replace(/\/\{(\w+)(\?)?\}/g, (_, name: string, optional: string | undefined) => {
    names.push(name)
    return optional === undefined ? "/([^/]+)" : "(?:/([^/]*))?"
  })
  const regex = new RegExp(`^${source}/?$`)
  return (path: string): Record<string, string> | undefined => {
    const match = regex.exec(path)
    if (match === null) return undefined
    const params: Record<string, string> = {}
    for (let i = 0; i < names.length; i++) {
      const raw = match[i + 1]
      if (raw === undefined || raw === "") continue
      try {
        params[names[i]!] = decodeURIComponent(raw)
      } catch {
        return undefined
      }
    }
    return params
  }
}
