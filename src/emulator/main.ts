/**
 * Command-line entry of the emulator: `effect-kibana-emulator [--port 5601] [--host 127.0.0.1] [--version 9.4.3]
 * [--tls-cert server.crt --tls-key server.key [--tls-ca ca.crt] [--require-client-certificate]]`.
 * Prints the URL and the default credentials, then serves until SIGINT/SIGTERM.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { EmulatorOptionsError } from "./EmulatorError.js"
import { defaultApiKey, defaultUser, defaultVersion, encodeApiKey } from "./EmulatorOptions.js"
import * as EmulatorServer from "./EmulatorServer.js"

const usage = "Usage: effect-kibana-emulator [--port 5601] [--host 127.0.0.1] [--version 9.4.3]\n" +
  "  [--tls-cert server.crt --tls-key server.key [--tls-ca ca.crt] [--require-client-certificate]]"

const parseOptions = Effect.try({
  try: () =>
    parseArgs({
      options: {
        port: { type: "string", default: "5601" },
        host: { type: "string", default: "127.0.0.1" },
        version: { type: "string", default: defaultVersion },
        help: { type: "boolean", default: false },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "tls-ca": { type: "string" },
        "require-client-certificate": { type: "boolean", default: false }
      }
    }).values,
  catch: (error) => new EmulatorOptionsError({ option: "arguments", reason: `${(error as Error).message}\n${usage}` })
})

const readPem = (option: string, path: string) =>
  Effect.try({
    try: () => readFileSync(path),
    catch: (error) =>
      new EmulatorOptionsError({
        option,
        reason: `cannot read ${path} (${String((error as { code?: unknown }).code ?? "error")})`
      })
  })

/** HTTPS settings from `--tls-*`: a certificate and key serve HTTPS; a CA can require client certificates. */
const tlsOptions = (args: {
  readonly "tls-cert"?: string | undefined
  readonly "tls-key"?: string | undefined
  readonly "tls-ca"?: string | undefined
  readonly "require-client-certificate"?: boolean | undefined
}) =>
  Effect.gen(function*() {
    const { "tls-ca": caPath, "tls-cert": certPath, "tls-key": keyPath } = args
    const requireClientCertificate = args["require-client-certificate"] === true
    if (certPath === undefined && keyPath === undefined) {
      if (caPath !== undefined || requireClientCertificate) {
        return yield* new EmulatorOptionsError({
          option: "--tls-cert",
          reason: "TLS options need --tls-cert and --tls-key"
        })
      }
      return undefined
    }
    if (certPath === undefined || keyPath === undefined) {
      return yield* new EmulatorOptionsError({ option: "--tls-cert", reason: "--tls-cert and --tls-key go together" })
    }
    if (requireClientCertificate && caPath === undefined) {
      return yield* new EmulatorOptionsError({
        option: "--require-client-certificate",
        reason: "needs --tls-ca, the CA that signs the client certificates"
      })
    }
    return {
      cert: yield* readPem("--tls-cert", certPath),
      key: yield* readPem("--tls-key", keyPath),
      ...(caPath === undefined ? {} : { ca: yield* readPem("--tls-ca", caPath) }),
      requireClientCertificate
    }
  })

const program = Effect.gen(function*() {
  const args = yield* parseOptions
  if (args.help) return yield* Console.log(usage)
  const port = Number(args.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return yield* new EmulatorOptionsError({ option: "--port", reason: `not a port number: ${args.port}` })
  }
  const tls = yield* tlsOptions(args)
  const server = EmulatorServer.layerServer({ port, host: args.host, version: args.version, tls })
  yield* Effect.gen(function*() {
    const { url } = yield* EmulatorServer.EmulatorServer
    yield* Console.log([
      `Kibana emulator ${args.version} listening on ${url}`,
      `  user:    ${defaultUser.username} / ${Redacted.value(defaultUser.password)}`,
      `  API key: Authorization: ApiKey ${Redacted.value(encodeApiKey(defaultApiKey))}`,
      `  Elasticsearch-compatible endpoint: ${url}/_es`,
      "Press Ctrl+C to stop."
    ].join("\n"))
    return yield* Effect.never
  }).pipe(Effect.provide(server))
})

NodeRuntime.runMain(program)
