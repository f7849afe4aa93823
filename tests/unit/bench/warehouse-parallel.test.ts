import { Session } from 'chdb'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateInWarehouse, monthRanges, splitMonths, type RowRange } from '../../../bench/node/warehouse-generate.ts'
import { generateInParallel, partNameAtLevel } from '../../../bench/node/warehouse-parallel.ts'
import { actorFacetTableName, createActorFacetSql, createCubeSql, cubeTableName, fillActorFacetSql, fillCubeSql, quotedTable, type TableName } from '../../../src/domain/warehouse/table-layout.ts'

const rowsOf = (runs: readonly (readonly RowRange[])[]): number[] => runs.map((months) => months.reduce((n, m) => n + m.to - m.from, 0))

describe('the generated table split into months', () => {
  it('gives each UTC month of 2020–2025 its rows, consecutive, every row once', () => {
    const months = monthRanges(1_000_000)
    expect(months).toHaveLength(72)
    expect(months[0]!.from).toBe(0)
    expect(months.at(-1)!.to).toBe(1_000_000)
    months.forEach((m, i) => i > 0 && expect(m.from).toBe(months[i - 1]!.to))
    // 2190 days from 1 January 2020: January 2020's 31 days hold rows [0, ceil(31 × 10⁶ / 2190)).
    expect(months[0]!.to).toBe(Math.ceil((31 * 1_000_000) / 2190))
    // February 2020 has 29 days.
    expect(months[2]!.from - months[1]!.from).toBe(Math.ceil((60 * 1_000_000) / 2190) - Math.ceil((31 * 1_000_000) / 2190))
  })

  it('leaves out the months that get no row', () => {
    const months = monthRanges(10)
    expect(months.reduce((n, m) => n + m.to - m.from, 0)).toBe(10)
    expect(months.every((m) => m.to > m.from)).toBe(true)
    expect(months.length).toBeLessThan(72)
  })

  it('splits into runs of consecutive whole months covering every month once, as even as whole months allow', () => {
    for (const total of [1, 1000, 1_000_000, 100_000_000]) {
      const months = monthRanges(total)
      const largest = Math.max(...months.map((m) => m.to - m.from))
      for (const workers of [1, 2, 3, 7, 100]) {
        const runs = splitMonths(months, workers)
        expect(runs).toHaveLength(workers)
        expect(runs.flat()).toEqual(months)
        for (const n of rowsOf(runs.filter((r) => r.length > 0))) expect(Math.abs(n - total / workers)).toBeLessThanOrEqual(Math.max(largest, total / workers))
      }
    }
    // 100M over two cores: 36 months each, the first run ending with 2022.
    const [first, second] = splitMonths(monthRanges(100_000_000), 2)
    expect([first!.length, second!.length]).toEqual([36, 36])
    expect(first!.at(-1)!.to).toBe(Math.ceil((1096 * 100_000_000) / 2190))
  })
})

describe('part names at a merge level', () => {
  it('raise the level alone, never lower it', () => {
    expect(partNameAtLevel('202001_3_3_0', 1)).toBe('202001_3_3_1')
    expect(partNameAtLevel('202001_1_5_2', 1)).toBe('202001_1_5_2')
    expect(partNameAtLevel('all_1_1_0', 0)).toBe('all_1_1_0')
    expect(partNameAtLevel('202001_4_4_0_7', 1)).toBe('202001_4_4_1_7')
    expect(() => partNameAtLevel('202001_a_4_0', 1)).toThrow('not a part name')
    expect(() => partNameAtLevel('detached', 1)).toThrow('not a part name')
  })
})

describe('the table made on two cores', () => {
  let dir = ''
  let session: Session
  const run = (sql: string): string => String(session.query(sql, 'CSV'))
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'watchfloor-parallel-'))
    session = new Session(join(dir, 'main'))
  })
  afterAll(() => {
    session.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Everything the comparison reads of a table: rows, a hash of every column of every row, each partition's parts, and its kept cube. */
  const shape = (table: TableName): { rows: string; final: string; parts: string; pipeline: string; cube: string; actors: string } => {
    const name = quotedTable(table)
    const where = `database = '${table.database}' AND table = '${table.table}' AND active`
    return {
      rows: run(`SELECT count(), sum(cityHash64(id, seq, title, category, level, start_ms, end_ms, precision, countries, involved_countries, regions, named_regions, actors, lat, lon, approximate, event, version, day, place, map_x, map_y)) FROM ${name}`),
      final: run(`SELECT count() FROM ${name} FINAL`),
      parts: run(`SELECT partition, count(), min(level), max(level), sum(rows) FROM system.parts WHERE ${where} GROUP BY partition ORDER BY partition`),
      pipeline: run(`EXPLAIN PIPELINE SELECT count() FROM ${name} FINAL SETTINGS do_not_merge_across_partitions_select_final = 1`).includes('ReplacingSorted') ? 'merges' : 'reads',
      cube: run(`SELECT count(), sum(n), sum(cityHash64(start_day_ms, end_day_ms, level, category, place, countries, regions, named_regions, n)) FROM ${quotedTable(cubeTableName(table))} FINAL`),
      actors: run(`SELECT count(), sumIf(n, total = 1), sum(cityHash64(total, actor, level, n)) FROM ${quotedTable(actorFacetTableName(table))} FINAL`),
    }
  }

  it('equals the table one process makes: the same rows, one part per month at level 1, the same kept cube and actor facet', async () => {
    const rows = 40_000
    const one = { database: 'one', table: 'events' }
    generateInWarehouse(run, one, rows, () => {})
    for (const sql of [...createCubeSql(one), ...fillCubeSql(one), ...createActorFacetSql(one), ...fillActorFacetSql(one)]) run(sql)
    const two = { database: 'two', table: 'events' }
    const logs: string[] = []
    const made = await generateInParallel(run, two, rows, { workers: 2, work: join(dir, 'work'), log: (m) => logs.push(m) })
    expect(made.workers).toBe(2)
    expect(logs.at(-1)).toContain('40,000 of 40,000 events made on 2 cores')

    const expected = shape(one)
    expect(expected.rows.startsWith('40000,')).toBe(true)
    expect(expected.final).toBe('40000\n')
    expect(expected.parts.trim().split('\n')).toHaveLength(72)
    expect(expected.parts.trim().split('\n').every((line) => /^"\d{6}",1,1,1,\d+$/.test(line))).toBe(true)
    expect(expected.pipeline).toBe('reads')
    expect(expected.cube).toMatch(/^\d+,40000,/)
    // The kept actor facet: its events are the table's, summed from both workers' into the same rows.
    expect(expected.actors).toMatch(/^\d+,40000,/)
    expect(shape(two)).toEqual(expected)
    // The kept cube is one part; the workers' folders are gone, their parts linked into the table.
    expect(run(`SELECT count() FROM system.parts WHERE database = 'two' AND table = 'events_cube' AND active`)).toBe('1\n')
    expect([0, 1].map((k) => existsSync(join(dir, `work-${k}`)))).toEqual([false, false])
  }, 180_000)

  it('fails with the worker\'s words when a worker cannot make its months, the table left empty', async () => {
    const table = { database: 'three', table: 'events' }
    // A folder no worker can create.
    const failed = generateInParallel(run, table, 1000, { workers: 2, work: '/proc/watchfloor-no-such-folder/work', log: () => {} })
    await expect(failed).rejects.toThrow(/generator worker exited with 1: .+/)
    expect(run(`SELECT count() FROM ${quotedTable(table)}`)).toBe('0\n')
  }, 60_000)
})
