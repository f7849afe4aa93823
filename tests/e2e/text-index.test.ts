import { afterEach, describe, expect, it } from 'vitest'
import { closeClean, openPage, type OpenedPage } from './browser.ts'
import { expectedCount, sample, waitForCount } from './sample.ts'

let opened: OpenedPage | undefined

afterEach(async () => {
  await closeClean(opened)
  opened = undefined
})

/** Whether the titles' search index has come back from its worker and is in use. */
async function indexReady(target: OpenedPage): Promise<boolean> {
  return target.page.evaluate(() => performance.getEntriesByName('watchfloor:text-index-ready').length > 0)
}

describe('text search through the titles index built in a worker', () => {
  it('builds the index after the first paint and finds what a scan of every title finds', async () => {
    opened = await openPage('/')
    await waitForCount(opened, sample.size)
    await expect.poll(() => indexReady(opened!), { timeout: 20_000 }).toBe(true)
    // A word inside titles, a needle across a separator, a case mix, an actor's name and a miss:
    // each count is the domain scan's (sample.ts), with no index.
    for (const text of ['crimea', "ine's parl", 'ISLAMIC state', 'Hamas', 'zzzz']) {
      await opened.page.fill('[data-testid="filter-text"]', text)
      await waitForCount(opened, expectedCount({ text }))
    }
    expect(expectedCount({ text: 'crimea' })).toBeGreaterThan(2)
    expect(expectedCount({ text: "ine's parl" })).toBe(1)
  })
})
