/**
 * AWS Signature Version 4, as the `aws4` package Kibana's `.bedrock` connector signs with
 * (elastic/kibana:x-pack/platform/plugins/shared/stack_connectors/server/connector_types/bedrock/bedrock.ts,
 * `signRequest`): `Host`, `Content-Length` and `X-Amz-Date` are added and signed with every other header.
 *
 * @since 0.1.0
 */
import { createHash, createHmac } from "node:crypto"

/**
 * A request to sign.
 *
 * @since 0.1.0
 * @category models
 */
export interface SigV4Request {
  readonly method: string
  /** `host[:port]`, as `new URL(url).host` gives it. */
  readonly host: string
  /** The path as sent (already URI-encoded). */
  readonly path: string
  /** The query string without `?`, or `""`. */
  readonly query: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly service: string
  readonly region: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly now: Date
}

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex")

const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest()

// RFC 3986 unreserved characters stay; `aws4` encodes each path segment again for every service but s3
const encodeRfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const canonicalPath = (path: string) => path.split("/").map(encodeRfc3986).join("/")

const canonicalQuery = (query: string) =>
  query === ""
    ? ""
    : query.split("&").map((pair) => {
      const [name = "", value = ""] = pair.split("=")
      return [encodeRfc3986(decodeURIComponent(name)), encodeRfc3986(decodeURIComponent(value))] as const
    }).sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)
      .map(([name, value]) => `${name}=${value}`).join("&")

// the headers `aws4` never signs
const unsigned = new Set([
  "authorization",
  "connection",
  "x-amzn-trace-id",
  "user-agent",
  "expect",
  "presigned-expires",
  "range"
])

/**
 * `YYYYMMDDTHHMMSSZ`.
 *
 * @since 0.1.0
 * @category utils
 */
export const amzDate = (now: Date): string => now.toISOString().replace(/[:-]|\.\d{3}/g, "")

/**
 * The region `aws4` reads from an `*.amazonaws.com` host (`bedrock-runtime.<region>.amazonaws.com`), else
 * its default `us-east-1`.
 *
 * @since 0.1.0
 * @category utils
 */
export const regionOfHost = (host: string): string =>
  /([^.]{1,63})\.(?:([^.]{0,63})\.)?amazonaws\.com(\.cn)?$/.exec(host.replace(/:\d+$/, ""))?.[2] || "us-east-1"

/**
 * The headers to send: the request's own plus `Host`, `Content-Length`, `X-Amz-Date` and `Authorization`.
 *
 * @since 0.1.0
 * @category signing
 */
export const signV4 = (request: SigV4Request): Record<string, string> => {
  const date = amzDate(request.now)
  const headers: Record<string, string> = {
    ...request.headers,
    ...(request.body === "" ? {} : { "Content-Length": String(Buffer.byteLength(request.body, "utf8")) }),
    "X-Amz-Date": date,
    Host: request.host
  }
  const signed = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, " ")] as const)
    .filter(([name]) => !unsigned.has(name))
    .sort(([a], [b]) => a < b ? -1 : 1)
  const signedHeaders = signed.map(([name]) => name).join(";")
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query),
    signed.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaders,
    sha256Hex(request.body)
  ].join("\n")
  const scope = `${date.slice(0, 8)}/${request.region}/${request.service}/aws4_request`
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256Hex(canonicalRequest)].join("\n")
  const key = [date.slice(0, 8), request.region, request.service, "aws4_request"]
    .reduce<string | Buffer>((secret, part) => hmac(secret, part), `AWS4${request.secretAccessKey}`)
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex")
  return {
    ...headers,
    Authorization: `AWS4-HMAC-SHA256 Credential=${request.accessKeyId}/${scope}, ` +
      `SignedHeaders=${signedHeaders}, Signature=${signature}`
  }
}
