import { describe, expect, it } from 'vitest'
import { createTableSql, type TableName } from '../../../../src/domain/warehouse/table-layout.ts'
import type { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * The table is partitioned by month, and the engine's FINAL reads merge within a partition
 * alone: a partition of one merged part is read without merging. Read from the parts and the
 * query pipeline, as the engine's client sends it.
 */
const warehouse = useTestWarehouse()

const COLUMNS = 'id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version'

/** `count` events from number `from`, a day apart from 1 January 2024 (January to March for 0–89), in version `version`. */
const insertSql = (name: string, from: number, count: number, version: number): string =>
  `INSERT INTO ${name} (${COLUMNS})
   SELECT toString(number), number, 'Strike', 'air-strike', 1 + number % 5, 1704067200000 + number * 86400000, 1704067200000 + (number + 1) * 86400000,
          'day', ['FR'], ['europe'], [], [], NULL, NULL, 1, '{}', ${version}
   FROM numbers(${from}, ${count})`

/** How many partitions of `table` a FINAL read merges: a ReplacingSorted step in the pipeline for each. */
async function mergedInFinal(client: WarehouseClient, name: string): Promise<number> {
  const pipeline = (await client.rows<{ explain: string }>(`EXPLAIN PIPELINE SELECT count() FROM ${name} FINAL WHERE level > 0`)).map((r) => r.explain).join('\n')
  return (pipeline.match(/ReplacingSorted/g) ?? []).length
}

async function partsOf(client: WarehouseClient, table: TableName): Promise<{ partition: string; parts: number }[]> {
  const rows = await client.rows<{ partition: string; parts: number }>(
    'SELECT partition, toUInt32(count()) AS parts FROM system.parts WHERE database = {db:String} AND table = {name:String} AND active GROUP BY partition ORDER BY partition',
    { db: table.database, name: table.table },
  )
  return rows.map((r) => ({ partition: r.partition, parts: Number(r.parts) }))
}

/** The parts of January, February and March 2024, as partsOf lists them. */
const monthParts = (...parts: number[]): { partition: string; parts: number }[] => parts.map((n, i) => ({ partition: `20240${i + 1}`, parts: n }))

describe('the table partitions', () => {
  it('are months of the day, and a FINAL read merges only the partition a re-load touched, counting each event once', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    // 91 days from 1 January 2024: 31 in January, 29 in February, 31 in March; one INSERT, one part per month.
    await client.command(insertSql(name, 0, 91, 1))
    expect(await partsOf(client, table)).toEqual(monthParts(1, 1, 1))
    // Each part was written whole: FINAL merges nothing.
    expect(await mergedInFinal(client, name)).toBe(0)

    // A re-load of 10 February–19 February (days 40–49) in a newer version: a second part in February alone.
    await client.command(insertSql(name, 40, 10, 2))
    expect(await partsOf(client, table)).toEqual(monthParts(1, 2, 1))
    expect(await mergedInFinal(client, name)).toBe(1)
    const [counted] = await client.rows<{ n: number; newer: number }>(`SELECT count() AS n, countIf(version = 2) AS newer FROM ${name} FINAL`)
    expect({ n: Number(counted!.n), newer: Number(counted!.newer) }).toEqual({ n: 91, newer: 10 })

    // Once February is merged, no partition is merged by a read.
    await client.command(`OPTIMIZE TABLE ${name} FINAL SETTINGS optimize_skip_merged_partitions = 1`)
    expect(await partsOf(client, table)).toEqual(monthParts(1, 1, 1))
    expect(await mergedInFinal(client, name)).toBe(0)
    await client.close()
  }, 60_000)

  it('leave a table made before them read correctly, merged whole by FINAL', async () => {
    const { client, table, name } = await emptyTable(warehouse(), (t) => createTableSql(t).replace(/\nPARTITION BY .*/, ''))
    await client.command(insertSql(name, 0, 91, 1))
    await client.command(insertSql(name, 40, 10, 2))
    expect(await partsOf(client, table)).toEqual([{ partition: 'tuple()', parts: 2 }])
    expect(await mergedInFinal(client, name)).toBeGreaterThan(0)
    const [counted] = await client.rows<{ n: number; newer: number }>(`SELECT count() AS n, countIf(version = 2) AS newer FROM ${name} FINAL`)
    expect({ n: Number(counted!.n), newer: Number(counted!.newer) }).toEqual({ n: 91, newer: 10 })
    await client.close()
  }, 60_000)
})
