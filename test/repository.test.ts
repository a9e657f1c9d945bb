import { assert, describe, it } from "@effect/vitest"
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

// Everything a test, example or command reads lives in the repository: a user's clone has no `shared/`
// folder beside it, so nothing may point there.

const root = fileURLToPath(new URL("../", import.meta.url))
const skipped = new Set([".git", "node_modules", "dist", "coverage"])

const files = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return []
    const path = join(dir, entry.name)
    return entry.isDirectory() ? files(path) : [path]
  })

// Built from parts so this file does not match itself.
const outsideReference = new RegExp(["\\.\\./", "shared"].join("") + "|/work/" + "shared")

describe("repository", () => {
  it("refers to no file outside itself", () => {
    const all = files(root)
    assert.isAbove(all.length, 100)
    const offenders = all
      .filter((path) => !path.endsWith(".yaml") && !path.endsWith("package-lock.json"))
      .filter((path) => outsideReference.test(readFileSync(path, "utf8")))
      .map((path) => relative(root, path))
    assert.deepStrictEqual(offenders, [])
  })

  it("keeps the OpenAPI fixture byte for byte as its provenance note says", () => {
    const fixture = join(root, "test/fixtures/kibana-openapi")
    const yaml = readFileSync(join(fixture, "kibana-8.18.actions-spaces-status.openapi.yaml"))
    const note = readFileSync(join(fixture, "README.md"), "utf8")
    const sha256 = createHash("sha256").update(yaml).digest("hex")
    assert.include(note, sha256)
  })
})

const relativeImports = (file: string): Array<string> =>
  [...readFileSync(file, "utf8").matchAll(/^(?:import|export)[^"']*?from\s+["'](\.{1,2}\/[^"']+)["']/gm)]
    .map((match) => join(file, "..", match[1]!.replace(/\.js$/, ".ts")))

describe("architecture", () => {
  const sources = files(join(root, "src")).filter((path) => path.endsWith(".ts"))

  it("the emulator imports nothing from the client", () => {
    const emulator = sources.filter((path) => path.startsWith(join(root, "src/emulator/")))
    assert.isAbove(emulator.length, 10)
    const outside = emulator.flatMap((file) =>
      relativeImports(file)
        .filter((target) => !target.startsWith(join(root, "src/emulator/")))
        .map((target) => `${relative(root, file)} -> ${relative(root, target)}`)
    )
    assert.deepStrictEqual(outside, [])
  })

  it("has no import cycle", () => {
    const graph = new Map(sources.map((file) => [file, relativeImports(file)]))
    const cycles: Array<string> = []
    const state = new Map<string, "visiting" | "done">()
    const visit = (file: string, trail: Array<string>) => {
      if (state.get(file) === "done") return
      if (state.get(file) === "visiting") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((path) => relative(root, path)).join(" -> "))
        return
      }
      state.set(file, "visiting")
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file])
      state.set(file, "done")
    }
    for (const file of sources) visit(file, [])
    assert.deepStrictEqual(cycles, [])
  })
})
