/**
 * The app itself in headless Chromium (the production build in .tmp/dist-perf):
 * `?synthetic=N` load to painted count, a level toggle from click to painted count, the JS heap
 * after load, the longest main-thread task during load, map pan frame gaps, and the initial JS
 * size. The peers' pages are measured in peers.ts.
 */
import type { Browser } from 'playwright-core'
import { mb, round, type BenchRow } from '../lib/measure.ts'
import { APP_DIST, initialChunks, initialJsGzipBytes } from './harness.ts'
import { countPaintedAt, heapAfterGc, levelToggleMs, panFrameGapMs } from './page-probes.ts'
import { NAME_SHIM } from './harness.ts'

const SEED = 20251104

export interface AppBenchOptions {
  readonly sizes: readonly number[]
  readonly toggles: number
  readonly pans: number
}

/** What the app's map showed at 100k, as first drawn: its container's CSS size (for the Leaflet peer). */
export interface MapShown {
  readonly widthPx: number
  readonly heightPx: number
  /** The event canvas's mode ('bins' or 'points') and how many events were in view. */
  readonly mode: string
  readonly visible: number
  /** How many marks the canvas drew: bins (bins mode) or points. */
  readonly marks: number
}

export async function benchApp(
  browser: Browser,
  baseUrl: string,
  options: AppBenchOptions,
): Promise<{ rows: BenchRow[]; mapPan100k: number | null; mapDraw100k: number | null; map: MapShown | null }> {
  const rows: BenchRow[] = []
  let map: MapShown | null = null
  let mapPan100k: number | null = null
  // Our canvas's redraw after a pan (its data-draw-ms), median over pans.
  let mapDraw100k: number | null = null
  const gz = initialJsGzipBytes(APP_DIST)
  rows.push({ name: 'initial JS, KB gzip (budget 250)', n: 0, ours_ms: Math.round(gz / 102.4) / 10, peer: null, peer_ms: null, note: `KB not ms; ${initialChunks(APP_DIST).join(', ')}` })

  for (const n of options.sizes) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
    await context.addInitScript(NAME_SHIM)
    await context.addInitScript(() => {
      const w = window as unknown as { __longest: number; __tasks: [number, number][] }
      w.__longest = 0
      w.__tasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__longest = Math.max(w.__longest, e.duration)
          w.__tasks.push([e.startTime, e.duration])
        }
      }).observe({ type: 'longtask', buffered: true })
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${baseUrl}/?synthetic=${n}&seed=${SEED}`, { waitUntil: 'commit' })
    const loadMs = await countPaintedAt(page, n, 120_000)
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest)
    // Tasks that ended before the generated table reached the main thread (startup and generation).
    const beforeData = await page.evaluate(() => {
      const received = performance.getEntriesByName('watchfloor:synthetic-received')[0]?.startTime ?? Infinity
      return Math.max(0, ...(window as unknown as { __tasks: [number, number][] }).__tasks.filter(([start, ms]) => start + ms < received).map(([, ms]) => ms))
    })
    const cdp = await context.newCDPSession(page)
    const heap = await heapAfterGc(cdp)
    await page.waitForTimeout(300)
    const toggle = await levelToggleMs(page, 1, options.toggles)
    rows.push({ name: 'app: load ?synthetic=N → count painted', n, ours_ms: round(loadMs), peer: null, peer_ms: null, note: `longest main-thread task ${round(longest)} ms; before the data arrived ${round(beforeData)} ms` })
    rows.push({ name: 'app: level toggle click → count painted', n, ours_ms: round(toggle), peer: null, peer_ms: null })
    rows.push({ name: 'app: JS heap after load, MB (after GC)', n, ours_ms: mb(heap), peer: null, peer_ms: null, note: 'MB not ms' })
    if (n === 100_000) {
      const canvas = page.locator('[data-testid="map-events"]')
      const box = await page.locator('[data-testid="panel-map"] .leaflet-container').first().boundingBox()
      if ((await canvas.count()) > 0) {
        if (box !== null) {
          const [mode, visible, marks] = await Promise.all(['data-mode', 'data-visible', 'data-marks'].map((name) => canvas.first().getAttribute(name)))
          map = { widthPx: Math.round(box.width), heightPx: Math.round(box.height), mode: mode ?? '?', visible: Number(visible), marks: Number(marks) }
        }
        const pan = await panFrameGapMs(page, '[data-testid="panel-map"] .leaflet-container', options.pans, async () =>
          Number(await canvas.first().getAttribute('data-draw-ms')),
        )
        mapPan100k = pan.worstFrameMs
        mapDraw100k = pan.afterPanMs
      }
    }
    if (errors.length > 0) throw new Error(`the app logged errors at ${n}: ${errors.join(' | ')}`)
    await context.close()
  }
  return { rows, mapPan100k, mapDraw100k, map }
}
