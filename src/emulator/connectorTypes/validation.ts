/**
 * A small validator that reproduces the messages Kibana 9.x gives for connector config, secrets
 * and params.
 *
 * Kibana's connector schemas (`src/platform/packages/shared/kbn-connector-schemas/*`) are zod (v3)
 * objects; a failure is rendered by `x-pack/platform/plugins/shared/actions/server/lib/format_zod_error.ts`
 * (`Field "url": Required`, or `N errors:\n [1]: ...;\n [2]: ...`). The issue texts below are zod v3's
 * default error map. Hand-written rather than `effect/Schema` because the goal is zod's exact wording
 * and zod's order of checks (refinements only run when no field had the wrong type).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { JsonObject, Validation } from "../ConnectorTypeSpec.js"

/**
 * One validation problem at a path inside the validated value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Issue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/**
 * What a validator returns: the normalised value, the issues, and whether a type error made the value
 * unusable (zod's "aborted": later refinements are skipped).
 *
 * @since 0.1.0
 * @category models
 */
export interface Outcome<A> {
  readonly value: A
  readonly issues: ReadonlyArray<Issue>
  readonly aborted: boolean
}

/**
 * A validator for one value. `present` tells whether an object key existed, so optional fields that were
 * absent stay absent in the output (as zod does).
 *
 * @since 0.1.0
 * @category models
 */
export interface Validator<A> {
  readonly run: (input: unknown, path: ReadonlyArray<string | number>) => Outcome<A>
  /** Whether an absent key is accepted (optional or defaulted). */
  readonly optional: boolean
}

const ok = <A>(value: A): Outcome<A> => ({ value, issues: [], aborted: false })
const fail = <A>(path: ReadonlyArray<string | number>, message: string): Outcome<A> => ({
  value: undefined as A,
  issues: [{ path, message }],
  aborted: true
})

// zod v3 `getParsedType`
const parsedType = (input: unknown): string => {
  if (input === undefined) return "undefined"
  if (input === null) return "null"
  if (Array.isArray(input)) return "array"
  if (typeof input === "number") return Number.isNaN(input) ? "nan" : "number"
  return typeof input
}

// zod v3 `invalid_type`: "Required" when nothing was given
const invalidType = <A>(path: ReadonlyArray<string | number>, expected: string, input: unknown): Outcome<A> =>
  fail(path, input === undefined ? "Required" : `Expected ${expected}, received ${parsedType(input)}`)

const make = <A>(run: Validator<A>["run"]): Validator<A> => ({ run, optional: false })

const quoteAll = (values: ReadonlyArray<string>) => values.map((value) => `'${value}'`).join(" | ")

/**
 * @since 0.1.0
 * @category constructors
 */
export const string = (options: { readonly min?: number; readonly max?: number } = {}): Validator<string> =>
  make((input, path) => {
    if (typeof input !== "string") return invalidType(path, "string", input)
    if (options.min !== undefined && input.length < options.min) {
      return {
        value: input,
        issues: [{ path, message: `String must contain at least ${options.min} character(s)` }],
        aborted: false
      }
    }
    if (options.max !== undefined && input.length > options.max) {
      return {
        value: input,
        issues: [{ path, message: `String must contain at most ${options.max} character(s)` }],
        aborted: false
      }
    }
    return ok(input)
  })

/**
 * @since 0.1.0
 * @category constructors
 */
export const boolean: Validator<boolean> = make((input, path) =>
  typeof input === "boolean" ? ok(input) : invalidType(path, "boolean", input)
)

/**
 * `z.coerce.number()` with inclusive bounds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const coercedNumber = (options: { readonly min?: number; readonly max?: number } = {}): Validator<number> =>
  make((input, path) => {
    const value = Number(input)
    if (Number.isNaN(value)) return invalidType(path, "number", value)
    if (options.min !== undefined && value < options.min) {
      return {
        value,
        issues: [{ path, message: `Number must be greater than or equal to ${options.min}` }],
        aborted: false
      }
    }
    if (options.max !== undefined && value > options.max) {
      return {
        value,
        issues: [{ path, message: `Number must be less than or equal to ${options.max}` }],
        aborted: false
      }
    }
    return ok(value)
  })

/**
 * `z.any()`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unknown: Validator<unknown> = make((input) => ok(input))

/**
 * `z.enum([...])`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const literals = <const Values extends ReadonlyArray<string>>(values: Values): Validator<Values[number]> =>
  make((input, path) => {
    if (typeof input !== "string") return invalidType(path, quoteAll(values), input)
    return values.includes(input)
      ? ok(input)
      : fail(path, `Invalid enum value. Expected ${quoteAll(values)}, received '${input}'`)
  })

/**
 * `z.union([z.literal(a), z.literal(b), ...])`: zod reports every branch's failure at the same path.
 *
 * @since 0.1.0
 * @category constructors
 */
export const literalUnion = <const Values extends ReadonlyArray<string | null>>(
  values: Values
): Validator<Values[number]> =>
  make((input, path) =>
    values.includes(input as Values[number])
      ? ok(input as Values[number])
      : {
        value: undefined as unknown as Values[number],
        issues: values.map((value) => ({ path, message: `Invalid literal value, expected ${JSON.stringify(value)}` })),
        aborted: true
      }
  )

const isPlainObject = (input: unknown): input is JsonObject =>
  typeof input === "object" && input !== null && !Array.isArray(input)

/**
 * `z.array(item)`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const array = <A>(item: Validator<A>, options: { readonly max?: number } = {}): Validator<Array<A>> =>
  make((input, path) => {
    if (!Array.isArray(input)) return invalidType(path, "array", input)
    const outcomes = input.map((element, index) => item.run(element, [...path, index]))
    const issues = outcomes.flatMap((outcome) => outcome.issues)
    if (options.max !== undefined && input.length > options.max) {
      issues.push({ path, message: `Array must contain at most ${options.max} element(s)` })
    }
    return {
      value: outcomes.map((outcome) => outcome.value),
      issues,
      aborted: outcomes.some((outcome) => outcome.aborted)
    }
  })

/**
 * `z.record(z.string(), value)`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const record = <A>(value: Validator<A>): Validator<Record<string, A>> =>
  make((input, path) => {
    if (!isPlainObject(input)) return invalidType(path, "object", input)
    const entries = Object.entries(input).map(([key, element]) => [key, value.run(element, [...path, key])] as const)
    return {
      value: Object.fromEntries(entries.map(([key, outcome]) => [key, outcome.value])),
      issues: entries.flatMap(([, outcome]) => outcome.issues),
      aborted: entries.some(([, outcome]) => outcome.aborted)
    }
  })

/**
 * `.nullable()`.
 *
 * @since 0.1.0
 * @category combinators
 */
export const nullable = <A>(validator: Validator<A>): Validator<A | null> => ({
  optional: validator.optional,
  run: (input, path) => input === null ? ok(null) : validator.run(input, path)
})

/**
 * `.optional()`: an absent key stays absent.
 *
 * @since 0.1.0
 * @category combinators
 */
export const optional = <A>(validator: Validator<A>): Validator<A | undefined> => ({
  optional: true,
  run: (input, path) => input === undefined ? ok(undefined) : validator.run(input, path)
})

/**
 * `.default(value)`: an absent (undefined) value becomes `value`, which is then validated like input.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withDefault = <A>(validator: Validator<A>, fallback: () => A): Validator<A> => ({
  optional: true,
  run: (input, path) => validator.run(input === undefined ? fallback() : input, path)
})

/**
 * `.refine(check, { message })` / `.superRefine(...)`: runs only when the value has no type errors; the
 * check returns the messages of the issues to add at the validator's path.
 *
 * @since 0.1.0
 * @category combinators
 */
export const refine = <A>(
  validator: Validator<A>,
  check: (value: A) => ReadonlyArray<string>
): Validator<A> => ({
  optional: validator.optional,
  run: (input, path) => {
    const outcome = validator.run(input, path)
    if (outcome.aborted) return outcome
    const messages = check(outcome.value)
    return messages.length === 0 ? outcome : {
      ...outcome,
      issues: [...outcome.issues, ...messages.map((message) => ({ path, message }))]
    }
  }
})

/**
 * `z.object(shape).strict()`: unknown keys are reported (after the fields, at the object's path).
 *
 * @since 0.1.0
 * @category constructors
 */
export const strictObject = (shape: Readonly<Record<string, Validator<unknown>>>): Validator<JsonObject> =>
  make((input, path) => {
    if (!isPlainObject(input)) return invalidType(path, "object", input)
    const value: Record<string, unknown> = {}
    const issues: Array<Issue> = []
    let aborted = false
    for (const [key, validator] of Object.entries(shape)) {
      const present = Object.prototype.hasOwnProperty.call(input, key)
      const outcome = validator.run(input[key], [...path, key])
      issues.push(...outcome.issues)
      aborted = aborted || outcome.aborted
      if (outcome.value !== undefined || present) value[key] = outcome.value
    }
    const unknownKeys = Object.keys(input).filter((key) => !Object.prototype.hasOwnProperty.call(shape, key))
    if (unknownKeys.length > 0) {
      issues.push({
        path,
        message: `Unrecognized key(s) in object: ${unknownKeys.map((key) => `'${key}'`).join(", ")}`
      })
    }
    return { value, issues, aborted }
  })

interface FormattedNode {
  _errors: Array<string>
  [key: string]: FormattedNode | Array<string>
}

// zod v3 `ZodError.format()`: a tree keyed by path segments (so JS key order applies, integer keys first)
const formatTree = (issues: ReadonlyArray<Issue>): FormattedNode => {
  const root: FormattedNode = { _errors: [] }
  for (const issue of issues) {
    let node = root
    issue.path.forEach((segment, index) => {
      const key = String(segment)
      const child = (node[key] as FormattedNode | undefined) ?? { _errors: [] }
      node[key] = child
      if (index === issue.path.length - 1) child._errors.push(issue.message)
      node = child
    })
    if (issue.path.length === 0) root._errors.push(issue.message)
  }
  return root
}

const MAX_ERRORS = 5

const collect = (node: FormattedNode, messages: Array<string>, prefix: string): void => {
  for (const key of Object.keys(node)) {
    if (key === "_errors") continue
    const child = node[key] as FormattedNode
    const field = prefix.length > 0 ? `${prefix}.${key}` : key
    if (child._errors.length === 0) collect(child, messages, field)
    else messages.push(`Field "${field}": ${child._errors.join(", ")}`)
  }
}

/**
 * Kibana's `formatZodError`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatIssues = (issues: ReadonlyArray<Issue>): string => {
  const tree = formatTree(issues)
  const messages = [...tree._errors]
  collect(tree, messages, "")
  const total = messages.length
  if (total > MAX_ERRORS) messages.splice(MAX_ERRORS, total, `and ${total - MAX_ERRORS} more`)
  if (total === 1) return messages.join("; ")
  return `${total} errors:\n ${messages.map((message, index) => `[${index + 1}]: ${message}`).join(";\n ")}`
}

/**
 * Runs a root validator, then (only when the schema passed) Kibana's custom validator for the type, whose
 * thrown message Kibana shows as is.
 *
 * @since 0.1.0
 * @category running
 */
export const validate = (
  validator: Validator<JsonObject>,
  custom?: (value: JsonObject) => string | undefined
) =>
(input: unknown): Validation => {
  const outcome = validator.run(input, [])
  if (outcome.issues.length > 0) return Either.left(formatIssues(outcome.issues))
  const customError = custom?.(outcome.value)
  return customError === undefined ? Either.right(outcome.value) : Either.left(customError)
}
