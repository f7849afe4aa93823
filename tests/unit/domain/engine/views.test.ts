import { describe, expect, it } from 'vitest'
import { DAY_MS, parsePartialDate } from '../../../../src/domain/dates.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { inputRowOf } from '../../../../src/domain/table.ts'
import { type Dictionary, type EventTable } from '../../../../src/domain/table-types.ts'
import { computeViews, type CountViews } from '../../../../src/domain/engine/local/views.ts'
import type { Tally } from '../../../../src/domain/engine/local/value-tallies.ts'
import { FIVE_ROWS, handTable } from '../hand-table.ts'

const table = handTable(FIVE_ROWS)

function views(t: EventTable, patch: Partial<FilterSpec> = {}): CountViews {
  return computeViews(t, computeMask(t, { ...EMPTY_FILTER, ...patch }))
}

/** A tally as { value: count } for the values with a non-zero count. */
function counts(dict: Dictionary, tally: Tally): Record<string, number> {
  const out: Record<string, number> = {}
  dict.values.forEach((v, i) => {
    if (tally.counts[i]! > 0) out[v] = tally.counts[i]!
  })
  return out
}

function maxLevels(dict: Dictionary, tally: Tally): Record<string, number> {
  const out: Record<string, number> = {}
  dict.values.forEach((v, i) => {
    if (tally.counts[i]! > 0) out[v] = tally.maxLevel[i]!
  })
  return out
}

function sum(a: Float64Array): number {
  return a.reduce((s, v) => s + v, 0)
}

/** One level's series out of a timeline array (index (day - firstDay) * 5 + level - 1). */
function series(a: Float64Array, level: number): number[] {
  const out: number[] = []
  for (let i = level - 1; i < a.length; i += 5) out.push(a[i]!)
  return out
}

// Day offsets from 2022-01-01, worked out by hand:
// 2022-06-10 = 31+28+31+30+31 + 9 = 160; 2023-06-15 = 365 + 151 + 14 = 530;
// 2024-03-01 = 365 + 365 + 31 + 29 = 790; 2025-11-04 = 365 + 365 + 366 + 304 + 3 = 1403.
const FIRST_DAY = 52 * 365 + 13 // 2022-01-01 as days since 1970
const DAYS = 1404 // 2022-01-01 up to the end of 2025-11-04

describe('computeViews with no filter', () => {
  const v = views(table)

  it('matches every row, newest first', () => {
    expect(v.matched).toBe(5)
    expect([...v.matchedRows].map((row) => inputRowOf(table, row))).toEqual([1, 3, 2, 4, 0])
  })

  it('counts levels', () => {
    expect([...v.levelCounts]).toEqual([0, 1, 0, 2, 1, 1])
  })

  it('frames the timeline from the first start day to the last end day', () => {
    expect(v.timeline.firstDay).toBe(FIRST_DAY)
    expect(v.timeline.days).toBe(DAYS)
    expect(v.timeline.exact.length).toBe(DAYS * 5)
    expect(v.timeline.spread.length).toBe(DAYS * 5)
  })

  it('puts day-precise events and instants in `exact` on their day and level', () => {
    const { exact } = v.timeline
    expect(exact[160 * 5 + 3]).toBe(1) // 2022-06-10, level 4
    expect(exact[530 * 5 + 4]).toBe(1) // 2023-06-15T10:00Z, level 5
    expect(exact[1403 * 5 + 2]).toBe(1) // 2025-11-04, level 3
    expect(sum(exact)).toBe(3)
  })

  it('spreads the year and the month over their days in `spread`', () => {
    const { spread } = v.timeline
    expect(sum(spread)).toBeCloseTo(2, 9)
    const l3 = series(spread, 3)
    const l1 = series(spread, 1)
    for (let d = 0; d < DAYS; d++) {
      expect(l3[d]).toBeCloseTo(d < 365 ? 1 / 365 : 0, 12)
      expect(l1[d]).toBeCloseTo(d >= 790 && d < 821 ? 1 / 31 : 0, 12)
    }
    expect(series(spread, 2).every((x) => x === 0)).toBe(true)
    expect(series(spread, 4).every((x) => x === 0)).toBe(true)
  })

  it('tallies countries, regions, actors and categories with their highest level', () => {
    expect(counts(table.places.countries.dict, v.countries)).toEqual({ RU: 2, UA: 2, CN: 2 })
    expect(maxLevels(table.places.countries.dict, v.countries)).toEqual({ RU: 3, UA: 5, CN: 4 })
    expect(counts(table.places.regions.dict, v.regions)).toEqual({ 'eastern-europe': 3, europe: 3, 'eastern-asia': 2, asia: 2 })
    expect(maxLevels(table.places.regions.dict, v.regions)).toEqual({ 'eastern-europe': 5, europe: 5, 'eastern-asia': 4, asia: 4 })
    expect(counts(table.actors.dict, v.actors)).toEqual({
      Russia: 2,
      'Xi Jinping': 1,
      'Mikhail Mishustin': 1,
      'Wagner Group': 1,
      'PLA Navy': 1,
    })
    expect(counts(table.categories, v.categories)).toEqual({
      '': 1,
      'armed-conflict': 2,
      diplomacy: 1,
      'military-exercise': 1,
    })
  })
})

describe('computeViews: each panel ignores only its own filter', () => {
  it('level filter: matched rows narrow, levelCounts do not', () => {
    const v = views(table, { levels: [3] })
    expect(v.matched).toBe(2)
    expect([...v.matchedRows].map((row) => inputRowOf(table, row))).toEqual([1, 0])
    expect([...v.levelCounts]).toEqual([0, 1, 0, 2, 1, 1])
  })

  it('levelCounts still respect the other filters', () => {
    const v = views(table, { levels: [3, 4, 5], regions: ['europe'] })
    expect(v.matched).toBe(3)
    expect([...v.matchedRows].map((row) => inputRowOf(table, row))).toEqual([1, 2, 0])
    // Rows in Europe: 0 (L3), 1 (L3), 2 (L5); row 3 has no region, row 4 is in Asia.
    expect([...v.levelCounts]).toEqual([0, 0, 0, 2, 0, 1])
  })

  it('time filter: the timeline still shows everything, the other views do not', () => {
    const v = views(table, {
      timeRange: { fromMs: Date.UTC(2023, 0, 1), toMs: Date.UTC(2024, 0, 1) },
    })
    expect(v.matched).toBe(1)
    expect([...v.matchedRows].map((row) => inputRowOf(table, row))).toEqual([2])
    expect([...v.levelCounts]).toEqual([0, 0, 0, 0, 0, 1])
    expect(sum(v.timeline.exact)).toBe(3)
    expect(sum(v.timeline.spread)).toBeCloseTo(2, 9)
    expect(counts(table.actors.dict, v.actors)).toEqual({ Russia: 1, 'Wagner Group': 1 })
  })

  it('the timeline respects the filters other than time', () => {
    const v = views(table, { levels: [3] })
    expect(sum(v.timeline.exact)).toBe(1)
    expect(v.timeline.exact[1403 * 5 + 2]).toBe(1)
    expect(sum(v.timeline.spread)).toBeCloseTo(1, 9)
    expect(series(v.timeline.spread, 1).every((x) => x === 0)).toBe(true)
  })

  it('region and country tallies ignore region and country filters but respect the level filter', () => {
    const v = views(table, { levels: [3], regions: ['eastern-asia'], countries: ['CN'] })
    expect(v.matched).toBe(1)
    expect([...v.matchedRows].map((row) => inputRowOf(table, row))).toEqual([1])
    // Level-3 rows are 0 and 1, whatever their place.
    expect(counts(table.places.regions.dict, v.regions)).toEqual({ 'eastern-europe': 2, europe: 2, 'eastern-asia': 1, asia: 1 })
    expect(counts(table.places.countries.dict, v.countries)).toEqual({ RU: 2, UA: 1, CN: 1 })
    // The actor tally does not ignore the place filters: only row 1.
    expect(counts(table.actors.dict, v.actors)).toEqual({ 'Xi Jinping': 1, 'Mikhail Mishustin': 1 })
  })

  it('actor tally ignores the actor filter but respects the others', () => {
    const v = views(table, { actors: ['Russia'], levels: [3, 5] })
    expect(v.matched).toBe(2)
    expect([...v.matchedRows].map((row) => inputRowOf(table, row))).toEqual([2, 0])
    expect(counts(table.actors.dict, v.actors)).toEqual({
      Russia: 2,
      'Xi Jinping': 1,
      'Mikhail Mishustin': 1,
      'Wagner Group': 1,
    })
    expect(maxLevels(table.actors.dict, v.actors)).toMatchObject({ Russia: 5, 'Xi Jinping': 3 })
    // Places respect the actor filter: rows 0 and 2 only.
    expect(counts(table.places.countries.dict, v.countries)).toEqual({ RU: 1, UA: 2 })
  })

  it('category tally ignores the category filter', () => {
    const v = views(table, { categories: ['diplomacy'] })
    expect(v.matched).toBe(1)
    expect(counts(table.categories, v.categories)).toEqual({
      '': 1,
      'armed-conflict': 2,
      diplomacy: 1,
      'military-exercise': 1,
    })
  })

  it('nothing matches: zero everywhere a filter applies', () => {
    const v = views(table, { text: 'zzz' })
    expect(v.matched).toBe(0)
    expect(v.matchedRows.length).toBe(0)
    expect([...v.levelCounts]).toEqual([0, 0, 0, 0, 0, 0])
    expect(sum(v.timeline.exact) + sum(v.timeline.spread)).toBe(0)
    expect(v.timeline.days).toBe(DAYS)
  })
})

describe('computeViews: spreading imprecise dates', () => {
  it('a year-precision event adds up to one event over its 365 days, never more than 1/365 a day', () => {
    const v = views(table, { text: 'invades' })
    const { spread, exact } = v.timeline
    expect(sum(exact)).toBe(0)
    const l3 = series(spread, 3)
    const inYear = l3.slice(0, 365)
    expect(Math.abs(inYear.reduce((s, x) => s + x, 0) - 1)).toBeLessThanOrEqual(1e-9)
    expect(Math.max(...l3)).toBeLessThanOrEqual(1 / 365 + 1e-12)
    expect(inYear.every((x) => x > 0)).toBe(true)
    expect(l3.slice(365).every((x) => x === 0)).toBe(true)
  })

  it('a span with an end date is spread over its days', () => {
    const t = handTable([{ date: '2022-06-10', endDate: '2022-06-19', level: 2, title: 'span' }])
    const v = views(t)
    expect(v.timeline.days).toBe(10)
    expect(v.timeline.firstDay).toBe(FIRST_DAY + 160)
    expect(series(v.timeline.spread, 2)).toEqual(Array.from({ length: 10 }, () => expect.closeTo(0.1, 12)))
    expect(sum(v.timeline.exact)).toBe(0)
  })

  it('an instant late in the day is counted on its UTC day', () => {
    const t = handTable([
      { date: '2022-06-10', level: 1, title: 'a' },
      { date: '2022-06-11T23:59+00:00', level: 1, title: 'b' },
      { date: '2022-06-12T01:00+02:00', level: 1, title: 'c' }, // 2022-06-11T23:00Z
    ])
    const v = views(t)
    expect(v.timeline.days).toBe(2)
    expect(series(v.timeline.exact, 1)).toEqual([1, 2])
  })
})

describe('computeViews: edge sizes', () => {
  it('one event', () => {
    const t = handTable([FIVE_ROWS[4]!])
    const v = views(t)
    expect(v.matched).toBe(1)
    expect([...v.matchedRows]).toEqual([0])
    expect([...v.levelCounts]).toEqual([0, 0, 0, 0, 1, 0])
    expect(v.timeline.firstDay).toBe(Math.floor(parsePartialDate('2022-06-10')!.startMs / DAY_MS))
    expect(v.timeline.firstDay).toBe(FIRST_DAY + 160)
    expect(v.timeline.days).toBe(1)
    expect([...v.timeline.exact]).toEqual([0, 0, 0, 1, 0])
  })

  it('empty table: no days, nothing matched', () => {
    const t = handTable([])
    const v = views(t, { levels: [1] })
    expect(v.matched).toBe(0)
    expect(v.matchedRows.length).toBe(0)
    expect(v.timeline.days).toBe(0)
    expect(v.timeline.exact.length).toBe(0)
    expect(v.timeline.spread.length).toBe(0)
    expect([...v.levelCounts]).toEqual([0, 0, 0, 0, 0, 0])
    expect(v.countries.counts.length).toBe(0)
    expect(v.categories.counts.length).toBe(1) // the "no category" entry
  })
})
