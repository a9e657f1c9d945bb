#!/usr/bin/env node
// Runs the built emulator command, or, in a checkout whose sources are newer than the build (or that was
// never built), the TypeScript sources through tsx, so an edit to src/ is never shadowed by an old dist/.
// An installed package's files all carry npm's fixed timestamp, so there the build is always used.
import { existsSync, readdirSync, statSync } from "node:fs"

const built = new URL("../dist/esm/emulator/main.js", import.meta.url)
const sources = new URL("../src/", import.meta.url)

const newestSource = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, dir)
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }, 0)

const isCurrent = existsSync(built) && (!existsSync(sources) || newestSource(sources) <= statSync(built).mtimeMs)

const tsx = async () => {
  try {
    return await import("tsx/esm/api")
  } catch {
    return undefined
  }
}

const missingPeer = (error) =>
  error?.code === "ERR_MODULE_NOT_FOUND" && /'@effect\/platform-node[/']/.test(String(error.message))

try {
  const loader = isCurrent ? undefined : await tsx()
  if (loader === undefined && !existsSync(built)) {
    console.error("effect-kibana-emulator: no build found; run `npm run build` (or install tsx to run the sources)")
    process.exit(1)
  }
  if (loader === undefined) {
    await import(built.href)
  } else {
    loader.register()
    await import(new URL("emulator/main.ts", sources).href)
  }
} catch (error) {
  if (!missingPeer(error)) throw error
  console.error(
    "effect-kibana-emulator needs the optional peer dependency @effect/platform-node (0.108).\n" +
      "Install it next to effect-kibana:  npm i -D @effect/platform-node@^0.108"
  )
  process.exit(1)
}
