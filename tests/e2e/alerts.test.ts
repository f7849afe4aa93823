import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultAsOf, DEFAULT_INDEX_SETTINGS, indexOfTarget } from '../../src/domain/threat-index.ts'
import { sample } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'
import { titleAt } from '../../src/domain/table.ts'


/** Eastern Europe on the bundled data, computed outside the browser by the same domain code. */
const easternEurope = indexOfTarget(sample, { kind: 'region', value: 'eastern-europe' }, defaultAsOf(sample), DEFAULT_INDEX_SETTINGS)

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

/** A setting as saved in the workspace database (IndexedDB), read inside the page. */
function savedSetting(o: OpenedPage, key: string): Promise<unknown> {
  return o.page.evaluate(
    (k) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('watchfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('settings')) return resolve(undefined)
          const get = db.transaction('settings').objectStore('settings').get(k)
          get.onsuccess = () => {
            resolve(get.result)
            db.close()
          }
        }
      }),
    key,
  )
}

async function watchRegion(o: OpenedPage, region: string, level: number): Promise<void> {
  await o.page.click('[data-testid="gauges-tab-watchlist"]')
  await o.page.selectOption('[data-testid="watch-kind"]', 'region')
  await o.page.selectOption('[data-testid="watch-target"]', region)
  await o.page.selectOption('[data-testid="watch-threshold"]', String(level))
  await o.page.fill('[data-testid="watch-rise"]', '')
  await o.page.click('[data-testid="watch-add"]')
}

describe('watchlist and alerts on the bundled dataset', () => {
  it('raises an alert when a watched region crosses its threshold, and keeps it across a reload', async () => {
    expect(easternEurope.level).toBe(4)
    const expectedTitles = easternEurope.contributions.slice(0, 5).map((c) => titleAt(sample, c.row))
    expect(expectedTitles.some((t) => t.includes('Mishustin'))).toBe(true)

    opened = await openPage('/')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await watchRegion(opened, 'eastern-europe', 4)
    const badge = opened.page.locator('[data-testid="alert-badge"]')
    await expect.poll(() => badge.getAttribute('data-count')).toBe('1')
    await badge.click()
    const alert = opened.page.locator('[data-testid="alert"][data-item="region:eastern-europe"]')
    await alert.waitFor()
    const titles = await alert.locator('.alert-item__event-title').allTextContents()
    expect(titles).toEqual(expectedTitles)
    expect(await alert.locator('.alert-item__levels').getAttribute('aria-label')).toBe(
      `level ${easternEurope.previousLevel ?? 'none'} to ${easternEurope.level}`,
    )
    expect(await alert.textContent()).toContain(`score ${easternEurope.previousScore} → ${easternEurope.score}`)
    // The watched region has its own, starred gauge.
    await opened.page.click('[data-testid="gauges-tab-gauges"]')
    const ee = opened.page.locator('[data-testid="gauge"][data-region="eastern-europe"]')
    expect(await ee.getAttribute('data-level')).toBe('4')
    expect(await ee.locator('.gauge__star').count()).toBe(1)

    await opened.page.click('[data-testid="gauges-tab-alerts"]')
    await alert.locator('[data-testid="alert-ack"]').click()
    await expect.poll(() => badge.getAttribute('data-count')).toBe('0')
    await expect
      .poll(async () => ((await savedSetting(opened!, 'alerts')) as { alerts?: { acknowledged: boolean }[] } | undefined)?.alerts)
      .toEqual([expect.objectContaining({ acknowledged: true })])

    await opened.page.reload()
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await opened.page.click('[data-testid="gauges-tab-alerts"]')
    await alert.waitFor()
    expect(await alert.getAttribute('data-acknowledged')).toBe('true')
    // Same data again: no second alert for the same crossing.
    expect(await opened.page.locator('[data-testid="alert"]').count()).toBe(1)
    await opened.page.click('[data-testid="gauges-tab-watchlist"]')
    expect(await opened.page.locator('[data-testid="watch-item"]').getAttribute('data-id')).toBe('region:eastern-europe')
  })

  it('sets a corrupt saved watchlist aside with a notice', async () => {
    opened = await openPage('/')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await opened.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('watchfloor')
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite')
            tx.objectStore('settings').put({ version: 1, items: 'not a list' }, 'watchlist')
            tx.oncomplete = () => {
              open.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
    )
    await opened.page.reload()
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await opened.page.click('[data-testid="gauges-tab-alerts"]')
    const notice = opened.page.locator('[data-testid="workspace-notice"]')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('saved watchlist could not be read')
    expect(await savedSetting(opened, 'watchlist.corrupt')).toEqual({ version: 1, items: 'not a list' })
    await opened.page.click('[data-testid="gauges-tab-watchlist"]')
    expect(await opened.page.locator('[data-testid="watch-item"]').count()).toBe(0)
  })

  it('exports the period comparison as CSV', async () => {
    opened = await openPage('/')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await opened.page.click('[data-testid="gauges-tab-compare"]')
    await opened.page.locator('[data-testid="compare-row"]').first().waitFor()
    // The comparison starts with the most-affected regions (level 5 on this data); add Eastern Europe.
    await opened.page.selectOption('[data-testid="compare-add"]', 'eastern-europe')
    await opened.page.locator('[data-testid="compare-row"][data-region="eastern-europe"]').waitFor()
    const [download] = await Promise.all([
      opened.page.waitForEvent('download'),
      opened.page.click('[data-testid="compare-export-csv"]'),
    ])
    expect(download.suggestedFilename()).toBe('watchfloor-comparison-2025-11-04.csv')
    const path = await download.path()
    const text = readFileSync(path, 'utf8')
    // A byte-order mark first, so that Excel reads the file as UTF-8.
    expect(text.startsWith('\ufeff')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe('kind,id,name,level 2025-10-06..2025-11-04,level 2025-09-06..2025-10-05,score,previous score,delta,events,previous events')
    const rows = await opened.page.locator('[data-testid="compare-row"]').count()
    expect(lines).toHaveLength(rows + 2) // header, rows, and the final line break
    const ee = lines.find((l) => l.startsWith('region,eastern-europe,'))
    expect(ee).toBe(
      `region,eastern-europe,Eastern Europe,4,${easternEurope.previousLevel ?? ''},${easternEurope.score},${easternEurope.previousScore},${easternEurope.delta},${easternEurope.eventCount},${easternEurope.previousEventCount}`,
    )
  })

  it('kiosk mode from the URL disables notifications', async () => {
    opened = await openPage('/?kiosk=1')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await opened.page.click('[data-testid="gauges-tab-alerts"]')
    await expect.poll(() => opened!.page.locator('[data-testid="alert-kiosk"]').isChecked()).toBe(true)
    expect(await opened.page.locator('[data-testid="alert-notifications"]').isDisabled()).toBe(true)
  })
})
