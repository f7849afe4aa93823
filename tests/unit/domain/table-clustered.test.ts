import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { DAY_MS, parsePartialDate } from '../../../src/domain/dates.ts'
import { computeMask, updateMask } from '../../../src/domain/engine/local/mask.ts'
import { type FilterSpec } from '../../../src/domain/engine/filter-spec.ts'
import { combineTables, firstOccurrences, idsByRow, keepRowsNotIn } from '../../../src/domain/ingest/combine-tables.ts'
import type { CountryCode, Dataset, EventId, ThreatEvent, ThreatLevel } from '../../../src/domain/model.ts'
import { inputRowOf, rowsInInputOrder } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'
import { computeViews } from '../../../src/domain/engine/local/views.ts'
import type { Tally } from '../../../src/domain/engine/local/value-tallies.ts'

const BASE = Date.UTC(2024, 0, 1)
const COUNTRIES = ['FR', 'DE', 'UA', 'CN'] as const
const ACTORS = ['Alpha', 'Bravo', 'Charlie'] as const

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A date text over a few weeks (many ties), at every precision, sometimes with an end date. */
const dateArb = fc.record({
  day: fc.integer({ min: 0, max: 40 }),
  kind: fc.constantFrom('day', 'day', 'day', 'instant', 'month', 'year'),
  hour: fc.integer({ min: 0, max: 23 }),
  spanDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
})

const eventArb = fc.record({
  date: dateArb,
  level: fc.integer({ min: 1, max: 5 }),
  countries: fc.subarray([...COUNTRIES]),
  actors: fc.subarray([...ACTORS]),
})

type EventSeed = typeof eventArb extends fc.Arbitrary<infer T> ? T : never

function eventOf(seed: EventSeed, id: string): ThreatEvent {
  const { day, kind, hour, spanDays } = seed.date
  const ms = BASE + day * DAY_MS
  const text =
    kind === 'year' ? isoDay(ms).slice(0, 4) : kind === 'month' ? isoDay(ms).slice(0, 7) : kind === 'instant' ? `${isoDay(ms)}T${String(hour).padStart(2, '0')}:00Z` : isoDay(ms)
  return {
    id: id as EventId,
    title: `Event ${id}`,
    tags: [],
    sectors: [],
    date: parsePartialDate(text)!,
    ...(spanDays === undefined ? {} : { endDate: parsePartialDate(isoDay(ms + spanDays * DAY_MS))! }),
    threatLevel: seed.level as ThreatLevel,
    actors: seed.actors.map((name) => ({ name, type: 'unknown' as const })),
    countries: seed.countries as CountryCode[],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
  }
}

const eventsArb = fc.array(eventArb, { maxLength: 60 }).map((seeds) => seeds.map((s, i) => eventOf(s, `e${i}`)))

function dataset(events: readonly ThreatEvent[]): Dataset {
  return { schemaVersion: 1, name: 'clustered', regions: [], events: [...events] }
}

/** The events newest first, ties in input order: sorted by hand, not by the code under test. */
function sortedByHand(events: readonly ThreatEvent[]): ThreatEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.date.startMs - a.e.date.startMs || a.i - b.i)
    .map(({ e }) => e)
}

const specArb: fc.Arbitrary<FilterSpec> = fc.record({
  timeRange: fc.option(
    fc.tuple(fc.integer({ min: -400, max: 80 }), fc.integer({ min: 1, max: 500 })).map(([from, days]) => ({
      fromMs: BASE + from * DAY_MS,
      toMs: BASE + (from + days) * DAY_MS,
    })),
    { nil: null },
  ),
  regions: fc.constant([]),
  countries: fc.subarray([...COUNTRIES]),
  actors: fc.subarray([...ACTORS]),
  levels: fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[]),
  categories: fc.constant([]),
  text: fc.constantFrom('', 'e1', 'event'),
})

/** A tally as value → [count, highest level], for the values counted. */
function byValue(values: readonly string[], t: Tally): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {}
  values.forEach((v, code) => {
    if (t.counts[code]! > 0) out[v] = [t.counts[code]!, t.maxLevel[code]!]
  })
  return out
}

function matchedIds(table: EventTable, spec: FilterSpec): string[] {
  return Array.from(computeViews(table, computeMask(table, spec)).matchedRows, (row) => table.eventAt(row).id)
}

describe('a table stores its rows newest first', () => {
  it('stores the same rows as a table built from the events sorted by hand, with each event at its row', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const table = buildEventTable(dataset(events))
        const sorted = sortedByHand(events)
        const fromSorted = buildEventTable(dataset(sorted))
        expect(fromSorted.sourceRow).toBeNull()
        expect(table.startMs).toEqual(fromSorted.startMs)
        expect(table.endMs).toEqual(fromSorted.endMs)
        expect(table.level).toEqual(fromSorted.level)
        expect(table.titles).toEqual(fromSorted.titles)
        expect(table.longByEnd).toEqual(fromSorted.longByEnd)
        for (let row = 0; row < table.size; row++) {
          expect(table.eventAt(row)).toBe(sorted[row])
          expect(table.eventAt(row)).toBe(events[inputRowOf(table, row)])
        }
        // rowsInInputOrder inverts sourceRow.
        const inInput = rowsInInputOrder(table)
        for (let i = 0; i < events.length; i++) expect(table.eventAt(inInput[i]!)).toBe(events[i])
      }),
      { numRuns: 150 },
    )
  })

  it('keeps input order between equal starts, and maps no row when the input was already newest first', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const table = buildEventTable(dataset(events))
        for (let row = 1; row < table.size; row++) {
          expect(table.startMs[row - 1]!).toBeGreaterThanOrEqual(table.startMs[row]!)
          if (table.startMs[row - 1] === table.startMs[row]) expect(inputRowOf(table, row - 1)).toBeLessThan(inputRowOf(table, row))
        }
        const alreadySorted = events.every((e, i) => i === 0 || events[i - 1]!.date.startMs >= e.date.startMs)
        expect(table.sourceRow === null).toBe(alreadySorted)
      }),
      { numRuns: 150 },
    )
  })

  it('gives the same views and the same matching events, in the same order, as the hand-sorted table', () => {
    fc.assert(
      fc.property(eventsArb, specArb, (events, spec) => {
        const table = buildEventTable(dataset(events))
        const fromSorted = buildEventTable(dataset(sortedByHand(events)))
        const views = computeViews(table, computeMask(table, spec))
        const expected = computeViews(fromSorted, computeMask(fromSorted, spec))
        // Dictionary codes follow the order values are first met, so tallies are compared by value.
        expect(views.matched).toBe(expected.matched)
        expect(views.levelCounts).toEqual(expected.levelCounts)
        expect(views.timeline).toEqual(expected.timeline)
        expect(byValue(table.places.countries.dict.values, views.countries)).toEqual(byValue(fromSorted.places.countries.dict.values, expected.countries))
        expect(byValue(table.places.regions.dict.values, views.regions)).toEqual(byValue(fromSorted.places.regions.dict.values, expected.regions))
        expect(byValue(table.actors.dict.values, views.actors)).toEqual(byValue(fromSorted.actors.dict.values, expected.actors))
        expect(byValue(table.categories.values, views.categories)).toEqual(byValue(fromSorted.categories.values, expected.categories))
        expect(matchedIds(table, spec)).toEqual(matchedIds(fromSorted, spec))
      }),
      { numRuns: 200 },
    )
  })

  it('a moved time brush gives the matching events a full pass gives, newest first by start', () => {
    fc.assert(
      fc.property(eventsArb, specArb, fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }), (events, spec, dFrom, dTo) => {
        const table = buildEventTable(dataset(events))
        const range = spec.timeRange ?? { fromMs: BASE, toMs: BASE + 30 * DAY_MS }
        const a = { ...spec, timeRange: range }
        const b = { ...spec, timeRange: { fromMs: range.fromMs + dFrom * DAY_MS, toMs: Math.max(range.fromMs + dFrom * DAY_MS + 1, range.toMs + dTo * DAY_MS) } }
        const first = computeMask(table, a)
        computeViews(table, first)
        const moved = computeViews(table, updateMask(table, first, a, b))
        const full = computeViews(table, computeMask(table, b))
        expect([...moved.matchedRows]).toEqual([...full.matchedRows])
        const starts = Array.from(moved.matchedRows, (row) => table.startMs[row]!)
        expect(starts).toEqual([...starts].sort((x, y) => y - x))
      }),
      { numRuns: 200 },
    )
  })

  it('merges an import into current data: replaced ids take the new event, each row keeps its own id', () => {
    fc.assert(
      fc.property(eventsArb, eventsArb, fc.integer({ min: 0, max: 30 }), (current, incomingRaw, overlap) => {
        // The import reuses some of the current ids (a refresh) and brings new ones.
        const incoming = incomingRaw.map((e, i) => ({ ...e, id: (i < overlap ? `e${i}` : `n${i}`) as EventId }))
        const a = buildEventTable(dataset(current))
        const b = buildEventTable(dataset(incoming))
        const aIds = idsByRow(a, current.map((e) => e.id))
        const bIds = idsByRow(b, incoming.map((e) => e.id))
        const { keep, dropped } = keepRowsNotIn(aIds, new Set(bIds))
        const { table, ids } = combineTables([{ table: a, ids: aIds, keep }, { table: b, ids: bIds }])
        expect(table.size).toBe(current.length - dropped + incoming.length)
        const byId = new Map<string, ThreatEvent>()
        for (const e of current) byId.set(e.id, e)
        for (const e of incoming) byId.set(e.id, e)
        expect(new Set(ids)).toEqual(new Set(byId.keys()))
        for (let row = 0; row < table.size; row++) {
          expect(table.eventAt(row).id).toBe(ids[row])
          expect(table.eventAt(row)).toBe(byId.get(ids[row]!))
          if (row > 0) expect(table.startMs[row - 1]!).toBeGreaterThanOrEqual(table.startMs[row]!)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('reports a duplicate across inputs at its input row, not at the row the table stores it', () => {
    const first = [eventOf({ date: { day: 1, kind: 'day', hour: 0, spanDays: undefined }, level: 2, countries: [], actors: [] }, 'x')]
    const second = [
      eventOf({ date: { day: 1, kind: 'day', hour: 0, spanDays: undefined }, level: 2, countries: [], actors: [] }, 'y'),
      eventOf({ date: { day: 9, kind: 'day', hour: 0, spanDays: undefined }, level: 2, countries: [], actors: [] }, 'z'),
      eventOf({ date: { day: 20, kind: 'day', hour: 0, spanDays: undefined }, level: 2, countries: [], actors: [] }, 'x'),
    ]
    const tables = [buildEventTable(dataset(first)), buildEventTable(dataset(second))]
    const partIds = tables.map((t, i) => idsByRow(t, (i === 0 ? first : second).map((e) => e.id)))
    // The second input is stored newest first: x (day 20), z, y.
    expect(partIds[1]).toEqual(['x', 'z', 'y'])
    const { duplicates } = firstOccurrences(partIds)
    expect(duplicates).toEqual([{ part: 1, row: 0, id: 'x', firstPart: 0 }])
    // Input row 2 (0-based) of the second input: what an import report shows as row 3.
    expect(inputRowOf(tables[1]!, duplicates[0]!.row)).toBe(2)
  })
})
