import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { expectedCount, sample, waitForCount } from './sample.ts'
import { closeClean, openPage, type OpenedPage } from './browser.ts'

/** An import that replaces the data on screen can be undone: the data before comes back with its view. */
const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url))

let opened: OpenedPage | undefined
afterEach(async () => {
  await closeClean(opened)
  opened = undefined
})

async function importReplacing(page: Page, name: string): Promise<void> {
  await page.click('[data-testid="import-open"]')
  await page.locator('[data-testid="import-file"]').setInputFiles(`${FIXTURES}${name}`)
  await page.locator('[data-testid="import-confirm"]').waitFor()
  expect(await page.locator('[data-testid="import-mode-replace"]').isChecked()).toBe(true)
  await page.click('[data-testid="import-confirm"]')
}

const header = (page: Page) => page.locator('header').first().textContent()

describe('undo an import', () => {
  it('brings back the replaced events and their view with "Undo import", and a reload restores them', async () => {
    opened = await openPage('/')
    const { page } = opened
    await waitForCount(page, sample.size)
    await page.click('[data-testid="filter-level-4"]')
    const level4 = expectedCount({ levels: [4] })
    await waitForCount(page, level4)

    await importReplacing(page, 'hundred-ten-bad.csv')
    await expect.poll(() => header(page)).toContain('hundred-ten-bad')
    const undo = page.locator('[data-testid="undo-import"]')
    await undo.waitFor()
    expect(await undo.textContent()).toContain(`(${sample.size} events)`)
    await page.waitForFunction(() => performance.getEntriesByName('watchfloor:workspace-saved').length >= 1)

    await page.getByRole('button', { name: 'Undo import' }).click()
    await waitForCount(page, level4)
    expect(await header(page)).toContain('Watchfloor sample')
    expect(await header(page)).not.toContain('hundred-ten-bad')
    expect(new URL(page.url()).searchParams.get('levels')).toBe('4')
    await expect.poll(() => undo.count()).toBe(0)
    await page.click('[data-testid="clear-filters"]')
    await waitForCount(page, sample.size)

    // The next start restores what the undo brought back, not the import.
    await page.waitForTimeout(300)
    await page.reload()
    await waitForCount(page, sample.size)
    expect(await header(page)).not.toContain('hundred-ten-bad')
  })

  it('undoes with Ctrl+Z, and a second import ends the first one’s offer', async () => {
    opened = await openPage('/')
    const { page } = opened
    await waitForCount(page, sample.size)
    await importReplacing(page, 'hundred-ten-bad.csv')
    await waitForCount(page, 90)
    await page.locator('[data-testid="undo-import"]').waitFor()
    await importReplacing(page, 'three-new-rows.csv')
    await waitForCount(page, 3)
    // The offer now undoes the second import only: back to the 90, not to the sample.
    await expect.poll(() => page.locator('[data-testid="undo-import"]').textContent()).toContain('(90 events)')
    await page.locator('body').focus()
    await page.keyboard.press('Control+z')
    await waitForCount(page, 90)
    expect(await header(page)).toContain('hundred-ten-bad')
  })
})
