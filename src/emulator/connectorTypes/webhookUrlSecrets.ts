/**
 * The `{ webhookUrl }` secrets and `{ message }` params of `.slack` and `.teams`, with Kibana's custom
 * URL check.
 *
 * @since 0.1.0
 */
import * as V from "./validation.js"

/**
 * `{ webhookUrl: string }` (strict).
 *
 * @since 0.1.0
 * @category validation
 */
export const webhookUrlSecrets = V.strictObject({ webhookUrl: V.string() })

/**
 * Validates the secrets; an unparsable URL gives
 * `error configuring <label> action: unable to parse host name from webhookUrl`
 * (`validateConnectorTypeConfig` in Kibana's slack and teams connector types).
 *
 * @since 0.1.0
 * @category validation
 */
export const validateWebhookUrlSecrets = (label: string) =>
  V.validate(webhookUrlSecrets, (secrets) =>
    URL.canParse(secrets.webhookUrl)
      ? undefined
      : `error configuring ${label} action: unable to parse host name from webhookUrl`)

/**
 * `{ message }` params with a non-empty message (strict).
 *
 * @since 0.1.0
 * @category validation
 */
export const messageParams = V.strictObject({ message: V.string({ min: 1 }) })

/**
 * An empty config object, `{}` by default.
 *
 * @since 0.1.0
 * @category validation
 */
export const emptyConfig = V.withDefault(V.strictObject({}), {})
