// What a space's `solution` implies for its `disabledFeatures` in the spaces API: nothing. Kibana
// stores and returns `disabledFeatures` as given; the solution only hides other solutions' features in
// the capabilities of requests made in that space (`withSpaceSolutionDisabledFeatures`, called from the
// capabilities switcher, elastic/kibana:x-pack/platform/plugins/shared/spaces/server/capabilities/
// capabilities_switcher.ts), never in the space object. Checked under every profile (8.16+ all accept it).
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as KibanaEmulator from "../../src/emulator/KibanaEmulator.js"
import { elastic } from "./helpers.js"

const send = (emulator: KibanaEmulator.KibanaEmulator.Service, method: string, path: string, body?: unknown) =>
  Effect.map(
    emulator.handle({
      method,
      path,
      query: new URLSearchParams(),
      headers: { authorization: elastic, "kbn-xsrf": "true", "content-type": "application/json" },
      body: body === undefined ? "" : JSON.stringify(body)
    }),
    (response) => response._tag === "Response" ? JSON.parse(response.body ?? "null") : undefined
  )

describe("space solution and disabledFeatures", () => {
  for (const version of ["8.18.1", "9.2.3", "9.4.3"]) {
    it.effect(`${version}: disabledFeatures are kept as given, whatever the solution`, () =>
      Effect.gen(function*() {
        const emulator = yield* KibanaEmulator.make({ version })
        const created = yield* send(emulator, "POST", "/api/spaces/space", {
          id: "search",
          name: "Search",
          solution: "es",
          disabledFeatures: ["dev_tools"]
        })
        assert.deepStrictEqual([created.solution, created.disabledFeatures], ["es", ["dev_tools"]])
        const read = yield* send(emulator, "GET", "/api/spaces/space/search")
        assert.deepStrictEqual([read.solution, read.disabledFeatures], ["es", ["dev_tools"]])
        const classic = yield* send(emulator, "PUT", "/api/spaces/space/search", {
          id: "search",
          name: "Search",
          solution: "classic"
        })
        assert.deepStrictEqual([classic.solution, classic.disabledFeatures], ["classic", []])
      }))
  }
})
