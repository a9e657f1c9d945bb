// Builds the package as Effect 3's own packages ship: ESM in dist/esm and CommonJS in dist/cjs, each with
// its own declarations, so `import` and `require` both get code and types of their module kind.
//
// The ESM build is `tsc` (it type-checks); the CommonJS build transpiles the same sources file by file with
// TypeScript's `transpileModule`, since `tsc` will not emit CommonJS from an ESM (`"type": "module"`) package
// under NodeNext resolution. CommonJS declarations are the ESM ones, placed under dist/cjs, where its
// package.json makes TypeScript read them as CommonJS.
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))
const require = createRequire(import.meta.url)
const ts = require("typescript")

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]
  )

const src = join(root, "src")
const esm = join(root, "dist/esm")
const cjs = join(root, "dist/cjs")

rmSync(join(root, "dist"), { recursive: true, force: true })
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit"
})

for (const file of files(src).filter((path) => path.endsWith(".ts"))) {
  const path = relative(src, file)
  const output = ts.transpileModule(readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: true,
      sourceRoot: "",
      inlineSources: false
    }
  })
  const target = join(cjs, path.replace(/\.ts$/, ".js"))
  mkdirSync(dirname(target), { recursive: true })
  const map = JSON.parse(output.sourceMapText)
  map.sources = [relative(dirname(target), file)]
  map.file = path.replace(/\.ts$/, ".js").split("/").pop()
  writeFileSync(target, output.outputText)
  writeFileSync(`${target}.map`, JSON.stringify(map))
}

for (const file of files(esm).filter((path) => path.endsWith(".d.ts") || path.endsWith(".d.ts.map"))) {
  const target = join(cjs, relative(esm, file))
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(file, target)
}
writeFileSync(join(cjs, "package.json"), JSON.stringify({ type: "commonjs" }) + "\n")
