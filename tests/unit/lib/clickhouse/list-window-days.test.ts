import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { warehouseRowsOf, type TableName } from '../../../../src/domain/warehouse/table-layout.ts'
import { readFrom } from '../../../../src/domain/warehouse/source-table.ts'
import { EARLY_STOP_ROWS, RemoteRows } from '../../../../src/lib/clickhouse/remote-rows.ts'
import type { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { testEvent } from '../../domain/export/test-event.ts'
import { emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * List windows further down than the first ones are placed by the matching rows' count per day
 * and read from those days alone: the rows must be exactly those of the plain query over the
 * whole table (`ORDER BY day DESC, start_ms DESC, seq ASC LIMIT … OFFSET …`), at every offset,
 * across day and month boundaries, with re-loaded events replaced (FINAL), at the last page and
 * past the end.
 */
const warehouse = useTestWarehouse()

function event(id: string, startIso: string, level: ThreatLevel, title: string): ThreatEvent {
  const startMs = Date.parse(startIso)
  return testEvent({ id, title, date: { text: startIso.slice(0, 10), precision: 'day', startMs, endMs: startMs + 3_600_000 }, threatLevel: level, countries: ['FR' as CountryCode] })
}

// Loaded as seq 0–9, version 1; then f and b loaded again (seq 10 and 11, version 2), f moved to midnight.
const FIRST_LOAD = [
  event('a', '2024-01-30T10:00:00Z', 2, 'Strike at the port'),
  event('b', '2024-01-31T08:00:00Z', 4, 'Protest at the gate'),
  event('c', '2024-01-31T08:00:00Z', 5, 'Strike at the gate'),
  event('d', '2024-01-31T23:59:00Z', 1, 'Strike at the depot'),
  event('e', '2024-02-01T00:00:00Z', 4, 'Protest in the square'),
  event('f', '2024-02-01T12:00:00Z', 2, 'Strike in the square'),
  event('g', '2024-02-03T06:00:00Z', 5, 'Protest at the bridge'),
  event('h', '2024-03-01T00:00:00Z', 3, 'Strike at the bridge'),
  event('i', '2024-03-01T00:00:00Z', 4, 'Strike at the mill'),
  event('j', '2023-12-31T23:00:00Z', 4, 'Protest at the mill'),
]
const RELOAD = [event('f', '2024-02-01T00:00:00Z', 2, 'Strike in the square'), event('b', '2024-01-31T08:00:00Z', 4, 'Protest at the gate')]

/** The plain query the list's windows must agree with: the whole table in the list's order, then the offset. */
async function plainWindow(client: WarehouseClient, table: TableName, filter: FilterSpec, offset: number, length: number): Promise<number[]> {
  const where = filterSql(filter)
  const rows = await client.rows<{ seq: number }>(
    `SELECT seq FROM ${readFrom(table)} WHERE ${where.sql} ORDER BY day DESC, start_ms DESC, seq ASC LIMIT {length:UInt32} OFFSET {offset:UInt64}`,
    { ...where.params, length, offset },
  )
  return rows.map((r) => Number(r.seq))
}

const refsOf = async (rows: RemoteRows, filter: FilterSpec, offset: number, length: number): Promise<number[]> => (await rows.listWindow(filter, offset, length)).map((r) => r.ref)

describe('list windows placed by day counts', () => {
  it('are the plain query\'s rows at every offset and length, re-loaded events replaced', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    await client.insert(name, warehouseRowsOf({ regions: [], events: FIRST_LOAD }, 0, 1))
    await client.insert(name, warehouseRowsOf({ regions: [], events: RELOAD }, 10, 2))
    // Every window placed by day counts.
    const rows = new RemoteRows(client, table, { earlyStopRows: 0 })
    // By hand: 1 March (h, i: same start, load order), 3 Feb (g), 1 Feb (e at midnight, then f moved
    // there by its re-load, seq 10), 31 Jan (d at 23:59, then c and b at 08:00: b re-loaded as seq 11
    // comes after c), 30 Jan (a), 31 Dec 2023 (j). Ten events, the older versions of b and f gone.
    const all = [7, 8, 6, 4, 10, 3, 2, 11, 0, 9]
    expect(await plainWindow(client, table, EMPTY_FILTER, 0, 100)).toEqual(all)
    expect(await refsOf(rows, EMPTY_FILTER, 0, 100)).toEqual(all)
    // Windows starting and ending on day boundaries, inside a day, across the month boundary, the last page, past the end.
    expect(await refsOf(rows, EMPTY_FILTER, 2, 1)).toEqual([6])
    expect(await refsOf(rows, EMPTY_FILTER, 1, 3)).toEqual([8, 6, 4])
    expect(await refsOf(rows, EMPTY_FILTER, 4, 3)).toEqual([10, 3, 2])
    expect(await refsOf(rows, EMPTY_FILTER, 8, 5)).toEqual([0, 9])
    expect(await refsOf(rows, EMPTY_FILTER, 10, 5)).toEqual([])
    expect(await refsOf(rows, EMPTY_FILTER, 50, 5)).toEqual([])
    // Levels 4–5: i, g, e, c, b, j.
    const severe = { ...EMPTY_FILTER, levels: [4, 5] as ThreatLevel[] }
    expect(await refsOf(rows, severe, 1, 4)).toEqual([6, 4, 2, 11])
    // Text, which the cube does not hold: h, i, f, d, c, a.
    const strike = { ...EMPTY_FILTER, text: 'strike' }
    expect(await refsOf(rows, strike, 2, 3)).toEqual([10, 3, 2])

    const filters: FilterSpec[] = [
      EMPTY_FILTER,
      severe,
      strike,
      { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2024, 0, 31), toMs: Date.UTC(2024, 1, 2) } },
      { ...EMPTY_FILTER, countries: ['DE'] },
    ]
    for (const filter of filters) {
      for (let offset = 0; offset <= 11; offset++) {
        for (const length of [0, 1, 2, 3, 5, 20]) {
          expect(await refsOf(rows, filter, offset, length), `${JSON.stringify(filter)} at ${offset}, ${length}`).toEqual(await plainWindow(client, table, filter, offset, length))
        }
      }
    }
    await client.close()
  }, 120_000)

  it('agree with the plain query past the first windows of a table of thousands of rows', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    // 12,000 events from 1 January 2024, 100 a day (day k holds seq 100k to 100k + 99), four per start
    // minute: a day's rows fill whole windows, ties on the start are broken by seq.
    await client.command(
      `INSERT INTO ${name} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
       SELECT toString(number), number, if(number % 3 = 0, 'Strike', 'Protest'), 'riot', 1 + number % 5, 1704067200000 + intDiv(number, 100) * 86400000 + intDiv(number % 100, 4) * 60000,
              1704067200000 + (intDiv(number, 100) + 1) * 86400000, 'day', ['FR'], ['europe'], [], [], NULL, NULL, 1, '{}', 1
       FROM numbers(12000)`,
    )
    const rows = new RemoteRows(client, table)
    // Newest first: the newest day's last minute holds seq 11,996–11,999.
    expect(await refsOf(rows, EMPTY_FILTER, 0, 5)).toEqual([11996, 11997, 11998, 11999, 11992])
    // Row 6,000 is the first of day 59 (seq 5,900–5,999), its latest minute first.
    expect(await refsOf(rows, EMPTY_FILTER, 6_000, 4)).toEqual([5996, 5997, 5998, 5999])
    const offsets = [EARLY_STOP_ROWS - 60, EARLY_STOP_ROWS - 10, EARLY_STOP_ROWS, 5_999, 6_000, 6_050, 6_099, 6_100, 11_950, 11_990, 11_999, 12_000, 12_001, 20_000]
    for (const filter of [EMPTY_FILTER, { ...EMPTY_FILTER, levels: [5] as ThreatLevel[] }, { ...EMPTY_FILTER, text: 'strike' }]) {
      for (const offset of offsets) {
        for (const length of [1, 60, 250]) {
          expect(await refsOf(rows, filter, offset, length), `${JSON.stringify(filter)} at ${offset}, ${length}`).toEqual(await plainWindow(client, table, filter, offset, length))
        }
      }
    }
    await client.close()
  }, 120_000)
})
