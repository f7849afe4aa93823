/**
 * The peers' pages (bench/pages, built into .tmp/bench-pages): Leaflet circle markers on a
 * canvas renderer, plain Recharts over ten years of days, and our timeline panel alone on the
 * same data. Each page sets `window.__bench` (bench/pages/after-frame.ts).
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

export async function benchLeaflet(browser: Browser, baseUrl: string, n: number, pans: number): Promise<{ firstPaintMs: number; panMs: number; redrawMs: number }> {
  const { page, readyMs, close } = await open(browser, `${baseUrl}/leaflet-peer.html?n=${n}`)
  const pan = await panFrameGapMs(page, '#map', pans, () => page.evaluate(() => window.__bench!.lastRedrawMs ?? NaN))
  await close()
  return { firstPaintMs: readyMs, panMs: pan.worstFrameMs, redrawMs: pan.afterPanMs }
}

export async function benchTimelines(browser: Browser, baseUrl: string, times: number): Promise<{ ours: number; peer: number; oursReady: number; peerReady: number }> {
  const peer = await open(browser, `${baseUrl}/recharts-peer.html`)
  const peerMs = await updates(peer.page, times)
  await peer.close()
  const ours = await open(browser, `${baseUrl}/timeline-ours.html`)
  const oursMs = await updates(ours.page, times)
  await ours.close()
  return { ours: oursMs, peer: peerMs, oursReady: ours.readyMs, peerReady: peer.readyMs }
}
