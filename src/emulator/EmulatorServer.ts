/**
 * Serves a `KibanaEmulator` over real HTTP (or HTTPS, optionally requiring client certificates) on loopback.
 *
 * Built on `node:http` rather than `NodeHttpServer`: the emulator already has its own
 * framework-neutral request model, and Kibana's behaviour needs raw control that a router layer would
 * hide: stop buffering a body once it passes `maxPayloadBytes` (hapi's 413) while still draining the
 * socket so the client reads the answer, write byte-exact bodies and headers, and destroy the socket
 * for an injected `Drop` fault.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Runtime from "effect/Runtime"
import * as Http from "node:http"
import * as Https from "node:https"
import type { AddressInfo } from "node:net"
import type { EmulatorOptionsError } from "./EmulatorError.js"
import { EmulatorServerError } from "./EmulatorError.js"
import type { EmulatorRequest, EmulatorResponse } from "./EmulatorHttp.js"
import type { EmulatorOptions } from "./EmulatorOptions.js"
import * as KibanaEmulator from "./KibanaEmulator.js"

/**
 * Where the emulator listens.
 *
 * @since 0.1.0
 * @category tags
 */
export class EmulatorServer extends Context.Tag("effect-kibana/EmulatorServer")<
  EmulatorServer,
  EmulatorServer.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace EmulatorServer {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The base URL, e.g. `http://127.0.0.1:5601` (no trailing slash). */
    readonly url: string
    readonly host: string
    readonly port: number
  }
}

/**
 * Where to listen: host `127.0.0.1` and port `0` (any free port) by default.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerOptions {
  readonly host?: string
  readonly port?: number
  /** Serve HTTPS instead of HTTP. */
  readonly tls?: ServerTlsOptions | undefined
}

/**
 * HTTPS settings of the emulator's server.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerTlsOptions {
  /** The server's certificate chain (PEM). */
  readonly cert: string | Uint8Array
  /** The server's private key (PEM). */
  readonly key: string | Uint8Array
  /** CAs (PEM) whose client certificates are accepted. */
  readonly ca?: string | Uint8Array | undefined
  /** Refuse connections without a client certificate signed by `ca` (mutual TLS). */
  readonly requireClientCertificate?: boolean | undefined
}

// Past this many bytes beyond the limit, an oversized body is no longer drained: the socket is closed.
const drainLimitBytes = 64 * 1024 * 1024

interface ReadBody {
  readonly body: string
  readonly oversized: boolean
}

const readBody = (request: Http.IncomingMessage, maxBytes: number): Promise<ReadBody> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"])
    let oversized = Number.isFinite(declared) && declared > maxBytes
    const chunks: Array<Buffer> = []
    let received = 0
    request.on("data", (chunk: Buffer) => {
      received += chunk.length
      if (received > maxBytes) oversized = true
      if (oversized) {
        chunks.length = 0
        if (received > maxBytes + drainLimitBytes) request.destroy()
      } else {
        chunks.push(chunk)
      }
    })
    request.on("end", () => resolve({ body: oversized ? "" : Buffer.concat(chunks).toString("utf8"), oversized }))
    request.on("error", reject)
  })

const toEmulatorRequest = (request: Http.IncomingMessage, body: string): EmulatorRequest => {
  const target = request.url ?? "/"
  const queryAt = target.indexOf("?")
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value
  }
  return {
    method: request.method ?? "GET",
    path: queryAt < 0 ? target : target.slice(0, queryAt),
    query: new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1)),
    headers,
    body
  }
}

const write = (request: Http.IncomingMessage, response: Http.ServerResponse, answer: EmulatorResponse) => {
  if (answer._tag === "Drop") {
    request.socket.destroy()
    return
  }
  response.writeHead(answer.status, withContentLength(answer.headers, answer.body))
  response.end(answer.body)
}

/**
 * Kibana's hapi sets `content-length` from the payload's size (hapi `lib/headers.js`) and only streams
 * chunked when it compresses, which it does only for a client that sent `accept-encoding`.
 */
const withContentLength = (headers: Readonly<Record<string, string>>, body: string | undefined) =>
  body === undefined || "content-length" in headers
    ? headers
    : { ...headers, "content-length": String(Buffer.byteLength(body)) }

const pem = (value: string | Uint8Array) => typeof value === "string" ? value : Buffer.from(value)

/**
 * Starts listening; fails with the OS's reason (port in use, ...).
 *
 * @since 0.1.0
 * @internal
 */
export const listen = (server: Http.Server | Https.Server, host: string, port: number) =>
  Effect.async<AddressInfo, EmulatorServerError>((resume) => {
    const onError = (error: Error) =>
      resume(Effect.fail(new EmulatorServerError({ host, port, reason: error.message })))
    server.once("error", onError)
    server.listen(port, host, () => {
      server.off("error", onError)
      resume(Effect.succeed(server.address() as AddressInfo))
    })
  })

/**
 * Closes a server and its open connections.
 *
 * @since 0.1.0
 * @internal
 */
export const close = (server: Http.Server | Https.Server) =>
  Effect.async<void>((resume) => {
    server.close(() => resume(Effect.void))
    server.closeAllConnections()
  })

/**
 * Serves the emulator in the context; the server closes (open connections included) with the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (options: ServerOptions = {}) =>
  Effect.gen(function*() {
    const emulator = yield* KibanaEmulator.KibanaEmulator
    const runtime = yield* Effect.runtime<never>()
    const runPromise = Runtime.runPromise(runtime)
    const host = options.host ?? "127.0.0.1"
    const handler = (request: Http.IncomingMessage, response: Http.ServerResponse) => {
      readBody(request, emulator.maxPayloadBytes)
        .then(({ body, oversized }) => {
          const emulatorRequest = toEmulatorRequest(request, body)
          return runPromise(oversized ? emulator.handleOversized(emulatorRequest) : emulator.handle(emulatorRequest))
        })
        .then((answer) => write(request, response, answer))
        // A client that went away mid-request leaves nothing to answer; never crash the server.
        .catch(() => request.socket.destroy())
    }
    const tls = options.tls
    const server: Http.Server | Https.Server = tls === undefined
      ? Http.createServer(handler)
      : yield* Effect.try({
        try: () =>
          Https.createServer({
            cert: pem(tls.cert),
            key: pem(tls.key),
            ...(tls.ca === undefined ? {} : { ca: pem(tls.ca) }),
            requestCert: tls.requireClientCertificate === true,
            rejectUnauthorized: tls.requireClientCertificate === true
          }, handler),
        catch: (error) =>
          new EmulatorServerError({
            host,
            port: options.port ?? 0,
            reason: `the TLS certificate or key cannot be loaded (${
              String((error as { code?: unknown }).code ?? "invalid")
            })`
          })
      })
    const address = yield* Effect.acquireRelease(
      listen(server, host, options.port ?? 0),
      () => close(server)
    )
    const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address
    const scheme = tls === undefined ? "http" : "https"
    return EmulatorServer.of({
      url: `${scheme}://${urlHost}:${address.port}`,
      host: address.address,
      port: address.port
    })
  })

/**
 * A loopback server for an emulator provided from outside.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: ServerOptions = {}
): Layer.Layer<EmulatorServer, EmulatorServerError, KibanaEmulator.KibanaEmulator> =>
  Layer.scoped(EmulatorServer, serve(options))

/**
 * A new emulator served on loopback: provides both `KibanaEmulator` and `EmulatorServer`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerServer = (
  options: EmulatorOptions & ServerOptions = {}
): Layer.Layer<
  EmulatorServer | KibanaEmulator.KibanaEmulator,
  EmulatorOptionsError | EmulatorServerError
> => layer(options).pipe(Layer.provideMerge(KibanaEmulator.layer(options)))
