import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { WatchItem } from '../../src/domain/alerts.ts'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { computeWarning, warningFrom, type WarningResult } from '../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../src/domain/warning/settings.ts'
import { warningSourceOf, type WarningCounts } from '../../src/domain/warning/warning-counts.ts'
import type { WeeklyCounts } from '../../src/domain/warning/weekly-counts.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'
import { datasetOf, rawEvents, requestFor } from './conformance.ts'

/**
 * Early warning in warehouse mode: the warehouse's weekly counts per place are the ones the tab
 * counts over the same events, so the surges, the bands and the surge alerts are the same.
 */
const warehouse = useTestWarehouse()

/** Each place's weekly series, rounded to 9 decimals (a group spread at once rounds differently from its rows one by one). */
function seriesOf(counts: WeeklyCounts): Record<string, { counts: number[]; weighted: number[] }> {
  const round = (v: number): number => Math.round(v * 1e9) / 1e9
  return Object.fromEntries(
    counts.places.map((place, p) => [
      place,
      {
        counts: Array.from(counts.counts.subarray(p * counts.weeks, (p + 1) * counts.weeks), round),
        weighted: Array.from(counts.weighted.subarray(p * counts.weeks, (p + 1) * counts.weeks), round),
      },
    ]),
  )
}

function comparable(c: WarningCounts): unknown {
  return {
    dataEndMs: c.dataEndMs,
    ...Object.fromEntries((['all', 'country', 'region', 'actor'] as const).map((k) => [k, { firstWeek: c[k].firstWeek, weeks: c[k].weeks, series: seriesOf(c[k]) }])),
  }
}

/** Places with no event in the frame are in the tab's dictionaries with zeros only; the warehouse does not name them. */
function withoutEmpty(c: WarningCounts): WarningCounts {
  const trim = (w: WeeklyCounts): WeeklyCounts => {
    const keep = w.places.map((_, p) => p).filter((p) => w.counts.subarray(p * w.weeks, (p + 1) * w.weeks).some((v) => v !== 0))
    const pick = (a: Float64Array): Float64Array => Float64Array.from(keep.flatMap((p) => Array.from(a.subarray(p * w.weeks, (p + 1) * w.weeks))))
    return { ...w, places: keep.map((p) => w.places[p]!), counts: pick(w.counts), weighted: pick(w.weighted) }
  }
  return { all: c.all, country: trim(c.country), region: trim(c.region), actor: trim(c.actor), dataEndMs: c.dataEndMs }
}

function surgeFacts(result: WarningResult): unknown {
  return {
    week: result.week,
    judged: result.judged,
    tooLittleHistory: result.tooLittleHistory,
    surges: result.surges
      .map((s) => ({ ...s, observed: s.observed.toFixed(9), expected: s.expected.toFixed(9), p: s.p?.toPrecision(9), adjustedP: s.adjustedP?.toPrecision(9), recent: s.recent.map((v) => v.toFixed(9)) }))
      .sort((a, b) => `${a.kind}:${a.place}`.localeCompare(`${b.kind}:${b.place}`)),
    bands: result.bands.map((b) => `${b.kind}:${b.place}:${b.weeks.map((w) => `${w.week}/${w.expected.toFixed(6)}`).join(',')}:${b.actual.join(',')}`).sort(),
  }
}

const day = (week: number, d: number): string => new Date(Date.UTC(2025, 0, 6 + week * 7 + d)).toISOString().slice(0, 10)

/**
 * Twelve quiet weeks in France and Germany from Monday 6 January 2025, then a week of 14 events in
 * France, half of them by one actor; a month-precise and a spanning event in Germany, which spread.
 */
function surgingEvents(): Record<string, unknown>[] {
  const france = [4, 6, 5, 3, 5, 4, 6, 5, 4, 7, 5, 6, 14]
  const out: Record<string, unknown>[] = []
  france.forEach((n, week) => {
    for (let i = 0; i < n; i++) {
      out.push({ id: `fr-${week}-${i}`, title: `France ${week}-${i}`, date: day(week, i % 7), threatLevel: week === 12 && i === 0 ? 5 : 2, countries: ['FR'], actors: i % 2 === 0 ? ['Wagner Group'] : [] })
    }
    out.push({ id: `de-${week}`, title: `Germany ${week}`, date: day(week, 1), threatLevel: 1, countries: ['DE'] })
  })
  out.push({ id: 'de-month', title: 'Germany in February', date: '2025-02', threatLevel: 3, countries: ['DE'] })
  out.push({ id: 'de-span', title: 'Germany strike', date: '2025-03-05', endDate: '2025-03-19', threatLevel: 4, countries: ['DE'] })
  return out
}

const watch = (kind: WatchItem['kind'], value: string): WatchItem => ({ id: `${kind}:${value}`, kind, value, label: value, thresholdLevel: 5, risePoints: null, muted: false, surge: true })

describe('early warning from the warehouse', { timeout: 180_000 }, () => {
  it('counts every place per week as the tab counts the same events, dates of every precision and spans included', async () => {
    for (const [d, raw] of fc.sample(rawEvents, { numRuns: 6, seed: 1801 }).entries()) {
      const dataset = datasetOf(raw)
      const local = new LocalEngine(buildEventTable(dataset))
      const connection = await loadWarehouseTable(warehouse(), dataset)
      const through = Date.UTC(2025, 5, 1)
      const want = comparable(withoutEmpty(await local.warningCounts(through)))
      // All events, countries and regions from the whole table's cube, by the day and grained by 7 and 28 days.
      for (const grainDays of [undefined, 7, 28]) {
        const remote = await ClickHouseEngine.open(connection, undefined, grainDays === undefined ? {} : { grainDays })
        expect(comparable(await remote.warningCounts(through)), `dataset ${d}, grain ${grainDays ?? 'chosen'}`).toEqual(want)
        // While a search's cube is the panels', the warehouse groups every kind (the search's cube is kept).
        if (grainDays === undefined) {
          await remote.run(requestFor({ ...EMPTY_FILTER, text: 'e' }))
          expect(comparable(await remote.warningCounts(through)), `dataset ${d}, from the warehouse`).toEqual(want)
        }
        // A whole table's cube that cannot be had (too wide, refused): the warehouse groups every kind.
        if (grainDays === 7) {
          Object.assign(remote as object, { cubeFor: () => Promise.reject(new Error('The cube holds more than 2,000,000 cells: narrow the filters.')) })
          expect(comparable(await remote.warningCounts(through)), `dataset ${d}, no cube`).toEqual(want)
        }
        await remote.close()
      }
    }
  })

  it('finds the same surges and bands, and raises the same surge alerts with the same events behind them', async () => {
    const dataset = datasetOf(surgingEvents())
    const table = buildEventTable(dataset)
    const local = new LocalEngine(table)
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    // As of the end of Sunday 6 April 2025: the thirteenth week (31 March) is the judged week.
    const asOfMs = Date.UTC(2025, 3, 7)
    const bandPlaces = [{ kind: 'country', place: 'FR' }] as const
    for (const settings of [DEFAULT_WARNING_SETTINGS, { ...DEFAULT_WARNING_SETTINGS, method: 'acled' as const }, { ...DEFAULT_WARNING_SETTINGS, measure: 'weighted' as const }]) {
      const want = computeWarning(table, asOfMs, settings, bandPlaces)
      const got = warningFrom(warningSourceOf(await remote.warningCounts(asOfMs)), asOfMs, settings, bandPlaces)
      expect(surgeFacts(got)).toEqual(surgeFacts(want))
    }
    const result = computeWarning(table, asOfMs, DEFAULT_WARNING_SETTINGS, bandPlaces)
    const france = result.surges.find((s) => s.kind === 'country' && s.place === 'FR')
    expect(france).toMatchObject({ observed: 14, name: 'France' })

    const request = { ...requestFor(), asOf: { mode: 'fixed' as const, ms: asOfMs }, watchlist: [watch('country', 'FR'), watch('country', 'DE'), watch('actor', 'Wagner Group')] }
    const facts = (alerts: readonly { id: string; eventCount: number; newScore: number; events: readonly { id: string; share: number }[]; surge?: unknown }[]): unknown =>
      alerts.map((a) => ({ id: a.id, eventCount: a.eventCount, newScore: a.newScore, surge: a.surge, events: a.events.map((e) => `${e.id}:${e.share.toFixed(9)}`) })).sort((a, b) => a.id.localeCompare(b.id))
    const want = await local.watchAlerts(request, [], result)
    const got = await remote.watchAlerts(request, [], result)
    expect(want.some((a) => a.id === 'country:FR@w2025-03-31:surge:stat')).toBe(true)
    expect(facts(got)).toEqual(facts(want))
    // A surge already raised is not raised again.
    expect((await remote.watchAlerts(request, got, result)).filter((a) => a.reasons.includes('surge'))).toEqual([])
    await remote.close()
  })
})
