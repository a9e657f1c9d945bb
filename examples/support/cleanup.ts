/**
 * The examples' cleanup policy, built on scopes. Each resource is created with `acquireRelease`; its
 * release asks this policy whether to delete it, given how the program ended:
 *
 * - success: kept with `--keep`; in a terminal the user is asked once (`Delete the connector? (y/N)`);
 *   otherwise (a pipe, CI, the tests) deleted without asking;
 * - failure or interruption: always deleted, without asking.
 */
import { Terminal } from "@effect/platform"
import { Console, Context, Effect, Exit, Layer, Option } from "effect"
import type { Scope } from "effect"

/** Whether the resources of a run that ended with `exit` are deleted. */
export class Cleanup extends Context.Tag("examples/Cleanup")<Cleanup, {
  readonly shouldDelete: (exit: Exit.Exit<unknown, unknown>) => Effect.Effect<boolean>
}>() {}

/** Whether the run was asked to keep what it creates (`--keep`). */
export const keep = process.argv.includes("--keep")

// One key is enough for y/N. Ctrl+C at the question interrupts the run, and interrupted runs clean up.
const ask = (terminal: Terminal.Terminal, question: string) =>
  Effect.gen(function*() {
    yield* terminal.display(`${question} (y/N) `)
    const { input, key } = yield* Effect.flatMap(terminal.readInput, (keys) => keys.take)
    const interrupted = key.ctrl && (key.name === "c" || key.name === "d")
    const yes = Option.exists(input, (char) => char.toLowerCase() === "y")
    yield* terminal.display(interrupted ? "^C\n" : yes ? "y\n" : "n\n")
    return yes || interrupted
  }).pipe(Effect.scoped, Effect.orElseSucceed(() => true))

/** The policy, asking `question` (e.g. `Delete the connector?`) in a terminal. */
export const layer = (question: string): Layer.Layer<Cleanup, never, Terminal.Terminal> =>
  Layer.effect(
    Cleanup,
    Effect.gen(function*() {
      const terminal = yield* Terminal.Terminal
      const interactive = process.stdin.isTTY && (yield* terminal.isTTY)
      // Decided once per run, by the first release that needs it.
      const onSuccess = yield* Effect.cached(
        keep ? Effect.succeed(false) : interactive ? ask(terminal, question) : Effect.succeed(true)
      )
      return { shouldDelete: (exit) => Exit.isSuccess(exit) ? onSuccess : Effect.succeed(true) }
    })
  )

/**
 * Creates a resource that the cleanup policy deletes (or keeps) when the scope closes, saying which:
 * `Deleted connector <id>` or `Kept connector <id>`. A failed delete is logged, never fatal.
 */
export const resource = <A, E, R, E2, R2>(options: {
  readonly acquire: Effect.Effect<A, E, R>
  readonly release: (resource: A) => Effect.Effect<unknown, E2, R2>
  /** How the resource is named in messages, e.g. `connector 0c1d...`. */
  readonly describe: (resource: A) => string
}): Effect.Effect<A, E, R | R2 | Cleanup | Scope.Scope> =>
  Effect.acquireRelease(options.acquire, (resource, exit) =>
    Effect.gen(function*() {
      const cleanup = yield* Cleanup
      const name = options.describe(resource)
      if (!(yield* cleanup.shouldDelete(exit))) return yield* Console.log(`Kept ${name}`)
      yield* options.release(resource).pipe(
        Effect.zipRight(Console.log(`Deleted ${name}`)),
        Effect.catchAll((error) => Effect.logWarning(`Could not delete ${name}`, error))
      )
    }))
