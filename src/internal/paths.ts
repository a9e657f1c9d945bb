/**
 * Paths of Kibana objects, built from caller-supplied ids.
 */
import * as Effect from "effect/Effect"
import { KibanaInputError } from "../errors/KibanaError.js"

/**
 * The path of one connector. URLs resolve `.` and `..` segments (percent-encoded too) before sending, so
 * those ids would reach another route: `create(input, { id: "." })` would post to
 * `/api/actions/connector/` and silently get a generated id, `execute(".")` would create `_execute`.
 */
export const connectorPath = (
  operation: string,
  id: string
): Effect.Effect<`/api/actions/connector/${string}`, KibanaInputError> =>
  id === "." || id === ".."
    ? Effect.fail(
      new KibanaInputError({ operation, field: "id", reason: `${JSON.stringify(id)} cannot be sent in a URL path` })
    )
    : Effect.succeed(`/api/actions/connector/${encodeURIComponent(id)}` as const)
