import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { seriousViolations } from './a11y-helpers.ts'
import { countOf } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SEED = readFileSync(`${ROOT}tests/fixtures/seed/threat-article.txt`, 'utf8')
const EDITED = 'Xi Jinping hosts Mikhail Mishustin: reviewed draft'

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})


async function sampleCount(o: OpenedPage): Promise<number> {
  await expect.poll(() => countOf(o), { timeout: 20_000 }).toBeGreaterThan(0)
  return countOf(o)
}

/** Opens the import dialog, pastes `text` and reads it: the preview with its drafts. */
async function paste(o: OpenedPage, text: string): Promise<void> {
  await o.page.click('[data-testid="import-open"]')
  await o.page.fill('[data-testid="import-paste"]', text)
  await o.page.getByRole('button', { name: 'Read pasted text' }).click()
  await o.page.locator('[data-testid="draft-review"]').waitFor()
}

/** Pastes the seed article, checks its two drafts and edits the first one's title. */
async function reviewSeed(o: OpenedPage): Promise<void> {
  await paste(o, SEED)
  const report = o.page.locator('[data-testid="import-report"]')
  expect(await report.getAttribute('data-accepted')).toBe('2')
  const drafts = o.page.locator('[data-testid="draft"]')
  expect(await drafts.count()).toBe(2)
  const [meeting, invasion] = [drafts.nth(0), drafts.nth(1)]
  expect(await meeting.getByTestId('draft-date').inputValue()).toBe('2025-11-04')
  expect(await meeting.getByTestId('draft-level').inputValue()).toBe('3')
  const actors = await meeting.getByTestId('draft-actors').inputValue()
  expect(actors).toContain('Xi Jinping')
  expect(actors).toContain('Mikhail Mishustin')
  expect(await meeting.textContent()).toContain('Stated in the article (3 elevated)')
  expect(await invasion.getByTestId('draft-title').inputValue()).toBe('Russia invades Ukraine')
  expect(await invasion.getByTestId('draft-date').inputValue()).toBe('2022')
  expect(await invasion.textContent()).toContain('year precision')
  await meeting.getByTestId('draft-title').fill(EDITED)
  expect(await o.page.locator('[data-testid="import-confirm"]').textContent()).toBe('Import 2 events')
}

describe('reviewing an article’s draft events in the import dialog', () => {
  it('merges the two reviewed drafts into the sample, with the edited title', async () => {
    opened = await openPage('/')
    const before = await sampleCount(opened)
    await reviewSeed(opened)
    // Nothing joins the data before the commit.
    expect(await countOf(opened)).toBe(before)
    await opened.page.click('[data-testid="import-mode-merge"]')
    await opened.page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(opened!), { timeout: 20_000 }).toBe(before + 2)
    await opened.page.fill('[data-testid="filter-text"]', EDITED)
    await expect.poll(() => countOf(opened!)).toBe(1)
    expect(await opened.page.locator('[data-testid="event-row"]').first().textContent()).toContain(EDITED)
    await opened.page.fill('[data-testid="filter-text"]', 'Russia invades Ukraine')
    await expect.poll(() => opened!.page.locator('[data-testid="event-row"]', { hasText: 'Russia invades Ukraine' }).count()).toBeGreaterThan(0)
  })

  it('replaces the data with the two reviewed drafts, and keeps the edit after a reload', async () => {
    opened = await openPage('/')
    await sampleCount(opened)
    await reviewSeed(opened)
    await opened.page.click('[data-testid="import-mode-replace"]')
    await opened.page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(opened!), { timeout: 20_000 }).toBe(2)
    expect(await opened.page.locator('[data-testid="event-row"]', { hasText: EDITED }).count()).toBe(1)
    // The workspace saves the reviewed events, not the article to read again.
    await opened.page.waitForTimeout(500)
    await opened.page.goto(new URL('/', opened.page.url()).href)
    await expect.poll(() => countOf(opened!), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => opened!.page.locator('[data-testid="event-row"]', { hasText: EDITED }).count()).toBe(1)
  })

  it('reviews an article file dropped on the page before importing it', async () => {
    opened = await openPage('/')
    await sampleCount(opened)
    await opened.page.evaluate((text) => {
      const data = new DataTransfer()
      data.items.add(new File([text], 'threat-article.txt', { type: 'text/plain' }))
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
    }, SEED)
    await opened.page.locator('[data-testid="draft-review"]').waitFor()
    expect(await opened.page.locator('[data-testid="draft"]').count()).toBe(2)
    expect(await opened.page.locator('[data-testid="import-report"]').textContent()).toContain('read from threat-article.txt (article)')
    await opened.page.locator('[data-testid="draft"]').nth(1).getByTestId('draft-include').uncheck()
    await opened.page.click('[data-testid="import-mode-replace"]')
    await opened.page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(opened!), { timeout: 20_000 }).toBe(1)
  })

  it('flags the assumed date of an undated article, and leaves out an excluded draft', async () => {
    opened = await openPage('/')
    const before = await sampleCount(opened)
    await paste(opened, 'Talks continue in Brussels\n\nDiplomats from France and Germany met to discuss trade and energy cooperation in Brussels.')
    const flag = opened.page.locator('[data-testid="draft-date-assumed"]')
    expect(await flag.textContent()).toMatch(/Date assumed: today \(\d{4}-\d{2}-\d{2}\) — confirm/)
    await opened.page.locator('[data-testid="draft-include"]').uncheck()
    expect(await opened.page.locator('[data-testid="import-confirm"]').isDisabled()).toBe(true)
    await opened.page.locator('[data-testid="draft-include"]').check()
    await opened.page.locator('[data-testid="draft-date-confirm"]').check()
    expect(await flag.textContent()).toContain('Date confirmed')
    await opened.page.click('[data-testid="import-mode-merge"]')
    await opened.page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(opened!), { timeout: 20_000 }).toBe(before + 1)
  })

  it.each(['dark', 'light'] as const)('has no serious accessibility violation (%s theme), with an error and an assumed date showing', async (scheme) => {
    opened = await openPage('/')
    await opened.page.emulateMedia({ colorScheme: scheme })
    await sampleCount(opened)
    await paste(opened, `${SEED}\n\n`)
    await opened.page.locator('[data-testid="draft"]').nth(1).getByTestId('draft-date').fill('2022-13')
    await opened.page.locator('[data-testid="draft-error"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
    await opened.page.getByTestId('import-dialog').getByRole('button', { name: 'Back', exact: true }).click()
    await opened.page.fill('[data-testid="import-paste"]', 'Talks continue in Brussels\n\nDiplomats from France and Germany met to discuss trade and energy cooperation in Brussels.')
    await opened.page.getByRole('button', { name: 'Read pasted text' }).click()
    await opened.page.locator('[data-testid="draft-date-assumed"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })
})
