#!/usr/bin/env node
// Bundles the command line (bin/cli.ts and the domain code it imports) into one JavaScript file,
// build/cli/watchfloor.mjs, so that `npx watchfloor` starts without compiling TypeScript. Run by
// `npm ci` / `npm install` (the "prepare" script) and by `npm run build:cli`. It also writes
// build/cli/inputs.json, each source file with its modification time: bin/watchfloor.mjs runs
// the bundle only while every one of them is unchanged, and the sources through tsx otherwise.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// `--out DIR` builds elsewhere (the tests build a bundle of their own beside the real one).
const outAt = process.argv.indexOf('--out')
const outDir = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1] : join(root, 'build', 'cli')

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  // Installed without dev dependencies: the command runs from the sources (through tsx) instead.
  console.warn('watchfloor: esbuild is not installed; the command line will run from its sources')
  process.exit(0)
}

mkdirSync(outDir, { recursive: true })
// Built into a folder of its own, then moved in: a command starting meanwhile never reads half a
// bundle. Code only some inputs need (Parquet's reader and decompressors) goes into chunks loaded
// on demand, so that every other run starts without parsing it; chunk names carry a hash of their
// content, so new ones never replace files a running command may still load.
const nextDir = join(outDir, `.next-${process.pid}`)
rmSync(nextDir, { recursive: true, force: true })
const result = await esbuild.build({
  entryPoints: { watchfloor: join(root, 'bin', 'cli.ts'), 'stream-worker': join(root, 'bin', 'stream-worker.ts') },
  outdir: nextDir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'eof',
  minify: true,
  // papaparse and friends are CommonJS: give them a `require` in the ES module.
  banner: { js: "import { createRequire as __wfCreateRequire } from 'node:module'; const require = __wfCreateRequire(import.meta.url);" },
})
const chunks = readdirSync(nextDir).filter((f) => f.startsWith('chunk-'))
for (const chunk of chunks) renameSync(join(nextDir, chunk), join(outDir, chunk))
// The worker first: the command that starts it is then never newer than it.
renameSync(join(nextDir, 'stream-worker.mjs'), join(outDir, 'stream-worker.mjs'))
renameSync(join(nextDir, 'watchfloor.mjs'), join(outDir, 'watchfloor.mjs'))
rmSync(nextDir, { recursive: true, force: true })
// Chunks of earlier builds: no longer loaded by anything.
for (const file of readdirSync(outDir)) if (file.startsWith('chunk-') && !chunks.includes(file)) rmSync(join(outDir, file), { force: true })

const inputs = {}
for (const input of Object.keys(result.metafile.inputs)) {
  const file = relative(root, join(root, input))
  if (file.startsWith('node_modules')) continue
  inputs[file] = statSync(join(root, file)).mtimeMs
}
inputs['package-lock.json'] = statSync(join(root, 'package-lock.json')).mtimeMs
writeFileSync(join(outDir, 'inputs.next.json'), `${JSON.stringify({ inputs }, null, 1)}\n`)
renameSync(join(outDir, 'inputs.next.json'), join(outDir, 'inputs.json'))
console.log(`watchfloor: built ${relative(root, join(outDir, 'watchfloor.mjs'))} from ${Object.keys(inputs).length} files`)
