/**
 * Helpers the domain services (Connectors, Spaces, ...) build their operations from: decoding a body
 * with a schema, and narrowing the transport's error union to what one operation can fail with.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import { KibanaDecodeError, KibanaUnexpectedStatus } from "../errors/KibanaError.js"
import type { KibanaRequestError, KibanaStatusError, KibanaUnknownOutcome } from "../errors/KibanaError.js"

/** What decoding needs of an answer (a `KibanaResponse` is one), to name the request in a decode error. */
export interface DecodableAnswer {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly body: unknown
}

// Far deeper than any Kibana answer; deeper bodies would overflow the stack of a recursive schema.
const maxBodyDepth = 256

/**
 * Whether `value` nests `limit` levels or deeper. Recursion is bounded by `limit`, and nothing is
 * allocated: every answer is walked, and a bulk answer has thousands of nodes.
 */
const depthExceeds = (value: unknown, limit: number): boolean => {
  if (typeof value !== "object" || value === null) return false
  if (limit === 0) return true
  if (Array.isArray(value)) {
    for (const nested of value) if (depthExceeds(nested, limit - 1)) return true
    return false
  }
  for (const key in value) if (depthExceeds(Reflect.get(value, key), limit - 1)) return true
  return false
}

const describePath = (path: ReadonlyArray<PropertyKey>) =>
  path.length === 0 ? "body" : JSON.stringify(path.map((key) => typeof key === "symbol" ? String(key) : key))

/**
 * Which fields failed and what was expected, never the actual value: a wrong-shaped answer may echo
 * the request, secrets and credentials included. Effect's formatters quote the value (and recurse
 * through it, which overflows the stack on deep nesting), so the issue tree is walked here.
 */
export const describeIssue = (root: ParseResult.ParseIssue): string => {
  const lines: Array<string> = []
  const stack: Array<readonly [ParseResult.ParseIssue, ReadonlyArray<PropertyKey>]> = [[root, []]]
  while (stack.length > 0 && lines.length < 20) {
    const [issue, path] = stack.pop()!
    switch (issue._tag) {
      case "Type":
        lines.push(`${describePath(path)}: Expected ${String(issue.ast)}`)
        break
      case "Missing":
        lines.push(`${describePath(path)}: is missing`)
        break
      case "Unexpected":
        lines.push(`${describePath(path)}: is unexpected`)
        break
      case "Forbidden":
        lines.push(`${describePath(path)}: is forbidden`)
        break
      case "Pointer":
        stack.push([issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])]])
        break
      case "Composite": {
        const nested = Array.isArray(issue.issues) ? issue.issues : [issue.issues]
        // reversed onto the stack, so they come out in the schema's order
        for (let i = nested.length - 1; i >= 0; i--) stack.push([nested[i]!, path])
        break
      }
      case "Refinement":
      case "Transformation":
        stack.push([issue.issue, path])
        break
    }
  }
  return [...new Set(lines)].join("; ")
}

/**
 * Decodes a response body with `schema`; a mismatch says which field and why, never the value. The
 * response schemas are synchronous, so the decode runs as a plain call (an `Either`), not as an effect.
 * `fast`, when given, decodes the common shape without the schema (`undefined`: let the schema decide);
 * it must give what the schema gives, and read a fixed depth (the depth bound is checked only before the
 * schema runs).
 */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>, fast?: (body: unknown) => A | undefined) => {
  const decode = ParseResult.decodeUnknownEither(schema, { errors: "all" })
  return (response: DecodableAnswer): Effect.Effect<A, KibanaDecodeError> => {
    const fail = (issue: string) =>
      Effect.fail(
        new KibanaDecodeError({ method: response.method, path: response.path, status: response.status, issue })
      )
    // The fast readers walk a fixed depth; only the schema's recursion needs the depth bound, so a bulk
    // answer read fast is not walked a second time.
    const quick = fast?.(response.body)
    if (quick !== undefined) return Effect.succeed(quick)
    if (depthExceeds(response.body, maxBodyDepth)) return fail(`body: nested deeper than ${maxBodyDepth} levels`)
    const decoded = decode(response.body)
    return Either.isRight(decoded) ? Effect.succeed(decoded.right) : fail(describeIssue(decoded.left))
  }
}

/**
 * Succeeds only on 204 No Content, which is what Kibana answers to a delete. Any other 2xx (a proxy's
 * plain "OK", a 200 carrying an error envelope) is no proof anything happened.
 */
export const expectNoContent = (response: DecodableAnswer): Effect.Effect<void, KibanaUnexpectedStatus> =>
  response.status === 204 ? Effect.void : Effect.fail(
    new KibanaUnexpectedStatus({
      method: response.method,
      path: response.path,
      status: response.status,
      kibanaMessage: "expected 204 No Content, as Kibana answers this request"
    })
  )

/** Errors only some operations can meet; each operation names the ones it can. */
type OperationError = KibanaStatusError | KibanaUnknownOutcome
type OperationTag = OperationError["_tag"]

/**
 * Keeps the errors an operation expects (`tags`) and turns any other 400/404/409 into
 * `KibanaUnexpectedStatus`, so each operation's error type lists exactly what it can fail with.
 * `KibanaUnknownOutcome` belongs to non-idempotent requests; elsewhere its cause stands for it.
 */
export const expectErrors =
  <const Tags extends ReadonlyArray<OperationTag>>(...tags: Tags) =>
  <A, E extends KibanaRequestError, R>(
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<
    A,
    | Exclude<E, OperationError>
    | Extract<OperationError, { readonly _tag: Tags[number] }>
    | KibanaUnknownOutcome["cause"]
    | KibanaUnexpectedStatus,
    R
  > =>
    Effect.mapError(self, (error) => {
      const tag: string = error._tag
      if (tags.includes(tag as OperationTag)) return error as any
      if (error._tag === "KibanaUnknownOutcome") return error.cause
      const isStatusError = tag === "KibanaBadRequest" || tag === "KibanaNotFound" || tag === "KibanaConflict"
      if (!isStatusError) return error as any
      const { kibanaMessage, method, path, status } = error as unknown as KibanaStatusError
      return new KibanaUnexpectedStatus({ method, path, status, kibanaMessage })
    })
