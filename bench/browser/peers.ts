/**
 * The peers' pages (bench/pages, built into .tmp/bench-pages): Leaflet with supercluster or one
 * circle marker per event, plain Recharts drawing our timeline's buckets, and our timeline panel
 * alone on the same data. Each page sets `window.__bench` (bench/pages/after-frame.ts).
 */
import type { Browser, Page } from 'playwright-core'
import { median } from '../lib/measure.ts'
import { panFrameGapMs } from './page-probes.ts'
import { NAME_SHIM } from './harness.ts'

async function open(browser: Browser, url: string): Promise<{ page: Page; readyMs: number; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 120_000 })
  const readyMs = await page.evaluate(() => window.__bench!.ready)
  if (errors.length > 0) throw new Error(`${url}: ${errors.join(' | ')}`)
  return { page, readyMs, close: () => context.close() }
}

async function updates(page: Page, times: number): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    samples.push(await page.evaluate(() => window.__bench!.update!()))
    await page.waitForTimeout(30)
  }
  return median(samples)
}

export interface LeafletFigures {
  readonly firstPaintMs: number
  readonly panMs: number
  readonly redrawMs: number
  /** Markers in the first view (clusters and lone points, or every event), and the zoom. */
  readonly drawn: number
  readonly zoom: number
  /** Clustered: the supercluster radius used (512-unit tile pixels) and the first view's clusters per radius tried. */
  readonly radius: number
  readonly tried: readonly { radius: number; clusters: number }[]
}

/**
 * The Leaflet peer page in `mode` ('cluster' or 'markers') in a map container of `size` CSS
 * pixels; clustered, with the radius whose first view holds about `size.marks` clusters.
 */
export async function benchLeaflet(
  browser: Browser,
  baseUrl: string,
  n: number,
  pans: number,
  mode: 'cluster' | 'markers',
  size: { widthPx: number; heightPx: number; marks: number },
): Promise<LeafletFigures> {
  const target = Number.isFinite(size.marks) && size.marks > 0 ? `&target=${size.marks}` : ''
  const { page, readyMs, close } = await open(browser, `${baseUrl}/leaflet-peer.html?n=${n}&mode=${mode}&w=${size.widthPx}&h=${size.heightPx}${target}`)
  const shown = await page.evaluate(() => {
    const b = window.__bench!
    return { drawn: b.drawn ?? NaN, zoom: b.zoom ?? NaN, radius: b.radius ?? NaN, tried: b.tried ?? [] }
  })
  const pan = await panFrameGapMs(page, '#map', pans, () => page.evaluate(() => window.__bench!.lastRedrawMs ?? NaN))
  await close()
  return { firstPaintMs: readyMs, panMs: pan.worstFrameMs, redrawMs: pan.afterPanMs, ...shown }
}

export interface TimelineFigures {
  readonly ours: number
  readonly peer: number
  readonly oursReady: number
  readonly peerReady: number
  /** The bars each side drew, and our unit (the peer is given it). */
  readonly oursBars: number
  readonly peerBars: number
  readonly unit: string
}

/** Our timeline panel first, then Recharts given the unit our panel chose, so both draw the same buckets. */
export async function benchTimelines(browser: Browser, baseUrl: string, times: number): Promise<TimelineFigures> {
  const ours = await open(browser, `${baseUrl}/timeline-ours.html`)
  const chart = ours.page.locator('[data-testid="timeline-chart"]')
  await chart.waitFor({ timeout: 60_000 })
  const unit = (await chart.getAttribute('data-unit')) ?? 'month'
  const oursBars = Number(await chart.getAttribute('data-bars'))
  const oursMs = await updates(ours.page, times)
  await ours.close()
  const peer = await open(browser, `${baseUrl}/recharts-peer.html?unit=${unit}`)
  const peerBars = await peer.page.evaluate(() => window.__bench!.bars ?? NaN)
  const peerMs = await updates(peer.page, times)
  await peer.close()
  return { ours: oursMs, peer: peerMs, oursReady: ours.readyMs, peerReady: peer.readyMs, oursBars, peerBars, unit }
}
