import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../src/domain/dates.ts'
import {
  hasRows,
  indexOfRows,
  indexOfTallies,
  peakScore,
  PLACED_FRACTION,
  rowsByValue,
  rowsInWindows,
  rowWeight,
  scoreFromWeight,
  summaryOfRows,
  talliesPerValue,
  tallyLevels,
  tallySets,
  windowFraction,
  type IndexSettings,
} from '../../../src/domain/threat-index.ts'
import { assembleTable, titleAt } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'
import { isSearchable } from '../../../src/domain/engine/local/time-edges.ts'
import { handTable, type HandRow } from './hand-table.ts'

const SETTINGS: IndexSettings = { windowDays: 30, halfLifeDays: 7 }
// The end of 4 November 2025: the two 30-day windows together are the days 6 September to 4 November.
const AS_OF = Date.UTC(2025, 10, 5)

/** The definition, row by row: starts before the as-of instant and ends after the previous window's start. */
function bruteForce(table: EventTable, include: (row: number) => boolean, asOfMs: number, settings: IndexSettings): number[] {
  const from = asOfMs - 2 * settings.windowDays * DAY_MS
  const out: number[] = []
  for (let row = 0; row < table.size; row++) if (table.startMs[row]! < asOfMs && table.endMs[row]! > from && include(row)) out.push(row)
  return out
}

/** indexOfRows by its definition, from the exported per-row weight and window fraction. */
function referenceIndex(table: EventTable, rows: readonly number[], asOfMs: number, settings: IndexSettings) {
  const peak = settings.method === 'peak'
  const weigh = (row: number, at: number): number => (peak ? windowFraction(table, row, at, settings) : rowWeight(table, row, at, settings))
  const previousAsOf = asOfMs - settings.windowDays * DAY_MS
  const side = (at: number) => {
    let total = 0
    let placed = 0
    let any = 0
    const contributing: { row: number; weight: number }[] = []
    for (const row of rows) {
      const w = weigh(row, at)
      if (!(w > 0)) continue
      contributing.push({ row, weight: w })
      total += w
      any = Math.max(any, table.level[row]!)
      if (windowFraction(table, row, at, settings) >= PLACED_FRACTION) placed = Math.max(placed, table.level[row]!)
    }
    const level = placed || any
    return { total, level, contributing, score: peak ? peakScore(level, total) : scoreFromWeight(total) }
  }
  const now = side(asOfMs)
  const before = side(previousAsOf)
  return {
    level: now.level || null,
    previousLevel: before.level || null,
    score: now.score,
    previousScore: before.score,
    eventCount: now.contributing.length,
    previousEventCount: before.contributing.length,
    contributions: now.contributing
      .map(({ row, weight }) => ({ row, weight, share: weight / now.total }))
      .sort((a, b) => b.share - a.share || table.startMs[b.row]! - table.startMs[a.row]! || a.row - b.row),
  }
}

const titlesOf = (table: EventTable, rows: readonly number[]): string[] => rows.map((r) => titleAt(table, r))

describe('rowsInWindows', () => {
  const table = handTable([
    { date: '2025-11-04', level: 3, title: 'last day of the window', actors: ['Army'] },
    { date: '2025-11-05', level: 3, title: 'the day after as-of' },
    { date: '2025-09-05', level: 2, title: 'the day before the previous window' },
    { date: '2025-09-06', level: 2, title: 'first day of the previous window' },
    { date: '2025', level: 5, title: 'the year 2025' },
    { date: '2024', level: 5, title: 'the year 2024' },
    { date: '2024-06-01', endDate: '2025-09-10', level: 4, title: 'a span ending in the previous window' },
    { date: '2024-06-01', endDate: '2025-09-05', level: 4, title: 'a span ending before it', actors: ['Army'] },
    { date: '2025-10-20T12:00Z', level: 1, title: 'an instant in the window' },
    { date: '2025-10', level: 2, title: 'October 2025' },
    { date: '2020-01-01', level: 1, title: 'long ago', actors: ['Army'] },
  ])

  it('lists the rows touching either window, ascending, long rows included', () => {
    const rows = rowsInWindows(table, () => true, AS_OF, SETTINGS)
    // Rows are stored newest first: 4 Nov, 20 Oct, Oct 2025 (starts 1 Oct), 6 Sep, the year 2025, the span from June 2024.
    expect(titlesOf(table, rows)).toEqual([
      'last day of the window',
      'an instant in the window',
      'October 2025',
      'first day of the previous window',
      'the year 2025',
      'a span ending in the previous window',
    ])
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
  })

  it('asks `include` only about rows that touch the windows', () => {
    const asked: number[] = []
    const rows = rowsInWindows(table, (row) => (asked.push(row), table.level[row] !== 2), AS_OF, SETTINGS)
    expect(titlesOf(table, rows)).toEqual(['last day of the window', 'an instant in the window', 'the year 2025', 'a span ending in the previous window'])
    expect(asked.map((r) => titleAt(table, r))).not.toContain('long ago')
    expect(asked.map((r) => titleAt(table, r))).not.toContain('the year 2024')
  })

  it('groups by value with the same rows (rowsByValue)', () => {
    const groups = rowsByValue(table, table.actors, () => true, AS_OF, SETTINGS)
    const army = table.actors.dict.indexOf.get('Army')!
    expect([...groups.keys()]).toEqual([army])
    expect(titlesOf(table, groups.get(army)!)).toEqual(['last day of the window'])
  })

  it('scans every row of a table with a bad (NaN) date, whose rows cannot be searched by date', () => {
    const { sourceRow: _s, longByEnd: _l, extentMs: _e, eventAt: _a, ...columns } = table
    const startMs = Float64Array.from(columns.startMs)
    // 'the year 2024' loses its start: its span is NaN, so it is listed among the long rows.
    startMs[titlesOf(table, [...table.startMs.keys()]).indexOf('the year 2024')] = Number.NaN
    const bad = assembleTable({ ...columns, startMs }, () => {
      throw new Error('not used')
    })
    expect(isSearchable(table)).toBe(true)
    expect(isSearchable(bad)).toBe(false)
    expect(rowsInWindows(bad, () => true, AS_OF, SETTINGS)).toEqual(bruteForce(bad, () => true, AS_OF, SETTINGS))
    expect(titlesOf(bad, rowsInWindows(bad, () => true, AS_OF, SETTINGS))).toHaveLength(6)
  })

  it('agrees with the definition on random tables, windows and filters', () => {
    const day = fc.integer({ min: 0, max: 400 })
    const row = fc.record({
      day,
      kind: fc.constantFrom('day', 'month', 'year', 'span', 'instant'),
      spanDays: fc.integer({ min: 1, max: 500 }),
      level: fc.constantFrom(1, 2, 3, 4, 5),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), day, fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 7 }), (specs, asOfDay, windowDays, skip) => {
        const iso = (d: number): string => new Date(Date.UTC(2024, 0, 1) + d * DAY_MS).toISOString().slice(0, 10)
        const rows: HandRow[] = specs.map((s, i) => {
          const date = iso(s.day)
          const title = `r${i}`
          const base = { level: s.level as HandRow['level'], title, regions: ['all', `r${i % 3}`] }
          if (s.kind === 'month') return { ...base, date: date.slice(0, 7) }
          if (s.kind === 'year') return { ...base, date: date.slice(0, 4) }
          if (s.kind === 'instant') return { ...base, date: `${date}T0${i % 10}:30Z` }
          if (s.kind === 'span') return { ...base, date, endDate: iso(s.day + s.spanDays) }
          return { ...base, date }
        })
        const t = handTable(rows)
        const asOfMs = Date.UTC(2024, 0, 1) + asOfDay * DAY_MS
        const settings = { windowDays, halfLifeDays: 7 }
        const include = (r: number): boolean => r % 8 !== skip
        // Every row is in "all" and in one of r0, r1, r2 (by its input position): each region's
        // tallies, summed over its place sets, are those of its rows tallied one by one.
        const want = bruteForce(t, include, asOfMs, settings)
        const perRegion = talliesPerValue(tallySets(t, want, asOfMs, settings), t.places.regions)
        const regionRows = (id: string): number[] =>
          id === 'all' ? want : want.filter((r) => `r${Number(titleAt(t, r).slice(1)) % 3}` === id)
        for (const [code, tallies] of perRegion) {
          const direct = tallyLevels(t, regionRows(t.places.regions.dict.values[code]!), asOfMs, settings)
          tallies.forEach((v, k) => expect(v).toBeCloseTo(direct[k]!, 9))
        }
        expect(perRegion.size).toBe(new Set(want.map((r) => t.place[r])).size + (want.length > 0 ? 1 : 0))
        const rowsNear = rowsInWindows(t, include, asOfMs, settings)
        expect(rowsNear).toEqual(bruteForce(t, include, asOfMs, settings))
        for (const method of ['recency', 'peak'] as const) {
          const s = { ...settings, method }
          const { level, previousLevel, score, previousScore, eventCount, previousEventCount, contributions } = indexOfRows(t, rowsNear, asOfMs, s)
          expect({ level, previousLevel, score, previousScore, eventCount, previousEventCount, contributions }).toEqual(referenceIndex(t, rowsNear, asOfMs, s))
          // The summary is the index less its contributions, with the contributing rows in the order given.
          const index = indexOfRows(t, rowsNear, asOfMs, s)
          // Sorted once, when first read.
          expect(index.contributions).toBe(index.contributions)
          const { contributions: _c, ...rest } = index
          expect(summaryOfRows(t, rowsNear, asOfMs, s)).toEqual(rest)
          // Tallied per level, any set of levels gives the index of its rows alone, contributions too.
          const shown = Uint8Array.from([1, 2, 3, 4, 5], (level) => (level % 2 === skip % 2 ? 1 : 0))
          const ofShown = rowsNear.filter((r) => shown[t.level[r]! - 1] === 1)
          const split = indexOfTallies(t, rowsNear, tallyLevels(t, rowsNear, asOfMs, s), asOfMs, s, shown)
          const { contributions: fromSplit, ...splitSummary } = split
          const { contributions: fromRows, ...rowsSummary } = indexOfRows(t, ofShown, asOfMs, s)
          expect(splitSummary).toEqual(rowsSummary)
          expect(fromSplit).toEqual(fromRows)
          expect(hasRows(tallyLevels(t, rowsNear, asOfMs, s), shown)).toBe(ofShown.length > 0)
        }
      }),
      { numRuns: 300 },
    )
  })
})
