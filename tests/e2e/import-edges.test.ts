import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { countOf, waitForCount } from './sample.ts'
import { closeClean, openPage, type OpenedPage } from './browser.ts'

/** The import dialog's sharp edges: text that is not data, a quote left open, dates with slashes. */
const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url))

let opened: OpenedPage | undefined
afterEach(async () => {
  await closeClean(opened)
  opened = undefined
})

async function pick(page: Page, name: string): Promise<void> {
  await expect.poll(() => countOf(page)).toBeGreaterThan(0)
  await page.click('[data-testid="import-open"]')
  await page.locator('[data-testid="import-file"]').setInputFiles(`${FIXTURES}${name}`)
}

const report = (page: Page) => page.locator('[data-testid="import-dialog"] [data-testid="import-report"]')

describe('import edges', () => {
  it('says pasted words are not data, and reads them as an article only when asked', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.click('[data-testid="import-open"]')
    await page.fill('[data-testid="import-paste"]', 'hello world, this is a test of the thing')
    await page.getByRole('button', { name: 'Read pasted text' }).click()
    await page.locator('[data-testid="import-failed"]').waitFor()
    expect(await page.locator('[data-testid="import-failed"]').textContent()).toContain('not recognised as data')
    expect(await page.locator('[data-testid="import-confirm"]').count()).toBe(0)
    await page.getByRole('button', { name: 'Read it as a news article' }).click()
    await page.locator('[data-testid="import-confirm"]').waitFor()
  })

  it('reports a quote left open at its row, counting the rows read into it', async () => {
    opened = await openPage('/')
    const { page } = opened
    await pick(page, 'unclosed-quote.csv')
    await report(page).waitFor()
    expect(await report(page).getAttribute('data-accepted')).toBe('9')
    expect(await report(page).getAttribute('data-rejected')).toBe('3')
    const text = await report(page).textContent()
    expect(text).toContain('12 rows read')
    expect(text).toContain('row 7: a quote opened here is never closed; the next 2 rows were read into it')
  })

  it('detects day-first dates, asks when a file reads either way, and imports in the order chosen', async () => {
    opened = await openPage('/')
    const { page } = opened
    await pick(page, 'day-first-dates.csv')
    await report(page).waitFor()
    expect(await report(page).getAttribute('data-accepted')).toBe('3')
    expect(await page.locator('[data-testid="import-notes"]').textContent()).toContain('day first (dd/mm/yyyy), detected')
    await page.getByRole('button', { name: 'Back', exact: true }).click()

    await page.locator('[data-testid="import-file"]').setInputFiles(`${FIXTURES}ambiguous-dates.csv`)
    const choice = page.locator('[data-testid="date-order"]')
    await choice.waitFor()
    expect(await choice.textContent()).toContain('read either way')
    expect(await page.locator('[data-testid="date-order-dmy"]').isChecked()).toBe(true)
    await page.click('[data-testid="date-order-mdy"]')
    await expect.poll(() => page.locator('[data-testid="import-notes"]').textContent()).toContain('month first (mm/dd/yyyy), as chosen')
    expect(await page.locator('[data-testid="date-order-mdy"]').isChecked()).toBe(true)
    const saves = (): Promise<number> => page.evaluate(() => performance.getEntriesByName('watchfloor:workspace-saved').length)
    const savedBefore = await saves()
    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 2)
    // The import is saved behind the paint: wait for it, or the next start restores the data saved before.
    await expect.poll(saves).toBeGreaterThan(savedBefore)
    // Month first: 03/04/2024 is 4 March, so a range of March holds one of the two events.
    await page.goto(new URL('/?from=2024-03-01&to=2024-03-31', page.url()).href)
    await waitForCount(page, 1)
  })
})
