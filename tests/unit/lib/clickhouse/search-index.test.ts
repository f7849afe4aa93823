import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/** The text filter is written so the table's search index skips granules that cannot hold the needle. */
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
    const where = filterSql({ ...EMPTY_FILTER, text: ' zyzzyva ' })
    const found = await client.rows<{ seq: number }>(`SELECT seq FROM ${name} FINAL WHERE ${where.sql} ORDER BY seq`, where.params)
    expect(found.map((r) => Number(r.seq))).toEqual([29000, 29500])
    const plan = (await client.rows<{ explain: string }>(`EXPLAIN indexes = 1 SELECT seq FROM ${name} FINAL WHERE ${where.sql}`, where.params)).map((r) => r.explain)
    const skip = plan.findIndex((line) => line.includes('Name: search_ngrams'))
    expect(skip, plan.join('\n')).toBeGreaterThan(0)
    expect(plan.slice(skip, skip + 4).join('\n')).toMatch(/Granules: 1\/4/)
    // A word in every granule: nothing to skip, every match found.
    const common = filterSql({ ...EMPTY_FILTER, text: 'protest number 1' })
    const [counted] = await client.rows<{ n: number }>(`SELECT count() AS n FROM ${name} WHERE ${common.sql}`, common.params)
    expect(Number(counted!.n)).toBe(11_111) // 1, 10–19, 100–199, 1000–1999, 10000–19999
    await client.close()
  }, 60_000)
})
