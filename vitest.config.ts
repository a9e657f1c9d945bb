import { fileURLToPath } from "node:url"
import { configDefaults, defineConfig } from "vitest/config"

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests may import the library by its package name, like users (tsconfig `paths` does the same for tsc and tsx).
    alias: [
      { find: /^effect-kibana\/emulator$/, replacement: source("./src/emulator/index.ts") },
      { find: /^effect-kibana\/testing$/, replacement: source("./src/testing.ts") },
      { find: /^effect-kibana\/node$/, replacement: source("./src/node.ts") },
      { find: /^effect-kibana$/, replacement: source("./src/index.ts") }
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Packing and installing the package takes minutes of npm and tsc: `npm run test:package`
    // (vitest.package.config.ts) runs it, and `npm test` runs that after this suite.
    exclude: [...configDefaults.exclude, "test/package/**"],
    reporters: ["default", "./test/summary-reporter.ts"],
    setupFiles: ["./test/setup.ts"],
    // Vitest runs one worker fewer than the cores: a single one on 2 cores. Most files wait on
    // loopback HTTP, child processes and timers, so 3 workers finish sooner even on 2 cores (measured:
    // test/client + test/spaces, 141 s with 1 worker, 109 s with 3, same loaded machine).
    maxWorkers: 3,
    // As many as at most: tinypool ends a worker idle above `minWorkers` with an unhandled "Terminating
    // worker thread" rejection when workers are shared (vitest-dev/vitest#8564), failing a green run.
    minWorkers: 3,
    // Test files share their worker's modules instead of loading Effect, the platform and the library
    // afresh for each of 80 files: test/client took 68 s of CPU isolated, 11 s shared. A file's state
    // does not outlive it: every emulator, server and layer is built by the test that uses it;
    // test/setup.ts resets what @effect/vitest shares, and the one test of process-wide metrics counts
    // deltas.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
