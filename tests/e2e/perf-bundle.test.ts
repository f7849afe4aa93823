/**
 * The download budget (DESIGN.md: ≤ 250 KB gzip; export and import code load lazily), checked
 * on the build the e2e tests serve — the e2e project runs after `npm run build`, so the build
 * always exists here (WATCHFLOOR_DIST points at another build folder). Sizes are bytes after
 * gzip at zlib's default level, as a server would send them. Two checks: the JS index.html
 * names, read from the build; and everything the page and its workers actually fetch before the
 * first painted dashboard (scripts, JSON — the sample's panels part included —, stylesheets),
 * recorded in headless Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { measureStartup, type TracedTask, watchLongTasks } from '../../bench/browser/startup-probe.ts'
import { launchBrowser, urlOf } from './browser.ts'

const OUT_DIR = new URL(`../../${process.env.WATCHFLOOR_DIST ?? 'dist'}/`, import.meta.url)
const BUDGET_BYTES = 250 * 1024
/** The bundled sample's events: the count the first painted dashboard shows. */
const SAMPLE_EVENTS = 286
/** The part of the sample the first paint draws (sample-parts.ts): counted with the rest. */
const PANELS_PATH = '/data/sample-panels.json'
/** The rest of the sample's events: fetched when first needed, after the first paint. */
const DETAILS_PATH = '/data/sample-details.json'
/**
 * No main-thread task over 50 ms (issue #22), checked as CPU time with a 20 % margin: on this
 * 2-core machine at load average 10–20 the page's first layout and a network message reached
 * 42–44 ms of CPU, and CPU time too grows somewhat when cores are shared. The CPU time is the
 * page's own: the source positions V8 collects only because DevTools is attached are left out
 * (startup-probe.ts, `TracedTask.sourcePositionsMs`).
 */
const TASK_BUDGET_MS = 60
/** The sample as the repository holds it. */
const SAMPLE = JSON.parse(readFileSync(new URL('../../public/data/sample.json', import.meta.url), 'utf8')) as {
  events: { title: string; summary?: string; assessment?: string }[]
}

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

describe('what the first painted dashboard costs', () => {
  it('fetches at most 250 KB gzip in all before the sample is painted, the sample included, and no file twice', async () => {
    const context = await (await launchBrowser()).newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
    try {
      await watchLongTasks(context)
      const finished: string[] = []
      const startup = await measureStartup(context, urlOf('/'), SAMPLE_EVENTS, {
        beforeNavigate: (page) => {
          page.on('requestfinished', (request) => finished.push(new URL(request.url()).pathname))
          return Promise.resolve()
        },
      })
      const paths = startup.fetched.map((f) => f.path)
      // What index.html names is part of what was fetched: the recording sees the page's requests.
      expect(paths.some((p) => /\/assets\/index-[^/]+\.js$/.test(p))).toBe(true)
      expect(paths).toContain(PANELS_PATH)
      expect(new Set(paths).size).toBe(paths.length)
      const total = startup.fetched.reduce((sum, f) => sum + f.gzipBytes, 0)
      expect(total).toBe(startup.gzipBytes)
      const listed = startup.fetched.map((f) => `${f.path} ${(f.gzipBytes / 1024).toFixed(1)}`).join(', ')
      expect(total, `${(total / 1024).toFixed(1)} KB gzip before the first paint: ${listed}`).toBeLessThanOrEqual(BUDGET_BYTES)
      // The map (Leaflet and the basemap), the timeline's axes (Recharts), zod (files a user
      // opens) and the sample's details come after that paint.
      expect(paths.filter((p) => /world-map|level-chart|countries-|zod-|sample-details|\/sample\.json/.test(p))).toEqual([])
      // The details do come, once the list asks for its rows' events.
      await expect.poll(() => startup.page.locator('[data-testid="event-row"]').count()).toBeGreaterThan(0)
      expect(finished).toContain(DETAILS_PATH)
      // An event's detail shows what only the details part holds: its summary and assessment.
      const row = startup.page.locator('[data-testid="event-row"]').first()
      const title = (await row.locator('.event-row__title').textContent()) ?? ''
      const event = SAMPLE.events.find((e) => title.endsWith(e.title))
      expect(event?.summary, title).toBeDefined()
      await row.click()
      const detail = startup.page.locator('[data-testid="event-detail"]')
      await expect.poll(() => detail.textContent()).toContain(event!.summary!)
      expect(await detail.textContent()).toContain(event!.assessment ?? '')
    } finally {
      await context.close()
    }
  })

  it('runs no main-thread task over 50 ms (+20 %) of CPU time from navigation until every panel has drawn, evaluating the scripts included', async () => {
    const context = await (await launchBrowser()).newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
    try {
      await watchLongTasks(context)
      const startup = await measureStartup(context, urlOf('/'), SAMPLE_EVENTS, { traceTasks: true })
      const before = startup.tracedTasks ?? []
      const after = startup.tracedAfterPaint ?? []
      // The trace saw the page work: tasks on both sides of the paint, the panels drawn in several.
      expect(before.length).toBeGreaterThan(10)
      expect(after.length).toBeGreaterThan(3)
      const list = (tasks: readonly TracedTask[]): string =>
        tasks.map((t) => `${t.cpuMs.toFixed(0)} ms CPU (${t.wallMs.toFixed(0)} wall, +${t.sourcePositionsMs.toFixed(0)} source positions) ${t.what}`).join('; ')
      // CPU time, not wall time: on a loaded machine a task waits for a core, and its wall time
      // stretches while its CPU time does not. React's entry and the app's chunk are evaluated in
      // tasks of their own, the panels are drawn after the count, and the sample is read in slices.
      const long = [...before, ...after].filter((t) => t.cpuMs > TASK_BUDGET_MS)
      expect(long, `tasks over ${TASK_BUDGET_MS} ms of CPU: ${list(long)}`).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('holds each world-atlas shape file once in the build', () => {
    const assets = readdirSync(new URL('assets/', OUT_DIR))
    for (const detail of ['110m', '50m']) {
      expect(assets.filter((a) => a.startsWith(`countries-${detail}-`))).toHaveLength(1)
    }
  })
})
