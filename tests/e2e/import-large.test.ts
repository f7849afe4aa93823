import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SPLIT_MIN_CHARS } from '../../src/workers/ingest-run.ts'
import { countOf, waitForCount } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FILE = `${ROOT}.tmp/e2e-import-large/large.csv`
const ROWS = 150_000

/**
 * A CSV long enough to be read in two halves by two threads (over 16 MiB, SPLIT_MIN_CHARS):
 * titles with commas and line breaks in quotes, one impossible date near the start, and a
 * last row that repeats the id of row 6, far across the cut.
 */
function largeCsv(): string {
  const lines = ['id,title,date,threatLevel,countries,actors']
  for (let i = 0; i < ROWS; i++) {
    const title = i % 5 === 0 ? `"Event ${i}, reported\nover two lines by the northern desk of the regional service"` : `Event ${i} in the north as reported by the northern desk of the regional service`
    lines.push(`e${i},${title},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${1 + (i % 5)},${['FR', 'DE', 'UA', 'JP'][i % 4]},Army;Navy`)
  }
  lines.splice(10, 0, 'bad,Bad date,2024-02-30,3,FR,')
  lines.push('e5,Again,2024-03-03,2,FR,')
  return lines.join('\n') + '\n'
}

beforeAll(() => {
  mkdirSync(`${ROOT}.tmp/e2e-import-large`, { recursive: true })
  const text = largeCsv()
  expect(text.length).toBeGreaterThan(SPLIT_MIN_CHARS)
  writeFileSync(FILE, text)
})

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

describe('importing a large CSV', () => {
  it('reports every row once across the two halves and puts the accepted rows on screen', async () => {
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBeGreaterThan(0)
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.locator('[data-testid="import-file"]').setInputFiles(FILE)
    const report = opened.page.locator('[data-testid="import-report"]')
    await opened.page.locator('[data-testid="import-confirm"]').waitFor({ timeout: 60_000 })
    expect(Number(await report.getAttribute('data-accepted'))).toBe(ROWS)
    expect(Number(await report.getAttribute('data-rejected'))).toBe(2)
    const text = await report.textContent()
    expect(text).toContain('row 10: not a real date: "2024-02-30"')
    expect(text).toContain(`row ${ROWS + 2}: duplicate id "e5" (first in row 6)`)
    await opened.page.click('[data-testid="import-confirm"]')
    await waitForCount(opened, ROWS)
  })
})
