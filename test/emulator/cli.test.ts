import { FetchHttpClient } from "@effect/platform"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { Connectors, Kibana } from "effect-kibana"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { type Bundle, bundle } from "../../scripts/bundle.js"
import { call } from "./helpers.js"

const bin = fileURLToPath(new URL("../../bin/effect-kibana-emulator.js", import.meta.url))
// The command's sources bundled: the command starts in about a second (see scripts/bundle.ts).
let command: Bundle
beforeAll(async () => {
  command = await bundle(["src/emulator/main.ts"])
})
afterAll(() => command.remove())

/** Starts the command: bundled, or as `npm run emulator` does, through `bin/` (which runs the sources with tsx). */
const start = (args: ReadonlyArray<string>, runner: "bundle" | "bin" = "bundle") =>
  Effect.acquireRelease(
    Effect.sync(() =>
      spawn(process.execPath, [runner === "bin" ? bin : command.script("main.ts"), ...args], {
        stdio: ["ignore", "pipe", "pipe"]
      })
    ),
    (child) =>
      Effect.async<void>((resume) => {
        if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
        child.once("exit", () => resume(Effect.void))
        child.kill("SIGTERM")
      })
  )

const output = (child: ChildProcess, until: RegExp) =>
  Effect.async<string>((resume) => {
    let text = ""
    const onData = (chunk: Buffer) => {
      text += chunk.toString()
      if (until.test(text)) resume(Effect.succeed(text))
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.once("exit", () => resume(Effect.succeed(text)))
  })

describe("effect-kibana-emulator command", () => {
  it.scopedLive(
    "prints export lines a shell takes as printed, and the client works with them",
    () =>
      Effect.gen(function*() {
        const child = yield* start(["--port", "0", "--version", "8.18.0"], "bin")
        const printed = yield* output(child, /Press Ctrl\+C/)
        const exports = printed.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("export "))
        assert.include(printed, "Kibana emulator 8.18.0 (profile 8.18) listening on")
        assert.strictEqual(exports.length, 2)
        for (const line of exports) {
          // The line goes through a real shell, as a user pastes it; the client then reads the environment.
          const env = yield* Effect.promise(() =>
            promisify(execFile)("sh", ["-c", `${line} && env`], { env: {} }).then(({ stdout }) =>
              new Map(
                stdout.split("\n").filter((entry) => entry.startsWith("KIBANA_")).map((entry) => {
                  const at = entry.indexOf("=")
                  return [entry.slice(0, at), entry.slice(at + 1)] as const
                })
              )
            )
          )
          assert.match(env.get("KIBANA_URL") ?? "", /^http:\/\/127\.0\.0\.1:\d+$/)
          const connectors = yield* Connectors.Connectors.pipe(
            Effect.flatMap((service) => service.list()),
            Effect.provide(Kibana.layerFromEnv().pipe(Layer.provide(FetchHttpClient.layer))),
            Effect.withConfigProvider(ConfigProvider.fromMap(env))
          )
          assert.deepStrictEqual(connectors, [])
          const status = yield* call(env.get("KIBANA_URL")!, "GET", "/api/status", {
            authorization: `Basic ${Buffer.from("elastic:changeme").toString("base64")}`
          })
          assert.strictEqual(status.json.version.number, "8.18.0")
        }
        const exited = yield* Effect.async<number | null>((resume) => {
          child.once("exit", (code) => resume(Effect.succeed(code)))
          child.kill("SIGTERM")
        })
        assert.isTrue(exited === 0 || exited === null || exited === 130 || exited === 143)
      }),
    { timeout: 30_000 }
  )

  it.scopedLive(
    "serves one emulator on several ports, and KIBANA_URL lists them for a client with failover",
    () =>
      Effect.gen(function*() {
        const child = yield* start(["--port", "0,0"])
        const printed = yield* output(child, /Press Ctrl\+C/)
        const urls = /export KIBANA_URL=(\S+) /.exec(printed)?.[1]?.split(",") ?? []
        assert.lengthOf(urls, 2)
        assert.notStrictEqual(urls[0], urls[1])
        // one state: a connector created through one port is read through the other
        const created = yield* call(urls[0]!, "POST", "/api/actions/connector", {
          body: { name: "shared", connector_type_id: ".server-log" }
        })
        assert.strictEqual(created.status, 200)
        const read = yield* call(urls[1]!, "GET", `/api/actions/connector/${created.json.id}`)
        assert.strictEqual(read.json.name, "shared")
        const bad = yield* start(["--port", "0,x"])
        assert.include(yield* output(bad, /port/), "not a port number: x")
      }),
    { timeout: 30_000 }
  )

  it.scopedLive("refuses a version it cannot play, before listening", () =>
    Effect.gen(function*() {
      const child = yield* start(["--port", "0", "--version", "8.17.4"])
      const printed = yield* output(child, /EmulatorOptionsError/)
      assert.include(printed, "the emulator plays Kibana 8.18.0 and later, not 8.17.4")
      assert.notInclude(printed, "listening on")
      const code = yield* Effect.async<number | null>((resume) => {
        if (child.exitCode !== null) return resume(Effect.succeed(child.exitCode))
        child.once("exit", (exitCode) => resume(Effect.succeed(exitCode)))
      })
      assert.strictEqual(code, 1)
    }), { timeout: 30_000 })

  it.scopedLive("rejects an invalid port with a non-zero exit code", () =>
    Effect.gen(function*() {
      const child = yield* start(["--port", "nope"])
      const printed = yield* output(child, /EmulatorOptionsError/)
      assert.include(printed, "not a port number: nope")
      const code = yield* Effect.async<number | null>((resume) => {
        if (child.exitCode !== null) return resume(Effect.succeed(child.exitCode))
        child.once("exit", (exitCode) => resume(Effect.succeed(exitCode)))
      })
      assert.strictEqual(code, 1)
    }), { timeout: 30_000 })
})
