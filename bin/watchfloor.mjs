#!/usr/bin/env node
// The `watchfloor` command (package.json "bin"): a small launcher. It runs build/cli/watchfloor.mjs, the command
// line bundled from bin/cli.ts and the domain code at install time (scripts/build-cli.mjs, run
// by `npm ci` as the "prepare" script), so it starts without compiling TypeScript. When the
// bundle is missing or any of its sources changed since it was built, it runs bin/cli.ts through
// tsx instead: slower to start, never stale.
import module from 'node:module'
import { bundleIsFresh } from './bundle-fresh.mjs'

// Node 22.1 and later keep the compiled bundle in a cache (beside it, in the project's own
// tree), so that later runs skip compiling it; on Node 20 there is no such cache and nothing happens.
try {
  module.enableCompileCache?.(new URL('../build/cli/.compile-cache', import.meta.url).pathname)
} catch {
  // A cache that cannot be written only costs start-up time.
}

// `watchfloor validate big.csv | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  process.stderr.write(`watchfloor: cannot write output: ${error.message}\n`)
  process.exit(2)
})

const ROOT = new URL('../', import.meta.url)

try {
  let main
  if (bundleIsFresh(ROOT)) ({ main } = await import('../build/cli/watchfloor.mjs'))
  else {
    const { register } = await import('tsx/esm/api')
    register()
    ;({ main } = await import('./cli.ts'))
  }
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  // A broken install or a syntax error in the sources: still one line, never a stack trace.
  const reason = error instanceof Error ? error.message : String(error)
  process.stderr.write(`watchfloor: cannot start: ${reason.split('\n')[0]}\n`)
  process.exitCode = 2
}
