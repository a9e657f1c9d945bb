import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { promisify } from "node:util"
import { bundle } from "../../scripts/bundle.js"
import { connectorTypes } from "../../src/schemas/connectorTypes/index.js"

// The README is part of the product: its commands must exist and its quick start must run as written.

const root = new URL("../../", import.meta.url)
const readme = readFileSync(new URL("README.md", root), "utf8")
const packageJson = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  readonly scripts: Record<string, string>
}

describe("README", () => {
  it("opens with the two set-up commands, and CI runs the test one", () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? ""
    assert.match(firstBlock, /^npm ci && npm start\b/m)
    assert.match(firstBlock, /^npm ci && npm test\b/m)
    assert.isBelow(readme.indexOf(firstBlock), readme.indexOf("\n## "))
    const ci = readFileSync(new URL(".ci/run", root), "utf8")
    assert.match(ci, /^npm ci$/m)
    assert.match(ci, /^npm test$/m)
  })

  it("names only npm scripts that exist", () => {
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((match) => match[1]!)
    assert.isAbove(named.length, 4)
    for (const script of named) assert.property(packageJson.scripts, script)
  })

  it("has one row per typed connector type in its connector types table", () => {
    const table = readme.slice(readme.indexOf("#### Connector types"), readme.indexOf("### `DocumentWriter`"))
    const rows = [...table.matchAll(/^\| `(\.[a-z0-9_-]+)` \|/gm)].map((match) => match[1]!)
    assert.deepStrictEqual([...rows].sort(), Object.keys(connectorTypes).sort())
  })

  it("shows examples/quick-start.ts verbatim", () => {
    const quickStart = readFileSync(new URL("examples/quick-start.ts", root), "utf8")
    assert.include(readme, "```ts\n" + quickStart + "```")
  })

  it("has a quick start that runs as written against the embedded emulator", async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("KIBANA_")))
    // bundled, to start in a second rather than tsx's several (scripts/bundle.ts); the code is the file shown
    const quickStart = await bundle(["examples/quick-start.ts"])
    const { stdout } = await promisify(execFile)(process.execPath, [quickStart.script("quick-start.ts")], {
      cwd: root,
      env,
      timeout: 60_000
    }).finally(quickStart.remove)
    assert.match(stdout, /^Talking to emulator at http:\/\/127\.0\.0\.1:\d+$/m)
    assert.match(stdout, /^Indexed 1 document with connector [0-9a-f-]{36}$/m)
  })
})
