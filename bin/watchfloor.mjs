#!/usr/bin/env node
// The `watchfloor` command (package.json "bin"). It runs bin/cli.ts through tsx, so it works
// after `npm ci` alone, with no build step.

// `watchfloor validate big.csv | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  process.stderr.write(`watchfloor: cannot write output: ${error.message}\n`)
  process.exit(2)
})
try {
  const { register } = await import('tsx/esm/api')
  register()
  const { main } = await import('./cli.ts')
  process.exitCode = main(process.argv.slice(2))
} catch (error) {
  // A broken install or a syntax error in the sources: still one line, never a stack trace.
  const reason = error instanceof Error ? error.message : String(error)
  process.stderr.write(`watchfloor: cannot start: ${reason.split('\n')[0]}\n`)
  process.exitCode = 2
}
