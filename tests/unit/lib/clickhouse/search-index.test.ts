import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/** The filters are written so the table's skipping indexes skip granules that cannot hold a match: the search index for text, the span index for time. */
const warehouse = useTestWarehouse()

describe('the search index', () => {
  it('lets a search for a rare word read one granule of four, and finds the same rows as a scan', async () => {
    const { client, name } = await emptyTable(warehouse())
    // 30,000 events over four granules of 8,192 rows, one of them (in the last granule) naming Zyzzyva, one with Zyzzyva as an actor.
    await client.command(`INSERT INTO ${name} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
      SELECT toString(number), number, if(number = 29000, 'Strike near ZYZZYVA ridge', concat('Protest number ', toString(number))), 'protest', 1 + number % 5,
             1700000000000 + number * 60000, 1700000000000 + number * 60000 + 1, 'instant', ['FR'], ['europe'], [], if(number = 29500, ['Zyzzyva Brigade'], ['Crowd']),
             NULL, NULL, 1, '{}', 1
      FROM numbers(30000)`)
    const where = filterSql({ ...EMPTY_FILTER, text: ' zyzzyva ' }, [], 'stored')
    const found = await client.rows<{ seq: number }>(`SELECT seq FROM ${name} FINAL WHERE ${where.sql} ORDER BY seq`, where.params)
    expect(found.map((r) => Number(r.seq))).toEqual([29000, 29500])
    const plan = (await client.rows<{ explain: string }>(`EXPLAIN indexes = 1 SELECT seq FROM ${name} FINAL WHERE ${where.sql}`, where.params)).map((r) => r.explain)
    const skip = plan.findIndex((line) => line.includes('Name: search_ngrams'))
    expect(skip, plan.join('\n')).toBeGreaterThan(0)
    expect(plan.slice(skip, skip + 4).join('\n')).toMatch(/Granules: 1\/4/)
    // A word in every granule: nothing to skip, every match found.
    const common = filterSql({ ...EMPTY_FILTER, text: 'protest number 1' }, [], 'stored')
    const [counted] = await client.rows<{ n: number }>(`SELECT count() AS n FROM ${name} WHERE ${common.sql}`, common.params)
    expect(Number(counted!.n)).toBe(11_111) // 1, 10–19, 100–199, 1000–1999, 10000–19999
    // The field-by-field test (a table made before the search column, a view) finds the same rows.
    const fields = filterSql({ ...EMPTY_FILTER, text: ' zyzzyva ' }, [], 'fields')
    const byFields = await client.rows<{ seq: number }>(`SELECT seq FROM ${name} FINAL WHERE ${fields.sql} ORDER BY seq`, fields.params)
    expect(byFields.map((r) => Number(r.seq))).toEqual([29000, 29500])
    await client.close()
  }, 60_000)

  it('lets a time range read only the granules whose events can overlap it (the span index)', async () => {
    const { client, name } = await emptyTable(warehouse())
    // 30,000 one-minute events a minute apart over four granules; the range holds minutes 29,000–29,099.
    await client.command(`INSERT INTO ${name} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
      SELECT toString(number), number, 'Event', 'protest', 1, 1700000000000 + number * 60000, 1700000000000 + number * 60000 + 60000, 'instant', ['FR'], ['europe'], [], [], NULL, NULL, 1, '{}', 1
      FROM numbers(30000)`)
    const where = filterSql({ ...EMPTY_FILTER, timeRange: { fromMs: 1700000000000 + 29_000 * 60000, toMs: 1700000000000 + 29_100 * 60000 } })
    const [counted] = await client.rows<{ n: number }>(`SELECT count() AS n FROM ${name} FINAL WHERE ${where.sql}`, where.params)
    expect(Number(counted!.n)).toBe(100)
    const plan = (await client.rows<{ explain: string }>(`EXPLAIN indexes = 1 SELECT seq FROM ${name} FINAL WHERE ${where.sql}`, where.params)).map((r) => r.explain)
    const skip = plan.findIndex((line) => line.includes('Name: span_minmax'))
    expect(skip, plan.join('\n')).toBeGreaterThan(0)
    expect(plan.slice(skip, skip + 5).join('\n')).toMatch(/Granules: 1\/4/)
    await client.close()
  }, 60_000)
})
