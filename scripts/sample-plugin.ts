/**
 * The bundled sample as the built app serves it: `public/data/sample.json` is kept readable in
 * the repository (the CLI's `validate`, the tests and the docs read it), and the build writes
 * it minified in place of the copy Vite makes of it. Same JSON, fewer bytes before the first
 * painted dashboard.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/** The sample's files as served, by path under the built folder. */
export function sampleFiles(readable: string): Record<string, string> {
  return { 'data/sample.json': JSON.stringify(JSON.parse(readable)) }
}

export function bundledSample(sampleUrl: URL): Plugin {
  return {
    name: 'watchfloor-sample',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir
      if (dir === undefined) return
      for (const [path, text] of Object.entries(sampleFiles(readFileSync(sampleUrl, 'utf8')))) {
        mkdirSync(join(dir, path, '..'), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
    },
  }
}
