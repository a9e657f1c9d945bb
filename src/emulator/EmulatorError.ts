/**
 * Errors of the emulator itself (not of the Kibana API it emulates).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The emulator options are invalid, e.g. a preconfigured connector of an unknown type or with a
 * config its type rejects, or a seed space Kibana would refuse.
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorOptionsError extends Schema.TaggedError<EmulatorOptionsError>()("EmulatorOptionsError", {
  /** Which option, e.g. `preconfiguredConnectors[0]`. */
  option: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `Invalid emulator option ${this.option}: ${this.reason}`
  }
}

/**
 * The loopback server could not listen (e.g. the port is taken).
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorServerError extends Schema.TaggedError<EmulatorServerError>()("EmulatorServerError", {
  host: Schema.String,
  port: Schema.Number,
  reason: Schema.String
}) {
  override get message() {
    return `Kibana emulator could not listen on ${this.host}:${this.port}: ${this.reason}`
  }
}
