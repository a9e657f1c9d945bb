/**
 * The `{ webhookUrl }` secrets of `.slack` and `.teams`, with Kibana's custom URL check.
 *
 * @since 0.1.0
 */
import type { JsonObject, Validation } from "../ConnectorTypeSpec.js"
import * as V from "./validation.js"

/**
 * Validates `{ webhookUrl: string }` (strict); an unparsable URL gives
 * `error configuring <label> action: unable to parse host name from webhookUrl`
 * (`validateConnectorTypeConfig` in Kibana's slack and teams connector types).
 *
 * @since 0.1.0
 * @category validation
 */
export const validateWebhookUrlSecrets = (label: string): (secrets: unknown) => Validation =>
  V.validate(V.strictObject({ webhookUrl: V.string() }), (secrets: JsonObject) => {
    try {
      new URL(secrets.webhookUrl as string)
      return undefined
    } catch {
      return `error configuring ${label} action: unable to parse host name from webhookUrl`
    }
  })

/**
 * `{ message }` params with a non-empty message (strict).
 *
 * @since 0.1.0
 * @category validation
 */
export const validateMessageParams: (params: unknown) => Validation = V.validate(
  V.strictObject({ message: V.string({ min: 1 }) })
)

/**
 * An empty config object, `{}` by default.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateEmptyConfig: (config: unknown) => Validation = V.validate(
  V.withDefault(V.strictObject({}), () => ({}))
)
