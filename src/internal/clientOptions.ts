/**
 * Checks the client's options before anything is built: every option that is not usable is a
 * `KibanaConfigError` naming it, never a defect later (a duration `"10s"` that `Duration.decode` throws
 * on, an infinite timeout, options that are not an object at all).
 */
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { KibanaConfigError } from "../errors/KibanaError.js"

const fail = (field: string, reason: string) => Either.left(new KibanaConfigError({ field, reason }))

/** Where a duration may lie: `positive` for timeouts, `nonNegative` for delays and lifetimes. */
type DurationRange = "positive" | "nonNegative"

/**
 * A finite duration, from anything a caller may have passed. Numbers are milliseconds, as for
 * `Duration.decode`; `NaN` and negative numbers, which `Duration.decodeUnknown` turns into zero, are refused.
 */
export const durationOption = (
  field: string,
  value: unknown,
  fallback: Duration.DurationInput,
  range: DurationRange
): Either.Either<Duration.Duration, KibanaConfigError> => {
  const expected = `must be a finite duration${range === "positive" ? " above zero" : ""}, such as "10 seconds"`
  if (value === undefined) return Either.right(Duration.decode(fallback))
  if (typeof value === "number" && !(Number.isFinite(value) && value >= 0)) return fail(field, expected)
  const decoded = Duration.decodeUnknown(value)
  if (Option.isNone(decoded) || !Duration.isFinite(decoded.value)) return fail(field, expected)
  if (range === "positive" && Duration.toMillis(decoded.value) <= 0) return fail(field, expected)
  return Either.right(decoded.value)
}

/** A whole number at least `min`, or the fallback when absent. */
export const countOption = (
  field: string,
  value: unknown,
  fallback: number,
  min: number
): Either.Either<number, KibanaConfigError> => {
  if (value === undefined) return Either.right(fallback)
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min
    ? Either.right(value)
    : fail(field, `must be a whole number, at least ${min}`)
}

/** A header value: a string without control characters (a line break would split the header). */
export const headerOption = (
  field: string,
  value: unknown,
  fallback: string
): Either.Either<string, KibanaConfigError> => {
  if (value === undefined) return Either.right(fallback)

  return typeof value === "string" && value !== "" && !/[\u0000-\u001f\u007f]/.test(value)
    ? Either.right(value)
    : fail(field, "must be a non-empty text without control characters")
}

/** An optional nested options object (`retry`, `spaceExistence`). */
export const objectOption = (
  field: string,
  value: unknown
): Either.Either<Record<string, unknown> | undefined, KibanaConfigError> => {
  if (value === undefined) return Either.right(undefined)
  return typeof value === "object" && value !== null
    ? Either.right(value as Record<string, unknown>)
    : fail(field, "must be an object")
}

/**
 * Reading options may run a caller's getter or proxy: whatever it throws is a `KibanaConfigError` on
 * `options` (its message is not repeated: it may quote a secret).
 */
export const readOptions = <A>(
  read: () => Either.Either<A, KibanaConfigError>
): Either.Either<A, KibanaConfigError> => {
  try {
    return read()
  } catch {
    return fail("options", "reading them threw an exception")
  }
}

const leaves = (error: ConfigError.ConfigError): ReadonlyArray<ConfigError.ConfigError> => {
  switch (error._op) {
    case "And":
    case "Or":
      return [...leaves(error.left), ...leaves(error.right)]
    default:
      return [error]
  }
}

/**
 * A `ConfigError` as a `KibanaConfigError` naming the variable (its path). The value is never quoted:
 * Effect's own message for invalid data repeats it, and it may be a secret put in the wrong variable.
 */
export const fromConfigError = (error: ConfigError.ConfigError): KibanaConfigError => {
  const all = leaves(error)
  // A variable that is present but invalid says more than one of the alternatives being absent.
  const leaf = all.find((candidate) => candidate._op === "InvalidData") ?? all[0] ?? error
  const field = "path" in leaf && leaf.path.length > 0 ? leaf.path.join(".") : "config"
  switch (leaf._op) {
    case "MissingData":
      return new KibanaConfigError({ field, reason: "is missing" })
    case "InvalidData":
      return new KibanaConfigError({ field, reason: leaf.message.replace(/,? but received[\s\S]*$/, "") })
    default:
      return new KibanaConfigError({ field, reason: "could not be read" })
  }
}
