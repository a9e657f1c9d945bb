/**
 * Shared pieces of the benchmarks: the emulator in its own process, the bench documents, and the
 * interleaved timing of several subjects, each in a process of its own (bench/subject.ts).
 */
import { fork, spawn } from "node:child_process"
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

/** The bulk comparison's batch size and batches in flight (the "batch 500, 8 in flight"). */
export const batchSize = 500
export const concurrency = 8

/** What one turn of a subject measured, in the subject's own process. */
export interface Measured {
  readonly wallMs: number
  /** `process.cpuUsage` of the subject's process over the turn, user plus system, in microseconds. */
  readonly cpuUs: number
  /** Each call's latency (ms), for subjects that time single calls. */
  readonly latencies: ReadonlyArray<number>
}

/** One subject of a comparison: `run(calls)` performs `calls` operations and says what they took. */
export interface Subject {
  readonly name: string
  readonly run: (calls: number) => Promise<Measured>
  readonly close: () => void
}

/**
 * `name` from bench/subject.ts (bundled as `script`) in a process of its own, which answers turns over
 * IPC until closed.
 */
export const forkSubject = (script: string, subject: string, url: string, connectorId: string): Subject => {
  // "get: undici.request" and "bulk: undici.request" are both "undici.request" in the tables
  const name = subject.replace(/^(get|bulk): /, "")
  // `execArgv: []`: not the parent's tsx loader, which a bundle does not need and which costs every call
  const child = fork(script, [subject, url, connectorId], {
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  let pending: { resolve: (measured: Measured) => void; reject: (error: Error) => void } | undefined
  child.on("message", (measured: Measured) => pending?.resolve(measured))
  child.on("exit", (code) => pending?.reject(new Error(`subject ${name} exited with ${code}`)))
  return {
    name,
    run: (calls) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject }
        child.send({ calls })
      }),
    close: () => child.disconnect()
  }
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
 * elsewhere on the machine hits all of them alike. Each round starts one subject later than the last:
 * the server's own collections come back at a steady pace, and in a fixed order they kept landing on
 * the same subject's turn.
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
  for (const subject of subjects) {
    // a whole round: the emulator and every subject reach their steady state before anything counts
    await subject.run(callsPerRound)
    await between()
  }
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < subjects.length; turn++) {
      const i = (turn + round) % subjects.length
      const { cpuUs, latencies, wallMs } = await subjects[i]!.run(callsPerRound)
      const total = totals[i]!
      total.calls += callsPerRound
      total.wallMs += wallMs
      total.cpuUs += cpuUs
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
