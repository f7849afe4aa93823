/**
 * The initial-JS budget (DESIGN.md: ≤ 250 KB gzip; export and import code load lazily), checked
 * on the build the e2e tests serve — the e2e project runs after `npm run build`, so the build
 * always exists here (WATCHFLOOR_DIST points at another build folder). Sizes are bytes after
 * gzip at zlib's default level, as a server would send them. No page is opened.
 */
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

const OUT_DIR = new URL(`../../${process.env.WATCHFLOOR_DIST ?? 'dist'}/`, import.meta.url)
const BUDGET_BYTES = 250 * 1024

/** The scripts and module preloads index.html fetches before anything runs. */
function initialChunks(html: string): string[] {
  const refs = new Set<string>()
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const t = tag[0]
    const src = /\ssrc="([^"]+)"/.exec(t)?.[1] ?? (/rel="modulepreload"/.test(t) ? /\shref="([^"]+)"/.exec(t)?.[1] : undefined)
    if (src !== undefined && src.endsWith('.js')) refs.add(src.replace(/^\.?\//, ''))
  }
  return [...refs]
}

describe('initial JS budget', () => {
  it('finds the entry script in index.html', () => {
    expect(initialChunks('<script type="module" crossorigin src="./assets/index-abc.js"></script><link rel="modulepreload" crossorigin href="./assets/vendor-x.js"><link rel="stylesheet" href="./assets/a.css">')).toEqual([
      'assets/index-abc.js',
      'assets/vendor-x.js',
    ])
  })

  it('keeps the JS index.html loads up front within 250 KB gzip', () => {
    const chunks = initialChunks(readFileSync(new URL('index.html', OUT_DIR), 'utf8'))
    expect(chunks.length).toBeGreaterThan(0)
    const sizes = chunks.map((c) => ({ chunk: c, gzipBytes: gzipSync(readFileSync(new URL(c, OUT_DIR))).length }))
    const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0)
    expect(total, `initial JS is ${(total / 1024).toFixed(1)} KB gzip: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(BUDGET_BYTES)
  })
})
