import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { warehouseQuery } from '../../bin/warehouse-http.ts'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { readGdelt } from '../../src/domain/ingest/gdelt.ts'
import { createGdeltTableSql, gdeltViewSql, insertGdeltSql } from '../../src/domain/warehouse/gdelt-view.ts'
import { createDatabaseSql } from '../../src/domain/warehouse/table-layout.ts'
import { listedEvents, requestFor } from '../engine/conformance.ts'
import { useWarehousePages } from './warehouse-helpers.ts'
import { waitForCount } from './sample.ts'

/**
 * A GDELT 2.0 table where it sits, in Chromium: the GDELT sample loaded as it is into a table in
 * GDELT's layout on the chdb endpoint, the view over it, and the app connected to the view from a
 * link: the counts a file import of the same file gives, a level toggle, and an event's detail.
 */
const PASSWORD = 'gdelt-e2e-s3cret'
const VIEW = 'gdelt_e2e.events'
let local: LocalEngine

const warehouse = useWarehousePages(PASSWORD, async (endpoint) => {
  const text = readFileSync(new URL('../fixtures/gdelt/gdelt_v2_events_100rows.export.tsv', import.meta.url), 'utf8')
  const target = { url: endpoint.url, user: 'analyst', password: PASSWORD }
  const source = { database: 'gdelt_e2e', table: 'gdelt' }
  await warehouseQuery(target, createDatabaseSql(source))
  await warehouseQuery(target, createGdeltTableSql(source))
  await warehouseQuery(target, insertGdeltSql(source), {}, text)
  for (const sql of gdeltViewSql({ database: 'gdelt_e2e', table: 'events' }, source)) await warehouseQuery(target, sql)
  const outcome = readGdelt(text)
  if (!outcome.ok) throw new Error(outcome.reason)
  local = new LocalEngine(buildEventTable(outcome.result.dataset))
})

async function localCount(filter: Partial<FilterSpec>): Promise<number> {
  return (await local.run(requestFor({ ...EMPTY_FILTER, ...filter }))).matched
}

describe('warehouse mode over a GDELT view', () => {
  it('connects to the view as to a table: the counts of a file import, a level toggle and an event', async () => {
    const opened = await warehouse.open(VIEW)
    const { page } = opened
    const endpoint = warehouse.endpoint()
    await waitForCount(opened, 100)
    expect(await page.locator('.app-header__dataset').textContent()).toContain(`ClickHouse ${VIEW} at ${endpoint.url}`)
    // The highest level the sample holds, toggled on and off.
    const levels = (await local.run(requestFor(EMPTY_FILTER))).levelCounts
    const top = ([5, 4, 3, 2] as const).find((l) => levels[l]! > 0)!
    const some = await localCount({ levels: [top] })
    expect(some).toBeGreaterThan(0)
    await page.click(`[data-testid="filter-level-${top}"]`)
    await waitForCount(opened, some)
    await page.click(`[data-testid="filter-level-${top}"]`)
    await waitForCount(opened, 100)

    const listed = await listedEvents(local, await local.run(requestFor(EMPTY_FILTER)))
    const want = listed.slice(0, 3).map((e) => e.title)
    const rows = page.locator('[data-testid="event-row"]')
    await expect.poll(async () => (await rows.allTextContents()).slice(0, 3).map((t, i) => t.includes(want[i]!))).toEqual([true, true, true])
    await rows.first().click()
    const detail = page.locator('[data-testid="event-detail"]')
    await expect.poll(() => detail.textContent()).toContain(want[0])
    // The reader's source link, from the event the view writes.
    const first = listed[0]!
    expect(await detail.locator(`a[href="${first.sources[0]!.url}"]`).count()).toBe(1)
  }, 150_000)
})
