import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, Dataset, ThreatEvent } from '../../../../src/domain/model.ts'
import { createCubeSql, createDatabaseSql, createTableSql, quotedTable, warehouseRowsOf } from '../../../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { cubeCounts, cubeMask } from '../../../../src/lib/clickhouse/cube-counts.ts'
import { chooseGrain, fetchCube, type Cube } from '../../../../src/lib/clickhouse/cube.ts'
import { sourceTableOf } from '../../../../src/lib/clickhouse/source-kind.ts'
import { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { testEvent } from '../../domain/export/test-event.ts'

/** The cube's grain: a day × level × category × place set, with longer spans kept as they are. */
const warehouse = useTestWarehouse()

function event(id: string, startIso: string, endIso: string, patch: Partial<ThreatEvent> = {}): ThreatEvent {
  const date = { ...parsePartialDate(startIso.slice(0, 10))!, startMs: Date.parse(startIso), endMs: Date.parse(endIso) }
  return testEvent({ id, title: `Event ${id}`, category: 'protest', date, countries: ['FR' as CountryCode], ...patch })
}

const dataset: Dataset = {
  schemaVersion: 1,
  name: 'cube grain',
  regions: [],
  events: [
    // Two events of 3 March 2024 in France, at different hours: one cell of two.
    event('a', '2024-03-03T08:00:00Z', '2024-03-03T09:00:00Z'),
    event('b', '2024-03-03T17:30:00Z', '2024-03-03T18:00:00Z'),
    // Three days in France: its own cell, 3–6 March.
    event('c', '2024-03-03T00:00:00Z', '2024-03-06T00:00:00Z'),
    // Same day, same place, another level: a cell of its own.
    event('d', '2024-03-03T12:00:00Z', '2024-03-03T13:00:00Z', { threatLevel: 5 }),
  ],
}

const DAY = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

/** The cube's cells as `start end level category countries ×n`, sorted; `withSlots` adds a daily cell's `[day:count …]`. */
function cellsOf(cube: Cube, withSlots = false): string[] {
  return Array.from({ length: cube.size }, (_, i) => {
    const countries = [...cube.places.countries[cube.place[i]!]!].map((c) => cube.places.countryValues[c]).join(',')
    const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
    const cell = `${iso(cube.startMs[i]!)} ${iso(cube.endMs[i]!)} L${cube.level[i]} ${cube.categories[cube.category[i]!]} ${countries} ×${cube.weight[i]}`
    return withSlots ? `${cell} [${slotsOf(cube, i)}]` : cell
  }).sort()
}

const EXPECTED = ['2024-03-03 2024-03-04 L3 protest FR ×2', '2024-03-03 2024-03-04 L5 protest FR ×1', '2024-03-03 2024-03-06 L3 protest FR ×1']

async function load(withCube: boolean): Promise<{ client: WarehouseClient; connection: ConstructorParameters<typeof WarehouseClient>[0] }> {
  const w = warehouse()
  const connection = { url: w.url, user: w.user, password: w.password, table: w.nextTable() }
  const client = new WarehouseClient(connection)
  await client.command(createDatabaseSql(connection.table))
  await client.command(createTableSql(connection.table))
  if (withCube) for (const sql of createCubeSql(connection.table)) await client.command(sql)
  await client.insert(quotedTable(connection.table), warehouseRowsOf(dataset, 0, 1))
  return { client, connection }
}

describe('the cube', () => {
  it('folds two events of one day in one place into one cell and keeps a multi-day span its own (grouping the table)', async () => {
    const { client, connection } = await load(false)
    const cube = await fetchCube(client, connection.table, EMPTY_FILTER)
    expect(cellsOf(cube)).toEqual(EXPECTED)
    expect(cube.events).toBe(4)
    expect(cube.startMs[0]! % DAY('1970-01-02')).toBe(0)
    await client.close()
  }, 60_000)

  it('reads the same cells from the cube the warehouse keeps, and the engine uses it while it holds every event', async () => {
    const { client, connection } = await load(true)
    expect(cellsOf(await fetchCube(client, connection.table, EMPTY_FILTER, undefined, true))).toEqual(EXPECTED)
    const engine = await ClickHouseEngine.open(connection)
    expect(engine.keptCube).toBe(true)
    await engine.close()
    // Rows the kept cube never saw (inserted behind the view's back): the engine groups the table instead.
    await client.command(`DROP VIEW ${quotedTable({ ...connection.table, table: `${connection.table.table}_cube_mv` })}`)
    await client.insert(quotedTable(connection.table), warehouseRowsOf({ regions: [], events: [event('e', '2024-03-04T10:00:00Z', '2024-03-04T11:00:00Z')] }, 10, 1))
    const later = await ClickHouseEngine.open(connection)
    expect(later.keptCube).toBe(false)
    await later.close()
    await client.close()
  }, 60_000)

  it('groups the table when a coarse filter (text) applies, even with a kept cube', async () => {
    const { client, connection } = await load(true)
    const cube = await fetchCube(client, connection.table, { ...EMPTY_FILTER, text: 'event a' }, undefined, true)
    expect(cellsOf(cube)).toEqual(['2024-03-03 2024-03-04 L3 protest FR ×1'])
    await client.close()
  }, 60_000)

  it('groups a search on the stored search string and place-set key to the same cells as on the fields and the place arrays', async () => {
    const { client, connection } = await load(true)
    const table = await sourceTableOf(client, connection.table)
    expect(table).toMatchObject({ text: 'indexed', placeSet: true })
    const older = { ...connection.table, text: 'fields' as const, placeSet: false }
    for (const text of ['event', 'EVENT A', 'vent c', 'nothing']) {
      const filter = { ...EMPTY_FILTER, text }
      const [stored, fields] = [await fetchCube(client, table, filter, undefined, true, 7), await fetchCube(client, older, filter, undefined, true, 7)]
      expect(cellsOf(stored, true), text).toEqual(cellsOf(fields, true))
      // The byte search over the stored string, without the token index, groups the same cells.
      expect(cellsOf(await fetchCube(client, { ...table, text: 'stored' }, filter, undefined, true, 7), true), text).toEqual(cellsOf(fields, true))
      if (text === 'nothing') expect(stored.size).toBe(0)
      if (text === 'vent c') expect(cellsOf(stored)).toEqual(['2024-03-03 2024-03-06 L3 protest FR ×1'])
    }
    expect(cellsOf(await fetchCube(client, table, { ...EMPTY_FILTER, text: 'event' }, undefined, true))).toEqual(cellsOf(await fetchCube(client, connection.table, EMPTY_FILTER, undefined, true)))
    await client.close()
  }, 60_000)
})

/** A daily cell's days as `day:count`, within its period, by day (the warehouse sends them in any order). */
function slotsOf(cube: Cube, i: number): string {
  const out: string[] = []
  for (let s = cube.slotFirst[i]!; s < cube.slotFirst[i + 1]!; s++) out.push(`${cube.slotDay[s]}:${cube.slotN[s]}`)
  return out.sort().join(' ')
}

describe('the cube at a coarser grain', () => {
  it('chooses the finest grain that keeps the cube within 200,000 cells', () => {
    // The 10M bench table: 1,310,335 day cells, 600 combinations over 2,192 days.
    expect(chooseGrain(1_310_335, 600, 2_192)).toBe(7) // 600 × 314 periods = 188,400
    expect(chooseGrain(150_000, 600, 2_192)).toBe(1) // already small: the day
    expect(chooseGrain(1_310_335, 2_000, 2_192)).toBe(28) // 2,000 × 314 = 628,000 > 200,000; × 79 = 158,000
    expect(chooseGrain(5_000_000, 10_000, 3_650)).toBe(28) // nothing fits: the coarsest
    // Sparse data: as many cells at any grain as days with events; the day is kept.
    expect(chooseGrain(180_000, 180_000, 3_650)).toBe(1)
  })

  it('folds one-day events into 7-day periods with their days, keeps spans, and counts a brush inside a period exactly', async () => {
    const { client, connection } = await load(true)
    await client.insert(quotedTable(connection.table), warehouseRowsOf({ regions: [], events: [event('e', '2024-03-05T10:00:00Z', '2024-03-05T11:00:00Z')] }, 10, 1))
    const cube = await fetchCube(client, connection.table, EMPTY_FILTER, undefined, true, 7)
    // Day 19,785 (3 March 2024) is in the period of days 19,782–19,788 (29 February – 6 March).
    expect(cellsOf(cube, true)).toEqual([
      '2024-02-29 2024-03-07 L3 protest FR ×3 [3:2 5:1]',
      '2024-02-29 2024-03-07 L5 protest FR ×1 [3:1]',
      '2024-03-03 2024-03-06 L3 protest FR ×1 []',
    ])
    const stats = { size: 5, minStartMs: DAY('2024-03-03'), maxEndMs: DAY('2024-03-06'), maxStartMs: DAY('2024-03-05') }
    // A brush from 4 March: the three-day event and the event of 5 March; those of 3 March fall outside.
    const range = { fromMs: DAY('2024-03-04'), toMs: DAY('2024-03-10') }
    const brushed = cubeCounts(cube, cubeMask(cube, { ...EMPTY_FILTER, timeRange: range }), stats, range)
    expect(brushed.matched).toBe(2)
    expect([...brushed.levelCounts]).toEqual([0, 0, 0, 2, 0, 0])
    // The timeline ignores the brush and counts each day on its day: 3 March L3 ×2 and L5 ×1, 5 March L3 ×1; the span spread over 3–5 March.
    const { exact, spread } = brushed.days
    expect(Array.from(exact.subarray(0, 15))).toEqual([0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0])
    expect(spread[2]! + spread[7]! + spread[12]!).toBeCloseTo(1)
    // A brush of 4 March alone holds only the span.
    const day4 = { fromMs: DAY('2024-03-04'), toMs: DAY('2024-03-05') }
    expect(cubeCounts(cube, cubeMask(cube, { ...EMPTY_FILTER, timeRange: day4 }), stats, day4).matched).toBe(1)
    // The engine takes the grain it is given.
    const engine = await ClickHouseEngine.open(connection, undefined, { grainDays: 7 })
    expect(engine.grainDays).toBe(7)
    await engine.close()
    await client.close()
  }, 60_000)
})
