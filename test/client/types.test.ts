// Type-level checks: each Connectors operation's error type lists exactly what it can fail with.
import { describe, expectTypeOf, it } from "@effect/vitest"
import type { Effect, Scope } from "effect"
import type { KibanaAmbiguousConnector, KibanaExecutionError } from "../../src/errors/KibanaError.js"
import type {
  KibanaBadRequest,
  KibanaCommonError,
  KibanaConflict,
  KibanaNotFound,
  KibanaSpaceNotFound,
  KibanaUnknownOutcome,
  KibanaUnsupportedFeature
} from "../../src/errors/KibanaError.js"
import type { UpdateConnectorInput } from "../../src/schemas/ConnectorInput.js"
import type { Connectors } from "../../src/services/Connectors.js"

type Service = Connectors.Service
type ErrorOf<F extends (...args: any) => Effect.Effect<any, any, any>> = Effect.Effect.Error<ReturnType<F>>
type Base = KibanaCommonError | KibanaSpaceNotFound

describe("Connectors error unions", () => {
  it("are exactly the documented unions", () => {
    expectTypeOf<ErrorOf<Service["create"]>>().toEqualTypeOf<
      KibanaBadRequest | KibanaConflict | KibanaUnsupportedFeature | KibanaUnknownOutcome | Base
    >()
    expectTypeOf<ErrorOf<Service["get"]>>().toEqualTypeOf<KibanaNotFound | Base>()
    expectTypeOf<ErrorOf<Service["list"]>>().toEqualTypeOf<Base>()
    expectTypeOf<ErrorOf<Service["update"]>>().toEqualTypeOf<
      KibanaBadRequest | KibanaNotFound | KibanaUnsupportedFeature | Base
    >()
    expectTypeOf<ErrorOf<Service["delete"]>>().toEqualTypeOf<KibanaBadRequest | KibanaNotFound | Base>()
    expectTypeOf<ErrorOf<Service["execute"]>>().toEqualTypeOf<
      KibanaExecutionError | KibanaBadRequest | KibanaNotFound | KibanaUnknownOutcome | Base
    >()
    expectTypeOf<ErrorOf<Service["listTypes"]>>().toEqualTypeOf<KibanaBadRequest | Base>()
    expectTypeOf<ErrorOf<Service["acquire"]>>().toEqualTypeOf<
      KibanaBadRequest | KibanaConflict | KibanaUnsupportedFeature | KibanaUnknownOutcome | Base
    >()
    expectTypeOf<Effect.Effect.Context<ReturnType<Service["acquire"]>>>().toEqualTypeOf<Scope.Scope>()
    expectTypeOf<Effect.Effect.Context<ReturnType<Service["get"]>>>().toEqualTypeOf<never>()
    expectTypeOf<ErrorOf<Service["findByName"]>>().toEqualTypeOf<KibanaAmbiguousConnector | Base>()
    expectTypeOf<ErrorOf<Service["ensure"]>>().toEqualTypeOf<
      | KibanaBadRequest
      | KibanaNotFound
      | KibanaAmbiguousConnector
      | KibanaUnsupportedFeature
      | KibanaUnknownOutcome
      | Base
    >()
    expectTypeOf<ErrorOf<Service["executeTyped"]>>().toEqualTypeOf<
      KibanaExecutionError | KibanaBadRequest | KibanaNotFound | KibanaUnknownOutcome | Base
    >()
  })

  it("update requires secrets for types that can hold them", () => {
    type Webhook = Extract<UpdateConnectorInput, { readonly connectorTypeId: ".webhook" }>
    expectTypeOf<Webhook>().toHaveProperty("secrets")
    expectTypeOf<undefined>().not.toMatchTypeOf<Webhook["secrets"]>()
    // @ts-expect-error a webhook update without `secrets` would erase them: it does not compile
    const _missing: UpdateConnectorInput = { connectorTypeId: ".webhook", name: "x", config: { url: "https://x" } }
  })
})
