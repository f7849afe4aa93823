import { afterEach, describe, expect, it } from 'vitest'
import { expectedCount, sample, waitForCount } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'



let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})



describe('dashboard on the bundled dataset', () => {
  it('narrows every panel to a time range given in the URL', async () => {
    const expected = expectedCount({ timeRange: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) } })
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(sample.size)
    opened = await openPage('/?from=2024-01-01&to=2024-12-31')
    await waitForCount(opened, expected)
    await expect
      .poll(() => opened!.page.locator('[data-testid="panel-events"] .panel__subtitle').textContent())
      .toContain(`${expected} matching`)
    // The gauges score the range itself, and the header says why the as-of is its end.
    expect(await opened.page.locator('[data-testid="panel-gauges"]').textContent()).toContain('Highest level and score, 1 Jan 2024 – 31 Dec 2024')
    expect(await opened.page.locator('[data-testid="as-of"]').textContent()).toContain('31 Dec 2024 (end of the time range, UTC)')
  })

  it('toggles a level, narrows the count and writes the level into the URL', async () => {
    opened = await openPage('/')
    await waitForCount(opened, sample.size)
    await opened.page.click('[data-testid="filter-level-5"]')
    await waitForCount(opened, expectedCount({ levels: [5] }))
    await expect.poll(() => new URL(opened!.page.url()).searchParams.get('levels')).toBe('5')
    await opened.page.click('[data-testid="filter-level-4"]')
    await waitForCount(opened, expectedCount({ levels: [4, 5] }))
    await opened.page.click('[data-testid="clear-filters"]')
    await waitForCount(opened, sample.size)
  })

  it('shows at least three gauges with levels and scores, and explains one', async () => {
    opened = await openPage('/')
    const gauges = opened.page.locator('[data-testid="gauge"]')
    await gauges.first().waitFor()
    const readings = await gauges.evaluateAll((els) =>
      els.map((el) => ({ region: el.getAttribute('data-region'), level: el.getAttribute('data-level'), score: Number(el.getAttribute('data-score')) })),
    )
    const withLevels = readings.filter((r) => /^[1-5]$/.test(r.level ?? '') && r.score > 0)
    expect(withLevels.length).toBeGreaterThanOrEqual(3)
    await gauges.nth(1).click()
    const detail = opened.page.locator('[data-testid="gauge-detail"]')
    await detail.waitFor()
    expect(await detail.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await detail.textContent()).toContain('Method')
  })

  it('filters by a region from the Where panel and reopens the same view from its URL', async () => {
    opened = await openPage('/')
    await waitForCount(opened, sample.size)
    await opened.page.click('[data-testid="map-tab-table"]')
    await opened.page.locator('[data-testid="geo-row"][data-id="eastern-europe"]').click()
    const expected = expectedCount({ regions: ['eastern-europe'] })
    expect(expected).toBeLessThan(sample.size)
    await waitForCount(opened, expected)
    await expect.poll(() => new URL(opened!.page.url()).searchParams.get('regions')).toBe('eastern-europe')
    const link = opened.page.url()
    await opened.close()
    opened = await openPage(new URL(link).pathname + new URL(link).search)
    await waitForCount(opened, expected)
  })

  it('opens the seed event with its actors, quote and source', async () => {
    opened = await openPage('/?q=mishustin')
    await waitForCount(opened, expectedCount({ text: 'mishustin' }))
    await opened.page.locator('[data-testid="event-row"]', { hasText: 'Mishustin' }).first().click()
    const detail = opened.page.locator('[data-testid="event-detail"]')
    await detail.waitFor()
    const text = await detail.textContent()
    expect(text).toContain('Xi Jinping')
    expect(text).toContain('4 Nov 2025')
    expect(text).toContain('forged ahead')
    expect(text).toContain('China News')
  })
})

describe('generated data', () => {
  it('loads ?synthetic=N&seed=S with N events', async () => {
    opened = await openPage('/?synthetic=5000&seed=7')
    await waitForCount(opened, 5000)
    expect(await opened.page.locator('header').first().textContent()).toContain('seed 7')
  })
})
