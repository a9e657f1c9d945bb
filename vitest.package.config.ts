import { configDefaults, defineConfig } from "vitest/config"
import base from "./vitest.config.js"

// The package as users get it (test/package): packed, installed in a fresh project, typechecked and run.
// Kept out of the main suite for its minutes of npm and tsc; `npm test` runs it after the main suite.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["test/package/**/*.test.ts"], exclude: configDefaults.exclude }
})
