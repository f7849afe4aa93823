import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { countOf } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const fixture = (name: string): string => `${ROOT}tests/fixtures/gdelt/${name}`

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

describe('importing GDELT events with their mentions', () => {
  it('joins the mentions and merges duplicates when asked, and says so in the report', async () => {
    opened = await openPage('/')
    const { page } = opened
    await page.click('[data-testid="import-open"]')
    await page.check('[data-testid="import-dedupe"]')
    await page.locator('[data-testid="import-file"]').setInputFiles([fixture('gdelt_v2_mentions_crafted.tsv'), fixture('gdelt_v2_events_100rows.export.tsv')])
    const report = page.locator('[data-testid="import-report"]')
    await report.waitFor({ timeout: 15_000 })
    expect(await report.getAttribute('data-accepted')).toBe('90')
    expect(await report.getAttribute('data-merged')).toBe('10')
    const notes = await page.locator('[data-testid="import-notes"] li').allTextContents()
    expect(notes).toEqual([
      'mentions joined: 4 mentions of 1 event (of 5 mention rows read)',
      '1 mention of events not in the events file left out',
      'duplicates merged (same day, actor codes, root event code and action location): 10 records into 8 events',
    ])
    expect(await report.textContent()).toContain('100 rows read')
    await page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(opened!), { timeout: 15_000 }).toBe(90)
  })

  it('explains a mentions table picked alone', async () => {
    opened = await openPage('/')
    const { page } = opened
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(fixture('gdelt_v2_mentions_sample.tsv'))
    const failed = page.locator('[data-testid="import-failed"]')
    await failed.waitFor({ timeout: 15_000 })
    expect(await failed.textContent()).toContain('import it together with its events file')
  })
})

describe('importing Parquet', () => {
  it('reads a Parquet file picked in the import dialog, in the worker', async () => {
    opened = await openPage('/')
    const { page } = opened
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(`${ROOT}tests/fixtures/parquet/ninety-events.parquet`)
    const report = page.locator('[data-testid="import-report"]')
    await report.waitFor({ timeout: 15_000 })
    expect(await report.getAttribute('data-accepted')).toBe('90')
    await page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(opened!), { timeout: 15_000 }).toBe(90)
  })
})
