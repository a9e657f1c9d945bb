// Type-level checks for the typed params and results of .bedrock, .gemini, .mcp and the endpoint security
// types, written from Kibana's schemas (kbn-connector-schemas/<type>/schemas/v1.ts) and what their executors
// return.
import { assert, describe, expectTypeOf, it } from "@effect/vitest"
import { Effect } from "effect"
import type { ParamsOf, ResultOf } from "../../src/schemas/Connector.js"

describe("typed params and results of the generative AI and endpoint security types", () => {
  it.effect("refuse what Kibana refuses", () =>
    Effect.sync(() => {
      type Bedrock = ParamsOf<".bedrock">
      const toolWithoutDescription = { name: "t", input_schema: {} }
      const bad = [
        // @ts-expect-error .mcp: Kibana validates `subActionParams` of listTools, so it cannot be absent
        { subAction: "listTools" } satisfies ParamsOf<".mcp">,
        // @ts-expect-error .mcp: nor of test
        { subAction: "test" } satisfies ParamsOf<".mcp">,
        // @ts-expect-error .bedrock: a tool needs its `description`
        { subAction: "invokeAI", subActionParams: { messages: [], tools: [toolWithoutDescription] } } satisfies Bedrock,
        // @ts-expect-error .bedrock: invokeAIRaw messages need a `role`
        { subAction: "invokeAIRaw", subActionParams: { messages: [{ content: "hi" }] } } satisfies ParamsOf<".bedrock">,
        // @ts-expect-error .gemini: invokeAIRaw takes the invokeAI params, `messages` included
        { subAction: "invokeAIRaw", subActionParams: {} } satisfies ParamsOf<".gemini">,
        // @ts-expect-error .sentinelone: filter values are strings
        { subAction: "getAgents", subActionParams: { uuid: 7 } } satisfies ParamsOf<".sentinelone">,
        // @ts-expect-error .sentinelone: executeScript needs the script's `scriptId`
        { subAction: "executeScript", subActionParams: { filter: { uuids: "u" }, script: {} } } satisfies ParamsOf<
          ".sentinelone"
        >,
        // @ts-expect-error .crowdstrike: hostActions needs `ids`
        { subAction: "hostActions", subActionParams: { command: "contain" } } satisfies ParamsOf<".crowdstrike">,
        // @ts-expect-error .microsoft_defender_endpoint: no such health status
        { subAction: "getAgentList", subActionParams: { healthStatus: "Healthy" } } satisfies ParamsOf<
          ".microsoft_defender_endpoint"
        >,
        // @ts-expect-error .microsoft_defender_endpoint: an OData `in` filter needs at least one value
        { subAction: "getActions", subActionParams: { machineId: [] } } satisfies ParamsOf<
          ".microsoft_defender_endpoint"
        >
      ]
      assert.lengthOf(bad, 10)
    }))

  it.effect("decode to what each sub-action returns", () =>
    Effect.sync(() => {
      type Invoke = { readonly subAction: "invokeAI"; readonly subActionParams: { readonly messages: [] } }
      expectTypeOf<ResultOf<".bedrock", Invoke>["message"]>().toEqualTypeOf<string>()
      expectTypeOf<ResultOf<".gemini", Invoke>["message"]>().toEqualTypeOf<string>()
      type Test = { readonly subAction: "test"; readonly subActionParams: {} }
      expectTypeOf<ResultOf<".mcp", Test>["connected"]>().toEqualTypeOf<boolean>()
      type Isolate = {
        readonly subAction: "isolateHost"
        readonly subActionParams: { readonly id: "m"; readonly comment: "c" }
      }
      expectTypeOf<ResultOf<".microsoft_defender_endpoint", Isolate>["machineId"]>().toEqualTypeOf<string>()
      type Contain = {
        readonly subAction: "hostActions"
        readonly subActionParams: { readonly command: "contain"; readonly ids: [] }
      }
      expectTypeOf<ResultOf<".crowdstrike", Contain>["resources"]>().toMatchTypeOf<ReadonlyArray<unknown>>()
    }))
})
