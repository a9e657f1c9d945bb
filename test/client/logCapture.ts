// Captures every log line (all levels) as text, to assert on warnings and on what never gets logged.
import { Cause, Effect, Inspectable, Logger, LogLevel } from "effect"

export interface CapturedLog {
  readonly level: string
  readonly text: string
}

const render = (value: unknown) => typeof value === "string" ? value : Inspectable.toStringUnknown(value)

/** Runs `self` with a logger that records every line (message, annotations, cause) into `into`. */
export const captureLogs = (into: Array<CapturedLog>) => <A, E, R>(self: Effect.Effect<A, E, R>) => {
  const logger = Logger.make(({ annotations, cause, logLevel, message }) => {
    const parts = (Array.isArray(message) ? message : [message]).map(render)
    for (const [key, value] of annotations) parts.push(`${key}=${render(value)}`)
    if (!Cause.isEmpty(cause)) parts.push(Cause.pretty(cause, { renderErrorCause: true }))
    into.push({ level: logLevel.label, text: parts.join(" ") })
  })
  return self.pipe(
    Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
    Logger.withMinimumLogLevel(LogLevel.All)
  )
}
