/**
 * An in-process SMTP server that keeps every mail the `.email` connector delivers, built on `smtp-server`
 * (an optional dependency: the sink fails to start without it). Plain SMTP on loopback, authentication
 * accepted as given, so tests can check the envelope, the credentials' user name and the message.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Runtime from "effect/Runtime"
import type { SMTPServerDataStream, SMTPServerSession } from "smtp-server"

/**
 * One delivered mail.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReceivedMail {
  readonly from: string | undefined
  readonly to: ReadonlyArray<string>
  /** The user name the client authenticated with (never the password). */
  readonly user: string | undefined
  readonly subject: string | undefined
  /** The message as sent: headers and body. */
  readonly raw: string
  readonly timestamp: Date
}

/**
 * How the sink answers: accept, refuse every mail with an SMTP status (e.g. 550), or refuse connections.
 *
 * @since 0.1.0
 * @category models
 */
export type SmtpSinkMode =
  | { readonly _tag: "Normal" }
  | { readonly _tag: "Reject"; readonly responseCode: number }
  | { readonly _tag: "Down" }

/**
 * The sink could not start (`smtp-server` missing, port in use).
 *
 * @since 0.1.0
 * @category errors
 */
export class SmtpSinkError extends Data.TaggedError("SmtpSinkError")<{ readonly reason: string }> {}

/**
 * A running SMTP sink.
 *
 * @since 0.1.0
 * @category tags
 */
export class SmtpSink extends Context.Tag("effect-kibana/SmtpSink")<SmtpSink, SmtpSink.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace SmtpSink {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    readonly host: string
    readonly port: number
    /** Mails delivered so far, oldest first. */
    readonly received: Effect.Effect<ReadonlyArray<ReceivedMail>>
    readonly setMode: (mode: SmtpSinkMode) => Effect.Effect<void>
    /** Forgets the mails and goes back to `Normal`. */
    readonly reset: Effect.Effect<void>
  }
}

const readStream = (stream: SMTPServerDataStream) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    stream.on("data", (chunk: Buffer) => chunks.push(chunk))
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    stream.on("error", reject)
  })

// the (unfolded) Subject header of the message
const subjectOf = (raw: string): string | undefined => {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? ""
  const match = /^subject:(.*(?:\r?\n[ \t].*)*)/im.exec(headers)
  return match?.[1]?.replace(/\r?\n[ \t]/g, " ").trim()
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode })

/**
 * Starts the sink on loopback; it stops with the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: { readonly host?: string; readonly port?: number } = {}) =>
  Effect.gen(function*() {
    const { SMTPServer } = yield* Effect.tryPromise({
      try: () => import("smtp-server"),
      catch: () => new SmtpSinkError({ reason: "the SMTP sink needs the optional dependency smtp-server" })
    })
    const received = yield* Ref.make<ReadonlyArray<ReceivedMail>>([])
    const mode = yield* Ref.make<SmtpSinkMode>({ _tag: "Normal" })
    const runSync = Runtime.runSync(yield* Effect.runtime<never>())
    const host = options.host ?? "127.0.0.1"

    const deliver = (raw: string, session: SMTPServerSession) =>
      Effect.gen(function*() {
        const timestamp = new Date(yield* Clock.currentTimeMillis)
        const from = session.envelope.mailFrom
        yield* Ref.update(received, (all) => [...all, {
          from: from === false ? undefined : from.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          user: typeof session.user === "string" ? session.user : undefined,
          subject: subjectOf(raw),
          raw,
          timestamp
        }])
      })

    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onConnect: (_session, callback) => {
        const current = runSync(Ref.get(mode))
        callback(current._tag === "Down" ? smtpError("Service not available", 421) : null)
      },
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onMailFrom: (_address, _session, callback) => {
        const current = runSync(Ref.get(mode))
        callback(current._tag === "Reject" ? smtpError("Mailbox unavailable", current.responseCode) : null)
      },
      onData: (stream, session, callback) => {
        readStream(stream)
          .then((raw) => {
            runSync(deliver(raw, session))
            callback(null)
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
      }
    })
    const port = yield* Effect.acquireRelease(
      Effect.async<number, SmtpSinkError>((resume) => {
        server.on("error", (error: Error) => resume(Effect.fail(new SmtpSinkError({ reason: error.message }))))
        const listening = server.listen(options.port ?? 0, host, () => {
          const address = listening.address()
          resume(
            typeof address === "object" && address !== null
              ? Effect.succeed(address.port)
              : Effect.fail(new SmtpSinkError({ reason: "no address" }))
          )
        })
      }),
      () => Effect.async<void>((resume) => server.close(() => resume(Effect.void)))
    )
    return SmtpSink.of({
      host,
      port,
      received: Ref.get(received),
      setMode: (next) => Ref.set(mode, next),
      reset: Effect.zipRight(Ref.set(received, []), Ref.set(mode, { _tag: "Normal" }))
    })
  })

/**
 * The sink as a scoped layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: { readonly host?: string; readonly port?: number } = {}
): Layer.Layer<SmtpSink, SmtpSinkError> => Layer.scoped(SmtpSink, make(options))
