/**
 * A small re-implementation of the parts of `@kbn/config-schema` that Kibana's routes use to
 * validate requests, so the emulator answers with the same `[request body.<path>]: <reason>` texts.
 *
 * Messages follow `@kbn/config-schema` (`src/platform/packages/shared/kbn-config-schema/src/types/*.ts`
 * in elastic/kibana): like Joi with `abortEarly`, only the first error is reported, declared keys are
 * checked in declaration order before unknown keys.
 *
 * @since 0.1.0
 * @internal
 */
import * as Either from "effect/Either"

/**
 * A check of one value at a path; `Left` carries the full message (`[<path>]: <reason>`).
 *
 * @since 0.1.0
 * @internal
 */
export type Check<A> = (value: unknown, path: string) => Either.Either<A, string>

const fail = (path: string, reason: string): Either.Either<never, string> => Either.left(`[${path}]: ${reason}`)

/**
 * The type name `type-detect` gives, which config-schema prints in `got [...]`.
 *
 * @since 0.1.0
 * @internal
 */
export const typeDetect = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "Array"
  // a Buffer (hapi's octet-stream payload) answers its `Symbol.toStringTag`, `Uint8Array`
  if (value instanceof Uint8Array) return "Uint8Array"
  if (typeof value === "object") return "Object"
  return typeof value
}

// lodash's `isPlainObject`, which config-schema uses: a null prototype (node's querystring result) counts
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || prototype === Object.prototype
}

/**
 * `schema.string({ minLength, maxLength, validate })`.
 *
 * @since 0.1.0
 * @internal
 */
export const string = (
  options: {
    readonly minLength?: number
    readonly maxLength?: number
    readonly validate?: (value: string) => string | undefined
  } = {}
): Check<string> =>
(value, path) => {
  if (typeof value !== "string") return fail(path, `expected value of type [string] but got [${typeDetect(value)}]`)
  if (options.minLength !== undefined && value.length < options.minLength) {
    return fail(path, `value has length [${value.length}] but it must have a minimum length of [${options.minLength}].`)
  }
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    return fail(path, `value has length [${value.length}] but it must have a maximum length of [${options.maxLength}].`)
  }
  const custom = options.validate?.(value)
  return custom === undefined ? Either.right(value) : fail(path, custom)
}

/**
 * `schema.boolean()`: like config-schema it also accepts the strings `"true"` / `"false"` (query strings).
 *
 * @since 0.1.0
 * @internal
 */
export const boolean: Check<boolean> = (value, path) => {
  if (typeof value === "boolean") return Either.right(value)
  if (typeof value === "string") {
    const lower = value.toLowerCase()
    if (lower === "true") return Either.right(true)
    if (lower === "false") return Either.right(false)
  }
  return fail(path, `expected value of type [boolean] but got [${typeDetect(value)}]`)
}

/**
 * `schema.any({ validate })`.
 *
 * @since 0.1.0
 * @internal
 */
export const any = (validate?: (value: unknown) => string | undefined): Check<unknown> => (value, path) => {
  const custom = validate?.(value)
  return custom === undefined ? Either.right(value) : fail(path, custom)
}

/**
 * `schema.maybe(type)`: `undefined` is accepted as is.
 *
 * @since 0.1.0
 * @internal
 */
export const maybe = <A>(check: Check<A>): Check<A | undefined> => (value, path) =>
  value === undefined ? Either.right(undefined) : check(value, path)

/**
 * A type with `{ defaultValue }`: `undefined` becomes the default.
 *
 * @since 0.1.0
 * @internal
 */
export const withDefault = <A>(check: Check<A>, defaultValue: () => A): Check<A> => (value, path) =>
  value === undefined ? Either.right(defaultValue()) : check(value, path)

/**
 * `schema.oneOf([schema.literal(a), ...])`.
 *
 * @since 0.1.0
 * @internal
 */
export const literals = <const L extends ReadonlyArray<string>>(values: L): Check<L[number]> => (value, path) => {
  if (typeof value === "string" && values.includes(value)) return Either.right(value)
  const alternatives = values.map((literal, i) => `\n- [${path}.${i}]: expected value to equal [${literal}]`)
  return fail(path, `types that failed validation:${alternatives.join("")}`)
}

/**
 * `schema.recordOf(schema.string(), valueType)`; a JSON string is parsed first, as config-schema does.
 *
 * @since 0.1.0
 * @internal
 */
export const recordOf = <A>(valueCheck: Check<A>): Check<Record<string, A>> => (input, path) => {
  let value = input
  if (typeof input === "string") {
    try {
      value = JSON.parse(input)
    } catch {
      return fail(path, "could not parse record value from json input")
    }
  }
  if (!isPlainObject(value)) return fail(path, `expected value of type [object] but got [${typeDetect(value)}]`)
  const result: Record<string, A> = {}
  for (const [key, item] of Object.entries(value)) {
    const checked = valueCheck(item, `${path}.${key}`)
    if (Either.isLeft(checked)) return Either.left(checked.left)
    result[key] = checked.right
  }
  return Either.right(result)
}

/**
 * `schema.arrayOf(itemType, { maxSize, validate })`: the `validate` function runs on the validated items.
 *
 * @since 0.1.0
 * @internal
 */
export const arrayOf = <A>(
  itemCheck: Check<A>,
  options: { readonly maxSize?: number; readonly validate?: (value: ReadonlyArray<A>) => string | undefined } = {}
): Check<Array<A>> =>
(value, path) => {
  if (!Array.isArray(value)) return fail(path, `expected value of type [array] but got [${typeDetect(value)}]`)
  if (options.maxSize !== undefined && value.length > options.maxSize) {
    return fail(path, `array size is [${value.length}], but cannot be greater than [${options.maxSize}]`)
  }
  const result: Array<A> = []
  for (let i = 0; i < value.length; i++) {
    const checked = itemCheck(value[i], `${path}.${i}`)
    if (Either.isLeft(checked)) return Either.left(checked.left)
    result.push(checked.right)
  }
  const custom = options.validate?.(result)
  return custom === undefined ? Either.right(result) : fail(path, custom)
}

type Fields = { readonly [key: string]: Check<unknown> }

/**
 * The validated object: optional (`maybe`) fields may be absent.
 *
 * @since 0.1.0
 * @internal
 */
export type ObjectOf<F extends Fields> = { -readonly [K in keyof F]: F[K] extends Check<infer A> ? A : never }

// config-schema's Joi `object` coercion (kbn-config-schema/src/internals/index.ts, object_type.ts): a
// string is parsed as JSON, which is how a `text/plain` body can still pass a route's body schema
const coerceObject = (input: unknown, path: string): Either.Either<unknown, string> => {
  if (typeof input !== "string") return Either.right(input)
  try {
    return Either.right(JSON.parse(input))
  } catch {
    return fail(path, "could not parse object value from json input")
  }
}

/**
 * `schema.object(fields, { validate })`: unknown keys are rejected; `undefined` results are left out; a
 * JSON string is parsed first.
 *
 * @since 0.1.0
 * @internal
 */
export const object = <F extends Fields>(
  fields: F,
  options: { readonly validate?: (value: ObjectOf<F>) => string | undefined } = {}
): Check<ObjectOf<F>> =>
(input, path) => {
  const coerced = coerceObject(input, path)
  if (Either.isLeft(coerced)) return Either.left(coerced.left)
  const value = coerced.right
  if (!isPlainObject(value)) {
    return fail(path, `expected a plain object value, but found [${typeDetect(value)}] instead.`)
  }
  const result: Record<string, unknown> = {}
  for (const [key, check] of Object.entries(fields)) {
    const checked = check(value[key], `${path}.${key}`)
    if (Either.isLeft(checked)) return Either.left(checked.left)
    if (checked.right !== undefined) result[key] = checked.right
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(fields, key)) return fail(`${path}.${key}`, "definition for this key is missing")
  }
  const custom = options.validate?.(result as ObjectOf<F>)
  return custom === undefined ? Either.right(result as ObjectOf<F>) : fail(path, custom)
}

/**
 * The actions plugin's `validateEmptyStrings`: a blank string is rejected, shown trimmed
 * (`x-pack/platform/plugins/shared/actions/common/validate_empty_strings.ts`).
 *
 * @since 0.1.0
 * @internal
 */
export const validateEmptyStrings = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() === "" ? `value '${value.trim()}' is not valid` : undefined
