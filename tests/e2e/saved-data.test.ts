import { copyFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { countOf, waitForCount } from './sample.ts'
import { openPage, urlOf, type OpenedPage } from './browser.ts'
import { plantDamagedRecord, readSetting } from './workspace-db.ts'

/**
 * Saved data survives every failure: a restore whose worker fails (once, or every time) deletes
 * nothing, and two tabs merging into the same saved dataset both keep their rows.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url))

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

function savedRecords(page: Page): Promise<{ id: string; name: string; eventCount: number; version?: number; inputs: string[] }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('watchfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('datasets').objectStore('datasets').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = () => {
            open.result.close()
            const records = all.result as { id: string; name: string; eventCount: number; version?: number; inputs: { name: string }[] }[]
            resolve(records.map((r) => ({ id: r.id, name: r.name, eventCount: r.eventCount, version: r.version, inputs: r.inputs.map((i) => i.name) })))
          }
        }
      }),
  )
}

async function waitForSaves(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('watchfloor:workspace-saved').length >= n, count)
}

async function importFile(page: Page, name: string, mode: 'replace' | 'merge' = 'replace'): Promise<void> {
  await page.click('[data-testid="import-open"]')
  await page.locator('[data-testid="import-file"]').setInputFiles(`${FIXTURES}${name}`)
  await page.locator('[data-testid="import-confirm"]').waitFor()
  if (mode === 'merge') await page.click('[data-testid="import-mode-merge"]')
  await page.click('[data-testid="import-confirm"]')
}

/** Makes the next `failures` ingest workers crash as they start (then `Infinity`: every one). */
async function failWorkers(page: Page, failures: number): Promise<void> {
  let left = failures
  await page.context().route('**/ingest.worker*.js', (route) => {
    if (left <= 0) return route.continue()
    left--
    return route.fulfill({ contentType: 'text/javascript', body: "throw new Error('worker failed for the test')" })
  })
}

describe('a restore that fails', () => {
  it('tries again when the worker fails once: the saved dataset comes back', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await importFile(page, 'hundred-ten-bad.csv')
    await waitForCount(page, 90)
    await waitForSaves(page, 1)
    await failWorkers(page, 1)
    await page.reload()
    await waitForCount(page, 90)
    expect(await page.locator('header').first().textContent()).toContain('hundred-ten-bad')
    expect(await savedRecords(page)).toHaveLength(1)
  })

  it('deletes nothing when it keeps failing: the dataset stays listed, and the next start restores it', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    const sampleCount = await countOf(page)
    await importFile(page, 'hundred-ten-bad.csv')
    await waitForCount(page, 90)
    await waitForSaves(page, 1)
    const before = await savedRecords(page)
    await failWorkers(page, Number.POSITIVE_INFINITY)
    await page.reload()
    const notice = page.locator('[data-testid="workspace-notice"]').filter({ hasText: 'could not be restored' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('nothing was deleted: it will be tried again the next time the app starts')
    await waitForCount(page, sampleCount)
    expect(await savedRecords(page)).toEqual(before)
    await page.click('[data-testid="import-open"]')
    const listed = page.locator('[data-testid="saved-dataset"]')
    await expect.poll(() => listed.count()).toBe(1)
    expect(await listed.textContent()).toContain('hundred-ten-bad')
    await page.keyboard.press('Escape')
    // The failure passes: the next start restores the dataset.
    await page.context().unrouteAll()
    await page.reload()
    await waitForCount(page, 90)
    opened.consoleErrors.length = 0
  })

  it('keeps a damaged record visible in the saved list, set aside, not deleted', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await plantDamagedRecord(page)
    await page.reload()
    await page.locator('[data-testid="workspace-notice"]').filter({ hasText: 'set aside' }).waitFor()
    await page.click('[data-testid="import-open"]')
    const listed = page.locator('[data-testid="saved-dataset"]')
    await expect.poll(() => listed.count()).toBe(1)
    expect(await listed.textContent()).toContain('Unreadable dataset (broken)')
    expect(await listed.locator('[data-testid="saved-dataset-damaged"]').count()).toBe(1)
    expect(await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('watchfloor')
          open.onsuccess = () => {
            const count = open.result.transaction('datasets').objectStore('datasets').count()
            count.onsuccess = () => resolve(count.result)
          }
        }),
    )).toBe(1)
  })
})

describe('two tabs merging into one saved dataset', () => {
  it('keeps both merges: the second tab adds its rows after the first tab’s, and a fresh tab restores all', async () => {
    opened = await openPage('/')
    const tabA = opened.page
    await expect.poll(() => countOf(tabA)).toBeGreaterThan(0)
    await importFile(tabA, 'hundred-ten-bad.csv')
    await waitForCount(tabA, 90)
    await waitForSaves(tabA, 1)

    const tabB = await tabA.context().newPage()
    tabB.on('pageerror', (error) => opened!.pageErrors.push(error.message))
    await tabB.goto(urlOf('/'))
    await waitForCount(tabB, 90)

    // Tab A merges two rows (one replaces evt-001): 91.
    await importFile(tabA, 'two-rows-one-clash.csv', 'merge')
    await waitForCount(tabA, 91)
    await waitForSaves(tabA, 2)
    // Tab B, still holding the version it restored, merges three new rows.
    await importFile(tabB, 'three-new-rows.csv', 'merge')
    await waitForCount(tabB, 93)
    const notice = tabB.locator('[data-testid="workspace-notice"]').filter({ hasText: 'also changed in another tab' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('both merges are kept, yours after theirs, and the combined data is on screen')
    await waitForCount(tabB, 94)

    const [record, ...others] = await savedRecords(tabA)
    expect(others).toEqual([])
    expect(record!.inputs).toEqual(['hundred-ten-bad.csv', 'two-rows-one-clash.csv', 'three-new-rows.csv'])

    const tabC = await tabA.context().newPage()
    await tabC.goto(urlOf('/'))
    await waitForCount(tabC, 94)
    await tabC.fill('[data-testid="filter-text"]', 'Second tab event')
    await waitForCount(tabC, 3)
    await tabC.fill('[data-testid="filter-text"]', 'A new event')
    await waitForCount(tabC, 1)
  })
})

describe('a ?data= link is a visit', () => {
  const served = fileURLToPath(new URL(`../../${process.env.WATCHFLOOR_DIST ?? 'dist'}/e2e-visit/`, import.meta.url))
  beforeAll(() => {
    mkdirSync(served, { recursive: true })
    copyFileSync(`${FIXTURES}hundred-ten-bad.csv`, `${served}hundred-ten-bad.csv`)
  })

  it('shows the link’s data without replacing the saved workspace; later plain starts restore the workspace', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await importFile(page, 'three-new-rows.csv')
    await waitForCount(page, 3)
    await waitForSaves(page, 1)
    const active = await readSetting(page, 'workspace.active')

    await page.goto(urlOf('/?data=e2e-visit/hundred-ten-bad.csv&kiosk=1'))
    await waitForCount(page, 90)
    const banner = page.locator('[data-testid="link-visit"]')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('is shown but not saved in this browser')
    // Refreshing is offered, not started, and nothing of the visit is saved.
    expect(await page.locator('[data-testid="link-visit-refresh"]').count()).toBe(1)
    expect(await page.locator('[data-testid="data-freshness"]').getAttribute('title')).not.toContain('refreshing live')
    expect((await savedRecords(page)).map((r) => r.name)).toEqual(['three-new-rows'])

    // Kiosk hides the filters: the same visit outside kiosk, where a filter typed is not saved either.
    await page.goto(urlOf('/?data=e2e-visit/hundred-ten-bad.csv'))
    await waitForCount(page, 90)
    await page.locator('[data-testid="link-visit"]').waitFor()
    await page.fill('[data-testid="filter-text"]', 'Cyber')
    await page.waitForTimeout(600)
    expect(await readSetting(page, 'workspace.active')).toBe(active)
    expect(await readSetting(page, 'workspace.live')).toBeFalsy()
    expect(String((await readSetting(page, 'workspace.view')) ?? '')).not.toContain('Cyber')
    expect((await savedRecords(page)).map((r) => r.name)).toEqual(['three-new-rows'])

    await page.goto(urlOf('/'))
    await waitForCount(page, 3)
    expect(await page.locator('[data-testid="link-visit"]').count()).toBe(0)
  })

  it('refuses a link that answers with a sign-in page, and keeps the workspace', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    const sampleCount = await countOf(page)
    await page.context().route('**/e2e-visit/events.json', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<html><head><title>Please sign in</title></head><body><h1>Please sign in</h1><p>Sign in on 4 May 2024.</p></body></html>' }),
    )
    await page.goto(urlOf('/?data=e2e-visit/events.json'))
    const error = page.locator('[data-testid="load-error"]')
    await error.waitFor()
    expect(await error.textContent()).toContain('answered with a web page (text/html), not data: it may ask you to sign in')
    expect(await savedRecords(page)).toEqual([])
    await page.goto(urlOf('/'))
    await waitForCount(page, sampleCount)
  })

  it('offers Cancel while a link loads; cancelling shows the workspace instead', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    const sampleCount = await countOf(page)
    // A server that never answers.
    await page.context().route('**/e2e-visit/slow.csv', () => {})
    await page.goto(urlOf('/?data=e2e-visit/slow.csv'))
    await page.locator('[data-testid="load-cancel"]').click()
    await page.locator('[data-testid="workspace-notice"]').filter({ hasText: 'Stopped loading e2e-visit/slow.csv' }).waitFor()
    await waitForCount(page, sampleCount)
    expect(await page.locator('[data-testid="load-status"]').count()).toBe(0)
  })
})
