/**
 * Kibana's validation wordings as pure functions over one structured issue shape, so the emulator can
 * validate once and answer in the wording of the Kibana version it plays:
 *
 * - 8.x: `@kbn/config-schema` (Joi underneath, first error only): `[path]: reason`, wrapped by the
 *   actions plugin as `error validating action type config: ...`;
 * - 9.4: zod v4's `z.prettifyError`: `✖ message` lines, each followed by `  → at path`.
 *
 * (9.0 to 9.3's zod v3 wording, `Field "path": message`, is in `connectorTypes/wording.ts`, which renders the
 * connector types' issues in each profile's wording through these functions.)
 *
 * @since 0.1.0
 * @internal
 */

/**
 * One validation failure, independent of any wording. `received` is the offending input value.
 *
 * @since 0.1.0
 * @internal
 */
export type ValidationIssue =
  | {
    readonly code: "invalid_type"
    readonly path: ReadonlyArray<string | number>
    /** `string`, `number`, `boolean`, `object`, `array`, ... */
    readonly expected: string
    readonly received: unknown
  }
  | {
    /** A value outside a literal set (`schema.oneOf([literal(..)])`, `z.enum`, `z.literal`). */
    readonly code: "invalid_value"
    readonly path: ReadonlyArray<string | number>
    readonly values: ReadonlyArray<string | number | boolean | null>
    readonly received: unknown
  }
  | {
    readonly code: "too_small" | "too_big"
    readonly path: ReadonlyArray<string | number>
    readonly origin: "string" | "array" | "number"
    /** The bound: a length, a size or a value. */
    readonly limit: number
    /** Whether the bound itself is allowed (config-schema bounds always are). */
    readonly inclusive: boolean
    /** The offending string's length, array's size or number, which config-schema prints. */
    readonly actual: number
  }
  | {
    readonly code: "unrecognized_keys"
    readonly path: ReadonlyArray<string | number>
    readonly keys: ReadonlyArray<string>
  }
  | {
    /** A rule's own message (`validate` functions, `.refine`). */
    readonly code: "custom"
    readonly path: ReadonlyArray<string | number>
    readonly message: string
  }

// ---------------------------------------------------------------------------------------------------
// @kbn/config-schema (8.x)
// ---------------------------------------------------------------------------------------------------

/** The type name `type-detect` gives, which config-schema prints in `got [...]`. */
const typeDetect = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "Array"
  if (typeof value === "object") return "Object"
  return typeof value
}

const configSchemaValue = (value: unknown) =>
  typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)

/**
 * Options of the config-schema wording.
 *
 * @since 0.1.0
 * @internal
 */
export interface ConfigSchemaWording {
  /**
   * Whether a literal mismatch says what it got. `packages/kbn-config-schema/src/types/literal_type.ts`
   * prints `expected value to equal [post]`; the later
   * `src/platform/packages/shared/kbn-config-schema/src/types/literal_type.ts` appends
   * ` but got [patch]`. Kibana's own tests show both (server-log params: `expected value to equal
   * [trace] but got [2]`; pagerduty params: `expected value to equal [trigger]`).
   */
  readonly literalReceived: boolean
}

const literalReason = (value: unknown, received: unknown, wording: ConfigSchemaWording) =>
  `expected value to equal [${configSchemaValue(value)}]${
    wording.literalReceived ? ` but got [${configSchemaValue(received)}]` : ""
  }`

const boundReason = (issue: Extract<ValidationIssue, { code: "too_small" | "too_big" }>): string => {
  const small = issue.code === "too_small"
  switch (issue.origin) {
    // string_type.ts
    case "string":
      return `value has length [${issue.actual}] but it must have a ${
        small ? "minimum" : "maximum"
      } length of [${issue.limit}].`
    // array_type.ts
    case "array":
      return `array size is [${issue.actual}], but cannot be ${small ? "smaller" : "greater"} than [${issue.limit}]`
    // number_type.ts
    case "number":
      return `Value must be equal to or ${small ? "greater" : "lower"} than [${issue.limit}].`
  }
}

const bracketPath = (path: ReadonlyArray<string | number>) => path.join(".")

/**
 * config-schema's message for one issue, with its `[path]: ` prefix (none at the root). A literal set
 * lists each alternative under the path, as `schema.oneOf` does.
 *
 * @since 0.1.0
 * @internal
 */
export const configSchemaMessage = (
  issue: ValidationIssue,
  wording: ConfigSchemaWording = { literalReceived: false }
): string => {
  const at = (path: ReadonlyArray<string | number>, reason: string) =>
    path.length === 0 ? reason : `[${bracketPath(path)}]: ${reason}`
  switch (issue.code) {
    case "invalid_type":
      return at(issue.path, `expected value of type [${issue.expected}] but got [${typeDetect(issue.received)}]`)
    case "invalid_value": {
      if (issue.values.length === 1) return at(issue.path, literalReason(issue.values[0], issue.received, wording))
      const alternatives = issue.values.map((value, index) =>
        `\n- [${bracketPath([...issue.path, index])}]: ${literalReason(value, issue.received, wording)}`
      )
      return at(issue.path, `types that failed validation:${alternatives.join("")}`)
    }
    case "too_small":
    case "too_big":
      return at(issue.path, boundReason(issue))
    case "unrecognized_keys":
      return at([...issue.path, issue.keys[0] ?? ""], "definition for this key is missing")
    case "custom":
      return at(issue.path, issue.message)
  }
}

/**
 * The 8.x actions plugin's message for a rejected connector `config`, `secrets` or `params`:
 * config-schema stops at the first issue
 * (elastic/kibana:x-pack/plugins/actions/server/lib/validate_with_schema.ts: `error validating action type
 * ${name}: ${err.message}` for config and secrets, `error validating action params: ...` for params).
 *
 * @since 0.1.0
 * @internal
 */
export const configSchemaConnectorMessage = (
  kind: "config" | "secrets" | "params",
  issues: ReadonlyArray<ValidationIssue>,
  wording?: ConfigSchemaWording
): string => {
  const first = issues[0]
  const detail = first === undefined ? "" : configSchemaMessage(first, wording)
  return kind === "params"
    ? `error validating action params: ${detail}`
    : `error validating action type ${kind}: ${detail}`
}

// ---------------------------------------------------------------------------------------------------
// zod v4 `prettifyError` (9.4)
// ---------------------------------------------------------------------------------------------------

const stringifyPrimitive = (value: unknown) => typeof value === "string" ? `"${value}"` : String(value)

/** zod v4's `parsedType` names. */
const parsedType = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : "number"
  return typeof value
}

const sizing: Readonly<Record<string, string>> = { string: "characters", array: "items" }

/**
 * zod v4's default (English) message for one issue (`zod/v4/locales/en.ts`).
 *
 * @since 0.1.0
 * @internal
 */
export const zodV4Message = (issue: ValidationIssue): string => {
  switch (issue.code) {
    case "invalid_type":
      return `Invalid input: expected ${issue.expected}, received ${parsedType(issue.received)}`
    case "invalid_value":
      return issue.values.length === 1
        ? `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(stringifyPrimitive).join("|")}`
    case "too_big":
    case "too_small": {
      const big = issue.code === "too_big"
      const adjective = big ? (issue.inclusive ? "<=" : "<") : (issue.inclusive ? ">=" : ">")
      const unit = sizing[issue.origin]
      const head = `${big ? "Too big" : "Too small"}: expected ${issue.origin}`
      return unit === undefined
        ? `${head} to be ${adjective}${issue.limit}`
        : `${head} to have ${adjective}${issue.limit} ${unit}`
    }
    case "unrecognized_keys":
      return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map(stringifyPrimitive).join(", ")}`
    case "custom":
      return issue.message
  }
}

/** zod v4's `toDotPath`: `a.b[0]["odd key"]`. */
const toDotPath = (path: ReadonlyArray<string | number>): string => {
  const segments: Array<string> = []
  for (const segment of path) {
    if (typeof segment === "number") segments.push(`[${segment}]`)
    else if (/[^\w$]/.test(segment)) segments.push(`[${JSON.stringify(segment)}]`)
    else {
      if (segments.length > 0) segments.push(".")
      segments.push(segment)
    }
  }
  return segments.join("")
}

/**
 * zod v4's `z.prettifyError`: issues sorted by path length (stable), each as `✖ message`, followed by
 * `  → at path` when it has a path (zod `v4/core/errors.ts`). Kibana's own example
 * (elastic/kibana issue #279618): `✖ Invalid input: expected string, received undefined\n  → at name`.
 *
 * @since 0.1.0
 * @internal
 */
export const prettifyZodV4 = (issues: ReadonlyArray<ValidationIssue>): string => {
  const lines: Array<string> = []
  for (const issue of [...issues].sort((a, b) => a.path.length - b.path.length)) {
    lines.push(`✖ ${zodV4Message(issue)}`)
    if (issue.path.length > 0) lines.push(`  → at ${toDotPath(issue.path)}`)
  }
  return lines.join("\n")
}
