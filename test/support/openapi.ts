/**
 * A small OpenAPI 3.0 response validator for contract tests.
 *
 * It maps a concrete request (`/s/<space>` prefix, query, concrete ids) back to the document's
 * operation, finds what the document says about the answer's status and checks a parsed body with
 * Ajv. The whole document is registered under one `$id`, so `#/components/...` references resolve
 * inside it. OpenAPI 3.0 specifics: Ajv knows `nullable` and `discriminator`; `example`, `x-*` and the
 * other non-JSON-Schema keys are ignored (`strict: false`).
 */
import { Ajv, type ErrorObject } from "ajv"
import addFormats from "ajv-formats"
import * as Fs from "node:fs"
import { fileURLToPath } from "node:url"
import { parse } from "yaml"

/** The Kibana 8.18 OpenAPI subset, copied into the repository with its provenance (`test/fixtures/kibana-openapi/README.md`). */
export const kibanaOasPath = fileURLToPath(
  new URL("../fixtures/kibana-openapi/kibana-8.18.actions-spaces-status.openapi.yaml", import.meta.url)
)

/** Any JSON Schema (or OpenAPI schema object). */
export type JsonSchema = Record<string, unknown>

/** Validation messages, one per Ajv error; empty when the body conforms. */
export type Problems = ReadonlyArray<string>

/**
 * What the document says about one answer.
 *
 * - `Schema`: an `application/json` schema (`pointer` is its JSON pointer in the document);
 * - `Examples`: only `application/json` examples, checked as an example-derived shape (see `shapeOf`);
 * - `Undescribed`: the status is documented without a JSON body description;
 * - `Undocumented`: the operation exists but does not list this status.
 */
export type Contract =
  | { readonly _tag: "Schema"; readonly pointer: string; readonly validate: (body: unknown) => Problems }
  | {
    readonly _tag: "Examples"
    readonly names: ReadonlyArray<string>
    /** Against what all the examples have in common. */
    readonly validate: (body: unknown) => Problems
  }
  | { readonly _tag: "Undescribed" }
  | { readonly _tag: "Undocumented"; readonly documented: ReadonlyArray<string> }

export interface OpenApi {
  readonly document: any
  /** The document's path template for a concrete path (query and `/s/<space>` prefix removed). */
  readonly templateOf: (path: string) => string | undefined
  /**
   * The contract of an answer. Throws when the document has no such operation: a contract test must
   * never pass by validating nothing. `template` names the operation when the concrete path cannot.
   */
  readonly contract: (method: string, path: string, status: number, template?: string) => Contract
  /** Validates against any schema of the document, e.g. `/components/schemas/index_config`. */
  readonly validateAt: (pointer: string, body: unknown) => Problems
}

const documentId = "openapi-document"

// Kibana's space URL regex (kibana-http-api.md §4.1); the OAS paths have no space prefix.
const spacePrefix = /^\/s\/[a-z0-9_-]+(?=\/)/

const newAjv = () => {
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: true, validateSchema: false })
  addFormats.default(ajv)
  return ajv
}

const formatError = (error: ErrorObject) =>
  `${error.instancePath === "" ? "(body)" : error.instancePath} ${error.message ?? error.keyword} ${
    JSON.stringify(error.params)
  }`

/** A reusable validator for a standalone JSON Schema, with the same Ajv options. */
export const validator = (schema: JsonSchema): (body: unknown) => Problems => {
  const validate = newAjv().compile(schema)
  return (body) => validate(body) ? [] : (validate.errors ?? []).map(formatError)
}

const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1")

const pointerOf = (segments: ReadonlyArray<string>) => segments.map((segment) => `/${escapeSegment(segment)}`).join("")

// Ajv reads a `$ref` fragment as a URI fragment: each pointer segment is percent-decoded.
const refOf = (pointer: string) => `${documentId}#${pointer.split("/").map(encodeURIComponent).join("/")}`

const at = (document: unknown, pointer: string): unknown =>
  pointer.split("/").slice(1).reduce<unknown>(
    (node, segment) =>
      node === undefined || node === null
        ? undefined
        : (node as Record<string, unknown>)[segment.replace(/~1/g, "/").replace(/~0/g, "~")],
    document
  )

const resolveRef = (document: unknown, node: any): any =>
  typeof node?.$ref === "string" && node.$ref.startsWith("#/") ? at(document, node.$ref.slice(1)) : node

const typesOf = (schema: JsonSchema): ReadonlyArray<string> =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type as string]

/**
 * Merges two example shapes so the result accepts what either example shows: types are united, a
 * property is required only when both require it, and any property either one has keeps its type.
 */
const mergeShapes = (left: JsonSchema, right: JsonSchema): JsonSchema => {
  const [leftTypes, rightTypes] = [typesOf(left), typesOf(right)]
  // No type means any type (a `null` in an example), and stays so.
  const merged: JsonSchema = leftTypes.length === 0 || rightTypes.length === 0
    ? {}
    : { type: [...new Set([...leftTypes, ...rightTypes])] }
  const leftProperties = (left.properties ?? {}) as Record<string, JsonSchema>
  const rightProperties = (right.properties ?? {}) as Record<string, JsonSchema>
  const names = [...new Set([...Object.keys(leftProperties), ...Object.keys(rightProperties)])]
  if (names.length > 0) {
    merged.properties = Object.fromEntries(names.map((name) => {
      const [a, b] = [leftProperties[name], rightProperties[name]]
      return [name, a !== undefined && b !== undefined ? mergeShapes(a, b) : a ?? b]
    }))
  }
  const [leftRequired, rightRequired] = [left.required, right.required] as Array<ReadonlyArray<string> | undefined>
  if (leftRequired !== undefined && rightRequired !== undefined) {
    merged.required = leftRequired.filter((name) => rightRequired.includes(name))
  }
  const items = [left.items, right.items].filter((item): item is JsonSchema => item !== undefined)
  if (items.length > 0) merged.items = items.reduce(mergeShapes)
  return merged
}

/**
 * The shape an example value shows, as a JSON Schema, for answers the document describes only by
 * example. A record (the body object, or each item of a body array) must have every field that has a
 * non-null value in all example records; nested values are checked for their JSON type only, since
 * they vary by record (a connector's `config`). A `null` says nothing about the type. Extra fields
 * are allowed.
 */
export const shapeOf = (value: unknown, record = true): JsonSchema => {
  if (Array.isArray(value)) {
    const items = value.map((item) => shapeOf(item, record))
    return items.length === 0 ? { type: "array" } : { type: "array", items: items.reduce(mergeShapes) }
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
    return {
      type: "object",
      properties: Object.fromEntries(entries.map(([name, field]) => [name, shapeOf(field, false)])),
      ...(record ? { required: entries.filter(([, field]) => field !== null).map(([name]) => name) } : {})
    }
  }
  return value === null ? {} : { type: typeof value }
}

const compileTemplate = (template: string) =>
  new RegExp(`^${template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+")}$`)

/** Loads an OpenAPI 3.0 document (YAML or JSON). */
export const load = (file: string = kibanaOasPath): OpenApi => {
  const document = parse(Fs.readFileSync(file, "utf8"))
  const ajv = newAjv()
  ajv.addSchema(document, documentId)

  // Literal segments win over `{param}` ones, like a router would match them.
  const templates = Object.keys(document.paths ?? {})
    .map((template) => ({ template, regex: compileTemplate(template), params: (template.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params)

  const templateOf = (path: string) => {
    const bare = path.split("?")[0]!.replace(spacePrefix, "")
    return templates.find(({ regex }) => regex.test(bare))?.template
  }

  const validateAt = (pointer: string, body: unknown): Problems => {
    const validate = ajv.getSchema(refOf(pointer))
    if (validate === undefined) throw new Error(`No schema at ${pointer} in ${file}`)
    return validate(body) ? [] : (validate.errors ?? []).map(formatError)
  }

  const examplesContract = (media: any): Contract => {
    const values: Record<string, unknown> = Object.fromEntries(
      Object.entries(media.examples as Record<string, unknown>).map((
        [name, example]
      ) => [name, resolveRef(document, example).value])
    )
    const names = Object.keys(values)
    return {
      _tag: "Examples",
      names,
      validate: validator(names.map((name) => shapeOf(values[name])).reduce(mergeShapes))
    }
  }

  const contract = (method: string, path: string, status: number, template?: string): Contract => {
    const name = template ?? templateOf(path)
    const verb = method.toLowerCase()
    const operation = name === undefined ? undefined : document.paths[name]?.[verb]
    if (operation === undefined) {
      throw new Error(`The document has no operation ${method.toUpperCase()} ${name ?? path} (request ${path})`)
    }
    const responses = operation.responses ?? {}
    const declared = responses[String(status)]
    if (declared === undefined) return { _tag: "Undocumented", documented: Object.keys(responses) }
    // A response may be a `$ref` to `#/components/responses/...`: point into what it refers to.
    const answerPointer = typeof declared.$ref === "string"
      ? declared.$ref.slice(1)
      : pointerOf(["paths", name!, verb, "responses", String(status)])
    const media = resolveRef(document, declared).content?.["application/json"]
    if (media?.schema !== undefined) {
      const pointer = `${answerPointer}${pointerOf(["content", "application/json", "schema"])}`
      return { _tag: "Schema", pointer, validate: (body) => validateAt(pointer, body) }
    }
    if (media?.examples !== undefined) return examplesContract(media)
    return { _tag: "Undescribed" }
  }

  return { document, templateOf, contract, validateAt }
}
