/**
 * The ops metrics `/api/status` reports (`metrics`, in both formats), measured on the emulator's own
 * process and requests. Shapes: elastic/kibana:src/core/packages/metrics/server/src/metrics.ts
 * (`OpsMetrics`); collectors: `src/core/packages/metrics/collectors-server-internal/src/{os,process,server}.ts`;
 * the route adds `requests.status_codes` next to `statusCodes`
 * (`src/core/packages/status/server-internal/src/routes/status.ts`).
 *
 * Kibana collects every `ops.interval` (5 s) and resets its counters after each collection; the emulator
 * collects when `/api/status` asks, so "since the last collection" means since the previous status answer.
 * Without sockets of its own, the emulator counts requests in progress as `concurrent_connections`.
 * The event loop delay histogram is left out: measuring it takes a sampling timer running in the
 * caller's process for the emulator's whole life.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Os from "node:os"
import { performance } from "node:perf_hooks"
import * as V8 from "node:v8"

/**
 * Counts requests and collects the ops metrics.
 *
 * @since 0.1.0
 * @internal
 */
export interface OpsMetrics {
  /**
   * Marks a request received; the returned function records its answer's status (none when dropped).
   * Plain calls, made from inside the emulator's handler effect (two effect steps fewer per answer).
   */
  readonly received: () => (status: number | undefined) => void
  /** The metrics as `/api/status` reports them; resets the per-collection counters. */
  readonly collect: (startedAt: Date) => Effect.Effect<Record<string, unknown>>
}

interface Window {
  total: number
  disconnects: number
  statusCodes: Record<string, number>
  responseCount: number
  responseMillis: number
  maxMillis: number
}

const emptyWindow = (): Window => ({
  total: 0,
  disconnects: 0,
  statusCodes: {},
  responseCount: 0,
  responseMillis: 0,
  maxMillis: 0
})

// collectors-server-internal/src/os.ts: `${platform}-${release}`, load averages, system memory, uptime
const osMetrics = () => {
  const [oneMinute = 0, fiveMinutes = 0, fifteenMinutes = 0] = Os.loadavg()
  const total = Os.totalmem()
  const free = Os.freemem()
  return {
    platform: Os.platform(),
    platformRelease: `${Os.platform()}-${Os.release()}`,
    load: { "1m": oneMinute, "5m": fiveMinutes, "15m": fifteenMinutes },
    memory: { total_in_bytes: total, free_in_bytes: free, used_in_bytes: total - free },
    uptime_in_millis: Os.uptime() * 1000
  }
}

/**
 * Starts counting.
 *
 * @since 0.1.0
 * @internal
 */
export const makeOpsMetrics: Effect.Effect<OpsMetrics> = Effect.sync(() => {
  let window = emptyWindow()
  let inFlight = 0
  let utilization = performance.eventLoopUtilization()

  const received = () => {
    const start = performance.now()
    window.total++
    inFlight++
    return (status: number | undefined) => {
      inFlight--
      // server.ts: a dropped answer is a disconnect, an answer counts by status and response time
      if (status === undefined) {
        window.disconnects++
        return
      }
      window.statusCodes[status] = (window.statusCodes[status] ?? 0) + 1
      const millis = performance.now() - start
      window.responseCount++
      window.responseMillis += millis
      window.maxMillis = Math.max(window.maxMillis, millis)
    }
  }

  const collect = (startedAt: Date) =>
    Effect.sync(() => {
      const memory = process.memoryUsage()
      const now = Date.now()
      // process.ts: event loop utilization since the last collection
      const sinceLast = performance.eventLoopUtilization(utilization)
      utilization = performance.eventLoopUtilization()
      const processMetrics = {
        pid: process.pid,
        memory: {
          heap: {
            total_in_bytes: memory.heapTotal,
            used_in_bytes: memory.heapUsed,
            size_limit: V8.getHeapStatistics().heap_size_limit
          },
          resident_set_size_in_bytes: memory.rss,
          external_in_bytes: memory.external,
          array_buffers_in_bytes: memory.arrayBuffers
        },
        event_loop_utilization: sinceLast,
        uptime_in_millis: now - startedAt.getTime()
      }
      const current = window
      window = emptyWindow()
      return {
        last_updated: new Date(now).toISOString(),
        // ops.interval's default
        collection_interval_in_millis: 5000,
        os: osMetrics(),
        process: processMetrics,
        processes: [processMetrics],
        response_times: {
          avg_in_millis: current.responseMillis / Math.max(current.responseCount, 1),
          max_in_millis: current.maxMillis
        },
        concurrent_connections: inFlight,
        requests: {
          disconnects: current.disconnects,
          total: current.total,
          statusCodes: current.statusCodes,
          status_codes: current.statusCodes
        },
        elasticsearch_client: { totalActiveSockets: 0, totalIdleSockets: 0, totalQueuedRequests: 0 }
      }
    })

  return { received, collect }
})
