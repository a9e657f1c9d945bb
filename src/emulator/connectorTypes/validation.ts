/**
 * Typed validators for connector config, secrets and params, modelled on the zod (v3) schemas Kibana
 * 9.x declares in `src/platform/packages/shared/kbn-connector-schemas/*`.
 *
 * A validator returns the normalised value (zod's defaults applied, absent optional keys left absent) or
 * a `ValidationFailure`: data (path, kind, details), never text. Text is made by a wording profile
 * (`./wording.ts`), so the same failure can be worded as each Kibana version words it. Hand-written rather
 * than `effect/Schema` because Kibana's answers depend on zod's order of checks (refinements run only when
 * no field had the wrong type) and on which issues it reports together.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"

/**
 * What went wrong at one path, with the details a wording profile needs.
 *
 * @since 0.1.0
 * @category models
 */
export type IssueKind =
  /**
   * `received` is zod's parsed type name (`undefined` when the key was absent); `input` the value itself,
   * which `@kbn/config-schema` names differently (`Object`, `Array`).
   */
  | { readonly _tag: "InvalidType"; readonly expected: string; readonly received: string; readonly input: unknown }
  /** `actual` is the string's length, the array's size or the number (config-schema prints it). */
  | {
    readonly _tag: "TooSmall"
    readonly type: "string" | "number" | "array"
    readonly minimum: number
    readonly actual: number
  }
  | {
    readonly _tag: "TooBig"
    readonly type: "string" | "number" | "array"
    readonly maximum: number
    readonly actual: number
  }
  | { readonly _tag: "InvalidEnumValue"; readonly options: ReadonlyArray<string>; readonly received: string }
  | { readonly _tag: "InvalidLiteral"; readonly expected: string | null }
  | { readonly _tag: "UnrecognizedKeys"; readonly keys: ReadonlyArray<string> }
  | { readonly _tag: "InvalidUrl" }
  | { readonly _tag: "InvalidDiscriminator"; readonly options: ReadonlyArray<string> }
  /** A refinement's own message (Kibana's `.refine(..., { message })` / `ctx.addIssue`). */
  | { readonly _tag: "Custom"; readonly message: string }

/**
 * One validation problem at a path inside the validated value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Issue {
  readonly path: ReadonlyArray<string | number>
  readonly kind: IssueKind
}

/**
 * Why a value was rejected: schema issues (worded by a profile), or the message a connector type's
 * custom validator throws, which Kibana shows as is.
 *
 * @since 0.1.0
 * @category models
 */
export type ValidationFailure =
  | { readonly _tag: "Issues"; readonly issues: ReadonlyArray<Issue> }
  | { readonly _tag: "Rule"; readonly message: string }

/**
 * A validation outcome: the normalised value, or why it was rejected.
 *
 * @since 0.1.0
 * @category models
 */
export type Validation<A> = Either.Either<A, ValidationFailure>

/**
 * What a validator returns: the normalised value, the issues, and whether a type error made the value
 * unusable (zod's "aborted": later refinements are skipped, and `value` must not be used).
 *
 * @since 0.1.0
 * @category models
 */
export type Outcome<A> =
  | { readonly aborted: false; readonly value: A; readonly issues: ReadonlyArray<Issue> }
  | { readonly aborted: true; readonly issues: ReadonlyArray<Issue> }

/**
 * A validator of one value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Validator<A> {
  readonly run: (input: unknown, path: ReadonlyArray<string | number>) => Outcome<A>
}

/**
 * A validator whose key may be absent from an object; the key then stays absent in the output.
 *
 * @since 0.1.0
 * @category models
 */
export interface OptionalValidator<A> extends Validator<A | undefined> {
  readonly optional: true
}

/**
 * The type a validator produces.
 *
 * @since 0.1.0
 * @category models
 */
export type TypeOf<V> = V extends Validator<infer A> ? A : never

/**
 * A successful outcome.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ok = <A>(value: A): Outcome<A> => ({ aborted: false, value, issues: [] })

/**
 * An aborting outcome with one issue.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fail = <A>(path: ReadonlyArray<string | number>, kind: IssueKind): Outcome<A> => ({
  aborted: true,
  issues: [{ path, kind }]
})

/**
 * zod v3's `getParsedType`, the name `received` reports.
 *
 * @since 0.1.0
 * @category utils
 */
export const parsedType = (input: unknown): string => {
  if (input === undefined) return "undefined"
  if (input === null) return "null"
  if (Array.isArray(input)) return "array"
  if (typeof input === "number") return Number.isNaN(input) ? "nan" : "number"
  return typeof input
}

const invalidType = <A>(path: ReadonlyArray<string | number>, expected: string, input: unknown): Outcome<A> =>
  fail(path, { _tag: "InvalidType", expected, received: parsedType(input), input })

const withIssues = <A>(outcome: Outcome<A>, issues: ReadonlyArray<Issue>): Outcome<A> =>
  issues.length === 0 ? outcome : { ...outcome, issues: [...outcome.issues, ...issues] }

/**
 * `z.string()` with optional length bounds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const string = (options: { readonly min?: number; readonly max?: number } = {}): Validator<string> => ({
  run: (input, path) => {
    if (typeof input !== "string") return invalidType(path, "string", input)
    if (options.min !== undefined && input.length < options.min) {
      return withIssues(ok(input), [{
        path,
        kind: { _tag: "TooSmall", type: "string", minimum: options.min, actual: input.length }
      }])
    }
    if (options.max !== undefined && input.length > options.max) {
      return withIssues(ok(input), [{
        path,
        kind: { _tag: "TooBig", type: "string", maximum: options.max, actual: input.length }
      }])
    }
    return ok(input)
  }
})

/**
 * `z.string().url()`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const url: Validator<string> = {
  run: (input, path) => {
    if (typeof input !== "string") return invalidType(path, "string", input)
    return URL.canParse(input) ? ok(input) : withIssues(ok(input), [{ path, kind: { _tag: "InvalidUrl" } }])
  }
}

/**
 * `z.boolean()`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const boolean: Validator<boolean> = {
  run: (input, path) => typeof input === "boolean" ? ok(input) : invalidType(path, "boolean", input)
}

const numberBounds = (
  value: number,
  path: ReadonlyArray<string | number>,
  options: { readonly min?: number; readonly max?: number }
): Outcome<number> => {
  if (options.min !== undefined && value < options.min) {
    return withIssues(ok(value), [{
      path,
      kind: { _tag: "TooSmall", type: "number", minimum: options.min, actual: value }
    }])
  }
  if (options.max !== undefined && value > options.max) {
    return withIssues(ok(value), [{
      path,
      kind: { _tag: "TooBig", type: "number", maximum: options.max, actual: value }
    }])
  }
  return ok(value)
}

/**
 * `z.number()` with inclusive bounds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const number = (options: { readonly min?: number; readonly max?: number } = {}): Validator<number> => ({
  run: (input, path) =>
    typeof input === "number" && !Number.isNaN(input)
      ? numberBounds(input, path, options)
      : invalidType(path, "number", input)
})

/**
 * `z.coerce.number()` with inclusive bounds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const coercedNumber = (options: { readonly min?: number; readonly max?: number } = {}): Validator<number> => ({
  run: (input, path) => {
    const value = Number(input)
    return Number.isNaN(value) ? invalidType(path, "number", value) : numberBounds(value, path, options)
  }
})

/**
 * `z.any()` / `z.unknown()`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unknown: Validator<unknown> = { run: (input) => ok(input) }

/**
 * `z.enum([...])`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const literals = <const Values extends ReadonlyArray<string>>(values: Values): Validator<Values[number]> => {
  const isValue = (input: string): input is Values[number] => values.includes(input)
  return {
    run: (input, path) => {
      if (typeof input !== "string") return invalidType(path, values.map((value) => `'${value}'`).join(" | "), input)
      return isValue(input) ? ok(input) : fail(path, { _tag: "InvalidEnumValue", options: values, received: input })
    }
  }
}

/**
 * `z.union([z.literal(a), z.literal(b), ...])`: zod reports every branch's failure at the same path.
 *
 * @since 0.1.0
 * @category constructors
 */
export const literalUnion = <const Values extends ReadonlyArray<string | null>>(
  values: Values
): Validator<Values[number]> => {
  const isValue = (input: unknown): input is Values[number] => values.some((value) => value === input)
  return {
    run: (input, path) =>
      isValue(input)
        ? ok(input)
        : { aborted: true, issues: values.map((expected) => ({ path, kind: { _tag: "InvalidLiteral", expected } })) }
  }
}

/**
 * A plain JSON object (not an array, not null).
 *
 * @since 0.1.0
 * @category models
 */
export type JsonObject = { readonly [key: string]: unknown }

/**
 * Whether a value is a plain JSON object.
 *
 * @since 0.1.0
 * @category guards
 */
export const isJsonObject = (input: unknown): input is JsonObject =>
  typeof input === "object" && input !== null && !Array.isArray(input)

const collectOutcomes = <A>(outcomes: ReadonlyArray<Outcome<A>>, extra: ReadonlyArray<Issue> = []) => {
  const issues = [...outcomes.flatMap((outcome) => outcome.issues), ...extra]
  const values: Array<A> = []
  for (const outcome of outcomes) {
    if (outcome.aborted) return { aborted: true, issues } as const
    values.push(outcome.value)
  }
  return { aborted: false, values, issues } as const
}

/**
 * `z.array(item)` with an optional maximum length.
 *
 * @since 0.1.0
 * @category constructors
 */
export const array = <A>(
  item: Validator<A>,
  options: { readonly min?: number; readonly max?: number } = {}
): Validator<ReadonlyArray<A>> => ({
  run: (input, path) => {
    if (!Array.isArray(input)) return invalidType(path, "array", input)
    const bounds: Array<Issue> = []
    if (options.min !== undefined && input.length < options.min) {
      bounds.push({
        path,
        kind: { _tag: "TooSmall", type: "array", minimum: options.min, actual: input.length }
      })
    }
    if (options.max !== undefined && input.length > options.max) {
      bounds.push({
        path,
        kind: { _tag: "TooBig", type: "array", maximum: options.max, actual: input.length }
      })
    }
    const result = collectOutcomes(input.map((element, index) => item.run(element, [...path, index])), bounds)
    return result.aborted ? result : { aborted: false, value: result.values, issues: result.issues }
  }
})

/**
 * `z.record(z.string(), value)`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const record = <A>(value: Validator<A>): Validator<Readonly<Record<string, A>>> => ({
  run: (input, path) => {
    if (!isJsonObject(input)) return invalidType(path, "object", input)
    const keys = Object.keys(input)
    const result = collectOutcomes(keys.map((key) => value.run(input[key], [...path, key])))
    if (result.aborted) return result
    return {
      aborted: false,
      value: Object.fromEntries(keys.map((key, index) => [key, result.values[index]])),
      issues: result.issues
    }
  }
})

/**
 * `.nullable()`.
 *
 * @since 0.1.0
 * @category combinators
 */
export const nullable = <A>(validator: Validator<A>): Validator<A | null> => ({
  run: (input, path) => input === null ? ok(null) : validator.run(input, path)
})

/**
 * `.optional()`: an absent key stays absent.
 *
 * @since 0.1.0
 * @category combinators
 */
export const optional = <A>(validator: Validator<A>): OptionalValidator<A> => ({
  optional: true,
  run: (input, path) => input === undefined ? ok(undefined) : validator.run(input, path)
})

/**
 * `.default(value)`: an absent value becomes `value` (never mutated, so it can be shared), which is then
 * validated like input.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withDefault = <A>(validator: Validator<A>, fallback: NoInfer<A>): Validator<A> => ({
  run: (input, path) => validator.run(input === undefined ? fallback : input, path)
})

/**
 * `.superRefine(...)`: runs only when the value has no type errors; the check returns the issues to add
 * (`Custom` issues at the validator's path by default).
 *
 * @since 0.1.0
 * @category combinators
 */
export const refine = <A>(
  validator: Validator<A>,
  check: (value: A) => ReadonlyArray<string | Issue>
): Validator<A> => ({
  run: (input, path) => {
    const outcome = validator.run(input, path)
    if (outcome.aborted) return outcome
    const issues = check(outcome.value).map((issue): Issue =>
      typeof issue === "string" ? { path, kind: { _tag: "Custom", message: issue } } : issue
    )
    return withIssues(outcome, issues)
  }
})

/**
 * `.transform(f)`: maps a valid value.
 *
 * @since 0.1.0
 * @category combinators
 */
export const map = <A, B>(validator: Validator<A>, f: (value: A) => B): Validator<B> => ({
  run: (input, path) => {
    const outcome = validator.run(input, path)
    return outcome.aborted ? outcome : { ...outcome, value: f(outcome.value) }
  }
})

type Shape = { readonly [key: string]: Validator<unknown> }

type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalValidator<unknown> ? K : never }[keyof S]

type Simplify<A> = { [K in keyof A]: A[K] } & {}

/**
 * The object a shape validates: optional keys may be absent.
 *
 * @since 0.1.0
 * @category models
 */
export type StructOf<S extends Shape> = Simplify<
  & { readonly [K in Exclude<keyof S, OptionalKeys<S>>]: TypeOf<S[K]> }
  & { readonly [K in OptionalKeys<S>]?: Exclude<TypeOf<S[K]>, undefined> }
>

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key)

const objectOf = <S extends Shape>(shape: S, strict: boolean): Validator<StructOf<S>> => ({
  run: (input, path) => {
    if (!isJsonObject(input)) return invalidType(path, "object", input)
    const value: Record<string, unknown> = {}
    const issues: Array<Issue> = []
    let aborted = false
    for (const [key, validator] of Object.entries(shape)) {
      const outcome = validator.run(input[key], [...path, key])
      issues.push(...outcome.issues)
      if (outcome.aborted) aborted = true
      else if (outcome.value !== undefined || hasOwn(input, key)) value[key] = outcome.value
    }
    const unknownKeys = strict ? Object.keys(input).filter((key) => !hasOwn(shape, key)) : []
    if (unknownKeys.length > 0) issues.push({ path, kind: { _tag: "UnrecognizedKeys", keys: unknownKeys } })
    if (aborted) return { aborted, issues }
    // the loop filled exactly the shape's keys with their validated values
    return { aborted, issues, value: value as StructOf<S> }
  }
})

/**
 * `z.object(shape).strict()`: unknown keys are reported (after the fields, at the object's path).
 *
 * @since 0.1.0
 * @category constructors
 */
export const strictObject = <S extends Shape>(shape: S): Validator<StructOf<S>> => objectOf(shape, true)

/**
 * `z.object(shape)`: unknown keys are dropped.
 *
 * @since 0.1.0
 * @category constructors
 */
export const looseObject = <S extends Shape>(shape: S): Validator<StructOf<S>> => objectOf(shape, false)

/**
 * A union discriminated by a string key (`subAction`): the first member whose discriminator matches runs;
 * an unknown discriminator is zod's `invalid_union_discriminator`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const discriminated = <K extends string, M extends { readonly [tag: string]: Validator<unknown> }>(
  key: K,
  members: M
): Validator<{ readonly [T in keyof M]: TypeOf<M[T]> }[keyof M]> => ({
  run: (input, path) => {
    if (!isJsonObject(input)) return invalidType(path, "object", input)
    const tag = input[key]
    const member = typeof tag === "string" && hasOwn(members, tag) ? members[tag] : undefined
    if (member === undefined) {
      return fail([...path, key], { _tag: "InvalidDiscriminator", options: Object.keys(members) })
    }
    // the member's type is one of the union's members
    return member.run(input, path) as Outcome<{ readonly [T in keyof M]: TypeOf<M[T]> }[keyof M]>
  }
})

/**
 * `z.union([...])`: the first member that passes wins; a member that only failed refinements is reported
 * alone; otherwise zod reports every member's issues (its `invalid_union`, which `format()` flattens).
 *
 * @since 0.1.0
 * @category constructors
 */
export const union = <M extends ReadonlyArray<Validator<unknown>>>(
  ...members: M
): Validator<TypeOf<M[number]>> => ({
  run: (input, path) => {
    const outcomes = members.map((member) => member.run(input, path))
    const passed = outcomes.find((outcome) => !outcome.aborted && outcome.issues.length === 0)
    const dirty = outcomes.find((outcome) => !outcome.aborted)
    const chosen = passed ?? dirty
    // the chosen outcome comes from one of the members
    if (chosen !== undefined) return chosen as Outcome<TypeOf<M[number]>>
    return { aborted: true, issues: outcomes.flatMap((outcome) => outcome.issues) }
  }
})

/**
 * Runs a root validator, then (only when the schema passed) the connector type's custom rule, whose
 * message Kibana shows as is.
 *
 * @since 0.1.0
 * @category running
 */
export const validate = <A>(
  validator: Validator<A>,
  rule?: (value: A) => string | undefined
) =>
(input: unknown): Validation<A> => {
  const outcome = validator.run(input, [])
  if (outcome.aborted || outcome.issues.length > 0) return Either.left({ _tag: "Issues", issues: outcome.issues })
  const message = rule?.(outcome.value)
  return message === undefined ? Either.right(outcome.value) : Either.left({ _tag: "Rule", message })
}
