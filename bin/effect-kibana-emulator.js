#!/usr/bin/env node
// Runs the built entry when the package is built; otherwise loads the TypeScript source through tsx,
// so `npx effect-kibana-emulator` works in a checkout without a build step.
import { existsSync } from "node:fs"

const built = new URL("../dist/emulator/main.js", import.meta.url)
if (existsSync(built)) {
  await import(built.href)
} else {
  const { register } = await import("tsx/esm/api")
  register()
  await import(new URL("../src/emulator/main.ts", import.meta.url).href)
}
