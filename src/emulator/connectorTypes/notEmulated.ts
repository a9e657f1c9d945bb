/**
 * The execution result of a connector type whose service the emulator does not call (yet): an honest
 * error that names the type, never a made-up success. Validation of such types is still Kibana's.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ExecutorResult } from "../ConnectorTypeSpec.js"
import { type SubAction, subAction, SubActionError } from "./subActions.js"
import * as V from "./validation.js"

const reason = (typeId: string) => `the Kibana emulator does not call the service of ${typeId} connectors`

/**
 * The result of executing a classic connector type that is not emulated.
 *
 * @since 0.1.0
 * @category executor
 */
export const notEmulatedResult = (typeId: string): Effect.Effect<ExecutorResult> =>
  Effect.succeed({
    status: "error",
    message: "an error occurred while running the action",
    serviceMessage: reason(typeId),
    retry: false,
    errorSource: "framework"
  })

/**
 * The failure of a sub-action that is not emulated.
 *
 * @since 0.1.0
 * @category executor
 */
export const notEmulatedSubAction = (typeId: string): Effect.Effect<never, SubActionError> =>
  Effect.fail(new SubActionError({ message: reason(typeId), errorSource: "framework" }))

/**
 * A sub-action of `typeId` that is not emulated: whatever its params, `notEmulatedSubAction`'s failure.
 *
 * @since 0.1.0
 * @category executor
 */
export const notEmulatedSubActionOf = <Config, Secrets>(typeId: string): SubAction<Config, Secrets> =>
  subAction<Config, Secrets, unknown>(V.unknown, () => notEmulatedSubAction(typeId))
