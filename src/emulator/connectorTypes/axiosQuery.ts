/**
 * The query string axios builds from `params` (its default `buildURL` serializer), which Kibana's
 * sub-action connectors send: `null` and `undefined` values are left out, arrays repeat as `key[]=`, and
 * `encodeURIComponent` is undone for `:`, `$`, `,`, `[`, `]` and the space (`+`).
 *
 * @since 0.1.0
 * @internal
 */

const encode = (value: string) =>
  encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%20/g, "+")
    .replace(/%5B/gi, "[").replace(/%5D/gi, "]")

/**
 * `key=value&...` as axios serializes `params`.
 *
 * @since 0.1.0
 * @internal
 */
export const axiosQueryString = (params: Readonly<Record<string, unknown>>): string =>
  Object.entries(params).flatMap(([key, value]) =>
    value === null || value === undefined
      ? []
      : Array.isArray(value)
      ? value.map((item) => `${encode(key)}[]=${encode(String(item))}`)
      : [`${encode(key)}=${encode(String(value))}`]
  ).join("&")
