/**
 * The part of Mustache the `.cases-webhook` templates use: variable tags (`{{a.b}}`, `{{{a.b}}}`,
 * `{{& a.b}}`) rendered without HTML escaping, as Kibana's `renderMustacheStringNoEscape` renders them
 * (elastic/kibana:x-pack/platform/plugins/shared/actions/server/lib/mustache_renderer.ts). A missing
 * variable renders as the empty string, a comment as nothing. Sections, inverted sections and partials are not rendered: the
 * template is refused instead.
 *
 * @since 0.1.0
 * @internal
 */
import * as V from "./validation.js"

const tag = /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{(&?)\s*([^}]*?)\s*\}\}/g

const lookup = (variables: V.JsonObject, path: string): unknown =>
  path.split(".").reduce<unknown>((value, key) => V.isJsonObject(value) ? value[key] : undefined, variables)

const text = (value: unknown): string =>
  value === undefined || value === null
    ? ""
    : typeof value === "string"
    ? value
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value)

/**
 * Renders the variable tags of `template`; `undefined` when it uses a tag other than a variable.
 *
 * @since 0.1.0
 * @category utils
 * @internal
 */
export const renderNoEscape = (template: string, variables: V.JsonObject): string | undefined => {
  let unsupported = false
  const rendered = template.replace(tag, (_, triple: string | undefined, ampersand: string, name: string) => {
    const path = triple ?? name
    if (triple === undefined && ampersand === "" && path.startsWith("!")) return ""
    if (triple === undefined && ampersand === "" && /^[#^/>=]/.test(path)) unsupported = true
    return text(lookup(variables, path))
  })
  return unsupported ? undefined : rendered
}
