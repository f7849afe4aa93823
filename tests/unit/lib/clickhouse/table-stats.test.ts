import { describe, expect, it } from 'vitest'
import { createTableSql } from '../../../../src/domain/warehouse/table-layout.ts'
import type { TableStats } from '../../../../src/lib/clickhouse/cube-counts.ts'
import { sourceTableOf } from '../../../../src/lib/clickhouse/source-kind.ts'
import { combineStats, splitPartitions, tableStats, wholeStats, type PartitionRow } from '../../../../src/lib/clickhouse/table-stats.ts'
import type { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * The table's size and extent, read from the merged partitions' parts and a few days' rows, is
 * what `count()`, `min(start_ms)`, `max(start_ms)` and `max(end_ms)` under FINAL answer, on
 * tables with re-loaded versions merged or not, unpartitioned, and empty.
 */
const warehouse = useTestWarehouse()

const COLUMNS = 'id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version'
const JAN_1 = Date.UTC(2024, 0, 1)
const DAY = 86_400_000
const HOUR = 3_600_000

/** Events `from`…`from + count - 1`, event n on day n from 1 January 2024, lasting `hours` (a whole day when absent), in `version`. */
const insertSql = (name: string, from: number, count: number, version: number, hours?: number): string =>
  `INSERT INTO ${name} (${COLUMNS})
   SELECT toString(number), number, 'Strike', 'air-strike', 1 + number % 5, ${JAN_1} + number * ${DAY}, ${JAN_1} + number * ${DAY} + ${hours === undefined ? DAY : hours * HOUR},
          'day', ['FR'], ['europe'], [], [], NULL, NULL, 1, '{}', ${version}
   FROM numbers(${from}, ${count})`

async function bothWays(client: WarehouseClient, table: Parameters<typeof sourceTableOf>[1]): Promise<{ fast: TableStats; whole: TableStats }> {
  const source = await sourceTableOf(client, table)
  return { fast: await tableStats(client, source), whole: await wholeStats(client, source) }
}

describe('the table stats', () => {
  it('come from the parts and a few days for merged partitions, and under FINAL for a re-load not merged yet', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    // Days 0–89: 1 January to 30 March 2024, one INSERT, a part per month.
    await client.command(insertSql(name, 0, 90, 1))
    const loaded = { size: 90, minStartMs: JAN_1, maxStartMs: JAN_1 + 89 * DAY, maxEndMs: JAN_1 + 90 * DAY }
    expect(await bothWays(client, table)).toEqual({ fast: loaded, whole: loaded })

    // A re-load of days 85–89 in version 2, each lasting one hour: March holds two parts, the
    // old versions (ending a day later) still in one of them. FINAL counts 90 and ends at the
    // last event's new end; the raw rows would say 95 and a day later.
    await client.command(insertSql(name, 85, 5, 2, 1))
    const reloaded = { size: 90, minStartMs: JAN_1, maxStartMs: JAN_1 + 89 * DAY, maxEndMs: JAN_1 + 89 * DAY + HOUR }
    expect(await bothWays(client, table)).toEqual({ fast: reloaded, whole: reloaded })
    const [raw] = await client.rows<{ n: number; end: number }>(`SELECT count() AS n, max(end_ms) AS end FROM ${name}`)
    expect({ n: Number(raw!.n), end: Number(raw!.end) }).toEqual({ n: 95, end: JAN_1 + 90 * DAY })

    // Merged: March is one part again, read from its parts.
    await client.command(`OPTIMIZE TABLE ${name} FINAL`)
    expect(await bothWays(client, table)).toEqual({ fast: reloaded, whole: reloaded })
    await client.close()
  }, 60_000)

  it('read every row of a table without date partitions, and say zero for an empty table', async () => {
    const { client, table, name } = await emptyTable(warehouse(), (t) => createTableSql(t).replace(/\nPARTITION BY .*/, ''))
    const empty = { size: 0, minStartMs: 0, maxStartMs: 0, maxEndMs: 0 }
    expect(await bothWays(client, table)).toEqual({ fast: empty, whole: empty })
    await client.command(insertSql(name, 10, 20, 1))
    await client.command(insertSql(name, 25, 5, 2, 2))
    const stats = { size: 20, minStartMs: JAN_1 + 10 * DAY, maxStartMs: JAN_1 + 29 * DAY, maxEndMs: JAN_1 + 29 * DAY + 2 * HOUR }
    expect(await bothWays(client, table)).toEqual({ fast: stats, whole: stats })
    await client.close()
  }, 60_000)

  it('equal the FINAL reading over random loads, re-loads and merges', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    let seed = 20261206
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let step = 0; step < 8; step++) {
      const from = random(200)
      const count = 1 + random(60)
      const hours = random(3) === 0 ? undefined : 1 + random(100)
      await client.command(insertSql(name, from, count, step + 1, hours))
      if (random(3) === 0) await client.command(`OPTIMIZE TABLE ${name} FINAL`)
      const { fast, whole } = await bothWays(client, table)
      expect(fast).toEqual(whole)
    }
    await client.close()
  }, 120_000)
})

describe('the partitions read from their parts', () => {
  const part = (id: string, patch: Partial<PartitionRow> = {}): PartitionRow => ({ id, parts: 1, min_level: 1, deleted: 0, rows: 10, min_date: '2024-01-01', max_date: '2024-01-31', ...patch })

  it('are those of one merged part with a date range and nothing deleted in place', () => {
    const split = splitPartitions([
      part('202401'),
      part('202402', { parts: 2 }),
      part('202403', { min_level: 0 }),
      part('202404', { deleted: 1 }),
      part('all', { min_date: '1970-01-01', max_date: '1970-01-01' }),
      part('202405', { min_level: 3 }),
    ])
    expect(split).toEqual({ merged: [part('202401'), part('202405', { min_level: 3 })], unmerged: ['202402', '202403', '202404', 'all'] })
  })

  it('combine with the others: sizes add, the extent widens, an empty side changes nothing', () => {
    const a = { size: 3, minStartMs: 100, maxStartMs: 500, maxEndMs: 900 }
    const b = { size: 2, minStartMs: 50, maxStartMs: 400, maxEndMs: 1000 }
    expect(combineStats(a, b)).toEqual({ size: 5, minStartMs: 50, maxStartMs: 500, maxEndMs: 1000 })
    const none = { size: 0, minStartMs: 0, maxStartMs: 0, maxEndMs: 0 }
    expect(combineStats(a, none)).toEqual(a)
    expect(combineStats(none, b)).toEqual(b)
  })
})
