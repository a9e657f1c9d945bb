/**
 * Says where an example runs: the embedded emulator, or the Kibana `KIBANA_URL` names.
 */
import { Console, Effect } from "effect"
import { EmbeddedKibana } from "effect-kibana/testing"
import { keep } from "./cleanup.js"

export const announceTarget = Effect.gen(function*() {
  const target = yield* EmbeddedKibana.KibanaTarget
  if (target.kind === "kibana") return yield* Console.log(`Using Kibana at ${target.url}`)
  yield* Console.log(`Using the embedded Kibana emulator at ${target.url} (set KIBANA_URL to use a real Kibana)`)
  if (keep) yield* Console.log("--keep: the emulator lives in this process, so what it keeps is gone when it exits")
})
