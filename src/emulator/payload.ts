/**
 * How Kibana's HTTP server (hapi) turns a request body into the payload a route validates, by content
 * type. Kibana's connector and spaces routes set no `body` options, so hapi's route defaults apply
 * (elastic/kibana:src/core/packages/http/server-internal/src/http_server.ts `configureRoute`: `payload`
 * stays `undefined`), with `@hapi/subtext` parsing (hapijs/subtext:lib/index.js):
 *
 * - no `content-type`: hapi's `defaultContentType`, `application/json`;
 * - a header `@hapi/content` cannot read: 400 `Invalid content-type header`;
 * - `application/json` and `application/*+json`: JSON (`@hapi/bourne`, `__proto__` refused); an empty
 *   body is `null`, invalid JSON a 400 `Invalid request payload JSON format`;
 * - `text/*`: the text itself; Kibana's `schema.object` then parses it as JSON (`configSchema.ts`);
 * - `application/x-www-form-urlencoded`: node's `querystring.parse` (`{}` when empty);
 * - `application/octet-stream`: the bytes (`null` when empty);
 * - `multipart/form-data`: hapi's route default is `multipart: false`, so 415, as is every other type.
 *
 * @since 0.1.0
 * @internal
 */
import * as Either from "effect/Either"
import * as Querystring from "node:querystring"
import * as EmulatorHttp from "./EmulatorHttp.js"

// hapijs/content lib/index.js: `type/subtype` then optional parameters
const contentTypePattern = /^([^/\s]+\/[^\s;]+)(.*)?$/

// hapijs/content: a multipart type needs a (non-empty) boundary parameter
const boundaryParameter = /;\s*boundary=(?:"([^"]+)"|([^;"\s]+))/i

const unsupported = EmulatorHttp.kibanaError(415, "Unsupported Media Type")

const parseJson = (body: string): Either.Either<unknown, EmulatorHttp.EmulatorResponse> => {
  if (body === "") return Either.right(null)
  try {
    return Either.right(JSON.parse(body, (key, value) => {
      if (key === "__proto__") throw new SyntaxError("forbidden prototype property")
      return value
    }))
  } catch {
    return Either.left(EmulatorHttp.kibanaError(400, "Invalid request payload JSON format"))
  }
}

/**
 * The payload of a request body, or hapi's error answer.
 *
 * @since 0.1.0
 * @internal
 */
export const parsePayload = (
  contentType: string | undefined,
  body: string
): Either.Either<unknown, EmulatorHttp.EmulatorResponse> => {
  const match = contentTypePattern.exec(contentType ?? "application/json")
  const mime = match?.[1]?.toLowerCase()
  if (match === null || mime === undefined) {
    return Either.left(EmulatorHttp.kibanaError(400, "Invalid content-type header"))
  }
  if (mime.startsWith("multipart/")) {
    return boundaryParameter.test(match[2] ?? "")
      ? Either.left(unsupported)
      : Either.left(EmulatorHttp.kibanaError(400, "Invalid content-type header: multipart missing boundary"))
  }
  if (mime === "application/octet-stream") return Either.right(body === "" ? null : Buffer.from(body, "utf8"))
  if (/^text\/.+$/.test(mime)) return Either.right(body)
  if (/^application\/(?:.+\+)?json$/.test(mime)) return parseJson(body)
  if (mime === "application/x-www-form-urlencoded") return Either.right(body === "" ? {} : Querystring.parse(body))
  return Either.left(unsupported)
}
