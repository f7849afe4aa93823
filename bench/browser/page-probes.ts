/**
 * Measurements taken inside a page: a level toggle from click to painted count, and frame gaps
 * while the mouse pans a map. Functions passed to page.evaluate run in the browser, so they
 * carry their own helpers.
 */
import type { CDPSession, Page } from 'playwright-core'
import { median } from '../lib/measure.ts'

/** Waits until the event count reads `expected` and a frame is painted; returns ms since navigation start. */
export function countPaintedAt(page: Page, expected: number, timeoutMs: number): Promise<number> {
  return page.evaluate(
    async ({ expected, timeoutMs }) => {
      const deadline = performance.now() + timeoutMs
      const read = (): number => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '') ?? NaN)
      while (read() !== expected) {
        if (performance.now() > deadline) throw new Error(`event count never read ${expected} (reads ${read()})`)
        await new Promise((r) => setTimeout(r, 5))
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
      return performance.now()
    },
    { expected, timeoutMs },
  )
}

/**
 * In the page: clicks `selector` and watches frames until the event count reads `expected`
 * (the start of the frame that paints it) and then until every panel is drawn (no busy
 * placeholder and no dialog left, then a frame painted). Times are ms since navigation start.
 */
export function clickUntilDrawn(page: Page, selector: string, expected: number, timeoutMs: number): Promise<{ click: number; countPainted: number; drawn: number }> {
  return page.evaluate(
    ({ selector, expected, timeoutMs }) =>
      new Promise<{ click: number; countPainted: number; drawn: number }>((resolve, reject) => {
        const read = (): number => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '') ?? NaN)
        const click = performance.now()
        let countPainted = 0
        const watch = (frameStart: number): void => {
          if (performance.now() - click > timeoutMs) return reject(new Error(`the dashboard never showed ${expected} events (count ${read()})`))
          if (read() === expected) {
            if (countPainted === 0) countPainted = frameStart
            const busy = document.querySelector('[aria-busy="true"], [data-testid="import-dialog"]')
            if (!busy) return void setTimeout(() => resolve({ click, countPainted, drawn: performance.now() }), 0)
          }
          requestAnimationFrame(watch)
        }
        document.querySelector<HTMLElement>(selector)!.click()
        requestAnimationFrame(watch)
      }),
    { selector, expected, timeoutMs },
  )
}

/** Waits until the event count reads `expected` and every panel is drawn (no busy placeholder), then a frame; ms since navigation start. */
export function dashboardDrawnAt(page: Page, expected: number, timeoutMs: number): Promise<number> {
  return page.evaluate(
    async ({ expected, timeoutMs }) => {
      const deadline = performance.now() + timeoutMs
      const read = (): number => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '') ?? NaN)
      for (;;) {
        if (performance.now() > deadline) throw new Error(`the dashboard never showed ${expected} events (count ${read()})`)
        await new Promise((r) => requestAnimationFrame(r))
        if (read() === expected && !document.querySelector('[aria-busy="true"]')) break
      }
      await new Promise((r) => setTimeout(r, 0))
      return performance.now()
    },
    { expected, timeoutMs },
  )
}

/** Clicks a level toggle `times` times and returns the median ms from click to the changed count painted. */
export async function levelToggleMs(page: Page, level: number, times: number): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    samples.push(
      await page.evaluate(async (level) => {
        const count = document.querySelector('[data-testid="event-count"]')!
        const button = document.querySelector<HTMLElement>(`[data-testid="filter-level-${level}"]`)!
        const before = count.textContent
        const changed = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (count.textContent !== before) {
              observer.disconnect()
              resolve()
            }
          })
          observer.observe(count, { childList: true, characterData: true, subtree: true })
        })
        const t0 = performance.now()
        button.click()
        await changed
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
        return performance.now() - t0
      }, level),
    )
    await page.waitForTimeout(50)
  }
  return median(samples)
}

/**
 * Drags the map in `selector` by small steps and returns the median of the longest frame gap
 * of each pan (ms): what a user sees as the redraw cost while panning; and the median of what
 * `afterPan` reads after each pan (the page's own redraw time).
 */
export async function panFrameGapMs(page: Page, selector: string, pans: number, afterPan?: () => Promise<number>): Promise<{ worstFrameMs: number; afterPanMs: number }> {
  const box = await page.locator(selector).first().boundingBox()
  if (box === null) throw new Error(`${selector} is not visible`)
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const worst: number[] = []
  const after: number[] = []
  for (let p = 0; p < pans; p++) {
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean }
      w.__frames = []
      w.__recording = true
      const tick = (t: number): void => {
        if (!w.__recording) return
        w.__frames.push(t)
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const dir = p % 2 === 0 ? 1 : -1
    await page.mouse.move(cx, cy)
    await page.mouse.down()
    for (let s = 1; s <= 6; s++) await page.mouse.move(cx + dir * s * 25, cy + dir * s * 8)
    await page.mouse.up()
    // Leaflet glides on (inertia) and redraws its canvas renderer on moveend: wait for both.
    await page.waitForTimeout(1500)
    const gaps = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean }
      w.__recording = false
      const out: number[] = []
      for (let i = 1; i < w.__frames.length; i++) out.push(w.__frames[i]! - w.__frames[i - 1]!)
      return out
    })
    worst.push(Math.max(0, ...gaps))
    if (afterPan) after.push(await afterPan())
  }
  return { worstFrameMs: median(worst), afterPanMs: median(after) }
}

/** JS heap in use after a forced garbage collection, bytes (CDP Performance.getMetrics). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN
}

/** Drags across the timeline's chart from 55 % to 75 % of its width, as a user brushes a range. */
export async function brushTimeline(page: Page): Promise<void> {
  const box = (await page.locator('[data-testid="timeline-chart"]').boundingBox())!
  const y = box.y + box.height * 0.6
  await page.mouse.move(box.x + box.width * 0.55, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: 4 })
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 4 })
  await page.mouse.up()
}

/** A page's init script: keeps the longest task the page has had in `window.__exportLongest` (ms), from the Long Tasks API. */
export function watchLongestTask(): void {
  const w = window as unknown as { __exportLongest: number }
  w.__exportLongest = 0
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__exportLongest = Math.max(w.__exportLongest, e.duration)
  }).observe({ type: 'longtask' })
}
