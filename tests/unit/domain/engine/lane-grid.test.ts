import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { columnOfMs, dayColumns, gridForLevels, gridLanes, regionGrid, regionGridSlices } from '../../../../src/domain/engine/local/lane-grid.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { laneRegionsBySet, selectLanes } from '../../../../src/domain/engine/local/lanes.ts'

function tableOf(events: object[]) {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return buildEventTable(outcome.result.dataset)
}

const month = (ms: number): number => new Date(ms).getUTCMonth()
const rounded = (a: ArrayLike<number>): number[] => Array.from(a, (n) => Math.round(n * 1000) / 1000)

describe('day columns', () => {
  it('maps each day of the span to its column, clamping instants outside the span', () => {
    const span = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) }
    const days = dayColumns(span, 12, month)
    // 2024 is a leap year: 366 days.
    expect(days.column).toHaveLength(366)
    expect(days.firstDay).toBe(19723)
    expect(columnOfMs(days, Date.UTC(2024, 0, 31, 23))).toBe(0)
    expect(columnOfMs(days, Date.UTC(2024, 1, 1))).toBe(1)
    expect(columnOfMs(days, Date.UTC(2024, 11, 31, 12))).toBe(11)
    expect(columnOfMs(days, Date.UTC(2019, 5, 1))).toBe(0)
    expect(columnOfMs(days, Date.UTC(2030, 5, 1))).toBe(11)
  })
})

describe('region grid', () => {
  const table = tableOf([
    { id: 'u1', title: 'u1', date: '2024-01-02', threatLevel: 4, countries: ['UA'] },
    { id: 'u2', title: 'u2', date: '2024-02-02', threatLevel: 3, countries: ['UA'] },
    { id: 'u3', title: 'u3', date: '2024-02-20', threatLevel: 5, countries: ['UA'] },
    { id: 'f1', title: 'f1', date: '2024-03-02', threatLevel: 2, countries: ['FR'] },
    { id: 'a1', title: 'a1', date: '2024', threatLevel: 3, regions: ['Asia'] },
    { id: 'q1', title: 'q1', date: '2024-04-20', endDate: '2024-05-10', threatLevel: 1, countries: ['FR'] },
    { id: 'old', title: 'old', date: '2020-01-01', threatLevel: 5, countries: ['UA'] },
  ])
  const laneRegions = laneRegionsBySet(table, [])
  const codeOf = (id: string): number => table.places.regions.dict.indexOf.get(id)!
  const span = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) }
  const cells = (grid: ReturnType<typeof regionGrid>, code: number): { counts: number[]; levels: number[] } => {
    const slot = grid.slotOf[code]!
    return { counts: rounded(grid.counts.subarray(slot * 12, slot * 12 + 12)), levels: Array.from(grid.maxLevel.subarray(slot * 12, slot * 12 + 12)) }
  }

  it('counts the rows in view per lane region and per column with the highest level, in one pass', () => {
    const grid = regionGrid(table, computeMask(table, EMPTY_FILTER), span, laneRegions, 12, month)
    expect(grid.columns).toBe(12)
    // Ukraine's lane region is Eastern Europe (the 2020 event is out of view), France's Western Europe.
    expect(grid.inView[codeOf('eastern-europe')]).toBe(3)
    expect(grid.inView[codeOf('western-europe')]).toBe(2)
    expect(grid.inView[codeOf('asia')]).toBe(1)
    // Continents are not lanes when a sub-region is known: no grid row either.
    expect(grid.inView[codeOf('europe')]).toBe(0)
    expect(grid.slotOf[codeOf('europe')]).toBe(-1)
    expect(grid.counts).toHaveLength(3 * 12)
    expect(cells(grid, codeOf('eastern-europe'))).toEqual({
      counts: [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      levels: [4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    })
    // f1 in March; q1 spans 20 April – 10 May: half in each month.
    expect(cells(grid, codeOf('western-europe'))).toEqual({
      counts: [0, 0, 1, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0],
      levels: [0, 0, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0],
    })
    // A year-only event: a twelfth in each month.
    expect(cells(grid, codeOf('asia'))).toEqual({ counts: Array(12).fill(0.083), levels: Array(12).fill(3) })
  })

  it('follows the other filters and the span, and hands lanes their cells in lane order', () => {
    const mask = computeMask(table, { ...EMPTY_FILTER, levels: [3, 5] })
    const firstHalf = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 6, 1) }
    const grid = regionGrid(table, mask, firstHalf, laneRegions, 12, month)
    expect(grid.inView[codeOf('eastern-europe')]).toBe(2)
    expect(grid.inView[codeOf('western-europe')]).toBe(0)
    expect(grid.inView[codeOf('asia')]).toBe(1)
    const picked = gridLanes(grid, [codeOf('asia'), codeOf('eastern-europe')])
    // The year-only event, seen through a half-year span, spreads over the six months in view.
    expect(rounded(picked.counts.subarray(0, 12))).toEqual(Array(6).fill(0.167).concat(Array(6).fill(0)))
    // A region that is no lane region has empty cells.
    expect(Array.from(gridLanes(grid, [codeOf('europe')]).counts)).toEqual(Array(12).fill(0))
    expect(rounded(picked.counts.subarray(12, 24))).toEqual([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(Array.from(picked.maxLevel.subarray(12, 24))).toEqual([0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('chooses the same lanes from its counts as a count of its own', () => {
    const mask = computeMask(table, EMPTY_FILTER)
    const label = (code: number): string => table.places.regions.dict.values[code]!
    const grid = regionGrid(table, mask, span, laneRegions, 12, month)
    const fromGrid = selectLanes(table, mask, span, 'region', laneRegions, label, 5, grid.inView)
    const counted = selectLanes(table, mask, span, 'region', laneRegions, label, 5)
    expect(fromGrid).toEqual(counted)
    expect(fromGrid.lanes.map((l) => [l.label, l.count])).toEqual([
      ['eastern-europe', 3],
      ['western-europe', 2],
      ['asia', 1],
    ])
  })

  it('keeps each level apart and recombines any level set into the grid of that level filter', () => {
    // Made with a level filter set: the by-level grid ignores it.
    const byLevel = regionGrid(table, computeMask(table, { ...EMPTY_FILTER, levels: [2] }), span, laneRegions, 12, month, true)
    const slot = byLevel.slotOf[codeOf('eastern-europe')]!
    // Eastern Europe's grid rows for levels 3, 4 and 5: u2 (February), u1 (January), u3 (February).
    const row = (level: number): number[] => rounded(byLevel.counts.subarray((slot * 5 + level - 1) * 12, (slot * 5 + level) * 12))
    expect(row(3)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(row(4)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(row(5)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(Array.from(byLevel.inView.subarray(codeOf('eastern-europe') * 5, codeOf('eastern-europe') * 5 + 5))).toEqual([0, 0, 1, 1, 1])
    for (const levels of [[], [1], [3, 5], [1, 2, 4], [2, 3, 4, 5]] as const) {
      const selected = Uint8Array.from([1, 2, 3, 4, 5], (l) => (levels.length === 0 || (levels as readonly number[]).includes(l) ? 1 : 0))
      const want = regionGrid(table, computeMask(table, { ...EMPTY_FILTER, levels: [...levels] }), span, laneRegions, 12, month)
      const got = gridForLevels(byLevel, selected)
      expect(Array.from(got.inView)).toEqual(Array.from(want.inView))
      expect(rounded(got.counts)).toEqual(rounded(want.counts))
      expect(Array.from(got.maxLevel)).toEqual(Array.from(want.maxLevel))
    }
  })
  it('is the same grid to the last bit when made a few rows at a time', () => {
    const big = generateSyntheticTable({ size: 3_000, seed: 9 })
    const bigSpan = { fromMs: Date.UTC(2018, 0, 1), toMs: Date.UTC(2024, 0, 1) }
    const regions = laneRegionsBySet(big, [])
    const mask = computeMask(big, { ...EMPTY_FILTER, levels: [2, 3] })
    const columnOf = (ms: number): number => Math.floor((ms - bigSpan.fromMs) / (bigSpan.toMs - bigSpan.fromMs) * 200)
    for (const apart of [false, true]) {
      const whole = regionGrid(big, mask, bigSpan, regions, 200, columnOf, apart)
      for (const rows of [1, 7, 500]) {
        const slices = regionGridSlices(big, mask, bigSpan, regions, 200, columnOf, apart)
        let steps = 1
        while (!slices.step(rows)) steps++
        expect(steps).toBeGreaterThan(1)
        const got = slices.value()
        expect(Array.from(got.counts)).toEqual(Array.from(whole.counts))
        expect(Array.from(got.maxLevel)).toEqual(Array.from(whole.maxLevel))
        expect(Array.from(got.inView)).toEqual(Array.from(whole.inView))
        // Asked again, the same grid: its totals are not added twice.
        expect(slices.value()).toBe(got)
      }
    }
  })
})
