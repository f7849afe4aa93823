import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../src/domain/engine/filter-spec.ts'
import { Memo } from '../../../src/domain/engine/local/level-split.ts'
import { computeMask, DIM, filteredBits } from '../../../src/domain/engine/local/mask.ts'
import { windowTallying, type WindowTallies } from '../../../src/domain/engine/local/window-tallies.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import {
  PLACED_FRACTION,
  rowsInWindows,
  rowsInWindowsOfMask,
  rowWeight,
  tallyLevels,
  tallySets,
  windowFraction,
  type IndexSettings,
} from '../../../src/domain/threat-index.ts'
import type { EventTable } from '../../../src/domain/table-types.ts'
import { titleAt } from '../../../src/domain/table.ts'
import { handTable } from './hand-table.ts'

const table = generateSyntheticTable({ size: 4000, seed: 7 })
const [lo, hi] = table.extentMs

const settingsArb: fc.Arbitrary<IndexSettings> = fc.record({
  windowDays: fc.integer({ min: 1, max: 400 }),
  halfLifeDays: fc.integer({ min: 1, max: 60 }),
  method: fc.constantFrom('recency' as const, 'peak' as const),
})
const asOfArb = fc.double({ min: 0, max: 1.05, noNaN: true }).map((f) => lo + (hi - lo) * f)
const specArb: fc.Arbitrary<FilterSpec> = fc
  .record({
    regions: fc.subarray(['europe', 'asia', 'africa']),
    countries: fc.subarray(['US', 'FR', 'CN', 'RU']),
    levels: fc.subarray([1, 2, 3, 4, 5] as const),
  })
  .map((picked) => ({ ...EMPTY_FILTER, ...picked }))

/** The tallies' sums and counts, row by row from the definitions (windowFraction, rowWeight), per level: [total, count, previous total, previous count]. */
function sumsByDefinition(t: EventTable, rows: ArrayLike<number>, asOfMs: number, settings: IndexSettings): number[][] {
  const out = Array.from({ length: 5 }, () => [0, 0, 0, 0])
  const previous = asOfMs - settings.windowDays * DAY_MS
  const weigh = (row: number, at: number): number =>
    settings.method === 'peak' ? windowFraction(t, row, at, settings) : rowWeight(t, row, at, settings)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const sums = out[t.level[row]! - 1]!
    const w = weigh(row, asOfMs)
    if (w > 0) {
      sums[0]! += w
      sums[1]!++
    }
    const pw = weigh(row, previous)
    if (pw > 0) {
      sums[2]! += pw
      sums[3]!++
    }
  }
  return out
}

describe('rowsInWindowsOfMask', () => {
  it('gives the rows rowsInWindows gives for the same mask test, in the same order', () => {
    fc.assert(
      fc.property(specArb, asOfArb, settingsArb, fc.constantFrom(~DIM.time, ~(DIM.time | DIM.country), ~(DIM.time | DIM.level)), (spec, asOfMs, settings, keep) => {
        const mask = computeMask(table, spec)
        const bits = keep & 0xff
        const expected = rowsInWindows(table, (row) => (mask[row]! & bits) === 0, asOfMs, settings)
        expect([...rowsInWindowsOfMask(table, mask, bits, asOfMs, settings)]).toEqual(expected)
      }),
      { numRuns: 60, seed: 20261206 },
    )
  })

  it('finds a year-long row before the stretch near the windows (hand-checked)', () => {
    const t = handTable([
      { date: '2025-11-03', level: 2, title: 'inside' },
      { date: '2025-06-01', level: 3, title: 'too old' },
      { date: '2025', level: 4, title: 'the whole year' },
      { date: '2025-10-20', level: 1, title: 'inside, filtered out' },
    ])
    const mask = new Uint8Array(t.size)
    // The rows are stored newest first: found by title.
    const rowOf = (title: string): number => [...Array(t.size).keys()].find((row) => titleAt(t, row) === title)!
    mask[rowOf('inside, filtered out')] = DIM.region
    const rows = rowsInWindowsOfMask(t, mask, DIM.region, Date.UTC(2025, 10, 5), { windowDays: 30, halfLifeDays: 7 })
    expect([...rows]).toEqual([rowOf('inside'), rowOf('the whole year')].sort((a, b) => a - b))
  })
})

describe('tallySets and tallyLevels', () => {
  it('sum the weights and counts that windowFraction and rowWeight give row by row, to the last digit', () => {
    fc.assert(
      fc.property(asOfArb, settingsArb, (asOfMs, settings) => {
        const rows = rowsInWindows(table, () => true, asOfMs, settings)
        const tallies = tallyLevels(table, rows, asOfMs, settings)
        const expected = sumsByDefinition(table, rows, asOfMs, settings)
        // Per level: total, count, placed, any, previous total, previous count, placed, any, present.
        for (let l = 0; l < 5; l++) {
          expect([tallies[l * 9]!, tallies[l * 9 + 1]!, tallies[l * 9 + 4]!, tallies[l * 9 + 5]!]).toEqual(expected[l])
        }
      }),
      { numRuns: 60, seed: 20261207 },
    )
  })

  it('mark a level placed when one of its events lies at least PLACED_FRACTION inside the window (hand-checked)', () => {
    const t = handTable([
      { date: '2025-11-01', level: 2, title: 'a day inside' },
      { date: '2025-10', level: 5, title: 'October: its first 5 of 31 days before the window' },
    ])
    const asOf = Date.UTC(2025, 10, 5)
    const settings = { windowDays: 30, halfLifeDays: 7 }
    const rows = [0, 1]
    const tallies = tallyLevels(t, rows, asOf, settings)
    const october = rows.find((row) => t.level[row] === 5)!
    expect(windowFraction(t, october, asOf, settings)).toBeCloseTo(26 / 31, 12)
    expect(26 / 31).toBeGreaterThanOrEqual(PLACED_FRACTION)
    expect(tallies[4 * 9 + 2]).toBe(1)
    expect(tallies[1 * 9 + 2]).toBe(1)
    expect(tallies[4 * 9]).toBe(rowWeight(t, october, asOf, settings))
  })
})

describe('windowTallying', () => {
  it('shares one pass between sets of bits that differ only in filters not set, and gives what a pass of its own gives', () => {
    const spec: FilterSpec = { ...EMPTY_FILTER, regions: ['europe', 'asia'], levels: [2, 3, 4, 5] }
    const mask = computeMask(table, spec)
    const asOf = hi
    const settings: IndexSettings = { windowDays: 90, halfLifeDays: 14 }
    const kept = new Memo<WindowTallies>(2)
    const tally = windowTallying(table, mask, asOf, settings, { kept, filterBits: filteredBits(spec) })
    const gauges = tally(~DIM.time & 0xff)
    const shading = tally(~(DIM.time | DIM.country) & 0xff)
    expect(shading).toBe(gauges)
    const own = windowTallying(table, mask, asOf, settings)(~(DIM.time | DIM.country) & 0xff)
    expect([...gauges.rows]).toEqual([...own.rows])
    expect([...gauges.perSet]).toEqual([...tallySets(table, own.rows, asOf, settings)])
    // With a country picked the two differ: each gets its own rows.
    const picked: FilterSpec = { ...spec, countries: ['FR'] }
    const pickedMask = computeMask(table, picked)
    const both = windowTallying(table, pickedMask, asOf, settings, { kept, filterBits: filteredBits(picked) })
    const withCountry = both(~DIM.time & 0xff)
    const withoutCountry = both(~(DIM.time | DIM.country) & 0xff)
    expect(withCountry).not.toBe(withoutCountry)
    expect(withCountry.rows.length).toBeLessThan(withoutCountry.rows.length)
  })
})
