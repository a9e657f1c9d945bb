/**
 * Shared pieces of the benchmarks: the emulator in its own process, the bench documents, and the
 * interleaved timing of several subjects (CPU from `process.cpuUsage`, so only this process counts).
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** Basic credentials of the emulator's default user. */
export const authorization = `Basic ${Buffer.from("elastic:changeme").toString("base64")}`

/** The emulator running in a child process, and how to stop it. */
export interface EmulatorProcess {
  readonly url: string
  readonly stop: () => void
}

const bin = fileURLToPath(new URL("../bin/effect-kibana-emulator.js", import.meta.url))

/** Starts `effect-kibana-emulator --port 0` and waits for the URL it prints. */
export const startEmulator = (): Promise<EmulatorProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      const found = /listening on (http:\/\/\S+)/.exec(output)
      if (found !== null) {
        child.stdout.removeAllListeners("data")
        child.stdout.resume()
        resolve({ url: found[1]!, stop: () => child.kill() })
      }
    })
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)))
  })

/** A log-like document, as an application would write through the `.index` connector. */
export const document = (n: number) => ({
  "@timestamp": new Date(1_700_000_000_000 + n).toISOString(),
  level: n % 10 === 0 ? "warn" : "info",
  service: "checkout",
  message: `request ${n} handled`,
  duration_ms: n % 250
})

/** One subject of a comparison: `run(calls)` performs `calls` operations and returns their latencies (ms). */
export interface Subject {
  readonly name: string
  readonly run: (calls: number) => Promise<ReadonlyArray<number>>
}

/** What a subject measured over all rounds. */
export interface Result {
  readonly name: string
  readonly calls: number
  readonly wallMs: number
  readonly cpuUs: number
  readonly latencies: ReadonlyArray<number>
}

/** The median of `values`. */
export const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!
}

/**
 * Runs every subject `rounds` times in turn (a warm-up round first, not counted), so that load from
 * elsewhere on the machine hits all of them alike.
 */
export const interleave = async (
  subjects: ReadonlyArray<Subject>,
  rounds: number,
  callsPerRound: number,
  // run after each subject's turn, outside the measurement (e.g. emptying what the server stored)
  between: () => Promise<unknown> = () => Promise.resolve()
): Promise<ReadonlyArray<Result>> => {
  const totals = subjects.map((subject) => ({
    name: subject.name,
    calls: 0,
    wallMs: 0,
    cpuUs: 0,
    latencies: [] as Array<number>
  }))
  for (const subject of subjects) await subject.run(Math.max(1, Math.floor(callsPerRound / 4)))
  for (let round = 0; round < rounds; round++) {
    for (const [i, subject] of subjects.entries()) {
      const cpu = process.cpuUsage()
      const start = performance.now()
      const latencies = await subject.run(callsPerRound)
      const wall = performance.now() - start
      const used = process.cpuUsage(cpu)
      const total = totals[i]!
      total.calls += callsPerRound
      total.wallMs += wall
      total.cpuUs += used.user + used.system
      for (const latency of latencies) total.latencies.push(latency)
      await between()
    }
  }
  return totals
}

/** Runs `task(i)` for `i < count` with at most `concurrency` in flight. */
export const pool = async (count: number, concurrency: number, task: (i: number) => Promise<void>) => {
  let next = 0
  const worker = async () => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
}
