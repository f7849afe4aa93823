import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, EventId, ThreatEvent } from '../../../../src/domain/model.ts'
import { RemoteRows } from '../../../../src/lib/clickhouse/remote-rows.ts'
import { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * The list's first windows are read from the newest days back, widening until the window is
 * filled: the rows are those of a read of the whole table, whatever the days between them.
 */
const warehouse = useTestWarehouse()

function event(id: string, date: string, title: string): ThreatEvent {
  return {
    id: id as EventId,
    title,
    tags: [],
    sectors: [],
    date: parsePartialDate(date)!,
    threatLevel: 2,
    actors: [],
    countries: ['FR' as CountryCode],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
  }
}

// Days before the newest (2024-06-30): 0, 0, 10, 40 (past the first 32 days), 300 (past 8 × 32) and 2,500 (past 64 × 32).
const EVENTS = [
  event('old', '2017-08-12', 'Strike at the old port'),
  event('d300', '2023-09-04', 'Protest in the square'),
  event('d40', '2024-05-21', 'Strike at the depot'),
  event('d10', '2024-06-20', 'Protest at the depot'),
  event('d0a', '2024-06-30', 'Protest at the gate'),
  event('d0b', '2024-06-30', 'Strike at the gate'),
]

describe('the list window from the warehouse', () => {
  it('fills the first windows from the newest days back, in the list\'s order, however far apart the matches are', async () => {
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'spread', regions: [], events: EVENTS })
    const client = new WarehouseClient(connection)
    const rows = new RemoteRows(client, connection.table)
    const ids = async (filter: typeof EMPTY_FILTER, offset: number, length: number): Promise<string[]> => (await rows.listWindow(filter, offset, length)).map((r) => r.event!.id)
    // Newest first; the two events of one day in load order.
    expect(await ids(EMPTY_FILTER, 0, 2)).toEqual(['d0a', 'd0b'])
    expect(await ids(EMPTY_FILTER, 0, 4)).toEqual(['d0a', 'd0b', 'd10', 'd40'])
    expect(await ids(EMPTY_FILTER, 3, 2)).toEqual(['d40', 'd300'])
    expect(await ids(EMPTY_FILTER, 0, 60)).toEqual(['d0a', 'd0b', 'd10', 'd40', 'd300', 'old'])
    expect(await ids(EMPTY_FILTER, 6, 60)).toEqual([])
    // A word whose matches are 0, 40 and 2,500 days back.
    const strike = { ...EMPTY_FILTER, text: 'strike' }
    expect(await ids(strike, 0, 60)).toEqual(['d0b', 'd40', 'old'])
    expect(await ids(strike, 1, 1)).toEqual(['d40'])
    expect(await ids(strike, 2, 1)).toEqual(['old'])
    // A time range that ends before the newest day: the windows start at its end.
    const before = { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2015, 0, 1), toMs: Date.UTC(2024, 5, 1) } }
    expect(await ids(before, 0, 2)).toEqual(['d40', 'd300'])
    expect(await ids({ ...before, text: 'protest' }, 0, 60)).toEqual(['d300'])
    // Far down the list (past the first windows) the table is read whole: the same order.
    expect(await ids(EMPTY_FILTER, 5, 5_000)).toEqual(['old'])
    await client.close()
  }, 60_000)
})
