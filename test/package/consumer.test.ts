import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFile, spawn } from "node:child_process"
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

// A user's first hour, from the packed tarball: a fresh project installs it, imports and requires every entry
// point, typechecks against it under strict with NodeNext and with Bundler resolution, and runs the emulator
// command from node_modules/.bin, with and without its optional peer @effect/platform-node.

const root = fileURLToPath(new URL("../..", import.meta.url))
const tsc = join(root, "node_modules/typescript/bin/tsc")
const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  readonly files: ReadonlyArray<string>
  readonly devDependencies: Record<string, string>
}
const entries = ["effect-kibana", "effect-kibana/emulator", "effect-kibana/testing", "effect-kibana/node"] as const

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const run = (command: string, args: ReadonlyArray<string>, cwd: string): Promise<Run> =>
  promisify(execFile)(command, [...args], { cwd, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stderr, stdout }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? ""
    })
  )

const succeeded = (result: Run, what: string) => {
  assert.strictEqual(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

// The same versions the repository is tested with, from npm's cache when `npm ci` filled it.
const dependency = (name: string) => `${name}@${rootPackage.devDependencies[name]}`
const npmInstall = (cwd: string, packages: ReadonlyArray<string>) =>
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...packages], cwd)

/** Packs a copy of the package, so the build never touches the dist/ other tests may be running. */
const pack = (work: string): string => {
  const copy = join(work, "package")
  for (const name of [...rootPackage.files, "package.json", "tsconfig.json", "tsconfig.build.json", "scripts"]) {
    cpSync(join(root, name), join(copy, name), { recursive: true, filter: (path) => !path.includes("/dist") })
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"))
  return copy
}

const esmProgram = `
import * as assert from "node:assert"
${entries.map((entry, i) => `import * as entry${i} from "${entry}"`).join("\n")}
import { Effect } from "effect"
const { Connectors, Kibana } = entry0
const { KibanaTest } = entry2
assert.ok(entry1.KibanaEmulator && entry1.EmulatorServer && Kibana.layer && entry3.KibanaTls && entry3.UndiciHttpClient)
const names = await Effect.runPromise(Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  yield* connectors.create({ connectorTypeId: ".server-log", name: "from-esm", config: {} })
  return (yield* connectors.list()).map((connector) => connector.name)
}).pipe(Effect.provide(KibanaTest.layer())))
console.log(JSON.stringify(names))
`

const cjsProgram = `
const assert = require("node:assert")
${entries.map((entry, i) => `const entry${i} = require("${entry}")`).join("\n")}
const { Effect } = require("effect")
const { Connectors } = entry0
const { KibanaTest } = entry2
assert.ok(entry1.KibanaEmulator && entry1.EmulatorServer && entry3.KibanaTls && entry3.UndiciHttpClient)
Effect.runPromise(Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  yield* connectors.create({ connectorTypeId: ".server-log", name: "from-cjs", config: {} })
  return (yield* connectors.list()).map((connector) => connector.name)
}).pipe(Effect.provide(KibanaTest.layer()))).then((names) => console.log(JSON.stringify(names)))
`

const typedProgram = `
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "@effect/platform"
import { Connector, Connectors, Kibana, KibanaError } from "effect-kibana"
import { KibanaEmulator } from "effect-kibana/emulator"
import { EmbeddedKibana, KibanaTest } from "effect-kibana/testing"

const input: Connector.CreateConnectorInput = { connectorTypeId: ".index", name: "typed", config: { index: "docs" } }
export const program: Effect.Effect<string, Connectors.Connectors.CreateError, Connectors.Connectors> = Effect.flatMap(
  Connectors.Connectors,
  (connectors) => Effect.map(connectors.create(input), (connector) => connector.id)
)
export const live = Kibana.layer({ url: "https://kibana.example.com" }).pipe(Layer.provide(FetchHttpClient.layer))
export const embedded = EmbeddedKibana.layerFromEnv().pipe(Layer.provide(FetchHttpClient.layer))
export const tested = program.pipe(Effect.provide(KibanaTest.layer()))
export const inspect = Effect.map(KibanaEmulator.KibanaEmulator, (emulator) => emulator.documents("docs"))
export const failure: KibanaError.KibanaError["_tag"] = "KibanaWrongServer"
// @ts-expect-error a config key the .index connector does not have
export const wrong: Connector.CreateConnectorInput = { connectorTypeId: ".index", name: "x", config: { indx: "a" } }
`

const tsconfig = (resolution: "NodeNext" | "Bundler") =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      target: "ES2022",
      module: resolution === "NodeNext" ? "NodeNext" : "ESNext",
      moduleResolution: resolution,
      types: ["node"],
      skipLibCheck: false
    },
    include: resolution === "NodeNext" ? ["typed.mts", "typed.cts"] : ["typed.mts"]
  })

const startEmulator = (cwd: string, command = join(cwd, "node_modules/.bin/effect-kibana-emulator")) =>
  Effect.async<string>((resume) => {
    const child = spawn(command, ["--port", "0"], { cwd })
    let output = ""
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Press Ctrl+C")) child.kill("SIGTERM")
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("close", () => resume(Effect.succeed(output)))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

describe("the packed package in a fresh project", () => {
  it.live("installs, imports, requires, typechecks and runs its command", () =>
    Effect.gen(function*() {
      const work = mkdtempSync(join(tmpdir(), "effect-kibana-consumer-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(work, { recursive: true, force: true })))
      const source = pack(work)
      const packed = yield* Effect.promise(() => run("npm", ["pack", "--json", "--pack-destination", work], source))
      const tarball = join(
        work,
        (JSON.parse(succeeded(packed, "npm pack")) as Array<{ filename: string }>)[0]!.filename
      )

      // In a checkout, an edit to src/ is never shadowed by the build it made.
      const main = join(source, "src/emulator/main.ts")
      writeFileSync(main, readFileSync(main, "utf8").replace("Press Ctrl+C to stop.", "Edited: Press Ctrl+C to stop."))
      assert.include(
        yield* startEmulator(source, join(source, "bin/effect-kibana-emulator.js")),
        "Edited: Press Ctrl+C"
      )

      const app = join(work, "app")
      cpSync(join(root, "test/package/app-package.json"), join(app, "package.json"))
      succeeded(
        yield* Effect.promise(() =>
          npmInstall(app, [tarball, dependency("effect"), dependency("@effect/platform"), dependency("@types/node")])
        ),
        "npm install"
      )

      // Without the optional peer, the command says what to install.
      const withoutPeer = yield* startEmulator(app)
      assert.include(withoutPeer, "npm i -D @effect/platform-node@^0.108")
      assert.notInclude(withoutPeer, "ERR_MODULE_NOT_FOUND")

      succeeded(yield* Effect.promise(() => npmInstall(app, [dependency("@effect/platform-node")])), "npm install")
      const served = yield* startEmulator(app)
      assert.match(served, /export KIBANA_URL=http:\/\/127\.0\.0\.1:\d+ KIBANA_API_KEY=\S+/)

      writeFileSync(join(app, "esm.mjs"), esmProgram)
      writeFileSync(join(app, "cjs.cjs"), cjsProgram)
      const esm = yield* Effect.promise(() => run(process.execPath, ["esm.mjs"], app))
      assert.deepStrictEqual(JSON.parse(succeeded(esm, "import")), ["from-esm"])
      const cjs = yield* Effect.promise(() => run(process.execPath, ["cjs.cjs"], app))
      assert.deepStrictEqual(JSON.parse(succeeded(cjs, "require")), ["from-cjs"])

      writeFileSync(join(app, "typed.mts"), typedProgram)
      writeFileSync(join(app, "typed.cts"), typedProgram)
      for (const resolution of ["NodeNext", "Bundler"] as const) {
        writeFileSync(join(app, "tsconfig.json"), tsconfig(resolution))
        succeeded(yield* Effect.promise(() => run(process.execPath, [tsc, "-p", "tsconfig.json"], app)), resolution)
      }
    }).pipe(Effect.scoped), { timeout: 240_000 })
})
