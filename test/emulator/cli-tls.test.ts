// The emulator command serves HTTPS with --tls-cert/--tls-key, and requires client certificates with
// --tls-ca and --require-client-certificate.
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { spawn } from "node:child_process"
import { join } from "node:path"
import { makeTestPki } from "../../examples/support/certificates.js"
import { type Bundle, bundle } from "../../scripts/bundle.js"
import { KibanaTls } from "../../src/node.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"

// The command's sources bundled: the command starts in about a second (see scripts/bundle.ts).
let command: Bundle
beforeAll(async () => {
  command = await bundle(["src/emulator/main.ts"])
})
afterAll(() => command.remove())
const pki = makeTestPki()
afterAll(() => pki.remove())

const start = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() =>
      spawn(process.execPath, [command.script("main.ts"), ...args], { stdio: ["ignore", "pipe", "pipe"] })
    ),
    (child) =>
      Effect.async<void>((resume) => {
        if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
        child.once("exit", () => resume(Effect.void))
        child.kill("SIGTERM")
      })
  )

const printedUrl = (args: ReadonlyArray<string>) =>
  Effect.flatMap(start(args), (child) =>
    Effect.async<string>((resume) => {
      let text = ""
      const onData = (chunk: Buffer) => {
        text += chunk.toString()
        const url = /listening on (\S+)/.exec(text)?.[1]
        if (url !== undefined) resume(Effect.succeed(url))
      }
      child.stdout.on("data", onData)
      child.stderr.on("data", onData)
      child.once("exit", () => resume(Effect.succeed(`exited: ${text}`)))
    }))

const status = (url: string, tls: KibanaTls.KibanaTlsOptions) =>
  Effect.flatMap(KibanaClient.KibanaClient, (kibana) => kibana.request({ method: "GET", path: "/api/status" })).pipe(
    Effect.provide(
      KibanaClient.layer({ url, auth: KibanaClient.KibanaAuth.basic("elastic", "changeme"), retry: { times: 0 } })
        .pipe(Layer.provide(KibanaTls.layerHttpClient(tls)))
    ),
    Effect.either
  )

describe("effect-kibana-emulator over HTTPS", () => {
  it.scopedLive("serves HTTPS and requires a client certificate when told", () =>
    Effect.gen(function*() {
      const url = yield* printedUrl([
        "--port",
        "0",
        "--tls-cert",
        join(pki.dir, "server.crt"),
        "--tls-key",
        join(pki.dir, "server.key"),
        "--tls-ca",
        join(pki.dir, "ca.crt"),
        "--require-client-certificate"
      ])
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/)
      const withCertificate = yield* status(url, {
        ca: pki.ca,
        cert: pki.clientCert,
        key: Redacted.make(pki.clientKey)
      })
      assert.strictEqual(withCertificate._tag, "Right")
      const without = yield* status(url, { ca: pki.ca })
      assert.strictEqual(without._tag, "Left")
      if (without._tag === "Left") assert.strictEqual((without.left as { reason?: string }).reason, "Tls")
    }), { timeout: 30_000 })

  it.scopedLive("--require-client-certificate without --tls-ca is refused", () =>
    Effect.gen(function*() {
      const printed = yield* printedUrl([
        "--tls-cert",
        join(pki.dir, "server.crt"),
        "--tls-key",
        join(pki.dir, "server.key"),
        "--require-client-certificate"
      ])
      assert.include(printed, "needs --tls-ca")
    }), { timeout: 30_000 })
})
