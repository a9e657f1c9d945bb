// TLS against the emulator served over HTTPS with a PKI made by the test: a private CA, a server that
// requires a client certificate, PFX with a passphrase, the insecure switch, and TLS failures classed
// `Tls` and never retried.
import { afterAll, assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import { makeTestPki } from "../../examples/support/certificates.js"
import type * as EmulatorServer from "../../src/emulator/EmulatorServer.js"
import { EmulatorServer as EmulatorServerTag, layerServer } from "../../src/emulator/EmulatorServer.js"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import { KibanaTls } from "../../src/node.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"

const pki = makeTestPki()
afterAll(() => pki.remove())

const serverTls = (requireClientCertificate: boolean): EmulatorServer.ServerTlsOptions => ({
  cert: pki.serverCert,
  key: pki.serverKey,
  ca: pki.ca,
  requireClientCertificate
})

/** Lists connectors over TLS with `tls`; retries on, so a retried TLS failure would show in the log. */
const listOver = (tls: KibanaTls.KibanaTlsOptions, requireClientCertificate: boolean) =>
  Effect.gen(function*() {
    const emulator = yield* KibanaEmulator
    const result = yield* Effect.either(
      Effect.flatMap(Connectors.Connectors, (connectors) => connectors.list())
    )
    return { result, log: yield* emulator.requestLog }
  }).pipe(
    Effect.provide(
      Connectors.layer.pipe(
        Layer.provideMerge(Layer.unwrapEffect(Effect.map(
          EmulatorServerTag,
          (server) =>
            KibanaClient.layer({
              url: server.url,
              auth: KibanaClient.KibanaAuth.basic("elastic", "changeme"),
              retry: { times: 2, baseDelay: "10 millis" }
            }).pipe(Layer.provide(KibanaTls.layerHttpClient(tls)))
        ))),
        Layer.provideMerge(layerServer({ tls: serverTls(requireClientCertificate) }))
      )
    )
  )

const expectTls = (result: { readonly _tag: string; readonly left?: unknown }) => {
  assert.strictEqual(result._tag, "Left")
  const error = result.left as { _tag: string; reason?: string; message: string }
  assert.strictEqual(error._tag, "KibanaTransportError", error.message)
  assert.strictEqual(error.reason, "Tls", error.message)
}

describe("TLS", () => {
  it.live("a private CA verifies the emulator's certificate", () =>
    Effect.gen(function*() {
      const { result } = yield* listOver({ ca: pki.ca }, false)
      assert.strictEqual(result._tag, "Right")
    }))

  it.live("without the CA, the certificate is not trusted: Tls, not retried", () =>
    Effect.gen(function*() {
      const { log, result } = yield* listOver({}, false)
      expectTls(result)
      assert.strictEqual(log.length, 0)
    }))

  it.live("a CA that signed something else is not trusted: Tls", () =>
    Effect.gen(function*() {
      expectTls((yield* listOver({ ca: pki.otherCa }, false)).result)
    }))

  it.live("a server name the certificate does not name: Tls", () =>
    Effect.gen(function*() {
      expectTls((yield* listOver({ ca: pki.ca, serverName: "kibana.example.com" }, false)).result)
    }))

  it.live("insecure skips verification", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* listOver({ insecure: true }, false)).result._tag, "Right")
    }))

  it.live("a server that requires a client certificate: without one it is Tls, and never retried", () =>
    Effect.gen(function*() {
      const { log, result } = yield* listOver({ ca: pki.ca }, true)
      expectTls(result)
      assert.strictEqual(log.length, 0)
    }))

  it.live("a server that requires a client certificate: cert and key are accepted", () =>
    Effect.gen(function*() {
      const tls = { ca: pki.ca, cert: pki.clientCert, key: Redacted.make(pki.clientKey) }
      const { log, result } = yield* listOver(tls, true)
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(log.length, 1)
    }))

  it.live("a server that requires a client certificate: a PFX with its passphrase is accepted", () =>
    Effect.gen(function*() {
      const tls = { ca: pki.ca, pfx: Redacted.make(pki.clientPfx), passphrase: Redacted.make(pki.pfxPassphrase) }
      assert.strictEqual((yield* listOver(tls, true)).result._tag, "Right")
    }))
})

describe("TLS options", () => {
  const build = (tls: unknown) =>
    Effect.flip(Effect.scoped(Layer.build(KibanaTls.layerHttpClient(tls as KibanaTls.KibanaTlsOptions))))

  const invalid: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ["tls.key", { cert: "cert only" }],
    ["tls.cert", { key: "key only" }],
    ["tls", { cert: "not a PEM", key: "not a PEM either" }],
    ["tls.insecure", { insecure: "yes" }]
  ]
  for (const [field, tls] of invalid) {
    it.effect(`${JSON.stringify(tls)} is a KibanaConfigError naming ${field}`, () =>
      Effect.gen(function*() {
        const error = yield* build(tls)
        assert.strictEqual(error._tag, "KibanaConfigError")
        assert.strictEqual(error.field, field)
      }))
  }

  it.effect("a wrong PFX passphrase is a KibanaConfigError that does not repeat it", () =>
    Effect.gen(function*() {
      const error = yield* build({ pfx: pki.clientPfx, passphrase: "wrong-passphrase-canary" })
      assert.strictEqual(error._tag, "KibanaConfigError")
      assert.notInclude(`${error.message} ${JSON.stringify(error)}`, "wrong-passphrase-canary")
    }))

  const fromEnv = (env: Record<string, string>) =>
    KibanaTls.optionsFromEnv.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))

  it.effect("from the environment: files are read and the key is kept redacted", () =>
    Effect.gen(function*() {
      const options = yield* fromEnv({
        KIBANA_TLS_CA_FILE: `${pki.dir}/ca.crt`,
        KIBANA_TLS_CERT_FILE: `${pki.dir}/client.crt`,
        KIBANA_TLS_KEY_FILE: `${pki.dir}/client.key`,
        KIBANA_TLS_SERVER_NAME: "localhost"
      })
      assert.strictEqual(String(options.ca), pki.ca)
      assert.isTrue(Redacted.isRedacted(options.key))
      assert.strictEqual(options.serverName, "localhost")
      assert.strictEqual(options.insecure, false)
    }))

  it.effect("from the environment: a file that cannot be read, or a bad switch, names the variable", () =>
    Effect.gen(function*() {
      const missing = yield* Effect.flip(fromEnv({ KIBANA_TLS_CA_FILE: `${pki.dir}/nope.crt` }))
      assert.strictEqual(missing.field, "KIBANA_TLS_CA_FILE")
      const insecure = yield* Effect.flip(fromEnv({ KIBANA_TLS_INSECURE: "maybe" }))
      assert.strictEqual(insecure.field, "KIBANA_TLS_INSECURE")
    }))
})
