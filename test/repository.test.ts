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
