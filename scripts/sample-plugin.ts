/**
 * The bundled sample as the app is served it. `public/data/sample.json` stays readable in the
 * repository (the CLI's `validate`, the tests and the docs read it); the build writes it
 * minified in place of the copy Vite makes, and beside it its two parts (sample-parts.ts): the
 * panels' part the first painted dashboard fetches, and the details' part fetched later. The dev
 * server serves the same parts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { splitSample } from '../src/domain/ingest/sample-parts.ts'

/** The sample's files as served, by path under the built folder: each minified JSON. */
export function sampleFiles(readable: string): Record<string, string> {
  const doc = JSON.parse(readable) as Record<string, unknown>
  const { panels, details } = splitSample(doc)
  return {
    'data/sample.json': JSON.stringify(doc),
    'data/sample-panels.json': JSON.stringify(panels),
    'data/sample-details.json': JSON.stringify(details),
  }
}

export function bundledSample(sampleUrl: URL): Plugin {
  const files = (): Record<string, string> => sampleFiles(readFileSync(sampleUrl, 'utf8'))
  return {
    name: 'watchfloor-sample',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\//, '')
        const text = path === 'data/sample-panels.json' || path === 'data/sample-details.json' ? files()[path] : undefined
        if (text === undefined) return next()
        res.setHeader('Content-Type', 'application/json')
        res.end(text)
      })
    },
    writeBundle(options) {
      const dir = options.dir
      if (dir === undefined) return
      for (const [path, text] of Object.entries(files())) {
        mkdirSync(join(dir, path, '..'), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
    },
  }
}
