/**
 * Kibana's sub-action framework, used by most newer connector types (`.opsgenie`, `.gen-ai`, `.tines`, ...):
 * params are `{ subAction, subActionParams }`, each sub-action validates its own params when it runs, and
 * what a sub-action throws becomes `an error occurred while running the action`.
 *
 * Source: elastic/kibana:x-pack/platform/plugins/shared/actions/server/sub_action_framework/validators.ts
 * (the params schema), `.../sub_action_framework/executor.ts` (dispatch and errors) and
 * `.../sub_action_framework/sub_action_connector.ts` (`Status code: <n>. Message: <...>` for HTTP errors).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import {
  type ConnectorHooks,
  type ConnectorTypeInfo,
  type ConnectorTypeSpec,
  define,
  type ExecutionRejected,
  type ExecutorInput,
  type ExecutorResult,
  type JsonObject,
  rejected
} from "../ConnectorTypeSpec.js"
import * as V from "./validation.js"

/**
 * What a sub-action throws: Kibana reports its message as the execution's `serviceMessage`.
 *
 * @since 0.1.0
 * @category errors
 */
export class SubActionError extends Data.TaggedError("SubActionError")<{
  readonly message: string
  readonly errorSource: "user" | "framework"
}> {}

/**
 * One sub-action of a connector type, its params type hidden behind its own validation.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubAction<Config, Secrets> {
  readonly run: (
    input: ExecutorInput<Config, Secrets, unknown>
  ) => Effect.Effect<unknown, SubActionError | ExecutionRejected>
}

/**
 * A sub-action whose params are validated with `params` when it runs.
 *
 * @since 0.1.0
 * @category constructors
 */
export const subAction = <Config, Secrets, Params>(
  params: V.Validator<Params>,
  run: (input: ExecutorInput<Config, Secrets, Params>) => Effect.Effect<unknown, SubActionError>
): SubAction<Config, Secrets> => ({
  run: (input) =>
    Effect.flatMap(
      Either.mapLeft(V.validate(params)(input.params), rejected("subActionParams")),
      (validated) => run({ ...input, params: validated })
    )
})

/**
 * A sub-action without a params schema (Kibana's `schema: null`): it gets what was sent, `{}` when nothing.
 *
 * @since 0.1.0
 * @category constructors
 */
export const subActionWithoutSchema = <Config, Secrets>(
  run: (input: ExecutorInput<Config, Secrets, JsonObject>) => Effect.Effect<unknown, SubActionError>
): SubAction<Config, Secrets> => ({
  run: (input) => run({ ...input, params: V.isJsonObject(input.params) ? input.params : {} })
})

// validators.ts: `z.object({ subAction: z.string(), subActionParams: z.object({}).passthrough().nullish() })`
const frameworkParams = V.looseObject({
  subAction: V.string(),
  subActionParams: V.optional(V.nullable(V.record(V.unknown)))
})

type FrameworkParams = V.TypeOf<typeof frameworkParams>

/**
 * A connector type built on the sub-action framework.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubActionConnectorType<Config, Secrets> extends ConnectorTypeInfo {
  readonly config: (input: unknown) => V.Validation<Config>
  readonly secrets: (input: unknown) => V.Validation<Secrets>
  readonly subActions: Readonly<Record<string, SubAction<Config, Secrets>>>
  readonly hooks?: ConnectorHooks<Config, Secrets> | undefined
}

const crashed = (error: SubActionError): ExecutorResult => ({
  status: "error",
  message: "an error occurred while running the action",
  serviceMessage: error.message,
  retry: true,
  errorSource: error.errorSource
})

/**
 * Registers a sub-action connector type.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defineSubActionType = <Config extends JsonObject, Secrets extends JsonObject>(
  type: SubActionConnectorType<Config, Secrets>
): ConnectorTypeSpec =>
  define<Config, Secrets, FrameworkParams>({
    id: type.id,
    name: type.name,
    minimumLicenseRequired: type.minimumLicenseRequired,
    supportedFeatureIds: type.supportedFeatureIds,
    isSystemActionType: type.isSystemActionType,
    isDeprecated: type.isDeprecated,
    config: type.config,
    secrets: type.secrets,
    params: V.validate(frameworkParams),
    hooks: type.hooks,
    execute: ({ config, connectorId, params, secrets, services }) => {
      const action = Object.hasOwn(type.subActions, params.subAction) ? type.subActions[params.subAction] : undefined
      if (action === undefined) {
        return Effect.succeed(crashed(
          new SubActionError({
            message: `Sub action "${params.subAction}" is not registered. Connector id: ${connectorId}. ` +
              `Connector name: ${type.name}. Connector type: ${type.id}`,
            errorSource: "framework"
          })
        ))
      }
      return action.run({ connectorId, config, secrets, params: params.subActionParams, services }).pipe(
        Effect.map((data): ExecutorResult => ({ status: "ok", data: data ?? {} })),
        Effect.catchTag("SubActionError", (error) => Effect.succeed(crashed(error)))
      )
    }
  })
