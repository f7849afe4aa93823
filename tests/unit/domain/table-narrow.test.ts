import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../src/domain/dates.ts'
import { computeMask, updateMask } from '../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../src/domain/engine/filter-spec.ts'
import type { ThreatLevel } from '../../../src/domain/model.ts'
import { takeParent } from '../../../src/domain/engine/local/mask-lineage.ts'
import { matchesInWindow, matchingRows, spliceMatches } from '../../../src/domain/engine/local/matching-rows.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { sortByDateDesc } from '../../../src/domain/table-order.ts'
import { columnBytes, longRowsByEnd, narrowCodes, tableArrays } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'
import { computeViews, type CountViews } from '../../../src/domain/engine/local/views.ts'
import { byInputRow, handTable, inputRowsOf } from './hand-table.ts'

/** The same table with every code column widened back to Uint32, as builders hand them over. */
function widened(table: EventTable): EventTable {
  const wide = (column: EventTable['actors']): EventTable['actors'] => ({ ...column, values: new Uint32Array(column.values) })
  return {
    ...table,
    category: new Uint32Array(table.category),
    place: new Uint32Array(table.place),
    actors: wide(table.actors),
    places: { ...table.places, countries: wide(table.places.countries), regions: wide(table.places.regions), named: wide(table.places.named) },
  }
}

/** Where two views differ ('' when they agree); spread is compared to 1e-9 (sums run in another order). */
function difference(a: CountViews, b: CountViews): string {
  const arrays: [string, ArrayLike<number>, ArrayLike<number>, number][] = [
    ['matchedRows', a.matchedRows, b.matchedRows, 0],
    ['levelCounts', a.levelCounts, b.levelCounts, 0],
    ['exact', a.timeline.exact, b.timeline.exact, 0],
    ['spread', a.timeline.spread, b.timeline.spread, 1e-9],
  ]
  for (const key of ['countries', 'regions', 'actors', 'categories'] as const) {
    arrays.push([`${key} counts`, a[key].counts, b[key].counts, 0], [`${key} maxLevel`, a[key].maxLevel, b[key].maxLevel, 0])
  }
  if (a.matched !== b.matched) return `matched ${a.matched} ≠ ${b.matched}`
  for (const [name, x, y, tolerance] of arrays) {
    if (x.length !== y.length) return `${name} length`
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - y[i]!) > tolerance) return `${name}[${i}] ${x[i]} ≠ ${y[i]}`
  }
  return ''
}

/** The first row where two masks differ, or -1. */
function maskDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : a.length
}

describe('narrowCodes', () => {
  it('picks the narrowest width the number of distinct codes allows, keeping the values', () => {
    const codes = new Uint32Array([0, 7, 255])
    expect(narrowCodes(codes, 256)).toBeInstanceOf(Uint8Array)
    expect([...narrowCodes(codes, 256)]).toEqual([0, 7, 255])
    expect(narrowCodes(codes, 257)).toBeInstanceOf(Uint16Array)
    expect(narrowCodes(codes, 65_536)).toBeInstanceOf(Uint16Array)
    expect(narrowCodes(codes, 65_537)).toBe(codes)
    const narrow = new Uint8Array([1, 2])
    expect(narrowCodes(narrow, 3)).toBe(narrow)
  })
})

describe('assembleTable narrows code columns', () => {
  it('uses one byte per row for a few categories and place sets', () => {
    const t = handTable([
      { date: '2024-01-01', level: 2, title: 'a', category: 'cyber', countries: ['FR'], actors: ['x'] },
      { date: '2024-01-02', level: 3, title: 'b', category: 'terrorism', countries: ['DE'] },
    ])
    expect(t.category).toBeInstanceOf(Uint8Array)
    expect(t.place).toBeInstanceOf(Uint8Array)
    expect(t.actors.values).toBeInstanceOf(Uint8Array)
    expect(byInputRow(t, t.category)).toEqual([1, 2])
  })

  it('switches to two bytes past 256 categories, and to four past 65,536 place sets', () => {
    const rows = Array.from({ length: 65_537 }, (_, i) => ({
      date: '2024-01-01',
      level: 1 as ThreatLevel,
      title: `t${i}`,
      category: i < 300 ? `c${i}` : 'c0',
      countries: [`P${i}`],
    }))
    const t = handTable(rows)
    expect(t.categories.values.length).toBe(301) // with '' for "no category"
    expect(t.category).toBeInstanceOf(Uint16Array)
    expect(t.category[299]).toBe(300)
    expect(t.places.size).toBe(65_537)
    expect(t.place).toBeInstanceOf(Uint32Array)
    expect(t.place[65_536]).toBe(65_536)
    expect(t.places.countries.values).toBeInstanceOf(Uint32Array)
    const counts = computeViews(t, computeMask(t, { ...EMPTY_FILTER, categories: ['c299'] }))
    expect(counts.matched).toBe(1)
    expect(counts.countries.counts[t.places.countries.dict.indexOf.get('P299')!]).toBe(1)
  })

  it('lists the rows covering more than a day by end, and counts every typed array in columnBytes', () => {
    const t = handTable([
      { date: '2024-03-05', level: 1, title: 'day' },
      { date: '2024', level: 1, title: 'year' },
      { date: '2024-02', level: 1, title: 'month' },
      { date: '2024-02-10', endDate: '2024-02-12', level: 1, title: 'span' },
      { date: '2024-02', level: 1, title: 'month again' },
    ])
    // Ends: year 2025-01-01, month 2024-03-01 (twice: row order breaks the tie), span 2024-02-13.
    expect(inputRowsOf(t, t.longByEnd)).toEqual([3, 2, 4, 1])
    expect([...longRowsByEnd(new Float64Array([0, 5]), new Float64Array([DAY_MS, Number.NaN]))]).toEqual([1])
    // Per row: start 8 + end 8 + precision 1 + level 1 + lat 4 + lon 4 + approximate 1 + category 1
    // + place 1 + input row 4 (the rows were not given newest first) = 33 bytes; actor offsets 6 × 4 (no actor values); 4 long
    // rows × 4; and the place sets' own columns.
    const placeBytes = [t.places.countries, t.places.regions, t.places.named].reduce((s, c) => s + c.offsets.byteLength + c.values.byteLength, 0)
    expect(columnBytes(t)).toBe(5 * 33 + 6 * 4 + 4 * 4 + placeBytes)
    expect(tableArrays(t)).toContain(t.longByEnd)
  })

  it('an empty table has empty orders and empty views', () => {
    const t = handTable([])
    expect(t.longByEnd.length).toBe(0)
    expect(columnBytes(t)).toBe(4 * 4) // the offsets' single 0 of the actors and the three place-set columns
    const views = computeViews(t, computeMask(t, { ...EMPTY_FILTER, levels: [3] }))
    expect(views.matched).toBe(0)
    expect(views.matchedRows.length).toBe(0)
    expect(views.timeline.days).toBe(0)
  })
})

const table = generateSyntheticTable({ size: 2500, seed: 5 })
const [lo, hi] = table.extentMs
const wide = widened(table)

const specArb: fc.Arbitrary<FilterSpec> = fc.record({
  timeRange: fc.option(
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b]) => ({
      fromMs: lo + (hi - lo) * Math.min(a, b),
      toMs: lo + (hi - lo) * Math.max(a, b) + DAY_MS,
    })),
    { nil: null },
  ),
  regions: fc.subarray(['europe', 'asia', 'africa', 'middle-east']),
  countries: fc.subarray(['US', 'FR', 'CN', 'RU', 'IN']),
  actors: fc.subarray(table.actors.dict.values.slice(0, 20), { maxLength: 3 }),
  levels: fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[]),
  categories: fc.subarray(['armed-conflict', 'cyber', 'diplomacy']),
  text: fc.constantFrom('', 'unrest', 'in '),
})

describe('a narrowed table gives what the same table with Uint32 codes gives', () => {
  it('the same views and matching rows for any filter', () => {
    expect(table.category).toBeInstanceOf(Uint8Array)
    expect(wide.category).toBeInstanceOf(Uint32Array)
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(difference(computeViews(table, computeMask(table, spec)), computeViews(wide, computeMask(wide, spec)))).toBe('')
      }),
      { numRuns: 40, seed: 31 },
    )
  })

  it('the same events, row for row', () => {
    for (const row of [0, 1, 777, table.size - 1]) expect(wide.eventAt(row)).toEqual(table.eventAt(row))
  })
})

/** One filter dimension changed at a time, as a user does: each step is a full spec. */
const stepArb: fc.Arbitrary<(spec: FilterSpec) => FilterSpec> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 1, max: 60 })).map(([day, length]) => (s: FilterSpec): FilterSpec => ({
    ...s,
    timeRange: { fromMs: lo + day * DAY_MS, toMs: lo + (day + length) * DAY_MS },
  })),
  fc.integer({ min: -20, max: 20 }).map((days) => (s: FilterSpec): FilterSpec =>
    s.timeRange === null ? s : { ...s, timeRange: { fromMs: s.timeRange.fromMs + days * DAY_MS, toMs: s.timeRange.toMs } },
  ),
  fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[]).map((levels) => (s: FilterSpec): FilterSpec => ({ ...s, levels })),
  fc.subarray(['europe', 'asia', 'africa']).map((regions) => (s: FilterSpec): FilterSpec => ({ ...s, regions })),
  fc.subarray(['FR', 'CN', 'RU']).map((countries) => (s: FilterSpec): FilterSpec => ({ ...s, countries })),
  fc.subarray(['armed-conflict', 'cyber']).map((categories) => (s: FilterSpec): FilterSpec => ({ ...s, categories })),
  fc.subarray(table.actors.dict.values.slice(0, 5)).map((actors) => (s: FilterSpec): FilterSpec => ({ ...s, actors })),
)

describe('one dimension at a time (level read per level, flipped rows listed, brush spliced)', () => {
  it('gives the same views as a full pass after every step, on the narrowed and the wide table', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        for (const t of [table, wide]) {
          let spec: FilterSpec = { ...EMPTY_FILTER, timeRange: { fromMs: lo + 400 * DAY_MS, toMs: lo + 900 * DAY_MS } }
          let mask = computeMask(t, spec)
          computeViews(t, mask)
          for (const step of steps) {
            const next = step(spec)
            mask = updateMask(t, mask, spec, next)
            spec = next
            const full = computeMask(t, spec)
            expect(maskDifference(mask, full)).toBe(-1)
            expect(difference(computeViews(t, mask), computeViews(t, full))).toBe('')
          }
        }
      }),
      { numRuns: 60, seed: 4242 },
    )
  })

  it('a level toggle keeps the counts and filters them by level as they are read (hand-checked)', () => {
    const t = handTable([
      { date: '2024-01-01', level: 2, title: 'a', countries: ['FR'], category: 'cyber' },
      { date: '2024-01-03', level: 4, title: 'b', countries: ['FR'], category: 'cyber' },
      { date: '2024-01-02', level: 4, title: 'c', countries: ['DE'], category: 'terrorism' },
      { date: '2023', level: 2, title: 'd', countries: ['DE'] },
    ])
    const all: FilterSpec = { ...EMPTY_FILTER }
    const high: FilterSpec = { ...all, levels: [4] }
    const first = computeMask(t, all)
    computeViews(t, first)
    const views = computeViews(t, updateMask(t, first, all, high))
    expect(views.matched).toBe(2)
    expect(inputRowsOf(t, views.matchedRows)).toEqual([1, 2])
    expect([...views.levelCounts]).toEqual([0, 0, 2, 0, 2, 0]) // the level view ignores the level filter
    const fr = t.places.countries.dict.indexOf.get('FR')!
    expect(views.countries.counts[fr]).toBe(1)
    expect(views.countries.maxLevel[fr]).toBe(4)
    expect(views.categories.counts[t.categories.indexOf.get('cyber')!]).toBe(1)
    expect(views.timeline.spread.every((v) => v === 0)).toBe(true) // 'd' (a whole year) is level 2
    const back = computeViews(t, updateMask(t, computeMask(t, high), high, all))
    expect(back.matched).toBe(4)
    expect(inputRowsOf(t, back.matchedRows)).toEqual([1, 2, 0, 3])
  })
})

describe('spliceMatches after a moved time brush', () => {
  it('splices (does not fall back) and gives the rows a full compaction gives', () => {
    const moveArb = fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: -15, max: 15 }).filter((s) => s !== 0), fc.boolean())
    fc.assert(
      fc.property(moveArb, fc.constantFrom<ThreatLevel[]>([], [3, 4, 5]), ([day, length, shift, moveFrom], levels) => {
        const before: FilterSpec = { ...EMPTY_FILTER, levels, timeRange: { fromMs: lo + day * DAY_MS, toMs: lo + (day + length) * DAY_MS } }
        const range = before.timeRange!
        const after: FilterSpec = {
          ...before,
          timeRange: moveFrom ? { fromMs: range.fromMs + shift * DAY_MS, toMs: range.toMs } : { fromMs: range.fromMs, toMs: range.toMs + shift * DAY_MS },
        }
        const parent = computeMask(table, before)
        const previousRows = computeViews(table, parent).matchedRows
        const mask = updateMask(table, parent, before, after)
        const touched = takeParent(mask)!.touched!
        const expected = computeViews(table, computeMask(table, after))
        const spliced = spliceMatches(table, mask, expected.matched, { parent, touched, previousRows })
        expect(spliced).not.toBeNull()
        expect([...spliced!]).toEqual([...expected.matchedRows])
      }),
      { numRuns: 80, seed: 99 },
    )
  })
})

describe('matchesInWindow', () => {
  it('finds, within the time window and among the long rows before it, what a pass over every row finds', () => {
    fc.assert(
      fc.property(specArb, (drawn) => {
        const spec: FilterSpec = { ...drawn, timeRange: drawn.timeRange ?? { fromMs: lo + 100 * DAY_MS, toMs: lo + 2000 * DAY_MS } }
        const mask = computeMask(table, spec)
        let matched = 0
        for (let row = 0; row < mask.length; row++) matched += mask[row] === 0 ? 1 : 0
        const everyRow = matchingRows(table, mask, matched, null, null)
        const windowed = matchesInWindow(table, mask, matched, spec.timeRange!)
        expect(windowed).not.toBeNull()
        expect([...windowed!]).toEqual([...everyRow])
      }),
      { numRuns: 60, seed: 8 },
    )
  })

  it('puts long rows that start before the window after the rest, newest first (hand-checked)', () => {
    const t = handTable([
      { date: '2024-03-10', level: 1, title: 'in window' },
      { date: '2023', level: 1, title: 'the year 2023, up to 2024-01-01' },
      { date: '2024-02', level: 1, title: 'month overlapping the start' },
      { date: '2024-01-15', level: 1, title: 'short, before the window' },
      { date: '2022', level: 1, title: 'year, ended before the window' },
    ])
    const range = { fromMs: Date.UTC(2024, 1, 20), toMs: Date.UTC(2024, 2, 20) }
    const mask = computeMask(t, { ...EMPTY_FILTER, timeRange: range })
    expect(inputRowsOf(t, matchesInWindow(t, mask, 2, range)!)).toEqual([0, 2])
    const wider = { fromMs: Date.UTC(2023, 11, 31), toMs: Date.UTC(2024, 2, 20) }
    const mask2 = computeMask(t, { ...EMPTY_FILTER, timeRange: wider })
    expect(inputRowsOf(t, matchesInWindow(t, mask2, 4, wider)!)).toEqual([0, 2, 3, 1])
  })
})

describe('sortByDateDesc by day buckets', () => {
  const byComparison = (startMs: Float64Array): number[] =>
    Array.from(startMs, (_, i) => i).sort((a, b) => startMs[b]! - startMs[a]! || a - b)

  it('gives the comparison sort’s order: newest first, ties in row order, instants within a day, dates before 1970', () => {
    const dayArb = fc.integer({ min: -400, max: 400 })
    const msArb = fc.oneof(dayArb.map((d) => d * DAY_MS), fc.tuple(dayArb, fc.integer({ min: 0, max: DAY_MS - 1 })).map(([d, ms]) => d * DAY_MS + ms))
    fc.assert(
      fc.property(fc.array(msArb, { maxLength: 300 }), (values) => {
        const startMs = Float64Array.from(values)
        expect([...sortByDateDesc(startMs)]).toEqual(byComparison(startMs))
      }),
      { numRuns: 200, seed: 12 },
    )
  })

  it('falls back to comparison for dates far apart or not numbers', () => {
    const sparse = new Float64Array([0, 1e15, -1e15, 5, 1e15])
    expect([...sortByDateDesc(sparse)]).toEqual([1, 4, 3, 0, 2])
    const withNaN = new Float64Array([DAY_MS, Number.NaN, 0])
    expect(sortByDateDesc(withNaN).length).toBe(3)
    expect([...sortByDateDesc(new Float64Array([7]))]).toEqual([0])
  })
})
