/**
 * Wording profiles: how a Kibana version words a rejected connector config, secrets or params. The
 * validators (`./validation.ts`) report issues as data; each profile renders them as its version does
 * (elastic/kibana `actions/server/lib/validate_with_schema.ts`, per version):
 *
 * - 8.x: `@kbn/config-schema`, first issue only, `[path]: reason`, prefixed `error validating action type
 *   config: ` (x-pack/plugins/actions/server/lib/validate_with_schema.ts, `schema.validate(value)`);
 * - 9.0–9.3: zod v3 rendered by the actions plugin's `formatZodError`
 *   (`x-pack/platform/plugins/shared/actions/server/lib/format_zod_error.ts`): `Field "url": Required`, or
 *   `N errors:\n [1]: ...;\n [2]: ...`, at most five; texts from zod v3's default error map
 *   (`colinhacks/zod:src/locales/en.ts`, v3 branch); prefix `error validating connector type config: `;
 * - 9.4: zod v4, `z4.prettifyError(err)` (the same file once it imports `@kbn/zod/v4`, PRs #252702 and
 *   #258854).
 *
 * @since 0.1.0
 */
import { configSchemaMessage, prettifyZodV4, type ValidationIssue, zodV4Message } from "../validationFormatters.js"
import type { Issue, IssueKind, ValidationFailure } from "./validation.js"

/**
 * How a Kibana version words a rejected value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Wording {
  /**
   * What `validate_with_schema.ts` calls a connector's config and secrets in its 400 message: `action type`
   * in 8.x, `connector type` in 9.x.
   */
  readonly subject: "action type" | "connector type"
  /** The reason text Kibana shows after `error validating ...: `. */
  readonly format: (failure: ValidationFailure) => string
  /**
   * The thrown schema error as a string (`${error}`), which the sub-action framework puts in
   * `Request validation failed (...)`.
   */
  readonly thrown: (failure: ValidationFailure) => string
}

const quoteAll = (values: ReadonlyArray<string>) => values.map((value) => `'${value}'`).join(" | ")

// zod v3's default error map
const zodV3Message = (kind: IssueKind): string => {
  switch (kind._tag) {
    case "InvalidType":
      return kind.received === "undefined" ? "Required" : `Expected ${kind.expected}, received ${kind.received}`
    case "TooSmall":
      return kind.type === "string"
        ? `String must contain at least ${kind.minimum} character(s)`
        : kind.type === "number"
        ? `Number must be greater than or equal to ${kind.minimum}`
        : `Array must contain at least ${kind.minimum} element(s)`
    case "TooBig":
      return kind.type === "string"
        ? `String must contain at most ${kind.maximum} character(s)`
        : kind.type === "number"
        ? `Number must be less than or equal to ${kind.maximum}`
        : `Array must contain at most ${kind.maximum} element(s)`
    case "InvalidEnumValue":
      return `Invalid enum value. Expected ${quoteAll(kind.options)}, received '${kind.received}'`
    case "InvalidLiteral":
      return `Invalid literal value, expected ${JSON.stringify(kind.expected)}`
    case "UnrecognizedKeys":
      return `Unrecognized key(s) in object: ${kind.keys.map((key) => `'${key}'`).join(", ")}`
    case "InvalidUrl":
      return "Invalid url"
    case "InvalidDiscriminator":
      return `Invalid discriminator value. Expected ${quoteAll(kind.options)}`
    case "Custom":
      return kind.message
  }
}

interface Node {
  readonly errors: Array<string>
  readonly children: Map<string, Node>
}

const newNode = (): Node => ({ errors: [], children: new Map() })

// zod v3's `ZodError.format()` is a tree keyed by path segments: plain-object key order applies there,
// so integer-like keys come first, in ascending order
const orderedKeys = (children: ReadonlyMap<string, Node>) => {
  const keys = [...children.keys()]
  const integer = (key: string) => /^(0|[1-9]\d*)$/.test(key)
  return [...keys.filter(integer).sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !integer(key))]
}

const formatTree = (issues: ReadonlyArray<Issue>): Node => {
  const root = newNode()
  for (const issue of issues) {
    let node = root
    for (const segment of issue.path) {
      const key = String(segment)
      const child = node.children.get(key) ?? newNode()
      node.children.set(key, child)
      node = child
    }
    node.errors.push(zodV3Message(issue.kind))
  }
  return root
}

const collect = (node: Node, messages: Array<string>, prefix: string): void => {
  for (const key of orderedKeys(node.children)) {
    const child = node.children.get(key) ?? newNode()
    const field = prefix.length > 0 ? `${prefix}.${key}` : key
    if (child.errors.length === 0) collect(child, messages, field)
    else messages.push(`Field "${field}": ${child.errors.join(", ")}`)
  }
}

const maxErrors = 5

/**
 * Kibana 9.0–9.3: zod v3 issues rendered by `formatZodError`.
 *
 * @since 0.1.0
 * @category wordings
 */
export const zodV3 = (failure: ValidationFailure): string => {
  if (failure._tag === "Rule") return failure.message
  const tree = formatTree(failure.issues)
  const messages = [...tree.errors]
  collect(tree, messages, "")
  const total = messages.length
  if (total > maxErrors) messages.splice(maxErrors, total, `and ${total - maxErrors} more`)
  if (total === 1) return messages.join("; ")
  return `${total} errors:\n ${messages.map((message, index) => `[${index + 1}]: ${message}`).join(";\n ")}`
}

// zod v3's issue objects: the issue data's keys in zod's order, then `path`, then `message` (a key the
// issue data already had keeps its place)
const zodV3IssueJson = (issue: Issue): Record<string, unknown> => {
  const message = zodV3Message(issue.kind)
  const path = issue.path
  const kind = issue.kind
  switch (kind._tag) {
    case "InvalidType":
      return { code: "invalid_type", expected: kind.expected, received: kind.received, path, message }
    case "TooSmall":
      return { code: "too_small", minimum: kind.minimum, type: kind.type, inclusive: true, exact: false, message, path }
    case "TooBig":
      return { code: "too_big", maximum: kind.maximum, type: kind.type, inclusive: true, exact: false, message, path }
    case "InvalidEnumValue":
      return { received: kind.received, code: "invalid_enum_value", options: kind.options, path, message }
    case "InvalidLiteral":
      return { code: "invalid_literal", expected: kind.expected, path, message }
    case "UnrecognizedKeys":
      return { code: "unrecognized_keys", keys: kind.keys, path, message }
    case "InvalidUrl":
      return { validation: "url", code: "invalid_string", message, path }
    case "InvalidDiscriminator":
      return { code: "invalid_union_discriminator", options: kind.options, path, message }
    case "Custom":
      return { code: "custom", message, path }
  }
}

/**
 * zod v3's `ZodError` as a string: `ZodError: ` and its issues as indented JSON.
 *
 * @since 0.1.0
 * @category wordings
 */
export const zodV3Thrown = (failure: ValidationFailure): string =>
  failure._tag === "Rule"
    ? `Error: ${failure.message}`
    : `ZodError: ${JSON.stringify(failure.issues.map(zodV3IssueJson), null, 2)}`

/**
 * Kibana 9.0–9.3's wording.
 *
 * @since 0.1.0
 * @category wordings
 */
export const zodV3Wording: Wording = { subject: "connector type", format: zodV3, thrown: zodV3Thrown }

// ---------------------------------------------------------------------------------------------------
// 8.x and 9.4: the same issues in validationFormatters.ts's shape
// ---------------------------------------------------------------------------------------------------

const sameLiteralGroup = (a: Issue, b: Issue) =>
  a.kind._tag === "InvalidLiteral" && b.kind._tag === "InvalidLiteral" &&
  a.path.join("\u0000") === b.path.join("\u0000")

/** Consecutive literal failures at one path are one `schema.oneOf` / `z.union` of literals. */
const groupLiterals = (issues: ReadonlyArray<Issue>): Array<ReadonlyArray<Issue>> => {
  const groups: Array<Array<Issue>> = []
  for (const issue of issues) {
    const last = groups.at(-1)
    const head = last?.[0]
    if (last !== undefined && head !== undefined && sameLiteralGroup(head, issue)) last.push(issue)
    else groups.push([issue])
  }
  return groups
}

const literalValues = (group: ReadonlyArray<Issue>) =>
  group.flatMap((issue) => issue.kind._tag === "InvalidLiteral" ? [issue.kind.expected] : [])

/** One group as a `ValidationIssue`; `zod` selects zod v4's reading over config-schema's. */
const toValidationIssue = (group: ReadonlyArray<Issue>, zod: boolean): ValidationIssue | undefined => {
  const issue = group[0]
  if (issue === undefined) return undefined
  const { kind, path } = issue
  switch (kind._tag) {
    case "InvalidType":
      return { code: "invalid_type", path, expected: kind.expected, received: kind.input }
    case "TooSmall":
      return { code: "too_small", path, origin: kind.type, limit: kind.minimum, inclusive: true, actual: kind.actual }
    case "TooBig":
      return { code: "too_big", path, origin: kind.type, limit: kind.maximum, inclusive: true, actual: kind.actual }
    case "InvalidEnumValue":
      return { code: "invalid_value", path, values: kind.options, received: kind.received }
    case "InvalidLiteral": {
      const values = literalValues(group)
      // zod v4 reports a failed `z.union` as `invalid_union`, "Invalid input" (zod v4 `core/schemas.ts`)
      return zod && values.length > 1
        ? { code: "custom", path, message: "Invalid input" }
        : { code: "invalid_value", path, values, received: undefined }
    }
    case "UnrecognizedKeys":
      return { code: "unrecognized_keys", path, keys: kind.keys }
    case "InvalidUrl":
      // zod v4 `z.url()`: "Invalid URL"; config-schema `schema.uri()`: string_type's uri message
      return { code: "custom", path, message: zod ? "Invalid URL" : "value must be a valid URI (see RFC 3986)." }
    case "InvalidDiscriminator":
      // zod v4: `invalid_union` with the note "No matching discriminator", worded "Invalid input"
      return zod
        ? { code: "custom", path, message: "Invalid input" }
        : {
          // config-schema `schema.oneOf([schema.object({ subAction: schema.literal(..) }), ..])`: every
          // alternative fails at its discriminator
          code: "custom",
          path: path.slice(0, -1),
          message: `types that failed validation:${
            kind.options.map((option, index) =>
              `\n- [${[...path.slice(0, -1), index, ...path.slice(-1)].join(".")}]: expected value to equal [${option}]`
            ).join("")
          }`
        }
    case "Custom":
      return { code: "custom", path, message: kind.message }
  }
}

const validationIssues = (issues: ReadonlyArray<Issue>, zod: boolean): Array<ValidationIssue> =>
  groupLiterals(issues).flatMap((group) => {
    const issue = toValidationIssue(group, zod)
    return issue === undefined ? [] : [issue]
  })

/**
 * Kibana 8.x: `@kbn/config-schema` stops at the first issue, `[path]: reason`.
 *
 * @since 0.1.0
 * @category wordings
 */
export const configSchema = (failure: ValidationFailure): string => {
  if (failure._tag === "Rule") return failure.message
  const first = validationIssues(failure.issues, false)[0]
  return first === undefined ? "" : configSchemaMessage(first)
}

/**
 * Kibana 8.x's wording. The sub-action framework interpolates config-schema's `ValidationError`, an
 * `Error` without its own name (`actions/server/sub_action_framework/executor.ts`: `Request validation
 * failed (${reqValidationError})`).
 *
 * @since 0.1.0
 * @category wordings
 */
export const configSchemaWording: Wording = {
  subject: "action type",
  format: configSchema,
  thrown: (failure) => `Error: ${configSchema(failure)}`
}

/**
 * Kibana 9.4: zod v4's `prettifyError`.
 *
 * @since 0.1.0
 * @category wordings
 */
export const zodV4 = (failure: ValidationFailure): string =>
  failure._tag === "Rule" ? failure.message : prettifyZodV4(validationIssues(failure.issues, true))

// zod v4's `ZodError` prints as its `message`, the issues as indented JSON with the input left out
// (zod v4 `core/errors.ts`, `util.finalizeIssue`): each issue's own keys, then `path`, then `message`.
const zodV4IssueJson = (issue: ValidationIssue): Record<string, unknown> => {
  const message = zodV4Message(issue)
  const path = issue.path
  switch (issue.code) {
    case "invalid_type":
      return { expected: issue.expected, code: issue.code, path, message }
    case "invalid_value":
      return { code: issue.code, values: issue.values, path, message }
    case "too_small":
      return { origin: issue.origin, code: issue.code, minimum: issue.limit, inclusive: issue.inclusive, path, message }
    case "too_big":
      return { origin: issue.origin, code: issue.code, maximum: issue.limit, inclusive: issue.inclusive, path, message }
    case "unrecognized_keys":
      return { code: issue.code, keys: issue.keys, path, message }
    case "custom":
      return { code: issue.code, path, message }
  }
}

/**
 * Kibana 9.4's wording.
 *
 * @since 0.1.0
 * @category wordings
 */
export const zodV4Wording: Wording = {
  subject: "connector type",
  format: zodV4,
  thrown: (failure) =>
    failure._tag === "Rule"
      ? `Error: ${failure.message}`
      : JSON.stringify(validationIssues(failure.issues, true).map(zodV4IssueJson), null, 2)
}

/**
 * The wording of each profile's `validationWording`.
 *
 * @since 0.1.0
 * @category wordings
 */
export const wordings: Readonly<Record<"config-schema" | "zod-v3" | "zod-v4", Wording>> = {
  "config-schema": configSchemaWording,
  "zod-v3": zodV3Wording,
  "zod-v4": zodV4Wording
}
