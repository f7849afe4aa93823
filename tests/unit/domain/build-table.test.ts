import { describe, expect, it } from 'vitest'
import { buildEventTable, regionExpander } from '../../../src/domain/build-table.ts'
import { parsePartialDate } from '../../../src/domain/dates.ts'
import type { CountryCode, Dataset, EventId, RegionId, ThreatEvent } from '../../../src/domain/model.ts'
import { PRECISION_CODES, rowValues, rowCountries, rowRegions, rowsInInputOrder } from '../../../src/domain/table.ts'

function event(id: string, date: string, patch: Partial<ThreatEvent> = {}): ThreatEvent {
  return {
    id: id as EventId,
    title: `Event ${id}`,
    tags: [],
    sectors: [],
    date: parsePartialDate(date)!,
    threatLevel: 2,
    actors: [],
    countries: [],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
    ...patch,
  }
}

const cc = (...codes: string[]): CountryCode[] => codes as CountryCode[]
const rid = (...ids: string[]): RegionId[] => ids as RegionId[]

function dataset(events: ThreatEvent[], regions: Dataset['regions'] = []): Dataset {
  return { schemaVersion: 1, name: 'hand-made', regions, events }
}

describe('buildEventTable on three hand-made events', () => {
  const events = [
    // Row 0: a year, placed at Russia's reference point.
    event('a', '2022', {
      threatLevel: 3,
      countries: cc('RU'),
      actors: [{ name: 'Russia', type: 'state' }],
      category: 'armed-conflict',
    }),
    // Row 1: a region only, no place at all.
    event('b', '2023-06-15', { threatLevel: 5, regions: rid('eastern-europe'), title: 'Strike somewhere east' }),
    // Row 2: its own coordinates; same start as row 1.
    event('c', '2023-06-15', {
      threatLevel: 1,
      countries: cc('UA', 'PL'),
      location: { latDeg: 50.45, lonDeg: 30.52, name: 'Kyiv' },
      actors: [
        { name: 'Russia', type: 'state' },
        { name: 'Ukraine', type: 'state' },
      ],
      category: 'cyber',
    }),
  ]
  const table = buildEventTable(dataset(events))
  // Rows are stored newest first: b, c (same day, input order), then a.
  const [a, b, c] = rowsInInputOrder(table) as unknown as [number, number, number]

  it('has one row per event, with levels and precisions', () => {
    expect(table.size).toBe(3)
    expect([...table.level]).toEqual([5, 1, 3])
    expect([...table.precision].map((p) => PRECISION_CODES[p])).toEqual(['day', 'day', 'year'])
    expect(table.titles).toEqual(['Strike somewhere east', 'Event c', 'Event a'])
  })

  it('a year-precision event starts on 1 January and ends (exclusive) on the next', () => {
    expect(table.startMs[a]).toBe(Date.UTC(2022, 0, 1))
    expect(table.endMs[a]).toBe(Date.UTC(2023, 0, 1))
    expect(table.startMs[b]).toBe(Date.UTC(2023, 5, 15))
    expect(table.endMs[b]).toBe(Date.UTC(2023, 5, 16))
  })

  it('places an event without a location at its country, flagged approximate', () => {
    expect(table.latDeg[a]).toBeCloseTo(61.7, 4)
    expect(table.lonDeg[a]).toBeCloseTo(99.73, 4)
    expect(table.approximate[a]).toBe(1)
  })

  it('has NaN coordinates when neither a location nor a known country gives a place', () => {
    expect(table.latDeg[b]).toBeNaN()
    expect(table.lonDeg[b]).toBeNaN()
  })

  it("keeps an event's own location, not approximate", () => {
    expect(table.latDeg[c]).toBe(Math.fround(50.45))
    expect(table.lonDeg[c]).toBe(Math.fround(30.52))
    expect(table.approximate[c]).toBe(0)
  })

  it('expands regions: a country brings its sub-region and continent; an explicit region brings its parent', () => {
    expect(rowRegions(table, a).sort()).toEqual(['eastern-europe', 'europe'])
    expect(rowRegions(table, b).sort()).toEqual(['eastern-europe', 'europe'])
    // UA and PL are both Eastern Europe; PL is also Central Europe (an alias region). No duplicates.
    expect(rowRegions(table, c).sort()).toEqual(['central-europe', 'eastern-europe', 'europe'])
  })

  it('fills countries, actors and categories with dictionaries', () => {
    expect(rowCountries(table, a)).toEqual(['RU'])
    expect(rowCountries(table, b)).toEqual([])
    expect(rowCountries(table, c)).toEqual(['UA', 'PL'])
    expect(rowValues(table.actors, c)).toEqual(['Russia', 'Ukraine'])
    expect(table.actors.dict.values).toEqual(['Russia', 'Ukraine'])
    expect(table.categories.values).toEqual(['', 'armed-conflict', 'cyber'])
    expect([...table.category]).toEqual([0, 2, 1])
  })

  it('stores rows newest first, ties in input order, and maps them to input rows', () => {
    expect([...table.sourceRow!]).toEqual([1, 2, 0])
    expect([a, b, c]).toEqual([2, 0, 1])
    expect([0, 1, 2].map((row) => table.eventAt(row).id)).toEqual(['b', 'c', 'a'])
  })

  it('has the extent from the earliest start to the latest end', () => {
    expect(table.extentMs).toEqual([Date.UTC(2022, 0, 1), Date.UTC(2023, 5, 16)])
  })

  it('eventAt gives back the event itself', () => {
    expect(table.eventAt(c)).toBe(events[2])
  })
})

describe('buildEventTable: spans, custom regions, empty', () => {
  it('an end date extends endMs to the end of its own precision', () => {
    const t = buildEventTable(dataset([event('s', '2022-02-24', { endDate: parsePartialDate('2022-03')! })]))
    expect(t.startMs[0]).toBe(Date.UTC(2022, 1, 24))
    expect(t.endMs[0]).toBe(Date.UTC(2022, 3, 1))
    expect(t.extentMs).toEqual([Date.UTC(2022, 1, 24), Date.UTC(2022, 3, 1)])
  })

  it('alias regions come with a country: China is in East Asia and the Indo-Pacific', () => {
    const t = buildEventTable(dataset([event('cn', '2024', { countries: cc('CN') })]))
    expect(rowRegions(t, 0).sort()).toEqual(['asia', 'east-asia', 'eastern-asia', 'indo-pacific'])
  })

  it('custom regions: named explicitly, or reached through a member country', () => {
    const custom = [{ id: 'baltic' as RegionId, name: 'Baltic states', countries: cc('EE', 'LV', 'LT') }]
    const t = buildEventTable(
      dataset(
        [
          event('x', '2024', { regions: rid('baltic') }),
          event('y', '2024', { countries: cc('LV') }),
          event('z', '2024', { countries: cc('FI') }),
        ],
        custom,
      ),
    )
    expect(rowRegions(t, 0)).toEqual(['baltic'])
    expect(rowRegions(t, 1).sort()).toEqual(['baltic', 'europe', 'northern-europe'])
    expect(rowRegions(t, 2).sort()).toEqual(['europe', 'northern-europe'])
  })

  it('regionExpander does not repeat a region named both ways', () => {
    const expand = regionExpander({ regions: [] })
    const out = expand(event('r', '2024', { regions: rid('eastern-europe', 'europe'), countries: cc('RU') }))
    expect(out.sort()).toEqual(['eastern-europe', 'europe'])
  })

  it('an empty dataset gives an empty table', () => {
    const t = buildEventTable(dataset([]))
    expect(t.size).toBe(0)
    expect(t.sourceRow).toBeNull()
    expect(t.extentMs).toEqual([0, 0])
    expect(t.places.size).toBe(0)
    expect(t.place.length).toBe(0)
  })
})
