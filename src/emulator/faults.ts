/**
 * Fault injection: rules chosen per request, consumed atomically, turned into Kibana's own 429/503
 * answers, latency or a dropped connection.
 *
 * @since 0.1.0
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import { STATUS_CODES } from "node:http"
import * as EmulatorHttp from "./EmulatorHttp.js"
import type { Fault, FaultRule } from "./EmulatorOptions.js"

interface ActiveRule {
  readonly rule: FaultRule
  readonly pattern: RegExp | undefined
  readonly remaining: number
}

const compilePattern = (path: string): RegExp => {
  const source = path
    .split(/(\{[^}]+\}|\*)/)
    .map((part) => part === "*" ? ".*" : part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("")
  return new RegExp(`^${source}$`)
}

const activate = (rule: FaultRule): ActiveRule => ({
  rule,
  pattern: rule.path === undefined ? undefined : compilePattern(rule.path),
  remaining: rule.times ?? Number.POSITIVE_INFINITY
})

const appliesTo = (active: ActiveRule, method: string, path: string) =>
  active.remaining > 0 &&
  (active.rule.method === undefined || active.rule.method.toUpperCase() === method) &&
  (active.pattern === undefined || active.pattern.test(path))

/**
 * The faults chosen for one request: delays to wait, then possibly a final answer.
 *
 * @since 0.1.0
 * @internal
 */
export interface FaultDecision {
  readonly delays: ReadonlyArray<Duration.Duration>
  readonly outcome: Exclude<Fault, { readonly _tag: "Latency" }> | undefined
}

/**
 * The runtime-changeable fault rules of one emulator.
 *
 * @since 0.1.0
 * @internal
 */
export interface FaultController {
  readonly set: (rules: ReadonlyArray<FaultRule>) => Effect.Effect<void>
  readonly add: (rule: FaultRule) => Effect.Effect<void>
  readonly rules: Effect.Effect<ReadonlyArray<FaultRule>>
  /** Whether no rule is active, so that no decision needs drawing (most requests of most emulators). */
  readonly unsafeIdle: () => boolean
  readonly decide: (method: string, path: string) => Effect.Effect<FaultDecision>
}

/**
 * @since 0.1.0
 * @internal
 */
export const makeFaultController = (initial: ReadonlyArray<FaultRule>): Effect.Effect<FaultController> =>
  Effect.sync(() => {
    // A plain variable, read and replaced only inside synchronous steps: each change is atomic.
    let active: ReadonlyArray<ActiveRule> = initial.map(activate)
    const decide = (method: string, path: string) =>
      // Draw the dice first, so the update below stays one synchronous step.
      Effect.flatMap(Effect.suspend(() => Effect.forEach(active, () => Random.next)), (draws) =>
        Effect.sync((): FaultDecision => {
          const delays: Array<Duration.Duration> = []
          let outcome: FaultDecision["outcome"] = undefined
          const next = active.map((rule, i) => {
            if (outcome !== undefined || !appliesTo(rule, method, path)) {
              return rule
            }
            const probability = rule.rule.probability ?? 1
            if ((draws[i] ?? 0) >= probability) {
              return rule
            }
            const fault = rule.rule.fault
            if (fault._tag === "Latency") {
              delays.push(Duration.decode(fault.delay))
            } else outcome = fault
            return { ...rule, remaining: rule.remaining - 1 }
          })
          active = next.filter((rule) =>
            rule.remaining > 0
          )
          return { delays, outcome }
        }))
    return {
      set: (rules) =>
        Effect.sync(() => {
          active = rules.map(activate)
        }),
      add: (rule) =>
        Effect.sync(() => {
          active = [...active, activate(rule)]
        }),
      rules: Effect.sync(() =>
        active.map(({ remaining, rule }) => Number.isFinite(remaining) ? { ...rule, times: remaining } : rule)
      ),
      unsafeIdle: () => active.length === 0,
      decide
    }
  })

/**
 * The answer for a `Status` or `Drop` fault. 429 is Kibana's ELU rate limiter
 * (elastic/kibana:src/core/packages/http/rate-limiter-server-internal/src/service.ts), 503 its
 * not-ready server (elastic/kibana:src/core/packages/http/server-internal/src/http_service.ts).
 *
 * @since 0.1.0
 * @internal
 */
export const faultResponse = (fault: Exclude<Fault, { readonly _tag: "Latency" }>): EmulatorHttp.EmulatorResponse => {
  if (fault._tag === "Drop" || fault._tag === "DropAfterCommit") return { _tag: "Drop" }
  if (fault.status === 429) {
    const seconds = String(fault.retryAfterSeconds ?? 1)
    return EmulatorHttp.kibanaError(429, "Server is overloaded", {
      headers: { "retry-after": seconds, "ratelimit": `"elu";r=0;t=${seconds}` }
    })
  }
  if (fault.status === 503) {
    return EmulatorHttp.text(503, "Kibana server is not ready yet", {
      "retry-after": String(fault.retryAfterSeconds ?? 30)
    })
  }
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined
    ? {}
    : { "retry-after": String(fault.retryAfterSeconds) }
  return EmulatorHttp.kibanaError(fault.status, STATUS_CODES[fault.status] ?? "Error", { headers })
}
