// A second Connectors service on the emulator of the surrounding test layer, with other credentials:
// over the same loopback server when there is one, in-process otherwise.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Effect, Layer, Option } from "effect"
import * as EmulatorHttpClient from "../../src/emulator/EmulatorHttpClient.js"
import { EmulatorServer } from "../../src/emulator/EmulatorServer.js"
import { KibanaEmulator } from "../../src/emulator/KibanaEmulator.js"
import * as Connectors from "../../src/services/Connectors.js"
import * as KibanaClient from "../../src/services/KibanaClient.js"

export const clientLayerAs = (auth: KibanaClient.KibanaAuth, options: Partial<KibanaClient.KibanaClientOptions> = {}) =>
  Effect.gen(function*() {
    const server = yield* Effect.serviceOption(EmulatorServer)
    const emulator = yield* KibanaEmulator
    const http = Option.isSome(server)
      ? FetchHttpClient.layer
      : EmulatorHttpClient.layer.pipe(Layer.provide(Layer.succeed(KibanaEmulator, emulator)))
    const url = Option.isSome(server) ? server.value.url : EmulatorHttpClient.inProcessUrl
    return KibanaClient.layer({ retry: { times: 0 }, ...options, url, auth }).pipe(Layer.provide(http))
  })

export const asUser = (auth: KibanaClient.KibanaAuth, options: Partial<KibanaClient.KibanaClientOptions> = {}) =>
  Effect.flatMap(clientLayerAs(auth, options), (client) => Connectors.make.pipe(Effect.provide(client)))
