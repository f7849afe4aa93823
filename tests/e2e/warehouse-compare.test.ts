import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'
import { PLACED_FRACTION } from '../../src/domain/threat-index.ts'
import { WarehouseClient, type WarehouseConnection } from '../../src/lib/clickhouse/warehouse-client.ts'
import { loadWarehouseTable } from '../warehouse/test-warehouse.ts'
import { useWarehousePages } from './warehouse-helpers.ts'
import { waitForCount } from './sample.ts'

/**
 * The comparison in warehouse mode, in Chromium against the chdb endpoint: each region's row —
 * its events and level in the index window and in the window before — equals what a direct query
 * of the table says (the events overlapping each window; the level of those placed in it by at
 * least PLACED_FRACTION of their span, else of any touching it), not what another engine says.
 */
const PASSWORD = 'e2e-compare'
let connection: WarehouseConnection
let size = 0

const pages = useWarehousePages(PASSWORD, async (endpoint) => {
  const outcome = readNativeJson(readFileSync(new URL('../../public/data/sample.json', import.meta.url), 'utf8'))
  if (!outcome.ok) throw new Error(outcome.reason)
  size = outcome.result.dataset.events.length
  const warehouse = { url: endpoint.url, user: 'analyst', password: PASSWORD, nextTable: () => ({ database: 'e2e', table: 'compare' }), close: async () => {} }
  connection = await loadWarehouseTable(warehouse, outcome.result.dataset)
})

interface Direct {
  readonly now: number
  readonly before: number
  readonly level: number
  readonly previousLevel: number
}

/** A region's two windows of 30 days to the as-of instant (the day after the latest start), straight from the table. */
async function directQuery(region: string): Promise<Direct> {
  const client = new WarehouseClient(connection)
  const { database, table } = connection.table
  const table_ = `\`${database}\`.\`${table}\``
  // A window [from, to): the events overlapping it, and those placed in it by PLACED_FRACTION of their span.
  const overlaps = (to: string, from: string): string => `start_ms < ${to} AND end_ms > ${from}`
  const placed = (to: string, from: string): string => `${overlaps(to, from)} AND (least(end_ms, ${to}) - greatest(start_ms, ${from})) / (end_ms - start_ms) >= {placed:Float64}`
  const levelOf = (to: string, from: string): string => `if(maxIf(level, ${placed(to, from)}) > 0, maxIf(level, ${placed(to, from)}), maxIf(level, ${overlaps(to, from)}))`
  const day = 86_400_000
  const [row] = await client.rows<{ n_now: number; n_before: number; level_now: number; level_before: number }>(
    `WITH (SELECT (intDiv(max(start_ms), ${day}) + 1) * ${day} FROM ${table_} FINAL) AS as_of
     SELECT countIf(${overlaps('as_of', `as_of - ${30 * day}`)}) AS n_now, countIf(${overlaps(`as_of - ${30 * day}`, `as_of - ${60 * day}`)}) AS n_before,
            ${levelOf('as_of', `as_of - ${30 * day}`)} AS level_now, ${levelOf(`as_of - ${30 * day}`, `as_of - ${60 * day}`)} AS level_before
     FROM ${table_} FINAL WHERE has(regions, {region:String})`,
    { region, placed: PLACED_FRACTION },
  )
  await client.close()
  return { now: Number(row!.n_now), before: Number(row!.n_before), level: Number(row!.level_now), previousLevel: Number(row!.level_before) }
}

describe('warehouse mode: the comparison', () => {
  it("draws each region's events and levels as a direct query of the table counts them", async () => {
    const opened = await pages.open(connection.table.database + '.' + connection.table.table)
    const { page } = opened
    await waitForCount(opened, size)
    await page.click('[data-testid="gauges-tab-compare"]')
    const rows = page.locator('[data-testid="compare-row"]')
    await rows.first().waitFor()
    await page.selectOption('[data-testid="compare-add"]', 'eastern-europe')
    await page.locator('[data-testid="compare-row"][data-region="eastern-europe"]').waitFor()
    const drawn = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        region: tr.getAttribute('data-region')!,
        events: tr.querySelectorAll('td')[3]!.textContent!.trim(),
        levels: [...tr.querySelectorAll('td')[0]!.querySelectorAll('.level-badge')].map((b) => b.getAttribute('title')!.replace(/^Level (\S+):.*$/, '$1')),
      })),
    )
    expect(drawn.length).toBeGreaterThan(1)
    let active = 0
    for (const row of drawn) {
      const direct = await directQuery(row.region)
      expect(row.events, row.region).toBe(`${direct.before} → ${direct.now}`)
      expect(row.levels, row.region).toEqual([direct.previousLevel === 0 ? '–' : String(direct.previousLevel), direct.level === 0 ? '–' : String(direct.level)])
      if (direct.now > 0) active++
    }
    // Not a comparison of empty windows.
    expect(active).toBeGreaterThan(0)
  }, 150_000)
})
