/**
 * Exports in warehouse mode, in headless Chromium against a ClickHouse endpoint (the production
 * build in .tmp/dist-perf; `npm run bench:warehouse-scale -- --rows N --exports`): the app opens
 * `?source=clickhouse&url=…&table=…`, signs in, and once the dashboard is painted each export is
 * timed from its button's click to the browser's download (print: to the app's "Sent" status):
 * the dashboard and the map as 2x PNG, the map as SVG, the briefing pack (PowerPoint) and the
 * one-page print. Each file is checked to name the warehouse table and its address, and to hold
 * neither the user's name nor the password (a PNG is checked through its dialog's preview, the same
 * composition as vector). The first export of each kind is left out of the median, as in export.ts.
 */
import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { median, round } from '../lib/measure.ts'
import { NAME_SHIM } from './harness.ts'
import { countPaintedAt, watchLongestTask } from './page-probes.ts'

export interface WarehouseExportOptions {
  readonly endpointUrl: string
  /** `DB.TABLE` */
  readonly table: string
  readonly user: string
  readonly password: string
  /** Events the table holds: the count the first dashboard paints. */
  readonly rows: number
  /** Timed exports of each kind, after one untimed first export. */
  readonly runs: number
  /** Resolves once the endpoint has no query in flight (it answers one at a time): waited for before each export kind. */
  readonly idle?: () => Promise<void>
  /** A folder to keep each kind's first file in, with a screenshot of the dashboard it was made from, to be looked at. */
  readonly saveDir?: string
}

interface WarehouseExportKind {
  readonly label: string
  readonly panel: 'map' | 'dashboard'
  readonly setup: readonly string[]
  readonly button: string
  /** What the downloaded file's name ends with; null for print, which downloads nothing. */
  readonly extension: string | null
}

const KINDS: readonly WarehouseExportKind[] = [
  { label: 'dashboard PNG 2x', panel: 'dashboard', setup: ['export-format-png', 'export-scale-2'], button: 'export-download', extension: '.png' },
  { label: 'map PNG 2x', panel: 'map', setup: ['export-format-png', 'export-scale-2'], button: 'export-download', extension: '.png' },
  { label: 'map SVG', panel: 'map', setup: ['export-format-svg'], button: 'export-download', extension: '.svg' },
  { label: 'briefing pack PPTX (4 panels)', panel: 'dashboard', setup: [], button: 'export-briefing', extension: '.pptx' },
  { label: 'print, the one-page brief', panel: 'dashboard', setup: [], button: 'export-print', extension: null },
]

/** The text a file holds that a reader sees: an SVG's, the slides' and notes' XML of a PPTX. */
function textOf(bytes: Buffer, extension: string): string {
  if (extension === '.svg') return bytes.toString('utf8')
  if (extension !== '.pptx') return ''
  // A zip's central directory: every entry's XML, inflated.
  let eocd = bytes.length - 22
  while (eocd > 0 && bytes.readUInt32LE(eocd) !== 0x06054b50) eocd--
  let at = bytes.readUInt32LE(eocd + 16)
  const out: string[] = []
  for (let e = bytes.readUInt16LE(eocd + 10); e > 0; e--) {
    const nameLength = bytes.readUInt16LE(at + 28)
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength)
    const method = bytes.readUInt16LE(at + 10)
    const size = bytes.readUInt32LE(at + 20)
    const local = bytes.readUInt32LE(at + 42)
    if (name.endsWith('.xml')) {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
      const data = bytes.subarray(start, start + size)
      out.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'))
    }
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  return out.join('\n')
}

interface Timed {
  readonly ms: number
  /** What the app's export status says the export took (its own clock), ms. */
  readonly appMs: number
  readonly longestTaskMs: number
  readonly bytes: number
  readonly text: string
}

async function statusMs(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="export-status"]', 'data-ms'))
}

/** Clicks the kind's button and waits for its download (print: for the app's "Sent" status). */
async function timeExport(page: Page, kind: WarehouseExportKind, saveDir?: string): Promise<Timed> {
  await page.evaluate(() => {
    ;(window as unknown as { __exportLongest: number }).__exportLongest = 0
  })
  const downloaded = kind.extension === null ? null : page.waitForEvent('download', { timeout: 300_000 })
  // Print: this run's "Sent" status is waited for by watching the status change after the click.
  const sent =
    downloaded !== null
      ? null
      : page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              const status = document.querySelector('[data-testid="export-status"]')!
              new MutationObserver((_, observer) => {
                if (/^Sent \d+ page/.test(status.textContent ?? '')) {
                  observer.disconnect()
                  resolve()
                }
              }).observe(status, { childList: true, characterData: true, subtree: true })
            }),
        )
  const t0 = performance.now()
  await page.evaluate((testId) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!.click(), kind.button)
  let bytes = 0
  let text = ''
  if (downloaded !== null) {
    const download = await downloaded
    const name = download.suggestedFilename()
    if (!name.endsWith(kind.extension!)) throw new Error(`expected a ${kind.extension} download, got ${name}`)
    const file = readFileSync(await download.path())
    bytes = file.length
    text = textOf(file, kind.extension!)
    if (saveDir !== undefined) await download.saveAs(`${saveDir}/${name}`)
    await download.delete()
  } else {
    await sent
    // The pages are the pictures' SVG, as images: their text is in their data URLs.
    text = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="print-pages"] img')].map((img) => decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1))).join('\n'),
    )
  }
  const ms = performance.now() - t0
  // Print says only how many pages it sent; the downloads say their own time too.
  if (downloaded !== null) {
    // The button is busy until the export has said its time in the status (set together). The
    // status is never cleared here: React would not write an attribute it believes unchanged, so
    // an export that took as many milliseconds as the one before would never say its time again.
    const until = performance.now() + 60_000
    while (await page.evaluate((testId) => document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.disabled !== false, kind.button)) {
      if (performance.now() > until) throw new Error(`the export's button stayed busy for 60 s; its status: ${await page.textContent('[data-testid="export-status"]')}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  // A frame, so that the longest task is read after the export's last one (at most a second's wait).
  await page.evaluate(() => new Promise((r) => (requestAnimationFrame(() => setTimeout(r, 0)), setTimeout(r, 1000))))
  const longestTaskMs = await page.evaluate(() => (window as unknown as { __exportLongest: number }).__exportLongest)
  return { ms, appMs: downloaded === null ? NaN : await statusMs(page), longestTaskMs, bytes, text }
}

/** The dialog's preview (the picture's composition as SVG), once drawn: how long it took from the dialog's opening, and its text. */
async function previewOf(page: Page, openedAt: number): Promise<{ ms: number; text: string }> {
  await page.locator('[data-testid="export-preview"]').waitFor({ timeout: 300_000 })
  const ms = performance.now() - openedAt
  const text = await page.evaluate(async () => {
    const src = document.querySelector<HTMLImageElement>('[data-testid="export-preview"]')!.src
    return (await fetch(src)).text()
  })
  return { ms, text }
}

/** Says what a file's text lacks or holds that it must not: '' when it names the source and no credential. */
function sourceCheck(text: string, source: string, options: WarehouseExportOptions): string {
  const problems: string[] = []
  if (!text.includes(source)) problems.push(`does not name "${source}"`)
  if (options.password !== '' && text.includes(options.password)) problems.push('holds the password')
  if (text.includes(`${options.user}:`) || text.includes(`${options.user}@`)) problems.push("holds the user's name in an address")
  return problems.join(', ')
}

/** One row per export kind: median click → download (and the app's own time), with the source check. */
export async function benchWarehouseExports(browser: Browser, baseUrl: string, options: WarehouseExportOptions, log: (message: string) => void = () => {}): Promise<[string, string][]> {
  const out: [string, string][] = []
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block', acceptDownloads: true })
  await context.addInitScript(NAME_SHIM)
  await context.addInitScript(watchLongestTask)
  await context.addInitScript(() => {
    // Print is timed to the app's status: no dialog.
    window.print = () => undefined
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  try {
    await page.goto(`${baseUrl}/?source=clickhouse&url=${encodeURIComponent(options.endpointUrl)}&table=${options.table}`, { waitUntil: 'load' })
    await page.locator('[data-testid="warehouse-dialog"]').waitFor()
    await page.fill('[data-testid="warehouse-user"]', options.user)
    await page.fill('[data-testid="warehouse-password"]', options.password)
    log('warehouse exports: connecting in Chromium')
    const clickedAt = await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-testid="warehouse-connect"]')!.click()
      return performance.now()
    })
    const paintedAt = await countPaintedAt(page, options.rows, 300_000).catch(async (error: unknown) => {
      // Say what the page said: the warehouse status and the errors it logged.
      const status = await page.textContent('[data-testid="warehouse-status"]').catch(() => null)
      throw new Error(`${error instanceof Error ? error.message : String(error)}; warehouse status: ${status ?? 'none'}; errors: ${errors.join(' | ') || 'none'}`)
    })
    await page.waitForFunction(() => document.querySelector('.world-map')?.getAttribute('data-events') === 'ready', undefined, { timeout: 300_000 })
    const mapAt = await page.evaluate(() => performance.now())
    out.push(['Chromium: connect → count painted; → map events ready', `${round(paintedAt - clickedAt)} ms; ${round(mapAt - clickedAt)} ms`])
    const source = `ClickHouse ${options.table} at ${options.endpointUrl}`
    await page.waitForTimeout(500)
    if (options.idle) {
      // What the app asks after the first dashboard (early warning's weekly counts, alerts) runs first on a one-query endpoint.
      const t0 = performance.now()
      await options.idle()
      out.push(["the app's queries after the first dashboard (early warning, alerts), answered", `${round(performance.now() - t0 + (mapAt - clickedAt))} ms after the connect click`])
    }
    if (options.saveDir !== undefined) await page.screenshot({ path: `${options.saveDir}/dashboard.png` })
    for (const kind of KINDS) {
      await options.idle?.()
      log(`warehouse export ${kind.label}`)
      const openedAt = performance.now()
      await page.click(`[data-testid="export-${kind.panel}"]`)
      await page.locator('[data-testid="export-dialog"]').waitFor()
      for (const testId of kind.setup) await page.click(`[data-testid="${testId}"]`)
      const picture = kind.button === 'export-download' ? await previewOf(page, openedAt) : null
      await options.idle?.()
      const first = await timeExport(page, kind, options.saveDir)
      const timed: Timed[] = []
      for (let i = 0; i < options.runs; i++) {
        await page.waitForTimeout(200)
        await options.idle?.()
        timed.push(await timeExport(page, kind))
      }
      await page.click('[data-testid="export-close"]')
      await page.locator('[data-testid="export-dialog"]').waitFor({ state: 'detached' })
      const checked = kind.extension === '.png' ? picture!.text : first.text
      const problem = sourceCheck(checked, source, options)
      const worstTask = Math.max(...timed.map((t) => t.longestTaskMs))
      out.push([
        `export ${kind.label}: click → ${kind.extension === null ? '"Sent" status' : 'download'}`,
        `${round(median(timed.map((t) => t.ms)))} ms median of ${options.runs}${kind.extension === null ? '' : ` (the app's own: ${round(median(timed.map((t) => t.appMs)))} ms)`}; first ${round(first.ms)} ms` +
          `${picture === null ? '' : `; preview drawn ${round(picture.ms)} ms after the dialog opened`}; longest main-thread task ${worstTask === 0 ? 'under 50' : round(worstTask)} ms` +
          `${first.bytes > 0 ? `; ${Math.round(first.bytes / 1024).toLocaleString('en-GB')} KB` : ''}; source ${problem === '' ? `named (${kind.extension === '.png' ? 'in its preview' : 'in the file'}), no credentials` : `CHECK FAILED: ${problem}`}`,
      ])
    }
    if (errors.length > 0) out.push(['warehouse exports: errors the app logged', errors.join(' | ')])
  } finally {
    await context.close()
  }
  return out
}
