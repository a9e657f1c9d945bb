/**
 * Free-form JSON, where Kibana accepts any object (a connector's `config`, the `params` of an execution).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A free-form JSON object, such as a connector's `config` or the `params` of an execution.
 *
 * @since 0.1.0
 * @category models
 */
export const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @since 0.1.0
 * @category models
 */
export type JsonObject = typeof JsonObject.Type
