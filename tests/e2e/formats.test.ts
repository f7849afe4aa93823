import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { countOf } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

/**
 * `?data=` with files in the formats analysts already have: the fixtures are copied into the
 * served build for the duration of this file, so the app fetches them from its own origin.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SERVED = `${ROOT}/${process.env.WATCHFLOOR_DIST ?? 'dist'}/e2e-formats`
const FIXTURES: readonly (readonly [string, string])[] = [
  ['tests/fixtures/gdelt/gdelt_v2_events_100rows.export.tsv', 'gdelt-events.tsv'],
  ['tests/fixtures/stix/watchfloor-cases.json', 'stix-cases.json'],
  ['tests/fixtures/acled/acled-current.csv', 'acled-current.csv'],
  ['tests/fixtures/seed/threat-article.txt', 'threat-article.txt'],
]

beforeAll(() => {
  mkdirSync(SERVED, { recursive: true })
  for (const [from, to] of FIXTURES) copyFileSync(`${ROOT}/${from}`, `${SERVED}/${to}`)
})
afterAll(() => rmSync(SERVED, { recursive: true, force: true }))

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})


describe('?data= in other formats', () => {
  it.each([
    ['a GDELT 2.0 event file', 'gdelt-events.tsv', 100, 'gdelt-events', 'Fight with small arms and light weapons'],
    ['a STIX 2.1 bundle', 'stix-cases.json', 3, 'stix-cases', 'Sighting of Example Bear'],
    ['an ACLED export', 'acled-current.csv', 7, 'acled-current', 'Air/drone strike in El Fasher, Sudan'],
    ['a news article', 'threat-article.txt', 2, 'China and Russia Strengthen', 'Russia invades Ukraine'],
  ])('loads %s, detected by its content', async (_what, file, events, name, title) => {
    opened = await openPage(`/?data=e2e-formats/${file}`)
    await expect.poll(() => countOf(opened!), { timeout: 15_000 }).toBe(events)
    await expect.poll(() => opened!.page.locator('header').first().textContent()).toContain(name)
    // The events panel lists the imported events.
    await expect.poll(() => opened!.page.locator('[data-testid="panel-events"]').textContent()).toContain(title)
  })
})
