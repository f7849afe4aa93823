import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY_MS, parsePartialDate } from '../../src/domain/dates.ts'
import { countOf, expectedCount, sample } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'



let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})


/** The URL's time range as the filter it stands for (`to` is the last day included). */
function rangeOfUrl(url: string): { fromMs: number; toMs: number } | null {
  const params = new URL(url).searchParams
  const from = params.get('from')
  const to = params.get('to')
  if (!from || !to) return null
  return { fromMs: parsePartialDate(from)!.startMs, toMs: parsePartialDate(to)!.endMs }
}

describe('timeline panel', () => {
  it('brushes by dragging across the plot: the count, the URL and the chart narrow; double-click clears', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    const chart = page.locator('[data-testid="timeline-chart"]')
    await chart.locator('.timeline-bars path').first().waitFor()
    expect(await chart.getAttribute('data-unit')).toBe('month')
    const box = (await chart.boundingBox())!
    // Drag across the middle of the plot, from 55 % to 75 % of its width.
    const y = box.y + box.height * 0.6
    await page.mouse.move(box.x + box.width * 0.55, y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.65, y, { steps: 4 })
    await expect.poll(() => page.locator('[data-testid="timeline-drag"]').count()).toBe(1)
    await page.mouse.move(box.x + box.width * 0.75, y, { steps: 4 })
    await page.mouse.up()

    await expect.poll(() => rangeOfUrl(page.url())).not.toBeNull()
    const range = rangeOfUrl(page.url())!
    // Whole months, roughly a fifth of the 12-year history.
    expect(new Date(range.fromMs).getUTCDate()).toBe(1)
    expect(new Date(range.toMs).getUTCDate()).toBe(1)
    const days = (range.toMs - range.fromMs) / DAY_MS
    expect(days).toBeGreaterThan(500)
    expect(days).toBeLessThan(1300)
    const expected = expectedCount({ timeRange: range })
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(sample.size)
    await expect.poll(() => countOf(opened!)).toBe(expected)
    // The chart zooms to the brushed range, in whole weeks (Monday first) at this span.
    await expect.poll(() => chart.getAttribute('data-unit')).toBe('week')
    const shownFrom = Date.parse(`${await chart.getAttribute('data-from')}T00:00Z`)
    expect(range.fromMs - shownFrom).toBeGreaterThanOrEqual(0)
    expect(range.fromMs - shownFrom).toBeLessThan(7 * DAY_MS)
    expect(new Date(shownFrom).getUTCDay()).toBe(1)

    await chart.dblclick({ position: { x: box.width * 0.5, y: box.height * 0.6 } })
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBeNull()
  })

  it('narrows to ?from=…&to=… and draws a year-only event as a dashed span over its whole year', async () => {
    opened = await openPage('/?from=2015-01-01&to=2015-12-31')
    const { page } = opened
    await expect.poll(() => countOf(opened!)).toBe(expectedCount({ timeRange: { fromMs: Date.UTC(2015, 0, 1), toMs: Date.UTC(2016, 0, 1) } }))
    const chart = page.locator('[data-testid="timeline-chart"]')
    // 2015 in whole weeks: Monday 29 Dec 2014 to Sunday 3 Jan 2016.
    await expect.poll(() => chart.getAttribute('data-from')).toBe('2014-12-29')
    expect(await chart.getAttribute('data-to')).toBe('2016-01-03')
    expect(await chart.getAttribute('data-unit')).toBe('week')
    const migration = page.locator('[data-testid="timeline-lane-mark"][data-imprecise="true"][aria-label^="More than a million migrants"]').first()
    await migration.waitFor()
    expect(await migration.getAttribute('aria-label')).toContain('date known only to the year')
    expect(await migration.getAttribute('data-span')).toBe('true')
    const markBox = (await migration.locator('rect').first().boundingBox())!
    const chartBox = (await chart.boundingBox())!
    // A year at daily or weekly bars: the span covers nearly the whole plot, not a spike on 1 January.
    expect(markBox.width).toBeGreaterThan(chartBox.width * 0.8)
  })

  it('marks a critical event; hovering names it, clicking opens its detail', async () => {
    opened = await openPage('/?from=2015-11-01&to=2015-11-30')
    const { page } = opened
    const marker = page.locator('[data-testid="timeline-marker"][aria-label^="Coordinated Islamic State attacks in Paris"]').first()
    await marker.waitFor()
    await marker.hover()
    const hover = page.locator('.timeline-hover')
    await expect.poll(() => hover.textContent()).toContain('13 Nov 2015')
    expect(await hover.textContent()).toContain('level 5 critical')
    await marker.click()
    const detail = page.locator('[data-testid="event-detail"]')
    await detail.waitFor()
    expect(await detail.textContent()).toContain('Paris')
  })

  it('has no serious accessibility violations in the panel (axe-core)', async () => {
    opened = await openPage('/?from=2015-01-01&to=2015-12-31')
    const { page } = opened
    await page.locator('[data-testid="timeline-lane-mark"]').first().waitFor()
    // Evaluated rather than added as a script tag: the app's CSP (rightly) blocks inline scripts.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))
    const { passes, violations } = await page.evaluate(async () => {
      type Rule = { id: string; impact: string; nodes: unknown[] }
      const axe = (window as unknown as { axe: { run: (el: Element) => Promise<{ passes: Rule[]; violations: Rule[] }> } }).axe
      const result = await axe.run(document.querySelector('[data-testid="panel-timeline"]')!)
      return {
        passes: result.passes.length,
        violations: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`),
      }
    })
    expect(passes).toBeGreaterThan(5)
    expect(violations).toEqual([])
  })

  it('moves the range with the overview handle and the keyboard', async () => {
    opened = await openPage('/?from=2020-01-01&to=2020-12-31')
    const { page } = opened
    const handle = page.locator('[data-testid="timeline-handle-to"]')
    await handle.focus()
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe('2021-01-30')
    expect(await countOf(opened)).toBe(expectedCount({ timeRange: { fromMs: Date.UTC(2020, 0, 1), toMs: Date.UTC(2021, 0, 31) } }))
  })

  it('never repeats a time-axis label, on weekly, monthly and yearly axes', async () => {
    opened = await openPage('/?synthetic=20000&seed=5')
    const { page } = opened
    await expect.poll(() => countOf(opened!)).toBe(20000)
    const chart = page.locator('[data-testid="timeline-chart"]')
    const units = new Set<string>()
    // Each range starts on a Monday and a month's first day, where any bucket unit starts.
    for (const [from, to] of [['2024-01-01', '2024-03-31'], ['2024-07-01', '2025-12-31'], ['2018-01-01', '2021-12-31'], ['2016-01-01', '2025-12-31']] as const) {
      await page.goto(new URL(`/?synthetic=20000&seed=5&from=${from}&to=${to}`, page.url()).href)
      await expect.poll(() => chart.getAttribute('data-from')).toBe(from)
      await chart.locator('.recharts-xAxis-tick-labels text').first().waitFor()
      const labels = await chart.locator('.recharts-xAxis-tick-labels text').allTextContents()
      units.add((await chart.getAttribute('data-unit')) ?? '')
      expect(labels.length).toBeGreaterThan(2)
      expect(new Set(labels).size, `${from}…${to}: ${labels.join(', ')}`).toBe(labels.length)
      expect(labels.some((label) => /Sept/.test(label))).toBe(false)
    }
    expect(units.has('week')).toBe(true)
  })
})
