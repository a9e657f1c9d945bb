/**
 * Command-line entry of the emulator: `effect-kibana-emulator [--port 5601[,5602...]] [--host 127.0.0.1] [--version 9.4.3]
 * [--tls-cert server.crt --tls-key server.key [--tls-ca ca.crt] [--require-client-certificate]]`; the version
 * selects the behaviour profile (`8.18`, `9.0-9.3`, `9.4`). Several ports serve one emulator (one state),
 * like several Kibana instances of one deployment. Prints the URLs and the default credentials as
 * `export KIBANA_...` lines a shell takes as printed, then serves until SIGINT/SIGTERM.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { EmulatorOptionsError } from "./EmulatorError.js"
import { defaultApiKey, defaultUser, defaultVersion, encodeApiKey } from "./EmulatorOptions.js"
import * as EmulatorServer from "./EmulatorServer.js"
import * as KibanaEmulator from "./KibanaEmulator.js"
import { profileFor } from "./KibanaProfile.js"

const usage = "Usage: effect-kibana-emulator [--port 5601[,5602...]] [--host 127.0.0.1] [--version 9.4.3]\n" +
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
  const ports = args.port.split(",").map((text) => text.trim())
  for (const text of ports) {
    const port = Number(text)
    if (text === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
      return yield* new EmulatorOptionsError({ option: "--port", reason: `not a port number: ${text}` })
    }
  }
  // The version selects the behaviour profile; one the emulator cannot play stops it before listening.
  const profile = profileFor(args.version)
  if (Either.isLeft(profile)) return yield* new EmulatorOptionsError({ option: "--version", reason: profile.left })
  const tls = yield* tlsOptions(args)
  yield* Effect.gen(function*() {
    // One emulator, one state, served on every port given.
    const servers = yield* Effect.forEach(
      ports,
      (port) => EmulatorServer.serve({ port: Number(port), host: args.host, tls })
    )
    const url = servers.map((server) => server.url).join(",")
    // Lines a user pastes into a shell as printed: the API key is the value KIBANA_API_KEY takes (the
    // client adds the `ApiKey ` scheme), and base64 needs no quoting.
    yield* Console.log([
      `Kibana emulator ${args.version} (profile ${profile.right.name}) listening on ${
        servers.map((server) => server.url).join(", ")
      }`,
      "Point effect-kibana (or any Kibana client) at it by pasting into a shell:",
      `  export KIBANA_URL=${url} KIBANA_API_KEY=${Redacted.value(encodeApiKey(defaultApiKey))}`,
      "or, as a user with a password:",
      `  export KIBANA_URL=${url} KIBANA_USERNAME=${defaultUser.username} KIBANA_PASSWORD=${
        Redacted.value(defaultUser.password)
      }`,
      `Elasticsearch-compatible endpoint: ${servers[0]!.url}/_es`,
      "Press Ctrl+C to stop."
    ].join("\n"))
    return yield* Effect.never
  }).pipe(Effect.scoped, Effect.provide(KibanaEmulator.layer({ version: args.version })))
})

NodeRuntime.runMain(program)
