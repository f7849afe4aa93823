/**
 * Importing CSV through the app in headless Chromium (the production build in .tmp/dist-perf):
 * a file from the import dialog (file chosen → preview ready, plus confirm → every panel drawn:
 * the time the user waits, without their own pause on the preview; the frame that paints the new
 * count is noted too), a `?data=` URL (navigation → every panel drawn), and the longest
 * main-thread tasks of each. The CSV is written from the seeded
 * synthetic table, so its rows all import. The peer is plain papaparse on the main thread of the
 * same page, parsing the same file (strings only: no validation, no columns).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { median, round, type BenchRow } from '../lib/measure.ts'
import { csvFromTable } from '../node/csv-ingest.ts'
import { APP_DIST, NAME_SHIM, ROOT } from './harness.ts'
import { clickUntilDrawn, dashboardDrawnAt } from './page-probes.ts'

const SEED = 20251104
const TIMEOUT_MS = 180_000

export interface ImportBenchOptions {
  readonly sizes: readonly number[]
  /** Imports per size (the median is reported); 1M rows run once whatever this says. */
  readonly runs: number
  /** The served build folder, relative to the project, where the CSVs are written (default APP_DIST). */
  readonly outDir?: string
}

/** Marks and long tasks recorded in the page from the start, relative to navigation (ms). */
const RECORDER = () => {
  const w = window as unknown as { __tasks: [number, number][]; __t: Record<string, number> }
  w.__tasks = []
  w.__t = {}
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__tasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask', buffered: true })
  // When the preview's confirm button enters the page: timed in the page, not by the driver's
  // polling (which lags the page by a few hundred ms while the preview renders).
  new MutationObserver(() => {
    if (w.__t.preview === undefined && document.querySelector('[data-testid="import-confirm"]')) w.__t.preview = performance.now()
  }).observe(document, { childList: true, subtree: true })
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as HTMLElement | null)?.dataset?.testid === 'import-file') w.__t.chosen = performance.now()
    },
    true,
  )
}

interface FileImport {
  /** File chosen → preview, plus confirm → every panel drawn: the time the user waits. */
  readonly waitMs: number
  readonly previewMs: number
  /** The import worker's own times, from the report: reading the file, then parsing it into columns. */
  readonly readMs: number
  readonly parseMs: number
  readonly countMs: number
  readonly drawnMs: number
  readonly longestToPreviewMs: number
  readonly longestToDrawnMs: number
  readonly longestAfterDrawnMs: number
}

/** Longest long task overlapping [from, to), ms (0 when none). */
function longestIn(tasks: readonly [number, number][], from: number, to: number): number {
  return Math.max(0, ...tasks.filter(([start, ms]) => start + ms > from && start < to).map(([, ms]) => ms))
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
  await context.addInitScript(NAME_SHIM)
  await context.addInitScript(RECORDER)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { context, page, errors }
}

/** One import of `file` through the dialog, replacing the sample. */
async function importFile(browser: Browser, baseUrl: string, file: string, expected: number): Promise<FileImport> {
  const { context, page, errors } = await newPage(browser)
  try {
    await page.goto(`${baseUrl}/`)
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '')) > 0)
    await page.click('[data-testid="import-open"]')
    await page.waitForTimeout(500)
    await page.locator('[data-testid="import-file"]').setInputFiles(file)
    await page.locator('[data-testid="import-confirm"]').waitFor({ timeout: TIMEOUT_MS })
    const preview = await page.evaluate(() => (window as unknown as { __t: Record<string, number> }).__t.preview!)
    const report = page.locator('[data-testid="import-report"]')
    const readMs = Number(await report.getAttribute('data-read-ms'))
    const parseMs = Number(await report.getAttribute('data-parse-ms'))
    // The user's pause on the preview is not counted.
    await page.waitForTimeout(300)
    const { click, countPainted, drawn } = await clickUntilDrawn(page, '[data-testid="import-confirm"]', expected, TIMEOUT_MS)
    await page.waitForFunction(() => performance.getEntriesByName('watchfloor:workspace-saved').length > 0, null, { timeout: TIMEOUT_MS })
    await page.waitForTimeout(200)
    const { chosen, saved, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __tasks: [number, number][]; __t: Record<string, number> }
      return { chosen: w.__t.chosen!, saved: performance.getEntriesByName('watchfloor:workspace-saved')[0]!.startTime, tasks: w.__tasks }
    })
    if (errors.length > 0) throw new Error(`the app logged errors importing ${file}: ${errors.join(' | ')}`)
    return {
      waitMs: preview - chosen + (drawn - click),
      previewMs: preview - chosen,
      readMs,
      parseMs,
      countMs: countPainted - click,
      drawnMs: drawn - click,
      longestToPreviewMs: longestIn(tasks, chosen, preview),
      longestToDrawnMs: Math.max(longestIn(tasks, chosen, preview), longestIn(tasks, click, drawn)),
      longestAfterDrawnMs: longestIn(tasks, drawn, saved + 1),
    }
  } finally {
    await context.close()
  }
}

interface UrlLoad {
  readonly ms: number
  /** From navigation (page start-up included), and from the start of the import. */
  readonly longestMs: number
  readonly longestImportMs: number
}

/** One `?data=` load: navigation → every panel drawn, and the longest tasks before that. */
async function loadUrl(browser: Browser, baseUrl: string, path: string, expected: number): Promise<UrlLoad> {
  const { context, page, errors } = await newPage(browser)
  try {
    await page.goto(`${baseUrl}/?data=${encodeURIComponent(path)}`, { waitUntil: 'commit' })
    const painted = await dashboardDrawnAt(page, expected, TIMEOUT_MS)
    const { tasks, start } = await page.evaluate(() => ({
      tasks: (window as unknown as { __tasks: [number, number][] }).__tasks,
      start: performance.getEntriesByName('watchfloor:ingest-start')[0]?.startTime ?? 0,
    }))
    if (errors.length > 0) throw new Error(`the app logged errors loading ${path}: ${errors.join(' | ')}`)
    return { ms: painted, longestMs: longestIn(tasks, 0, painted), longestImportMs: longestIn(tasks, start, painted) }
  } finally {
    await context.close()
  }
}

/** Plain papaparse (header: true) on the page's main thread over the same file, read with File.text(). */
async function papaparseOnMainThread(browser: Browser, baseUrl: string, file: string): Promise<{ ms: number; longestMs: number; rows: number }> {
  const { context, page } = await newPage(browser)
  try {
    await page.goto(`${baseUrl}/`)
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '')) > 0)
    const papaparse = readFileSync(createRequire(import.meta.url).resolve('papaparse/papaparse.min.js'), 'utf8')
    await page.evaluate(papaparse)
    await page.evaluate(() => {
      const input = document.createElement('input')
      input.type = 'file'
      input.id = 'peer-file'
      document.body.append(input)
    })
    await page.locator('#peer-file').setInputFiles(file)
    await page.waitForTimeout(300)
    const { ms, start, rows } = await page.evaluate(async () => {
      const papa = (window as unknown as { Papa: { parse(text: string, config: object): { data: unknown[] } } }).Papa
      const start = performance.now()
      const text = await document.querySelector<HTMLInputElement>('#peer-file')!.files![0]!.text()
      const rows = papa.parse(text, { header: true, skipEmptyLines: true }).data.length
      return { ms: performance.now() - start, start, rows }
    })
    await page.waitForTimeout(100)
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: [number, number][] }).__tasks)
    return { ms, rows, longestMs: longestIn(tasks, start, start + ms + 1) }
  } finally {
    await context.close()
  }
}

function perSecond(rows: number, ms: number): string {
  return `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')} rows/s`
}

/** The import rows of the benchmark table. Writes its CSVs under the served build (bench-data/). */
export async function benchImport(browser: Browser, baseUrl: string, options: ImportBenchOptions, log: (message: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const dataDir = `${ROOT}/${options.outDir ?? APP_DIST}/bench-data`
  mkdirSync(dataDir, { recursive: true })
  for (const n of options.sizes) {
    const runs = n >= 1_000_000 ? 1 : options.runs
    const name = `import-${n}.csv`
    const file = `${dataDir}/${name}`
    writeFileSync(file, csvFromTable(generateSyntheticTable({ size: n, seed: SEED }), n))
    log(`import CSV file and ?data= URL at ${n}`)
    const imports: FileImport[] = []
    const urls: UrlLoad[] = []
    for (let r = 0; r < runs; r++) {
      imports.push(await importFile(browser, baseUrl, file, n))
      urls.push(await loadUrl(browser, baseUrl, `/bench-data/${name}`, n))
    }
    const wait = median(imports.map((i) => i.waitMs))
    const preview = median(imports.map((i) => i.previewMs))
    const count = median(imports.map((i) => i.countMs))
    const readMs = median(imports.map((i) => i.readMs))
    const parseMs = median(imports.map((i) => i.parseMs))
    const drawn = median(imports.map((i) => i.drawnMs))
    const toPreview = Math.max(...imports.map((i) => i.longestToPreviewMs))
    const toDrawn = Math.max(...imports.map((i) => i.longestToDrawnMs))
    const afterDrawn = Math.max(...imports.map((i) => i.longestAfterDrawnMs))
    rows.push({
      name: 'app: import CSV file → every panel drawn',
      n,
      ours_ms: round(wait),
      peer: null,
      peer_ms: null,
      note: `file chosen → preview ${round(preview)} ms (the worker reading the file ${round(readMs)} ms, parsing it into columns ${round(parseMs)} ms) + confirm → every panel drawn ${round(drawn)} ms (count painted at ${round(count)} ms); longest main-thread task ${round(toDrawn)} ms until drawn, ${round(afterDrawn)} ms after it until the workspace is saved (worst of ${runs})`,
    })
    rows.push({
      name: 'app: ?data= CSV URL → every panel drawn',
      n,
      ours_ms: round(median(urls.map((u) => u.ms))),
      peer: null,
      peer_ms: null,
      note: `from navigation, page load included; longest main-thread task ${round(Math.max(...urls.map((u) => u.longestImportMs)))} ms from the import's start, ${round(Math.max(...urls.map((u) => u.longestMs)))} ms with page start-up (worst of ${runs})`,
    })
    if (n <= 100_000) {
      const peer = await papaparseOnMainThread(browser, baseUrl, file)
      if (peer.rows !== n) throw new Error(`papaparse read ${peer.rows} rows, not ${n}`)
      rows.push({
        name: 'CSV ingest rows per second against plain papaparse on the main thread',
        n,
        ours_ms: round(preview),
        peer: 'papaparse header:true, main thread (File.text + parse only)',
        peer_ms: round(peer.ms),
        note: `ours = file chosen → preview in the import worker(s), validated and in columns: ${perSecond(n, preview)}, longest main-thread task meanwhile ${round(toPreview)} ms; papaparse ${perSecond(n, peer.ms)}, main thread blocked for ${round(peer.longestMs)} ms`,
      })
    }
  }
  return rows
}
