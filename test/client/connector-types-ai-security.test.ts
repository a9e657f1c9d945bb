// Type-level checks for the typed params and results of .bedrock, .gemini and .mcp, written from Kibana's
// schemas (kbn-connector-schemas/<type>/schemas/v1.ts) and the results their executors return.
import { assert, describe, expectTypeOf, it } from "@effect/vitest"
import { Effect } from "effect"
import type { ParamsOf, ResultOf } from "../../src/schemas/Connector.js"

describe("typed params and results of the generative AI types", () => {
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
        { subAction: "invokeAIRaw", subActionParams: {} } satisfies ParamsOf<".gemini">
      ]
      assert.lengthOf(bad, 5)
    }))

  it.effect("decode to what each sub-action returns", () =>
    Effect.sync(() => {
      type Invoke = { readonly subAction: "invokeAI"; readonly subActionParams: { readonly messages: [] } }
      expectTypeOf<ResultOf<".bedrock", Invoke>["message"]>().toEqualTypeOf<string>()
      expectTypeOf<ResultOf<".gemini", Invoke>["message"]>().toEqualTypeOf<string>()
      type Test = { readonly subAction: "test"; readonly subActionParams: {} }
      expectTypeOf<ResultOf<".mcp", Test>["connected"]>().toEqualTypeOf<boolean>()
    }))
})
