import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { type Bundle, bundle } from "../../scripts/bundle.js"
import * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"

const root = fileURLToPath(new URL("../..", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url))

let examples: Bundle
beforeAll(async () => {
  const entries = readdirSync(new URL("../../examples", import.meta.url)).filter((name) => name.endsWith(".ts"))
  examples = await bundle(entries.map((name) => `examples/${name}`))
})
afterAll(() => examples.remove())

// The examples must run on a fresh clone: no Kibana settings from the machine running the tests.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("KIBANA_")))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs an example without a terminal (stdin and stdout are pipes): bundled, or with `npm start`'s own
 * command, `tsx examples/<name>.ts`.
 */
const runExample = (
  name: string,
  args: ReadonlyArray<string> = [],
  env: Record<string, string> = {},
  runner: "bundle" | "tsx" = "bundle"
) =>
  Effect.async<Run>((resume) => {
    const [command, script] = runner === "tsx"
      ? [tsx, `examples/${name}.ts`]
      : [process.execPath, examples.script(`${name}.ts`)]
    const child = spawn(command, [script, ...args], {
      cwd: root,
      env: { ...cleanEnv, ...env },
      stdio: ["pipe", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.once("close", (code) => resume(Effect.succeed({ code, stdout, stderr })))
    return Effect.sync(() => child.kill())
  })

/** The run's stdout lines; fails the test with the whole output when it did not exit with 0. */
const succeeded = (run: Run) => {
  assert.strictEqual(run.code, 0, `exit code ${run.code}\n${run.stdout}\n${run.stderr}`)
  assert.notInclude(run.stdout, "(y/N)", "never asks without a terminal")
  return run.stdout.split("\n")
}

// Each run is a fresh Node process: seconds of CPU on a busy machine, more through tsx.
const timeout = 60_000

const emulatorLine =
  /^Using the embedded Kibana emulator at http:\/\/127\.0\.0\.1:\d+ \(set KIBANA_URL to use a real Kibana\)$/

const match = (lines: ReadonlyArray<string>, pattern: RegExp) => {
  const found = lines.map((line) => pattern.exec(line)).find((result) => result !== null)
  assert.isDefined(found, `no line matches ${pattern}:\n${lines.join("\n")}`)
  return found!
}

describe.concurrent("examples against the embedded emulator", () => {
  it.live("simple-index-connector (npm start) creates, writes, reads back and deletes", () =>
    Effect.gen(function*() {
      const lines = succeeded(yield* runExample("simple-index-connector", [], {}, "tsx"))
      assert.match(lines[0]!, emulatorLine)
      const [, id] = match(lines, /^Created connector (\S+)$/)
      assert.include(lines, "Indexed 1 document into effect-kibana-example")
      assert.include(lines, `Read back connector ${id}: "effect-kibana example: simple" (.index)`)
      match(lines, /^ {2}config: .*"index":"effect-kibana-example".*"refresh":true.*"executionTimeField":"@timestamp"/)
      assert.strictEqual(lines.at(-2), `Deleted connector ${id}`)
    }), timeout)

  it.live("simple-index-connector --keep keeps the connector", () =>
    Effect.gen(function*() {
      const lines = succeeded(yield* runExample("simple-index-connector", ["--keep"]))
      const [, id] = match(lines, /^Created connector (\S+)$/)
      assert.strictEqual(lines.at(-2), `Kept connector ${id}`)
      assert.isFalse(lines.some((line) => line.startsWith("Deleted")))
    }), timeout)

  it.live(
    "debug-connector shows types, redacted requests, raw and decoded answers, and a tagged failure",
    () =>
      Effect.gen(function*() {
        const run = yield* runExample("debug-connector")
        const lines = succeeded(run)
        assert.match(lines[0]!, emulatorLine)
        match(lines, /^ {2}\.index +Index +yes +basic$/)
        match(lines, /^ {5}headers: .*"authorization":"<redacted>"/)
        // the emulator's default credentials, in any form, never appear
        for (const secret of ["changeme", Buffer.from("elastic:changeme").toString("base64")]) {
          assert.notInclude(run.stdout + run.stderr, secret)
        }
        const [, id] = match(lines, /^Created connector (\S+)$/)
        assert.include(lines, "POST /api/actions/connector -> 200")
        assert.include(lines, `GET /api/actions/connector/${id} -> 200`)
        assert.include(lines, "    \"connector_type_id\": \".index\",")
        assert.include(lines, "    \"connectorTypeId\": \".index\",")
        assert.include(lines, "Failed with KibanaBadRequest (HTTP 400)")
        match(lines, /^ {2}Kibana says: error validating connector type config: .*Invalid URL/)
        assert.strictEqual(lines.at(-2), `Deleted connector ${id}`)
      }),
    timeout
  )

  it.live("connector-management ensures, updates, writes in batches and deletes", () =>
    Effect.gen(function*() {
      const run = yield* runExample("connector-management")
      const lines = succeeded(run)
      assert.match(lines[0]!, emulatorLine)
      const [, id] = match(lines, /^Created connector (\S+)$/)
      // Structured logs are logfmt on stderr, annotated; stdout carries only the program's own output.
      const logs = run.stderr.split("\n")
      match(logs, new RegExp(`^timestamp=\\S+ level=INFO fiber=\\S+ message="connector created" .*connectorId=${id}`))
      match(logs, /^timestamp=\S+ level=INFO fiber=\S+ message="documents written" write=\d+ms written=120 total=120$/)
      assert.notInclude(run.stdout, "connector created")
      match(lines, new RegExp(`^Updated connector ${id}: .*"refresh":true.*"executionTimeField":"@timestamp"`))
      assert.include(lines, "  batch 1/5: 25/120 documents")
      assert.include(lines, "  batch 5/5: 120/120 documents")
      assert.include(lines, "Indexed 120 documents in 5 batches")
      assert.include(lines, "[emulator only] 120 documents stored in effect-kibana-example-alerts")
      assert.strictEqual(lines.at(-2), `Deleted connector ${id}`)
    }), timeout)

  it.live(
    "space-scoped-connector keeps the tenant's connectors out of the default space",
    () =>
      Effect.gen(function*() {
        const lines = succeeded(yield* runExample("space-scoped-connector"))
        assert.match(lines[0]!, emulatorLine)
        const [, space] = match(lines, /^Created space (effect-kibana-example-[a-z0-9]+)$/)
        const created = lines.filter((line) => new RegExp(`^Created connector \\S+ in space ${space}$`).test(line))
        assert.strictEqual(created.length, 2)
        assert.include(lines, `Listed from space ${space}: 2 of 2 connectors`)
        assert.include(lines, "Listed from the default space: 0 of 2 connectors")
        match(lines, /^Get from the default space: KibanaNotFound \(404 /)
        assert.strictEqual(lines.at(-2), `Deleted space ${space} and everything in it`)
      }),
    timeout
  )

  it.live(
    "provision-alerting ensures four connectors, executes each, and shows what each service received",
    () =>
      Effect.gen(function*() {
        const lines = succeeded(yield* runExample("provision-alerting"))
        assert.match(lines[0]!, emulatorLine)
        for (
          const [name, type] of [["ops channel", ".slack"], ["on-call", ".pagerduty"], ["incidents", ".servicenow"], [
            "audit hook",
            ".webhook"
          ]]
        ) {
          assert.include(lines, `effect-kibana example: ${name} (${type}): created`)
        }
        assert.include(lines, "effect-kibana example: on-call again: unchanged")
        assert.include(lines, "effect-kibana example: audit hook with a header: updated")
        assert.include(lines, "Slack: ok")
        assert.include(lines, "PagerDuty: success, Event processed, dedup key disk-web-1")
        assert.include(lines, "Webhook: sent {\"event\":\"disk-full\",\"host\":\"web-1\"}")
        match(lines, /^ServiceNow: incident INC\d+ at http:\/\/127\.0\.0\.1:\d+\/servicenow\/nav_to\.do/)
        assert.include(lines, "slack received POST /services/T000/B000/XXXX {\"text\":\"Disk 91% full on web-1\"}")
        match(lines, /^pagerduty received POST \/v2\/enqueue .*"dedup_key":"disk-web-1"/)
        match(lines, /^servicenow received POST \/api\/now\/v2\/table\/incident .*"urgency":"1"/)
        assert.include(lines, "torq received POST /webhook/audit {\"event\":\"disk-full\",\"host\":\"web-1\"}")
        assert.notInclude(lines.join("\n"), "example-password")
        assert.strictEqual(lines.filter((line) => line.startsWith("Deleted connector")).length, 4)
      }),
    timeout
  )
})

// On its own, after the concurrent ones: it writes thousands of documents, and one more process at once
// would slow them all.
describe("the document-streams example against the embedded emulator", () => {
  it.live(
    "document-streams writes logs, metrics and events through three connectors and exports telemetry",
    () =>
      Effect.gen(function*() {
        const lines = succeeded(yield* runExample("document-streams"))
        assert.match(lines[0]!, emulatorLine)
        const ids = ["application logs", "metric samples", "events"].map((title) =>
          match(lines, new RegExp(`^Created connector (\\S+) for ${title} into effect-kibana-example-`))[1]
        )
        assert.include(lines, "  application logs: 2000/2000 written")
        assert.include(lines, "Wrote 2000 application logs in 8 batches")
        assert.include(lines, "Wrote 1200 metric samples in 5 batches")
        assert.include(lines, "Wrote 600 events in 3 batches")
        for (const id of ids) match(lines, new RegExp(`^Deleted connector ${id} `))
        match(lines, /^Exported spans: .*\b3 Connectors\.create, 16 DocumentWriter\.batch, 3 DocumentWriter\.write\b/)
        assert.include(lines, "Exported metric kibana.documents.written: 3800")
        match(lines, /^Exported metric kibana\.client\.request\.duration: 22 requests$/)
      }),
    timeout
  )
})

describe("mutual-tls example", () => {
  it.live(
    "connects with a client certificate to the emulator over HTTPS, and is refused without one",
    () =>
      Effect.gen(function*() {
        const lines = succeeded(yield* runExample("mutual-tls"))
        match(lines, /^Connected over mutual TLS to https:\/\/127\.0\.0\.1:\d+$/)
        match(lines, /^Wrote 1 document through connector [a-z0-9-]{36}$/)
        assert.include(lines, "Without a client certificate: KibanaTransportError (Tls)")
      }),
    timeout
  )
})

describe("examples against KIBANA_URL", () => {
  it.live("a failed run deletes what it created, even with --keep", () =>
    Effect.gen(function*() {
      const { url } = yield* EmulatorServer.EmulatorServer
      const kibana = yield* KibanaEmulator.KibanaEmulator
      yield* kibana.addFault({ fault: { _tag: "Status", status: 400 }, path: "/api/actions/connector/{id}/_execute" })
      const run = yield* runExample("simple-index-connector", ["--keep"], {
        KIBANA_URL: url,
        KIBANA_USERNAME: "elastic",
        KIBANA_PASSWORD: "changeme"
      })
      assert.strictEqual(run.code, 1)
      const lines = run.stdout.split("\n")
      assert.strictEqual(lines[0], `Using Kibana at ${url}`)
      const [, id] = match(lines, /^Created connector (\S+)$/)
      assert.include(lines, `Deleted connector ${id}`)
      assert.include(run.stderr + run.stdout, "KibanaBadRequest")
      assert.deepStrictEqual(yield* kibana.connectors, [])
    }).pipe(Effect.provide(EmulatorServer.layerServer())), timeout)
})
