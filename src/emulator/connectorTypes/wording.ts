/**
 * Wording profiles: how a Kibana version words a rejected connector config, secrets or params.
 *
 * Kibana 9.0–9.3 validate connectors with zod v3 and render failures with the actions plugin's
 * `formatZodError` (`elastic/kibana:x-pack/platform/plugins/shared/actions/server/lib/format_zod_error.ts`):
 * `Field "url": Required`, or `N errors:\n [1]: ...;\n [2]: ...`, at most five. The issue texts are
 * zod v3's default error map (`colinhacks/zod:src/locales/en.ts`, v3 branch). Another Kibana version
 * (8.x `@kbn/config-schema`, 9.4 zod v4) gets its own `Wording` here.
 *
 * @since 0.1.0
 */
import type { Issue, IssueKind, ValidationFailure } from "./validation.js"

/**
 * How a Kibana version words a rejected value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Wording {
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
 * Kibana 9.0–9.3's wording, the one the connector types answer in under every profile so far: the 8.x
 * config-schema and 9.4 zod-v4 renderings (`validationFormatters.ts`) are not wired in yet.
 *
 * @since 0.1.0
 * @category wordings
 */
export const zodV3Wording: Wording = { format: zodV3, thrown: zodV3Thrown }
