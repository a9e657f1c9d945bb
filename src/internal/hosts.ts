/**
 * Several Kibana hosts behind one client: which host an attempt goes to, which failures set a host
 * aside, and which let an attempt move on to the next host at once.
 *
 * Attempts take live hosts in turn (round robin, as Elastic's own clients do). A host that refuses a
 * connection, resets it, or whose name does not resolve is set aside for 1 s, doubled on each failure
 * in a row up to 1 min, and is live again once an answer comes from it. With every host set aside,
 * the one due back first is tried rather than failing without a try.
 */
import * as Duration from "effect/Duration"
import type { KibanaRequestError } from "../errors/KibanaError.js"
import type { ServerAttributes } from "./telemetry.js"
import { serverAttributes } from "./telemetry.js"

/** One Kibana host: its base URL (with any base path) and when it may be tried again. */
export interface Host {
  /** Base URL without trailing slash, e.g. `https://kibana-1:5601/kibana`. */
  readonly url: string
  readonly origin: string
  /** `/` when Kibana runs at the root. */
  readonly basePath: string
  readonly attributes: ServerAttributes
  /** Epoch millis before which the host is set aside (0: live). */
  downUntil: number
  /** Set-asides in a row, for the backoff. */
  failures: number
}

const firstSetAside = Duration.toMillis(Duration.seconds(1))
const longestSetAside = Duration.toMillis(Duration.minutes(1))

/** The hosts of one client, in the order given. */
export interface HostPool {
  readonly hosts: ReadonlyArray<Host>
  /**
   * The host for the next try: the next live one in turn that this attempt has not `tried`. On an
   * attempt's first try with no host live, the one due back first; `undefined` when the attempt has
   * tried every live host.
   */
  readonly pick: (tried: ReadonlySet<Host>, now: number) => Host | undefined
  /** Sets a host aside after a connection failure, for longer on each failure in a row. */
  readonly setAside: (host: Host, now: number) => void
  /** Marks a host live again: it answered. */
  readonly restore: (host: Host) => void
}

/** A pool of validated base URLs (at least one). */
export const makeHostPool = (urls: ReadonlyArray<string>): HostPool => {
  const hosts: ReadonlyArray<Host> = urls.map((url) => {
    const { origin, pathname } = new URL(url)
    return { url, origin, basePath: pathname, attributes: serverAttributes(url), downUntil: 0, failures: 0 }
  })
  let next = 0
  return {
    hosts,
    pick: (tried, now) => {
      for (let offset = 0; offset < hosts.length; offset++) {
        const index = (next + offset) % hosts.length
        const host = hosts[index]!
        if (!tried.has(host) && host.downUntil <= now) {
          next = (index + 1) % hosts.length
          return host
        }
      }
      if (tried.size > 0) return undefined
      return hosts.reduce((soonest, host) => host.downUntil < soonest.downUntil ? host : soonest)
    },
    setAside: (host, now) => {
      host.downUntil = now + Math.min(firstSetAside * 2 ** host.failures, longestSetAside)
      host.failures = Math.min(host.failures + 1, 16)
    },
    restore: (host) => {
      host.downUntil = 0
      host.failures = 0
    }
  }
}

/** Whether a failure says the host itself is unreachable, so others should be preferred for a while. */
export const setsHostAside = (error: KibanaRequestError): boolean =>
  error._tag === "KibanaTransportError" &&
  (error.reason === "ConnectionRefused" || error.reason === "ConnectionReset" || error.reason === "DnsLookup")

/**
 * Whether the same attempt may go on to another host at once: always when the request provably never
 * reached a Kibana (refused, unresolvable name); after a reset or a timeout only when it is safe to
 * repeat. Kibana's own answers (429, 5xx) are left to the retry loop and its waits.
 */
export const movesToNextHost = (error: KibanaRequestError, idempotent: boolean): boolean => {
  switch (error._tag) {
    case "KibanaTransportError":
      return error.reason === "ConnectionRefused" || error.reason === "DnsLookup" ||
        (idempotent && (error.reason === "ConnectionReset" || error.reason === "Other"))
    case "KibanaTimeout":
      return idempotent
    default:
      return false
  }
}
