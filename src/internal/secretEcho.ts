/**
 * Keeps secrets that Kibana echoes back out of the client's errors.
 *
 * Kibana quotes some rejected values in its messages, secrets included: a Slack or Teams webhook URL
 * (a secret, its token is in the path) outside `xpack.actions.allowedHosts` comes back as
 * `error validating action type secrets: error configuring slack action: target url "<webhookUrl>" is
 * not added to the Kibana config xpack.actions.allowedHosts` (asserted by Kibana's slack API test).
 * Only the caller knows which values were secret, so the operation that sent them scrubs them.
 */
import * as Redacted from "effect/Redacted"

const placeholder = "<redacted>"

/** The plain text of every `Redacted` part of an input (strings nested in a redacted object included). */
export const secretValues = (input: unknown): ReadonlyArray<string> => {
  const found = new Set<string>()
  // Visited objects, so an input that refers to itself is walked once; an explicit stack, so deep
  // nesting cannot overflow the call stack.
  const seen = new Set<object>()
  const stack: Array<readonly [unknown, boolean]> = [[input, false]]
  while (stack.length > 0) {
    const [value, secret] = stack.pop()!
    if (Redacted.isRedacted(value)) {
      stack.push([Redacted.value(value), true])
    } else if (typeof value === "string") {
      if (secret && value !== "") found.add(value)
    } else if (typeof value === "object" && value !== null && !seen.has(value)) {
      seen.add(value)
      for (const nested of Object.values(value)) stack.push([nested, secret])
    }
  }
  return sortedSecrets(found)
}

/** Distinct non-empty secrets, longest first, so a secret containing another is replaced whole. */
export const sortedSecrets = (secrets: Iterable<string>): ReadonlyArray<string> =>
  [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length)

const replaceAll = (text: string, secrets: ReadonlyArray<string>) =>
  secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join(placeholder), text)

interface EchoingError {
  readonly kibanaMessage: string
  readonly attributes?: unknown
}

const scrubAttributes = (attributes: unknown, secrets: ReadonlyArray<string>): unknown => {
  const json = JSON.stringify(attributes)
  // Secrets as they appear inside JSON strings (quotes and backslashes escaped).
  const scrubbed = replaceAll(json, secrets.map((secret) => JSON.stringify(secret).slice(1, -1)))
  return scrubbed === json ? attributes : JSON.parse(scrubbed)
}

/**
 * Replaces `secrets` in the Kibana message (and `attributes`) of a status error, or of the status error
 * a `KibanaUnknownOutcome` wraps, with `<redacted>`; other errors, and errors without an echo, are
 * returned as they are.
 */
export const scrubSecretEcho = (secrets: ReadonlyArray<string>) => <E>(error: E): E => {
  if (secrets.length === 0 || typeof error !== "object" || error === null) return error
  if ("cause" in error && "_tag" in error && error._tag === "KibanaUnknownOutcome") {
    // a lost answer wraps the 5xx that may quote the request
    const cause = scrubSecretEcho(secrets)(error.cause)
    if (cause === error.cause) return error
    const ErrorClass = error.constructor as new(fields: object) => E
    return new ErrorClass({ ...error, cause })
  }
  if (!("kibanaMessage" in error)) return error
  const { attributes, kibanaMessage } = error as EchoingError
  const message = replaceAll(kibanaMessage, secrets)
  const scrubbedAttributes = attributes === undefined ? undefined : scrubAttributes(attributes, secrets)
  if (message === kibanaMessage && scrubbedAttributes === attributes) return error
  // The same error class, rebuilt with the scrubbed fields (tagged errors are immutable).
  const ErrorClass = error.constructor as new(fields: object) => E
  return new ErrorClass({
    ...error,
    kibanaMessage: message,
    ...(attributes === undefined ? {} : { attributes: scrubbedAttributes })
  })
}
