import { afterEach, describe, expect, it } from 'vitest'
import { computeMask } from '../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { countOf, waitForCount } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

/** `?synthetic=N&seed=S` is generated in a worker: the app must show what the generator makes on this thread. */

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

const direct = generateSyntheticTable({ size: 50_000, seed: 7 })

function matching(levels: readonly (1 | 2 | 3 | 4 | 5)[]): number {
  return computeMask(direct, { ...EMPTY_FILTER, levels }).filter((m) => m === 0).length
}

describe('generated data (?synthetic=N&seed=S)', () => {
  it('shows the same counts as the generator run directly, and builds events on demand', async () => {
    const critical = matching([5])
    expect(critical).toBeGreaterThan(1000)
    expect(critical).toBeLessThan(10_000)
    opened = await openPage('/?synthetic=50000&seed=7')
    await waitForCount(opened, 50_000)
    await opened.page.click('[data-testid="filter-level-5"]')
    await waitForCount(opened, critical)
    await opened.page.click('[data-testid="filter-level-4"]')
    await waitForCount(opened, matching([4, 5]))
    // The newest event's detail is built on this thread from the transferred columns.
    await opened.page.click('[data-testid="clear-filters"]')
    await waitForCount(opened, 50_000)
    const newest = direct.eventAt(0)
    await opened.page.locator('[data-testid="event-row"]').first().click()
    const detail = opened.page.locator('[data-testid="event-detail"]')
    await expect.poll(() => detail.locator('h3').textContent()).toBe(newest.title)
    const actors = await detail.locator('.detail__list li strong').allTextContents()
    expect(actors).toEqual(newest.actors.map((a) => a.name))
  })

  it('shows a progress bar while generating', async () => {
    opened = await openPage('/')
    // Record every value the bar takes from the first script on.
    await opened.page.addInitScript(() => {
      const seen: number[] = []
      ;(window as unknown as { __progress: number[] }).__progress = seen
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="load-progress"]')
        if (bar instanceof HTMLProgressElement && seen[seen.length - 1] !== bar.value) seen.push(bar.value)
      }).observe(document, { subtree: true, childList: true, attributes: true })
    })
    await opened.page.goto(new URL('/?synthetic=400000&seed=3', opened.page.url()).href)
    await waitForCount(opened, 400_000, 40_000)
    const seen = await opened.page.evaluate(() => (window as unknown as { __progress: number[] }).__progress)
    expect(seen[0]).toBe(0)
    expect(seen.some((v) => v > 0 && v < 1)).toBe(true)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
    expect(await opened.page.locator('[data-testid="load-progress"]').count()).toBe(0)
    expect(await countOf(opened)).toBe(400_000)
  })
})
