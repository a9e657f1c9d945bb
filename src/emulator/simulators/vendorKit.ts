/**
 * The building blocks of the simulated vendors: the request a handler sees, its answer, and routing by
 * method and path.
 *
 * @since 0.1.0
 * @internal
 */
import { isJsonObject } from "../connectorTypes/validation.js"

/**
 * A request as a vendor handler sees it: the path under the vendor's base URL.
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export interface SimulatorRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

/**
 * An answer: a JSON value, or text.
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export interface SimulatorAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body: unknown
}

/**
 * A simulated vendor.
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export interface Vendor {
  readonly handle: (request: SimulatorRequest) => SimulatorAnswer
  /** The vendor's error body for a forced status. */
  readonly errorBody: (status: number) => unknown
}

/**
 * One route: method, path pattern, and the answer.
 *
 * @since 0.1.0
 * @category models
 * @internal
 */
export type Route = readonly [
  method: string,
  path: RegExp,
  answer: (request: SimulatorRequest, match: RegExpExecArray) => SimulatorAnswer
]

/**
 * A handler answering by the first route whose method and path match, else 404 with `notFoundBody`.
 *
 * @since 0.1.0
 * @category constructors
 * @internal
 */
export const routed =
  (routes: ReadonlyArray<Route>, notFoundBody: unknown = { message: "Not Found" }) =>
  (request: SimulatorRequest): SimulatorAnswer => {
    for (const [method, path, answer] of routes) {
      const match = path.exec(request.path)
      if (match !== null && method === request.method) return answer(request, match)
    }
    return { status: 404, body: notFoundBody }
  }

/**
 * A key of a JSON object, `undefined` for anything else.
 *
 * @since 0.1.0
 * @category utils
 * @internal
 */
export const field = (value: unknown, key: string): unknown => isJsonObject(value) ? value[key] : undefined

/**
 * A counter: 1, 2, 3, ... (record numbers, ids).
 *
 * @since 0.1.0
 * @category utils
 * @internal
 */
export const numbered = () => {
  let next = 0
  return () => ++next
}
