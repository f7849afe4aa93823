import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { countOf, waitForCount } from './sample.ts'
import { closeClean, openPage, urlOf, type OpenedPage } from './browser.ts'

/**
 * What the analyst reviews before importing (events removed upstream, possible duplicates) and
 * what a reload rebuilds: the same choices, the same joins.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const fixture = (path: string): string => `${ROOT}tests/fixtures/${path}`

let opened: OpenedPage | undefined
afterEach(async () => {
  await closeClean(opened)
  opened = undefined
})

async function waitForSave(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('watchfloor:workspace-saved').length >= 1)
}

async function confirmCount(page: Page): Promise<string> {
  return (await page.locator('[data-testid="import-confirm"]').textContent()) ?? ''
}

describe('ACLED events removed upstream', () => {
  it('are listed after two exports are read together, dropped after asking, and stay dropped after a reload', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles([fixture('acled/acled-update-newer.csv'), fixture('acled/acled-update-older.csv')])
    const removed = page.locator('[data-testid="removed-upstream"]')
    await removed.waitFor()
    // SDN9103 is in the older export only, on a day and in a country the newer one covers.
    expect(await removed.getAttribute('data-count')).toBe('1')
    expect(await page.locator('[data-testid="removed-upstream-event"]').allTextContents()).toEqual([expect.stringMatching(/^acled-SDN9103 2025-06-04 · SD · /)])
    expect(await confirmCount(page)).toBe('Import 7 events')

    await page.click('[data-testid="removed-upstream-drop"]')
    await page.click('[data-testid="removed-upstream-confirm"]')
    await page.locator('[data-testid="removed-upstream-undo"]').waitFor()
    await expect.poll(() => confirmCount(page)).toBe('Import 6 events')
    expect(await page.locator('[data-testid="import-report"]').getAttribute('data-accepted')).toBe('6')

    // Undo brings it back; dropping again leaves it out.
    await page.click('[data-testid="removed-upstream-undo"]')
    await page.locator('[data-testid="removed-upstream-drop"]').waitFor()
    await expect.poll(() => confirmCount(page)).toBe('Import 7 events')
    await page.click('[data-testid="removed-upstream-drop"]')
    await page.click('[data-testid="removed-upstream-confirm"]')
    await expect.poll(() => confirmCount(page)).toBe('Import 6 events')

    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 6)
    await waitForSave(page)
    await page.reload()
    await waitForCount(page, 6)
  })
})

describe('possible duplicates', () => {
  it('merge into one event when the analyst asks, and stay merged after a reload', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(fixture('json/near-duplicates.json'))
    const group = page.locator('[data-testid="duplicate-group"]')
    await group.first().waitFor()
    expect(await group.count()).toBe(2)
    expect(await confirmCount(page)).toBe('Import 6 events')
    // Dismissing one group only hides it.
    await group.nth(1).locator('[data-testid="duplicate-dismiss"]').click()
    expect(await group.count()).toBe(1)
    await group.first().locator('[data-testid="duplicate-merge"]').click()
    await page.locator('[data-testid="duplicate-merged"]').waitFor()
    await expect.poll(() => confirmCount(page)).toBe('Import 4 events')
    expect(await page.locator('[data-testid="import-notes"]').textContent()).toContain('possible duplicates merged as reviewed: 1 group, 3 events into 1')
    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 4)

    // The merged event carries the sources of all three.
    await page.locator('[data-testid="event-row"]', { hasText: 'Drone strike on Kharkiv' }).first().click()
    const detail = page.locator('[data-testid="event-detail"]')
    await detail.waitFor()
    for (const name of ['Wire A', 'Wire B', 'Wire C']) expect(await detail.textContent()).toContain(name)

    await waitForSave(page)
    await page.reload()
    await waitForCount(page, 4)
  })
})

describe('GDELT events joined with their mentions', () => {
  /** The sources listed for each event titled `title` (there may be several). */
  async function sourcesOf(page: Page, title: string): Promise<string[]> {
    const rows = page.locator('[data-testid="event-row"]', { hasText: title })
    await rows.first().waitFor()
    const out: string[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      await rows.nth(i).click()
      out.push((await page.locator('[data-testid="event-detail"]').textContent()) ?? '')
      await page.click('[aria-label="Close event detail"]')
    }
    return out
  }

  it('keep their mentions after a reload: the join is saved, not just the events file', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles([fixture('gdelt/gdelt_v2_mentions_crafted.tsv'), fixture('gdelt/gdelt_v2_events_100rows.export.tsv')])
    await page.locator('[data-testid="import-notes"]').waitFor()
    expect(await page.locator('[data-testid="import-notes"]').textContent()).toContain('mentions joined: 4 mentions of 1 event')
    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 100)
    const title = 'Fight with small arms and light weapons: South African'
    // Event 913097131 gains the mentioning sources its own SOURCEURL does not repeat.
    expect((await sourcesOf(page, title)).some((text) => text.includes('example-daily.test') && text.includes('Example Monitoring Service'))).toBe(true)
    await waitForSave(page)

    await page.goto(urlOf('/'))
    await waitForCount(page, 100)
    expect((await sourcesOf(page, title)).some((text) => text.includes('example-daily.test') && text.includes('Example Monitoring Service'))).toBe(true)
  })
})

describe('ACLED events removed upstream, after the import', () => {
  /** How many times the workspace has been saved so far. */
  function saves(page: Page): Promise<number> {
    return page.evaluate(() => performance.getEntriesByName('watchfloor:workspace-saved').length)
  }

  it('an older then a newer export merged into it: counted, dropped after asking, undone, and the drop kept over a reload', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(fixture('acled/acled-week-1.csv'))
    await expect.poll(() => confirmCount(page)).toBe('Import 6 events')
    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 6)
    await expect.poll(() => saves(page)).toBe(1)

    // The next week's export, merged into it: an update, said so before the import.
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(fixture('acled/acled-week-2.csv'))
    await expect.poll(() => confirmCount(page)).toBe('Import 4 events')
    await page.check('[data-testid="import-mode-merge"]')
    expect(await page.locator('.ingest-dialog__mode').textContent()).toContain('as an ACLED update')
    await page.click('[data-testid="import-confirm"]')
    // 6 + 1 new; SOM1003 and SOM1005 are gone from the newer export, kept and flagged.
    await waitForCount(page, 7)
    await expect.poll(() => saves(page)).toBe(2)
    const notes = page.locator('[data-testid="import-report-toast"] [data-testid="import-notes"]')
    expect(await notes.textContent()).toContain('ACLED update: 1 updated, 2 unchanged, 1 new, 2 removed upstream')
    const bar = page.locator('[data-testid="removed-upstream-bar"]')
    expect(await bar.getAttribute('data-count')).toBe('2')
    // The list may draw a task after the count.
    await expect.poll(() => page.locator('[data-testid="event-removed-upstream"]').count()).toBe(2)

    await page.click('[data-testid="removed-upstream-review"]')
    expect(await page.locator('[data-testid="removed-upstream-event"]').allTextContents()).toEqual([
      expect.stringMatching(/^acled-SOM1003 2025-07-03 · SO · /),
      expect.stringMatching(/^acled-SOM1005 2025-07-05 · SO · /),
    ])
    await page.click('[data-testid="removed-upstream-drop"]')
    await page.click('[data-testid="removed-upstream-confirm"]')
    await waitForCount(page, 5)
    await expect.poll(() => page.locator('[data-testid="event-removed-upstream"]').count()).toBe(0)

    // Undo puts both back, still flagged; dropping again leaves them out.
    await page.click('[data-testid="removed-upstream-undo"]')
    await waitForCount(page, 7)
    expect(await bar.getAttribute('data-count')).toBe('2')
    await page.click('[data-testid="removed-upstream-review"]')
    await page.click('[data-testid="removed-upstream-drop"]')
    await page.click('[data-testid="removed-upstream-confirm"]')
    await waitForCount(page, 5)
    // Saved five times: the first export, the update, the drop, the undo and the drop again.
    await expect.poll(() => saves(page)).toBe(5)

    // A reload rebuilds the update from the saved exports, without the events dropped.
    await page.reload()
    await waitForCount(page, 5)
    expect(await page.locator('[data-testid="removed-upstream-bar"]').count()).toBe(0)
    // A restored workspace lists its rows a task after the count.
    await expect.poll(() => page.locator('[data-testid="event-row"]').count()).toBe(5)
  })
})
