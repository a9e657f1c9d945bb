/**
 * TLS for the Kibana client on Node: a private CA, a client certificate and key (or a PFX) with a
 * passphrase, the server name to verify, and an explicit switch to skip verification. It provides the
 * `HttpClient` the client runs over (undici, from the optional peer `@effect/platform-node`).
 *
 * ```ts
 * const tls = KibanaTls.layerHttpClient({
 *   ca: readFileSync("ca.crt"),
 *   cert: readFileSync("client.crt"),
 *   key: Redacted.make(readFileSync("client.key", "utf8"))
 * })
 * const live = KibanaClient.layer({ url: "https://kibana.internal:5601" }).pipe(Layer.provide(tls))
 * ```
 *
 * TLS failures (an unknown CA, a wrong host name, a refused or missing client certificate) are
 * `KibanaTransportError` with reason `Tls`, never retried.
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Undici from "@effect/platform-node/Undici"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { readFileSync } from "node:fs"
import * as Tls from "node:tls"
import { KibanaConfigError } from "../errors/KibanaError.js"
import { fromConfigError } from "../internal/clientOptions.js"

/**
 * PEM text or bytes.
 *
 * @since 0.1.0
 * @category models
 */
export type Pem = string | Uint8Array

/**
 * TLS settings of the connection to Kibana. Private parts (`key`, `pfx`, `passphrase`) may be given
 * `Redacted`; they are unwrapped only to build the TLS context.
 *
 * @since 0.1.0
 * @category models
 */
export interface KibanaTlsOptions {
  /** CA certificates (PEM) to trust instead of Node's defaults, e.g. the CA that signed Kibana's certificate. */
  readonly ca?: Pem | ReadonlyArray<Pem> | undefined
  /** The client certificate chain (PEM), for a Kibana that requires one; needs `key`. */
  readonly cert?: Pem | undefined
  /** The client certificate's private key (PEM). */
  readonly key?: Pem | Redacted.Redacted<Pem> | undefined
  /** A PKCS#12 bundle with the client certificate and key, instead of `cert` and `key`. */
  readonly pfx?: Uint8Array | Redacted.Redacted<Uint8Array> | undefined
  /** The passphrase of `key` or `pfx`. */
  readonly passphrase?: string | Redacted.Redacted<string> | undefined
  /** The host name to verify Kibana's certificate against (default: the URL's host). */
  readonly serverName?: string | undefined
  /** Skips verification of Kibana's certificate. For tests only: anyone on the path can read everything. */
  readonly insecure?: boolean | undefined
}

const unwrap = <A>(value: A | Redacted.Redacted<A> | undefined): A | undefined =>
  value === undefined ? undefined : Redacted.isRedacted(value) ? Redacted.value(value) : value

const fail = (field: string, reason: string) => Effect.fail(new KibanaConfigError({ field, reason }))

/** Checks the options and loads them into a TLS context once, so a bad PEM fails here, not per request. */
const connectOptions = (options: KibanaTlsOptions): Effect.Effect<Tls.ConnectionOptions, KibanaConfigError> =>
  Effect.suspend(() => {
    if (typeof options !== "object" || options === null) return fail("tls", "must be an object")
    const key = unwrap(options.key)
    const pfx = unwrap(options.pfx)
    const passphrase = unwrap(options.passphrase)
    if (options.cert !== undefined && key === undefined) return fail("tls.key", "is required with tls.cert")
    if (key !== undefined && options.cert === undefined) return fail("tls.cert", "is required with tls.key")
    if (pfx !== undefined && options.cert !== undefined) return fail("tls.pfx", "give either tls.pfx or tls.cert")
    if (options.insecure !== undefined && typeof options.insecure !== "boolean") {
      return fail("tls.insecure", "must be true or false")
    }
    const ca = options.ca === undefined ? undefined : (Array.isArray(options.ca) ? options.ca : [options.ca])
    const secure: Tls.SecureContextOptions = {
      ...(ca === undefined ? {} : { ca: ca.map((pem) => typeof pem === "string" ? pem : Buffer.from(pem)) }),
      ...(options.cert === undefined ? {} : { cert: toBuffer(options.cert) }),
      ...(key === undefined ? {} : { key: toBuffer(key) }),
      ...(pfx === undefined ? {} : { pfx: Buffer.from(pfx) }),
      ...(passphrase === undefined ? {} : { passphrase })
    }
    try {
      Tls.createSecureContext(secure)
    } catch (error) {
      // OpenSSL's code says what is wrong (a bad PEM, a wrong passphrase) without quoting the material
      const code = (error as { code?: unknown }).code
      return fail("tls", `the certificates or key could not be loaded (${typeof code === "string" ? code : "invalid"})`)
    }
    return Effect.succeed({
      ...secure,
      ...(options.serverName === undefined ? {} : { servername: options.serverName }),
      rejectUnauthorized: options.insecure !== true
    })
  })

const toBuffer = (pem: Pem) => typeof pem === "string" ? Buffer.from(pem) : Buffer.from(pem)

const isTlsCode = (code: unknown) => typeof code === "string" && /^ERR_(SSL|TLS)_/.test(code)

/**
 * undici's connector, keeping TLS alerts. A server that refuses the client certificate says so with a
 * TLS alert after the handshake; the socket reports it as an error, but then ends, and undici 7
 * answers the request with `other side closed` for the end, losing the alert. Once the socket has
 * reported a TLS error, its end is not passed on, so the request fails with the TLS error itself.
 */
const keepingTlsAlerts = (options: Tls.ConnectionOptions): Undici.buildConnector.connector => {
  const connect = Undici.buildConnector(options as Undici.buildConnector.BuildOptions)
  return (connectOptions, callback) =>
    connect(connectOptions, (error, socket) => {
      // undici passes no socket at all (not null) when the connection failed
      if (error === null && socket !== null && socket !== undefined) {
        let tlsError = false
        socket.prependListener("error", (socketError: { code?: unknown }) => {
          if (isTlsCode(socketError.code)) tlsError = true
        })
        const emit = socket.emit.bind(socket)
        socket.emit = ((event: string | symbol, ...args: Array<unknown>) =>
          event === "end" && tlsError ? false : emit(event, ...args)) as typeof socket.emit
      }
      return error === null ? callback(null, socket!) : callback(error, null)
    })
}

/**
 * An `HttpClient` (undici) with these TLS settings; the connection pool closes with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClient = (options: KibanaTlsOptions): Layer.Layer<HttpClient.HttpClient, KibanaConfigError> =>
  NodeHttpClient.layerUndiciWithoutDispatcher.pipe(
    Layer.provide(
      Layer.scoped(
        NodeHttpClient.Dispatcher,
        Effect.flatMap(connectOptions(options), (connect) =>
          Effect.acquireRelease(
            Effect.sync(() => new Undici.Agent({ connect: keepingTlsAlerts(connect) })),
            (agent) => Effect.promise(() => agent.destroy())
          ))
      )
    )
  )

const file = (name: string) =>
  Config.option(Config.string(name)).pipe(
    Config.map(Option.getOrUndefined),
    Effect.mapError(fromConfigError),
    Effect.flatMap((path) =>
      path === undefined ? Effect.succeed(undefined) : Effect.try({
        try: () => readFileSync(path),
        catch: (error) =>
          new KibanaConfigError({
            field: name,
            reason: `the file cannot be read (${String((error as { code?: unknown }).code ?? "error")})`
          })
      })
    )
  )

/**
 * TLS settings from the environment: `KIBANA_TLS_CA_FILE`, `KIBANA_TLS_CERT_FILE`,
 * `KIBANA_TLS_KEY_FILE`, `KIBANA_TLS_PFX_FILE` (paths), `KIBANA_TLS_PASSPHRASE`,
 * `KIBANA_TLS_SERVER_NAME` and `KIBANA_TLS_INSECURE` (`true`/`false`). All optional; none set gives
 * Node's defaults.
 *
 * @since 0.1.0
 * @category config
 */
export const optionsFromEnv: Effect.Effect<KibanaTlsOptions, KibanaConfigError> = Effect.gen(function*() {
  const ca = yield* file("KIBANA_TLS_CA_FILE")
  const cert = yield* file("KIBANA_TLS_CERT_FILE")
  const key = yield* file("KIBANA_TLS_KEY_FILE")
  const pfx = yield* file("KIBANA_TLS_PFX_FILE")
  const rest = yield* Config.all({
    passphrase: Config.option(Config.redacted("KIBANA_TLS_PASSPHRASE")),
    serverName: Config.option(Config.string("KIBANA_TLS_SERVER_NAME")),
    insecure: Config.boolean("KIBANA_TLS_INSECURE").pipe(Config.withDefault(false))
  }).pipe(Effect.mapError(fromConfigError))
  return {
    ca,
    cert,
    key: key === undefined ? undefined : Redacted.make(key),
    pfx: pfx === undefined ? undefined : Redacted.make(pfx),
    passphrase: Option.getOrUndefined(rest.passphrase),
    serverName: Option.getOrUndefined(rest.serverName),
    insecure: rest.insecure
  }
})

/**
 * The TLS `HttpClient` configured from the environment (see `optionsFromEnv`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClientFromEnv: Layer.Layer<HttpClient.HttpClient, KibanaConfigError> = Layer.unwrapEffect(
  Effect.map(optionsFromEnv, layerHttpClient)
)
