import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { readFrom } from '../../../../src/domain/warehouse/source-table.ts'
import { warehouseRowsOf, type TableName } from '../../../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { RemoteRows } from '../../../../src/lib/clickhouse/remote-rows.ts'
import { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { datasetOf, filters, rawEvents, requestFor } from '../../../engine/conformance.ts'
import { emptyTable, loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { testEvent } from '../../domain/export/test-event.ts'

/**
 * The top events (a briefing's, the events picture's) are read a level at a time from the newest
 * days back, choosing rows by the narrow columns and reading `event` for those alone: they must be
 * the rows of the straightforward query, every match ordered by level under FINAL.
 */
const warehouse = useTestWarehouse()

function event(id: string, startIso: string, level: ThreatLevel, title: string, country = 'FR'): ThreatEvent {
  const startMs = Date.parse(startIso)
  return testEvent({ id, title, date: { text: startIso.slice(0, 10), precision: 'day', startMs, endMs: startMs + 3_600_000 }, threatLevel: level, countries: [country as CountryCode] })
}

/** The straightforward top events: every match under FINAL, `level DESC, start_ms DESC, seq`, `event` read for each. */
async function plainTop(client: WarehouseClient, table: TableName, filter: FilterSpec, limit: number): Promise<string[]> {
  const where = filterSql(filter)
  const rows = await client.rows<{ event: string }>(
    `SELECT event FROM ${readFrom(table)} WHERE ${where.sql} ORDER BY level DESC, start_ms DESC, seq ASC LIMIT {limit:UInt32}`,
    { ...where.params, limit },
  )
  return rows.map((r) => (JSON.parse(r.event) as ThreatEvent).id)
}

// The newest day is 2024-06-30; the others 10, 40 (past the first 32 days), 300 (past 8 × 32)
// and 2,500 days (past 64 × 32) before it.
const EVENTS = [
  event('old5', '2017-08-12T09:00:00Z', 5, 'Strike at the old port'),
  event('d300-4', '2023-09-04T09:00:00Z', 4, 'Protest in the square', 'DE'),
  event('d40-5', '2024-05-21T09:00:00Z', 5, 'Strike at the depot'),
  event('d10-3', '2024-06-20T09:00:00Z', 3, 'Protest at the depot'),
  event('d0-2', '2024-06-30T08:00:00Z', 2, 'Protest at the gate'),
  event('d0-4a', '2024-06-30T10:00:00Z', 4, 'Strike at the gate', 'DE'),
  event('d0-4b', '2024-06-30T10:00:00Z', 4, 'Strike at the bridge'),
]
// Re-loaded as version 2 (seq 7, 8): the depot's level-5 strike is now level 1, the gate's protest level 5.
const RELOAD = [event('d40-5', '2024-05-21T09:00:00Z', 1, 'Strike at the depot, downgraded'), event('d0-2', '2024-06-30T08:00:00Z', 5, 'Protest at the gate, raised')]

describe('the top events from the warehouse', () => {
  it('reads each level newest first, from the newest days back, the latest version of each event', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    await client.insert(name, warehouseRowsOf({ regions: [], events: EVENTS }, 0, 1))
    await client.insert(name, warehouseRowsOf({ regions: [], events: RELOAD }, 7, 2))
    const rows = new RemoteRows(client, table)
    const engine = await ClickHouseEngine.open(client.connection)
    const ids = async (filter: FilterSpec, limit: number): Promise<string[]> => (await rows.topEvents(filter, limit)).map((e) => e.id)
    const engineIds = async (filter: FilterSpec, limit: number): Promise<string[]> => (await engine.topEvents(requestFor(filter), limit)).map((e) => e.id)
    // Level 5: the raised gate protest (day 0), then the old strike (2,500 days back); the depot's is level 1 now.
    // Level 4: the two gate-day events at one instant in load order, then day 300; then 3; then the depot's at 1.
    const all = ['d0-2', 'old5', 'd0-4a', 'd0-4b', 'd300-4', 'd10-3', 'd40-5']
    expect(await ids(EMPTY_FILTER, 10)).toEqual(all)
    expect(await engineIds(EMPTY_FILTER, 10)).toEqual(all)
    expect(await ids(EMPTY_FILTER, 3)).toEqual(all.slice(0, 3))
    expect(await engineIds(EMPTY_FILTER, 1)).toEqual(['d0-2'])
    // The titles are the latest version's.
    expect((await rows.topEvents(EMPTY_FILTER, 1))[0]!.title).toBe('Protest at the gate, raised')
    // A level filter, a word, a country and a time range that ends before the newest day.
    expect(await engineIds({ ...EMPTY_FILTER, levels: [1, 4] }, 10)).toEqual(['d0-4a', 'd0-4b', 'd300-4', 'd40-5'])
    expect(await engineIds({ ...EMPTY_FILTER, text: 'strike' }, 10)).toEqual(['old5', 'd0-4a', 'd0-4b', 'd40-5'])
    expect(await ids({ ...EMPTY_FILTER, countries: ['DE' as CountryCode] }, 10)).toEqual(['d0-4a', 'd300-4'])
    const before = { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2015, 0, 1), toMs: Date.UTC(2024, 5, 1) } }
    expect(await engineIds(before, 10)).toEqual(['old5', 'd300-4', 'd40-5'])
    expect(await ids({ ...EMPTY_FILTER, text: 'nothing' }, 10)).toEqual([])
    for (const filter of [EMPTY_FILTER, before, { ...EMPTY_FILTER, levels: [1, 4] as ThreatLevel[] }]) {
      expect(await ids(filter, 10)).toEqual(await plainTop(client, table, filter, 10))
    }
    await engine.close()
    await client.close()
  }, 60_000)

  it('equals the straightforward query for any data, filter and limit, with the cube’s level counts and without (property)', async () => {
    const datasets = fc.sample(rawEvents, { numRuns: 3, seed: 1822 })
    const asked = fc.sample(fc.tuple(filters, fc.integer({ min: 1, max: 40 })), { numRuns: 14, seed: 22 })
    for (const [d, events] of datasets.entries()) {
      const connection = await loadWarehouseTable(warehouse(), { ...datasetOf(events), name: `top property ${d}` })
      const engine = await ClickHouseEngine.open(connection)
      const client = new WarehouseClient(connection)
      const rows = new RemoteRows(client, connection.table)
      for (const [filter, limit] of [...asked, [EMPTY_FILTER, 12] as const]) {
        const expected = await plainTop(client, connection.table, filter, limit)
        expect((await engine.topEvents(requestFor(filter), limit)).map((e) => e.id), JSON.stringify([filter, limit])).toEqual(expected)
        expect((await rows.topEvents(filter, limit)).map((e) => e.id), JSON.stringify([filter, limit])).toEqual(expected)
      }
      await engine.close()
      await client.close()
    }
  }, 300_000)
})
