/**
 * Exports through the app in headless Chromium (the production build in .tmp/dist-perf): on a
 * `?synthetic=N` dashboard, the export dialog's picture downloads (timeline, map and whole
 * dashboard as 2x PNG, timeline SVG) and the PowerPoint briefing pack, each timed from the
 * click to the browser's download event. The first export of each kind also loads its code; it
 * is reported in the note and left out of the median. The longest main-thread task during the
 * timed exports is noted too.
 */
import { statSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { median, round, type BenchRow } from '../lib/measure.ts'
import { NAME_SHIM } from './harness.ts'
import { countPaintedAt, watchLongestTask } from './page-probes.ts'

const SEED = 20251104

export interface ExportBenchOptions {
  readonly sizes: readonly number[]
  /** Timed exports of each kind, after one untimed first export. */
  readonly runs: number
}

interface ExportKind {
  /** What the row's name says: `app: export <label> → download`. */
  readonly label: string
  /** The panel whose export button opens the dialog. */
  readonly panel: 'timeline' | 'map' | 'gauges' | 'events' | 'dashboard'
  /** Dialog buttons clicked once before exporting (format, scale). */
  readonly setup: readonly string[]
  /** The button that starts the export. */
  readonly button: string
  /** What the downloaded file's name must end with. */
  readonly extension: string
}

const KINDS: readonly ExportKind[] = [
  { label: 'timeline PNG 2x', panel: 'timeline', setup: ['export-format-png', 'export-scale-2'], button: 'export-download', extension: '.png' },
  { label: 'map PNG 2x', panel: 'map', setup: ['export-format-png', 'export-scale-2'], button: 'export-download', extension: '.png' },
  { label: 'dashboard PNG 2x', panel: 'dashboard', setup: ['export-format-png', 'export-scale-2'], button: 'export-download', extension: '.png' },
  { label: 'timeline SVG', panel: 'timeline', setup: ['export-format-svg'], button: 'export-download', extension: '.svg' },
  { label: 'briefing pack PPTX (4 panels)', panel: 'timeline', setup: [], button: 'export-briefing', extension: '.pptx' },
]

interface Timed {
  readonly ms: number
  /** The longest main-thread task that started between the click and the download, ms. */
  readonly longestTaskMs: number
  readonly bytes: number
}

/** Clicks `button` and waits for the download: ms from the click to the download event. */
async function timeDownload(page: Page, button: string, extension: string): Promise<Timed> {
  await page.evaluate(() => {
    ;(window as unknown as { __exportLongest: number }).__exportLongest = 0
  })
  const downloaded = page.waitForEvent('download', { timeout: 180_000 })
  const t0 = performance.now()
  // A click dispatched in the page: no actionability waits between the clock and the click.
  await page.evaluate((testId) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!.click(), button)
  const download = await downloaded
  const ms = performance.now() - t0
  const name = download.suggestedFilename()
  if (!name.endsWith(extension)) throw new Error(`expected a ${extension} download, got ${name}`)
  const path = await download.path()
  const bytes = statSync(path).size
  await download.delete()
  // Long tasks are reported once they end: give the observer a frame to deliver the last one.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
  const longestTaskMs = await page.evaluate(() => (window as unknown as { __exportLongest: number }).__exportLongest)
  return { ms, longestTaskMs, bytes }
}

async function openDialog(page: Page, panel: ExportKind['panel']): Promise<void> {
  await page.click(`[data-testid="export-${panel}"]`)
  await page.locator('[data-testid="export-dialog"]').waitFor()
}

async function closeDialog(page: Page): Promise<void> {
  await page.click('[data-testid="export-close"]')
  await page.locator('[data-testid="export-dialog"]').waitFor({ state: 'detached' })
}

/** The long-task API reports only tasks of 50 ms or more: 0 means none. */
function taskNote(medianMs: number, worstMs: number): string {
  if (worstMs === 0) return 'no main-thread task over 50 ms'
  return `longest main-thread task ${medianMs === 0 ? 'under 50' : round(medianMs)} ms (worst run ${round(worstMs)})`
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`
}

/** One row per export kind and size: median ms from click to download. */
export async function benchExports(browser: Browser, baseUrl: string, options: ExportBenchOptions, log: (message: string) => void = () => {}): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const n of options.sizes) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block', acceptDownloads: true })
    await context.addInitScript(NAME_SHIM)
    await context.addInitScript(watchLongestTask)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${baseUrl}/?synthetic=${n}&seed=${SEED}`, { waitUntil: 'commit' })
    await countPaintedAt(page, n, 120_000)
    await page.locator('[data-testid="map-events"]').first().waitFor()
    await page.waitForTimeout(500)
    for (const kind of KINDS) {
      log(`export ${kind.label} at ${n.toLocaleString('en-GB')}`)
      await openDialog(page, kind.panel)
      for (const testId of kind.setup) await page.click(`[data-testid="${testId}"]`)
      const first = await timeDownload(page, kind.button, kind.extension)
      const timed: Timed[] = []
      for (let i = 0; i < options.runs; i++) {
        await page.waitForTimeout(200)
        timed.push(await timeDownload(page, kind.button, kind.extension))
      }
      await closeDialog(page)
      const longest = median(timed.map((t) => t.longestTaskMs))
      const worst = Math.max(...timed.map((t) => t.longestTaskMs))
      rows.push({
        name: `app: export ${kind.label} → download`,
        n,
        ours_ms: round(median(timed.map((t) => t.ms))),
        peer: null,
        peer_ms: null,
        note: `click → download event, median of ${options.runs}; first (loads the export code) ${round(first.ms)} ms; ${taskNote(longest, worst)}; ${kb(timed[0]!.bytes)}`,
      })
    }
    if (errors.length > 0) throw new Error(`the app logged errors while exporting at ${n}: ${errors.join(' | ')}`)
    await context.close()
  }
  return rows
}
