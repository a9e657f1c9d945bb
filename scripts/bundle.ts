/**
 * Programs that tests and benchmarks start as processes of their own (examples, the emulator command,
 * the memory benchmark's subject), bundled with esbuild into plain JavaScript, as an application runs in
 * production:
 * - a bundle starts in about a second; under tsx, whose loader hooks load Effect's modules one by one,
 *   each process took 3 to 5 s on the 2-core CI machine (the tests that run a command exactly as a user
 *   types it, `npm start` and `npm run emulator`, still go through tsx);
 * - a bundle's heap holds no TypeScript loader state: under tsx, its source maps and transformed sources
 *   were 15-20 MB of the live heap, which V8 multiplies when it sizes the heap, so memory figures
 *   measured the loader as much as the library.
 */
import * as esbuild from "esbuild"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))

/** Bundled programs: the path of each entry's script, and how to delete them. */
export interface Bundle {
  readonly script: (entry: string) => string
  readonly remove: () => void
}

/**
 * Bundles `entries` (paths from the repository root, e.g. `examples/quick-start.ts`) into a temporary
 * folder; `effect-kibana` resolves to the sources through tsconfig's `paths`, as under tsx.
 */
export const bundle = async (entries: ReadonlyArray<string>): Promise<Bundle> => {
  const outdir = mkdtempSync(join(tmpdir(), "effect-kibana-bundle-"))
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...entries],
    outdir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: "tsconfig.json",
    logLevel: "error",
    // CommonJS dependencies bundled into ESM still call `require` for Node's built-in modules.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
  })
  return {
    script: (entry) => join(outdir, basename(entry).replace(/\.ts$/, ".js")),
    remove: () => rmSync(outdir, { recursive: true, force: true })
  }
}
