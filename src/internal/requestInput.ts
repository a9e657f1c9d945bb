/**
 * Input checks every request needs before it leaves: a path that cannot change the host, an id that
 * can be put in a URL, a body JSON can carry, and input objects whose getters or proxies may throw.
 * Each failure is a `KibanaInputError` saying what and where; none repeats the offending value, which
 * may be a secret.
 */
import * as Effect from "effect/Effect"
import { KibanaInputError } from "../errors/KibanaError.js"

const describeThrown = (error: unknown) =>
  error instanceof RangeError
    ? "it refers to itself or is nested too deeply"
    : `reading it threw ${error instanceof Error ? error.name : "an exception"}`

/**
 * Runs `read` over caller input: an exception (a throwing getter or proxy, a stack overflow on a cycle)
 * becomes a `KibanaInputError` on `field`.
 */
export const readInput = <A>(operation: string, field: string, read: () => A): Effect.Effect<A, KibanaInputError> =>
  Effect.try({ try: read, catch: (error) => new KibanaInputError({ operation, field, reason: describeThrown(error) }) })

/**
 * Turns defects of an effect that only looks at caller input (a schema encode walking a proxy or a
 * cycle) into a `KibanaInputError` on `field`.
 */
export const inputDefectsAsErrors =
  (operation: string, field: string) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | KibanaInputError, R> =>
    Effect.catchAllDefect(
      self,
      (defect) => Effect.fail(new KibanaInputError({ operation, field, reason: describeThrown(defect) }))
    )

/**
 * One path segment, percent-encoded. A lone surrogate cannot be encoded (`URIError`), and `.` and `..`
 * would be resolved away by URL parsing, reaching another route: `create(input, { id: "." })` would post
 * to `/api/actions/connector/` and silently get a generated id.
 */
export const pathSegment = (
  operation: string,
  field: string,
  value: unknown
): Effect.Effect<string, KibanaInputError> => {
  const fail = (reason: string) => Effect.fail(new KibanaInputError({ operation, field, reason }))
  if (typeof value !== "string") return fail("must be a string")
  if (value === "." || value === "..") return fail(`${JSON.stringify(value)} cannot be sent in a URL path`)
  try {
    return Effect.succeed(encodeURIComponent(value))
  } catch {
    return fail("is not well-formed Unicode (it has a lone surrogate)")
  }
}

// A client's base URL is the same on every request: parsed once, not twice per request.
let lastBase: { readonly url: string; readonly origin: string } | undefined
const originOf = (baseUrl: string) => {
  if (lastBase?.url !== baseUrl) lastBase = { url: baseUrl, origin: new URL(baseUrl).origin }
  return lastBase.origin
}

const plainPath = /^(?:\/[A-Za-z0-9\-._~%]+)+\/?$/

/**
 * A request path relative to Kibana's root. It must start with one `/`: with `baseUrl` + path as plain
 * text, `@other-host/x` or `//other-host/x` would send the credentials to another host.
 */
export const checkPath = (
  operation: string,
  baseUrl: string,
  path: unknown
): Effect.Effect<string, KibanaInputError> => {
  // Segments of unreserved characters and percent escapes can neither change the host nor fail to parse:
  // such paths (every built-in operation's) skip parsing a URL per request.
  if (typeof path === "string" && plainPath.test(path)) return Effect.succeed(path)
  const fail = (reason: string) => Effect.fail(new KibanaInputError({ operation, field: "path", reason }))
  if (typeof path !== "string") return fail("must be a string starting with /")

  if (!/^\/(?![/\\])/.test(path) || path.includes("\\") || /[\u0000-\u001f\u007f]/.test(path)) {
    return fail("must start with a single / and contain no backslash or control character")
  }
  try {
    if (new URL(`${baseUrl}${path}`).origin !== originOf(baseUrl)) return fail("must not change the host")
  } catch {
    return fail("does not form a valid URL")
  }
  return Effect.succeed(path)
}

/** The JSON body text, once for all attempts; a value JSON cannot carry (a BigInt, a cycle) is bad input. */
export const serializeBody = (operation: string, body: unknown): Effect.Effect<string | undefined, KibanaInputError> =>
  body === undefined ? Effect.succeed(undefined) : Effect.try({
    try: () => JSON.stringify(body),
    catch: (error) =>
      new KibanaInputError({
        operation,
        field: "body",
        // JSON's own TypeError (a cycle, a BigInt) says what is wrong; anything else came from a caller's getter
        reason: `cannot be sent as JSON: ${error instanceof TypeError ? error.message : describeThrown(error)}`
      })
  })
