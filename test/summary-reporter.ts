import type { RunnerTask, RunnerTestFile } from "vitest"
import type { Reporter } from "vitest/reporters"

// Ends the run with a plain `vitest: N passed, N failed` line, the summary CI tooling reads in any language.

const tests = (tasks: ReadonlyArray<RunnerTask>): Array<RunnerTask> =>
  tasks.flatMap((task) => task.type === "suite" ? tests(task.tasks) : [task])

export default class SummaryReporter implements Reporter {
  onFinished(files: ReadonlyArray<RunnerTestFile> = []) {
    const all = tests(files)
    const passed = all.filter((task) => task.result?.state === "pass").length
    const failed = all.filter((task) => task.result?.state === "fail").length +
      files.filter((file) => file.result?.state === "fail" && file.tasks.length === 0).length
    const skipped = all.filter((task) => task.mode === "skip" || task.mode === "todo").length
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`)
  }
}
