import { afterEach, describe, expect, it } from 'vitest'
import { defaultAsOf } from '../../src/domain/threat-index.ts'
import { computeWarning } from '../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../src/domain/warning/settings.ts'
import { weekStartIso, weekStartMs } from '../../src/domain/warning/weeks.ts'
import { openPage, type OpenedPage } from './browser.ts'
import { sample, waitForCount } from './sample.ts'

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

// The bundled sample as of its latest event: the model's four weeks after the judged week.
const model = computeWarning(sample, defaultAsOf(sample), DEFAULT_WARNING_SETTINGS, [])
const allBand = model.bands.find((b) => b.kind === 'all')!
const round = (n: number): string => (n >= 10 ? String(Math.round(n)) : n.toFixed(1))

describe('expected band on the timeline', () => {
  it('is drawn past the as-of date, on a chart that runs on to the band’s last week', async () => {
    opened = await openPage('/')
    const { page } = opened
    await waitForCount(opened, sample.size)
    // The last 90 days: bars are days, and the chart runs on past the data.
    await page.click('text=90 d')
    const band = page.locator('[data-testid="timeline-band"][data-key="all"]')
    await band.waitFor({ timeout: 30_000 })
    const weeks = band.locator('[data-testid="timeline-band-week"]')
    expect(await weeks.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-week')))).toEqual(allBand.weeks.map((w) => weekStartIso(w.week)))
    const chart = page.locator('[data-testid="timeline-chart"]')
    const lastDay = new Date(weekStartMs(allBand.weeks[3]!.week + 1) - 86_400_000).toISOString().slice(0, 10)
    expect((await chart.getAttribute('data-to'))! >= lastDay).toBe(true)
    // Every week of the band lies right of the as-of line, in the painted page.
    const asOfBox = (await page.locator('[data-testid="timeline-asof"] line').boundingBox())!
    const boxes = await weeks.locator('rect').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().toJSON() as DOMRect))
    expect(boxes).toHaveLength(4)
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(asOfBox.x - 0.5)
      expect(b.width).toBeGreaterThan(1)
      expect(b.height).toBeGreaterThan(0)
    }
    // The figures are the model's.
    const w = allBand.weeks[1]!
    expect(await weeks.nth(1).locator('title').textContent()).toContain(`expected ${round(w.expected)} events (80 %: ${round(w.lo80)}–${round(w.hi80)})`)
    expect(await page.locator('[data-testid="timeline-band-legend"]').textContent()).toContain('expected, 80 % · All events')
  }, 90_000)

  it('shows the bands chosen in the picker, and keeps the choice in the link', async () => {
    opened = await openPage('/?surgeFdr=0.05')
    const { page } = opened
    await waitForCount(opened, sample.size)
    await page.locator('[data-testid="timeline-band"]').waitFor({ timeout: 30_000 })
    await page.click('[data-testid="timeline-band-picker"]')
    const gauge = page.locator('[data-testid="timeline-band-option"][data-key^="region:"]:not([disabled])').first()
    const key = (await gauge.getAttribute('data-key'))!
    await gauge.check()
    await expect.poll(() => page.locator('[data-testid="timeline-band"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key')))).toEqual(['all', key])
    await page.locator('[data-testid="timeline-band-option"][data-key="all"]').uncheck()
    await expect.poll(() => page.locator('[data-testid="timeline-band"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key')))).toEqual([key])
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('bands'))).toBe(key)
    // The link's false discovery rate is the Surges tab's setting.
    await page.click('[data-testid="gauges-tab-surges"]')
    await page.locator('[data-testid="surges"]').waitFor({ timeout: 30_000 })
    expect(await page.locator('[data-testid="surge-fdr"]').inputValue()).toBe('0.05')
    await expect.poll(() => page.locator('[data-testid="surges-summary"]').textContent()).toContain('(false discovery rate 0.05)')

    // Reopening the link shows the same band and none of all events.
    const search = await page.evaluate(() => location.search)
    await opened.close()
    opened = await openPage(`/${search}`)
    await waitForCount(opened, sample.size)
    await expect
      .poll(() => opened!.page.locator('[data-testid="timeline-band"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key'))), { timeout: 30_000 })
      .toEqual([key])
  }, 90_000)
})
