/**
 * Paths of Kibana objects, built from caller-supplied ids.
 */
import type * as Effect from "effect/Effect"
import type { KibanaInputError } from "../errors/KibanaError.js"
import { mapNow } from "./now.js"
import { pathSegment } from "./requestInput.js"

/** The path of one connector; an id that cannot be put in a URL path is a `KibanaInputError`. */
export const connectorPath = (
  operation: string,
  id: string
): Effect.Effect<`/api/actions/connector/${string}`, KibanaInputError> =>
  mapNow(pathSegment(operation, "id", id), (segment) => `/api/actions/connector/${segment}` as const)
