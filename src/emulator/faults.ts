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
import * as Ref from "effect/Ref"
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
  readonly decide: (method: string, path: string) => Effect.Effect<FaultDecision>
}

/**
 * @since 0.1.0
 * @internal
 */
export const makeFaultController = (initial: ReadonlyArray<FaultRule>): Effect.Effect<FaultController> =>
  Effect.gen(function*() {
    const ref = yield* Ref.make<ReadonlyArray<ActiveRule>>(initial.map(activate))
    const decide = (method: string, path: string) =>
      Effect.gen(function*() {
        const current = yield* Ref.get(ref)
        // Draw the dice before the atomic update so the update itself stays pure.
        const draws = yield* Effect.forEach(current, () => Random.next)
        return yield* Ref.modify(ref, (rules): [FaultDecision, ReadonlyArray<ActiveRule>] => {
          const delays: Array<Duration.Duration> = []
          let outcome: FaultDecision["outcome"] = undefined
          const next = rules.map((active, i) => {
            if (outcome !== undefined || !appliesTo(active, method, path)) return active
            const probability = active.rule.probability ?? 1
            if ((draws[i] ?? 0) >= probability) return active
            const fault = active.rule.fault
            if (fault._tag === "Latency") delays.push(Duration.decode(fault.delay))
            else outcome = fault
            return { ...active, remaining: active.remaining - 1 }
          })
          return [{ delays, outcome }, next.filter((active) => active.remaining > 0)]
        })
      })
    return {
      set: (rules) => Ref.set(ref, rules.map(activate)),
      add: (rule) => Ref.update(ref, (rules) => [...rules, activate(rule)]),
      rules: Effect.map(
        Ref.get(ref),
        (rules) => rules.map(({ remaining, rule }) => Number.isFinite(remaining) ? { ...rule, times: remaining } : rule)
      ),
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
