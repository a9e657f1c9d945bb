import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { libraryVersion } from "../../src/internal/version.js"

describe("library version", () => {
  it("src/internal/version.ts equals package.json's version (it is sent as the User-Agent)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    assert.strictEqual(libraryVersion, pkg.version)
  })
})
