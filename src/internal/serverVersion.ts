/**
 * What the client knows about the server's version: learned once, lazily, from `GET /api/status`
 * (`version.number`, present in every status format), shared by all calls, and replaced when Kibana
 * reports a `kbn-version` mismatch. Gates use it to refuse, before sending, what that version cannot do.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { KibanaInputError, KibanaUnsupportedFeature } from "../errors/KibanaError.js"
import type { KibanaRequestError } from "../errors/KibanaError.js"
import { atLeast, formatVersion, parseVersion } from "./kibanaVersion.js"
import type { KibanaVersion, VersionedFeature } from "./kibanaVersion.js"

/**
 * The Kibana version the client talks to, as `/api/status` reported it.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaServerVersion extends KibanaVersion {
  /** The version as reported, e.g. `9.4.3` (Kibana strips `-SNAPSHOT`). */
  readonly number: string
  /** `traditional` or `serverless` (absent before 8.11). */
  readonly buildFlavor: string | undefined
}

/** Reads the version from a status body; `None` for the redacted (anonymous) answer. */
export const versionFromStatusBody = (body: unknown): Option.Option<KibanaServerVersion> => {
  const version = (body as { version?: { number?: unknown; build_flavor?: unknown } } | null)?.version
  if (typeof version?.number !== "string") return Option.none()
  const parsed = parseVersion(version.number)
  if (parsed === undefined) return Option.none()
  const buildFlavor = typeof version.build_flavor === "string" ? version.build_flavor : undefined
  return Option.some({ ...parsed, number: version.number, buildFlavor })
}

/** The version cache of one client. */
export interface ServerVersionCache {
  /** The version, looked up on first use; `None` when gates are off or Kibana would not tell. */
  readonly get: Effect.Effect<Option.Option<KibanaServerVersion>>
  /** Replaces the cached version (Kibana said which version it is, e.g. in a `kbn-version` mismatch). */
  readonly learn: (number: string) => Effect.Effect<void>
}

/**
 * The cache. A failed lookup is not cached (the next gated call asks again) and lets the call through:
 * Kibana stays the authority, a gate only saves a round trip and gives a clearer error.
 */
export const makeServerVersionCache = (options: {
  readonly enabled: boolean
  readonly pinned: KibanaServerVersion | undefined
  readonly lookup: Effect.Effect<unknown, KibanaRequestError>
}): Effect.Effect<ServerVersionCache> =>
  Effect.gen(function*() {
    const known = yield* Ref.make<Option.Option<Option.Option<KibanaServerVersion>>>(
      options.pinned === undefined ? Option.none() : Option.some(Option.some(options.pinned))
    )
    const lock = yield* Effect.makeSemaphore(1)
    const lookup = options.lookup.pipe(
      Effect.map(versionFromStatusBody),
      Effect.tap((version) => Ref.set(known, Option.some(version))),
      Effect.catchAll((error) =>
        Effect.logDebug("could not learn the Kibana version; version gates let the call through").pipe(
          Effect.annotateLogs({ error: error._tag }),
          Effect.as(Option.none<KibanaServerVersion>())
        )
      )
    )
    const get: Effect.Effect<Option.Option<KibanaServerVersion>> = options.enabled
      ? Effect.flatMap(
        Ref.get(known),
        Option.match({
          onSome: Effect.succeed,
          // one lookup at a time: concurrent first calls share its answer
          onNone: () =>
            lock.withPermits(1)(
              Effect.flatMap(Ref.get(known), Option.match({ onSome: Effect.succeed, onNone: () => lookup }))
            )
        })
      )
      : Effect.succeedNone
    const learn = (number: string) => {
      const parsed = parseVersion(number)
      return parsed === undefined
        ? Effect.void
        : Ref.set(known, Option.some(Option.some({ ...parsed, number, buildFlavor: undefined })))
    }
    return { get, learn }
  })

/** Parses the `serverVersion` client option. */
export const parsePinnedVersion = (number: string | undefined): KibanaServerVersion | undefined => {
  if (number === undefined) return undefined
  const parsed = parseVersion(number)
  return parsed === undefined ? undefined : { ...parsed, number, buildFlavor: undefined }
}

/** Refuses a feature the known server version lacks; an unknown version lets it through. */
export const requireFeature = (
  version: Option.Option<KibanaServerVersion>,
  operation: string,
  feature: VersionedFeature
): Effect.Effect<void, KibanaUnsupportedFeature> =>
  Option.isSome(version) && !atLeast(version.value, feature.minimumVersion)
    ? Effect.fail(
      new KibanaUnsupportedFeature({
        operation,
        feature: feature.feature,
        minimumVersion: formatVersion(feature.minimumVersion),
        serverVersion: version.value.number
      })
    )
    : Effect.void

/** Input the known server version rejects, with Kibana's own wording and the version it applies from. */
export const versionRuleViolation = (options: {
  readonly version: Option.Option<KibanaServerVersion>
  readonly since: KibanaVersion
  readonly operation: string
  readonly field: string
  readonly violation: string | undefined
}): Effect.Effect<void, KibanaInputError> =>
  Option.isSome(options.version) && atLeast(options.version.value, options.since) &&
    options.violation !== undefined
    ? Effect.fail(
      new KibanaInputError({
        operation: options.operation,
        field: options.field,
        reason: `${options.violation} (Kibana ${
          formatVersion(options.since)
        } and later; the server is ${options.version.value.number})`
      })
    )
    : Effect.void
