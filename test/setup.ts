import { addEqualityTesters, it } from "@effect/vitest"

addEqualityTesters()

// @effect/vitest's `layer(...)` assigns its own `effect`, `scoped`, ... onto the shared `it` (0.30:
// `Object.assign(it, ...)` in internal.js), so with files sharing a worker (`isolate: false`) a file's
// plain `it.effect` would run in the previous file's layer. Each file starts from the pristine testers.
const key = Symbol.for("effect-kibana/test/pristine-it")
const global = globalThis as { [key]?: Partial<typeof it> }
global[key] ??= { ...it }
Object.assign(it, global[key])
