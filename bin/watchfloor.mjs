#!/usr/bin/env node
// The `watchfloor` command (package.json "bin"). It runs build/cli/watchfloor.mjs, the command
// line bundled from bin/cli.ts and the domain code at install time (scripts/build-cli.mjs, run
// by `npm ci` as the "prepare" script), so it starts without compiling TypeScript. When the
// bundle is missing or any of its sources changed since it was built, it runs bin/cli.ts through
// tsx instead: slower to start, never stale.
import { bundleIsFresh } from './bundle-fresh.mjs'

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
