/**
 * Authentication of emulator requests against the configured users, API keys and tokens, with
 * Kibana's 401 bodies.
 *
 * @since 0.1.0
 * @internal
 */
import * as Redacted from "effect/Redacted"
import * as EmulatorHttp from "./EmulatorHttp.js"
import type { EmulatorOptions, EmulatorPrivileges } from "./EmulatorOptions.js"

/**
 * Who made a request; `privileges` decide the 403s.
 *
 * @since 0.1.0
 * @internal
 */
export interface Principal {
  readonly privileges: EmulatorPrivileges
}

/**
 * The outcome: a principal, no credentials at all, or credentials that were rejected.
 *
 * @since 0.1.0
 * @internal
 */
export type Authentication =
  | { readonly _tag: "Authenticated"; readonly principal: Principal }
  | { readonly _tag: "Anonymous" }
  | { readonly _tag: "Rejected"; readonly response: EmulatorHttp.EmulatorResponse }

const superuser: Principal = { privileges: {} }

// No (usable) credentials: core's `response.unauthorized()`; body asserted in
// elastic/kibana:x-pack/test/security_api_integration/tests/saml/saml_login.ts.
const unauthorized = EmulatorHttp.kibanaError(401, "Unauthorized")

// Rejected credentials: Kibana proxies Elasticsearch's `security_exception` through
// `response.customError` (authentication_service.ts), formatted by response_adapter.ts as
// `[<ES client error message>]: <reason>`.
const securityException = (reason: string) =>
  EmulatorHttp.kibanaError(
    401,
    `[security_exception: [security_exception] Reason: ${reason}]: ${reason}`
  )

const basicReason = (username: string) =>
  `unable to authenticate user [${username}] for REST request [/_security/_authenticate]`

const credentialsReason =
  "unable to authenticate with provided credentials and anonymous access is not allowed for this request"

const decodeBase64Pair = (encoded: string): readonly [string, string] | undefined => {
  if (!/^[A-Za-z0-9+/=_-]*$/.test(encoded)) return undefined
  const decoded = Buffer.from(encoded, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)]
}

const matches = (secret: Redacted.Redacted<string>, candidate: string) => Redacted.value(secret) === candidate

/**
 * Reads the `Authorization` header (schemes `Basic`, `ApiKey`, `Bearer`, case-insensitive).
 *
 * @since 0.1.0
 * @internal
 */
export const authenticate = (
  options: EmulatorOptions,
  headers: Readonly<Record<string, string>>
): Authentication => {
  if (options.security === false) return { _tag: "Authenticated", principal: superuser }
  const header = headers["authorization"]
  if (header === undefined || header.trim() === "") return { _tag: "Anonymous" }
  const space = header.indexOf(" ")
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase()
  const credentials = space < 0 ? "" : header.slice(space + 1).trim()
  switch (scheme) {
    case "basic": {
      const pair = decodeBase64Pair(credentials)
      if (pair === undefined) return { _tag: "Rejected", response: unauthorized }
      const user = options.users?.find((u) => u.username === pair[0] && matches(u.password, pair[1]))
      return user === undefined
        ? { _tag: "Rejected", response: securityException(basicReason(pair[0])) }
        : { _tag: "Authenticated", principal: { privileges: user } }
    }
    case "apikey": {
      const pair = decodeBase64Pair(credentials)
      const apiKey = pair && options.apiKeys?.find((k) => k.id === pair[0] && matches(k.key, pair[1]))
      return apiKey
        ? { _tag: "Authenticated", principal: { privileges: apiKey } }
        : { _tag: "Rejected", response: securityException(credentialsReason) }
    }
    case "bearer": {
      const token = options.tokens?.find((t) => matches(t.token, credentials))
      return token === undefined
        ? { _tag: "Rejected", response: securityException(credentialsReason) }
        : { _tag: "Authenticated", principal: { privileges: token } }
    }
    default:
      return { _tag: "Rejected", response: unauthorized }
  }
}

/**
 * Whether the principal may use connectors in a space (`write` for create/update/delete/execute).
 *
 * @since 0.1.0
 * @internal
 */
export const canUseSpace = (principal: Principal, spaceId: string, write: boolean): boolean => {
  const { readOnly, spaces } = principal.privileges
  if (write && readOnly === true) return false
  return spaces === undefined || spaces.includes(spaceId)
}

/**
 * Whether the principal may create, update or delete spaces (a global privilege).
 *
 * @since 0.1.0
 * @internal
 */
export const canManageSpaces = (principal: Principal): boolean =>
  principal.privileges.spaces === undefined && principal.privileges.readOnly !== true
