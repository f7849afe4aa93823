import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './a11y-helpers.ts'
import { countOf, waitForCount } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'
import { readSetting } from './workspace-db.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** The preview server serves the build folder as it is on disk: a file rewritten here is a source that changed. */
const SERVED = `${ROOT}${process.env.WATCHFLOOR_DIST ?? 'dist'}/e2e-fixtures`
const SCRATCH = `${tmpdir()}/watchfloor-freshness-e2e`
const PANELS = ['timeline', 'gauges', 'map', 'events'] as const

const HEADER = 'id,title,date,threatLevel,countries,lat,lon'
const FIRST_ROWS = [
  'live-1,Border incident near Narva,2025-03-01,3,EE,59.38,28.19',
  'live-2,Port strike in Gdansk,2025-03-02,2,PL,54.35,18.65',
  'live-3,Cyber attack on Riga grid,2025-03-03,4,LV,56.95,24.11',
]
const NEW_ROWS = ['live-4,Drone sighting over Vilnius,2025-03-04,3,LT,54.69,25.28', 'live-5,Naval standoff off Tallinn,2025-03-05,4,EE,59.44,24.75']

function csv(rows: readonly string[]): string {
  return `${HEADER}\n${rows.join('\n')}\n`
}

beforeAll(() => {
  mkdirSync(SERVED, { recursive: true })
  copyFileSync(`${ROOT}tests/fixtures/csv/hundred-ten-bad.csv`, `${SERVED}/hundred-ten-bad.csv`)
  mkdirSync(SCRATCH, { recursive: true })
})

let opened: OpenedPage | undefined
/** Console lines a test expects (a source that is gone answers 404). */
let expectedConsole: RegExp | null = null
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect((opened?.consoleErrors ?? []).filter((line) => !expectedConsole?.test(line))).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  expectedConsole = null
  await opened?.close()
  opened = undefined
})

/**
 * How fresh the page says its data is: the header's one "updated N min ago" (without the live
 * dot), its stale flag, and how many panels repeat an age (none should: it is said once).
 */
async function freshness(o: OpenedPage): Promise<{ text: string; stale: string | null; onPanels: number }> {
  const badge = o.page.locator('[data-testid="data-freshness"]')
  const onPanels = await Promise.all(PANELS.map(async (panel) => /updated (just now|\d+ min ago)/.test((await o.page.locator(`[data-testid="panel-${panel}"] .panel__header`).textContent()) ?? '')))
  return { text: ((await badge.textContent()) ?? '').replace(/^● /, ''), stale: await badge.getAttribute('data-stale'), onPanels: onPanels.filter(Boolean).length }
}

/** A setting of the saved workspace, read from the page's IndexedDB. */
function savedSetting(o: OpenedPage, key: string): Promise<unknown> {
  return readSetting(o.page, key)
}

/** The saved datasets' event counts, by name of their source. */
function savedCounts(o: OpenedPage): Promise<Record<string, number>> {
  return o.page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('watchfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('datasets').objectStore('datasets').getAll()
          all.onsuccess = () =>
            resolve(Object.fromEntries((all.result as { origin: string; eventCount: number }[]).map((r) => [r.origin.split('/').pop(), r.eventCount])))
        }
      }),
  )
}

describe('freshness and new events', () => {
  it('refreshes a live source, marks what it brought in the list and on the map, and the header says once how fresh it is', async () => {
    writeFileSync(`${SERVED}/live-fresh.csv`, csv(FIRST_ROWS))
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBeGreaterThan(0)
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.fill('[data-testid="import-url"]', 'e2e-fixtures/live-fresh.csv')
    await opened.page.check('[data-testid="import-live"]')
    await opened.page.fill('[aria-label="Refresh interval in seconds"]', '5')
    await opened.page.click('button:has-text("Fetch")')
    await opened.page.locator('[data-testid="import-confirm"]').click()
    await waitForCount(opened, 3)
    expect(await freshness(opened)).toEqual({ text: 'updated just now', stale: 'false', onPanels: 0 })
    expect(await opened.page.locator('[data-testid="event-new"]').count()).toBe(0)

    // The source changes: the next refresh brings two events, and only those are marked.
    writeFileSync(`${SERVED}/live-fresh.csv`, csv([...FIRST_ROWS, ...NEW_ROWS]))
    await waitForCount(opened, 5)
    const marked = opened.page.locator('[data-testid="event-row"][data-new]')
    await expect.poll(() => marked.count()).toBe(2)
    const titles = await marked.locator('.event-row__title').allTextContents()
    expect(titles.sort()).toEqual(['NewDrone sighting over Vilnius', 'NewNaval standoff off Tallinn'])
    expect(await opened.page.locator('[data-testid="event-new"]').first().textContent()).toBe('New')
    expect(await opened.page.locator('[data-testid="data-freshness"]').textContent()).toContain('2 new')
    // The map rings the two on its canvas (points mode: five events are drawn one by one).
    const canvas = opened.page.locator('[data-testid="map-events"]')
    await expect.poll(() => canvas.getAttribute('data-new-visible')).toBe('2')
    expect(await canvas.getAttribute('data-mode')).toBe('points')
    // …and so does the timeline, on its lanes.
    expect(await opened.page.locator('[data-testid="timeline-lane-mark"][data-new="true"]').count()).toBe(2)
    expect(await freshness(opened)).toEqual({ text: 'updated just now · 2 new', stale: 'false', onPanels: 0 })
    // The badges and the ages pass axe's serious and critical checks (contrast among them).
    expect(await seriousViolations(opened.page)).toEqual([])

    // The refreshed data was saved: the app without the source open brings back all five.
    await expect.poll(() => savedCounts(opened!)).toEqual({ 'live-fresh.csv': 5 })
    await opened.page.goto(new URL('/', opened.page.url()).href)
    await waitForCount(opened, 5)
    expect((await freshness(opened)).text).toMatch(/^updated /)
    // …and keeps refreshing it.
    await expect.poll(async () => (await opened!.page.locator('[data-testid="data-freshness"]').getAttribute('title')) ?? '').toMatch(/refreshing live$/)
  })

  it('marks the data stale past the threshold the user set, and keeps that threshold and the size limit over a reload', async () => {
    opened = await openPage('/')
    await opened.page.clock.install()
    await opened.page.reload()
    await expect.poll(() => countOf(opened!)).toBeGreaterThan(0)
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.locator('[data-testid="import-file"]').setInputFiles(`${ROOT}tests/fixtures/csv/hundred-ten-bad.csv`)
    await opened.page.locator('[data-testid="import-confirm"]').click()
    await waitForCount(opened, 90)
    expect(await freshness(opened)).toEqual({ text: 'updated just now', stale: 'false', onPanels: 0 })

    // Sixteen minutes on, past the default fifteen: the header says so in words, once.
    await opened.page.clock.fastForward(16 * 60_000)
    await expect.poll(async () => (await freshness(opened!)).stale).toBe('true')
    expect(await freshness(opened)).toEqual({ text: 'updated 16 min ago · stale', stale: 'true', onPanels: 0 })
    expect(await seriousViolations(opened.page)).toEqual([])

    // A looser threshold and a smaller size limit.
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.fill('[data-testid="stale-minutes"]', '30')
    await opened.page.fill('[data-testid="max-megabytes"]', '1')
    await opened.page.keyboard.press('Escape')
    expect(await freshness(opened)).toEqual({ text: 'updated 16 min ago', stale: 'false', onPanels: 0 })
    await expect.poll(() => savedSetting(opened!, 'workspace.settings')).toEqual({ maxImportBytes: 1024 * 1024, staleAfterMs: 30 * 60_000 })

    await opened.page.reload()
    await waitForCount(opened, 90)
    await opened.page.click('[data-testid="import-open"]')
    expect(await opened.page.inputValue('[data-testid="stale-minutes"]')).toBe('30')
    expect(await opened.page.inputValue('[data-testid="max-megabytes"]')).toBe('1')
    // The restored limit is the one applied: a 1.5 MB file is refused.
    const big = `${SCRATCH}/big.csv`
    writeFileSync(big, `${HEADER}\n${'x'.repeat(1.5 * 1024 * 1024)}\n`)
    await opened.page.locator('[data-testid="import-file"]').setInputFiles(big)
    expect(await opened.page.locator('[data-testid="import-failed"]').textContent()).toContain('over the 1 MB limit')
  })

  it('keeps a ?data= load when asked: then a plain start restores it, and a reload shows the kept copy when the source has gone', async () => {
    writeFileSync(`${SERVED}/gone-later.csv`, csv(FIRST_ROWS))
    opened = await openPage('/?data=e2e-fixtures/hundred-ten-bad.csv')
    await waitForCount(opened, 90)
    // A link is a visit: nothing saved until the user keeps it.
    await opened.page.locator('[data-testid="link-visit"]').waitFor()
    expect(await savedSetting(opened, 'workspace.active')).toBeUndefined()
    await opened.page.click('[data-testid="link-visit-keep"]')
    await expect.poll(() => savedSetting(opened!, 'workspace.active')).toMatch(/^url:.*hundred-ten-bad\.csv$/)
    expect(await opened.page.locator('[data-testid="link-visit"]').count()).toBe(0)
    // The app opened without the link brings back what was kept.
    await opened.page.goto(new URL('/', opened.page.url()).href)
    await waitForCount(opened, 90)
    expect(await opened.page.locator('header').first().textContent()).toContain('hundred-ten-bad')

    await opened.page.goto(new URL('/?data=e2e-fixtures/gone-later.csv', opened.page.url()).href)
    await waitForCount(opened, 3)
    await opened.page.click('[data-testid="link-visit-keep"]')
    await expect.poll(() => savedSetting(opened!, 'workspace.active')).toMatch(/gone-later\.csv$/)
    rmSync(`${SERVED}/gone-later.csv`)
    expectedConsole = /404/
    await opened.page.reload()
    await waitForCount(opened, 3)
    const notice = opened.page.locator('[data-testid="workspace-notice"]')
    await notice.waitFor()
    expect(await notice.textContent()).toMatch(/Could not load .*gone-later\.csv.*showing the copy saved/)
  })

  it('merges an import into generated data, counting the ids both hold', async () => {
    const file = `${SCRATCH}/into-synthetic.csv`
    writeFileSync(file, `${HEADER}\nsynthetic-3,Merged replacement,2025-01-05,5,FR,48.85,2.35\nmerged-new-1,Merged newcomer,2025-01-06,2,DE,52.52,13.40\n`)
    opened = await openPage('/?synthetic=1000&seed=7')
    await waitForCount(opened, 1000)
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.locator('[data-testid="import-file"]').setInputFiles(file)
    const report = opened.page.locator('[data-testid="import-report"]')
    await report.waitFor()
    expect(await report.getAttribute('data-accepted')).toBe('2')
    expect(await opened.page.locator('[data-testid="import-dialog"]').textContent()).toContain('1 imported ids are already in the data on screen')
    await opened.page.click('[data-testid="import-mode-merge"]')
    await opened.page.click('[data-testid="import-confirm"]')
    await waitForCount(opened, 1001)
    await opened.page.fill('[data-testid="filter-text"]', 'Merged')
    await waitForCount(opened, 2)
  })

  it('merges into generated data too large to save: the merge is on screen and a notice says it was not saved', async () => {
    const file = `${SCRATCH}/into-large-synthetic.csv`
    writeFileSync(file, `${HEADER}\nsynthetic-12345,Merged replacement,2025-01-05,5,FR,48.85,2.35\nmerged-new-1,Merged newcomer,2025-01-06,2,DE,52.52,13.40\n`)
    opened = await openPage('/?synthetic=250000&seed=3', { timeoutMs: 30_000 })
    await waitForCount(opened, 250_000, 60_000)
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.locator('[data-testid="import-file"]').setInputFiles(file)
    await opened.page.locator('[data-testid="import-report"]').waitFor()
    await expect.poll(() => opened!.page.locator('[data-testid="import-dialog"]').textContent()).toContain('1 imported ids are already in the data on screen')
    await opened.page.click('[data-testid="import-mode-merge"]')
    await opened.page.click('[data-testid="import-confirm"]')
    await waitForCount(opened, 250_001, 60_000)
    expect(await opened.page.locator('[data-testid="workspace-notice"]').textContent()).toContain('not saved')
  })

  it('keeps Tab and Shift+Tab inside the import and export dialogs and gives focus back on close', async () => {
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBeGreaterThan(0)
    const page = opened.page
    const focusInside = (selector: string): Promise<boolean> =>
      page.evaluate((s) => document.querySelector(s)?.contains(document.activeElement) ?? false, selector)
    const focusedTestId = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)

    for (const { opener, dialog } of [
      { opener: 'import-open', dialog: 'import-dialog' },
      { opener: 'export-events', dialog: 'export-dialog' },
    ]) {
      await page.focus(`[data-testid="${opener}"]`)
      await page.keyboard.press('Enter')
      const selector = `[data-testid="${dialog}"]`
      await page.locator(selector).waitFor()
      const tabbable = await page.evaluate(
        (s) => [...document.querySelector(s)!.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]')].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility()).length,
        selector,
      )
      expect(tabbable).toBeGreaterThan(3)
      // Once round and a bit more, forwards then backwards: focus never leaves the dialog.
      const seen = new Set<string>()
      for (let i = 0; i < tabbable + 2; i++) {
        await page.keyboard.press('Tab')
        expect(await focusInside(selector)).toBe(true)
        seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''))
      }
      expect(seen.size).toBe(tabbable)
      for (let i = 0; i < tabbable + 2; i++) {
        await page.keyboard.press('Shift+Tab')
        expect(await focusInside(selector)).toBe(true)
      }
      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator(selector).count()).toBe(0)
      expect(await focusedTestId()).toBe(opener)
    }
  })
})
