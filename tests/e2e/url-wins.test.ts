import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { countOf, waitForCount } from './sample.ts'
import { closeClean, openPage, type OpenedPage } from './browser.ts'

/**
 * The URL wins over the view saved in this browser: a bare address opens with the defaults and
 * offers "Restore last session"; a link with its own view, and kiosk mode, open as the URL says.
 * The saved dataset itself comes back as before.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url))

let opened: OpenedPage | undefined
afterEach(async () => {
  await closeClean(opened)
  opened = undefined
})

/** Imports the 100-row fixture (90 accepted), filters to level 5 and waits for the view to be saved. */
async function importAndFilter(page: Page): Promise<number> {
  await expect.poll(() => countOf(page)).toBeGreaterThan(0)
  await page.click('[data-testid="import-open"]')
  await page.locator('[data-testid="import-file"]').setInputFiles(`${FIXTURES}hundred-ten-bad.csv`)
  await page.click('[data-testid="import-confirm"]')
  await waitForCount(page, 90)
  await page.click('[data-testid="filter-level-5"]')
  await expect.poll(() => countOf(page)).toBeLessThan(90)
  const level5 = await countOf(page)
  await page.waitForFunction(() => performance.getEntriesByName('watchfloor:workspace-saved').length >= 1)
  // The view is saved a moment after it changes.
  await page.waitForTimeout(600)
  return level5
}

const offer = (page: Page) => page.locator('[data-testid="restore-session"]')

describe('the URL wins over the saved session', () => {
  it('opens a bare address with the defaults and the saved data, and restores the last session when asked', async () => {
    opened = await openPage('/')
    const { page } = opened
    const level5 = await importAndFilter(page)

    await page.goto(new URL('/', page.url()).href)
    await waitForCount(page, 90)
    expect(await page.locator('header').first().textContent()).toContain('hundred-ten-bad')
    await offer(page).waitFor()
    expect(await page.locator('[data-testid="restore-session-summary"]').textContent()).toContain('Levels: critical')
    expect(new URL(page.url()).search).not.toContain('levels')
    await page.waitForTimeout(300)
    expect(await countOf(page)).toBe(90)

    // Keyboard: the button is reachable and named.
    await page.getByRole('button', { name: 'Restore last session' }).focus()
    await page.keyboard.press('Enter')
    await waitForCount(page, level5)
    expect(await offer(page).count()).toBe(0)
    await expect.poll(() => new URL(page.url()).searchParams.get('levels')).toBe('5')
  })

  it('follows a link that sets its own view and offers nothing; kiosk never restores the view; the offer can be dismissed', async () => {
    opened = await openPage('/')
    const { page } = opened
    await importAndFilter(page)

    await page.goto(new URL('/?levels=4', page.url()).href)
    await expect.poll(() => new URL(page.url()).searchParams.get('levels')).toBe('4')
    await expect.poll(() => page.locator('header').first().textContent()).toContain('hundred-ten-bad')
    const level4 = await countOf(page)
    expect(level4).toBeLessThan(90)
    await page.waitForTimeout(500)
    expect(await offer(page).count()).toBe(0)
    expect(await countOf(page)).toBe(level4)

    await page.goto(new URL('/?kiosk=1', page.url()).href)
    await waitForCount(page, 90)
    await page.waitForTimeout(500)
    expect(await countOf(page)).toBe(90)
    expect(await offer(page).count()).toBe(0)
    expect(new URL(page.url()).searchParams.get('levels')).toBeNull()

    // /?levels=4 and the kiosk visit changed no filter: the saved session is still level 5.
    await page.goto(new URL('/', page.url()).href)
    await offer(page).waitFor()
    await page.click('[data-testid="restore-session-dismiss"]')
    await expect.poll(() => offer(page).count()).toBe(0)
    expect(await countOf(page)).toBe(90)
  })
})
