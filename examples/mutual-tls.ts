/**
 * Mutual TLS: the client trusts a private CA and shows its own certificate to a Kibana that requires
 * one. Here the Kibana is the embedded emulator served over HTTPS, with a throwaway CA and certificates
 * made for this run by the openssl command.
 *
 *   npm run example:mutual-tls
 *
 * Against your Kibana, the same client is built from files named in the environment:
 *   KIBANA_TLS_CA_FILE=ca.crt KIBANA_TLS_CERT_FILE=client.crt KIBANA_TLS_KEY_FILE=client.key
 * with `KibanaTls.layerHttpClientFromEnv` in place of `KibanaTls.layerHttpClient(...)` below.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer, Redacted } from "effect"
import { Connectors, KibanaClient } from "effect-kibana"
import { EmulatorServer } from "effect-kibana/emulator"
import { KibanaTls } from "effect-kibana/node"
import { makeTestPki } from "./support/certificates.js"

const pki = makeTestPki()

/** Kibana (the emulator) over HTTPS, refusing any client without a certificate signed by our CA. */
const kibana = EmulatorServer.layerServer({
  tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requireClientCertificate: true }
})

/** The client over TLS with `tls`, pointed at the emulator's https:// URL. */
const clientWith = (tls: KibanaTls.KibanaTlsOptions) =>
  Connectors.layer.pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(EmulatorServer.EmulatorServer, (server) =>
      KibanaClient.layer({
        url: server.url,
        auth: KibanaClient.KibanaAuth.basic("elastic", "changeme")
      }).pipe(Layer.provide(KibanaTls.layerHttpClient(tls))))))
  )

const withClientCertificate = Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  const kibana = yield* KibanaClient.KibanaClient
  yield* Console.log(`Connected over mutual TLS to ${kibana.url}`)
  yield* Effect.scoped(Effect.gen(function*() {
    const connector = yield* connectors.acquire({
      connectorTypeId: ".index",
      name: "mutual TLS example",
      config: { index: "mtls-example" }
    })
    const written = yield* connectors.executeIndex(connector.id, [{ message: "sent over mutual TLS" }])
    yield* Console.log(`Wrote ${written.items.length} document through connector ${connector.id}`)
  }))
}).pipe(
  Effect.provide(clientWith({ ca: pki.ca, cert: pki.clientCert, key: Redacted.make(pki.clientKey) }))
)

const withoutClientCertificate = Effect.gen(function*() {
  const connectors = yield* Connectors.Connectors
  const error = yield* Effect.flip(connectors.list())
  const reason = error._tag === "KibanaTransportError" ? ` (${error.reason})` : ""
  yield* Console.log(`Without a client certificate: ${error._tag}${reason}`)
}).pipe(Effect.provide(clientWith({ ca: pki.ca })))

const program = Effect.zipRight(withClientCertificate, withoutClientCertificate).pipe(
  Effect.provide(kibana),
  Effect.ensuring(Effect.sync(() => pki.remove()))
)

NodeRuntime.runMain(program)
