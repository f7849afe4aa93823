import type { CountryCode, EpochMs } from '../model.ts'
import { countryByCode, lookupRegion } from '../regions.ts'
import type { EventTable } from '../table-types.ts'
import { forecastPlace } from './forecast.ts'
import type { WarningSettings } from './settings.ts'
import { detectSurges, type PlaceVerdict, type SurgeReport } from './surges.ts'
import { lastCompleteWeek, weekStartIso } from './weeks.ts'
import { placeSeries, weeklyCounts, type PlaceKind, type WeeklyCounts } from './weekly-counts.ts'

/** A surge as the command line and the Surges view state it. */
export interface SurgeRow {
  readonly place: string
  readonly name: string
  /** Monday of the judged week, `YYYY-MM-DD`. */
  readonly weekStart: string
  /** Monday of the first week of the run of surge weeks. */
  readonly since: string
  readonly observed: number
  readonly expected: number
  readonly p?: number
  readonly rule?: string
  readonly verdict: PlaceVerdict
}

export interface ForecastRow {
  readonly place: string
  readonly name: string
  readonly weekStart: string
  readonly expected: number
  readonly lo80: number
  readonly hi80: number
}

/** What a place is called: a country's or region's English name; an actor's own. */
export function placeName(kind: PlaceKind, place: string): string {
  if (kind === 'country') return countryByCode(place as CountryCode)?.name ?? place
  if (kind === 'region') return lookupRegion(place)?.name ?? place
  return place
}

const fixed = (value: number): string => String(Number(value.toFixed(2)))

/** The ACLED-style rule as it fired, in words. */
export function ruleText(verdict: PlaceVerdict, settings: WarningSettings): string | undefined {
  const j = verdict.judgement
  if (j.status !== 'judged' || j.average4 === undefined || j.average52 === undefined) return undefined
  const x = settings.acledRatio
  return `${fixed(j.observed)} > ${x} × 4-week average ${fixed(j.average4)} and > ${x} × 52-week average ${fixed(j.average52)}`
}

export interface SurgeRows {
  readonly report: SurgeReport
  readonly counts: WeeklyCounts
  readonly rows: readonly SurgeRow[]
  readonly judged: number
  readonly tooLittleHistory: number
}

/** Every place's surge in the last complete week at `asOfMs` (the whole table; strongest first). */
export function surgeRows(table: EventTable, kind: PlaceKind, asOfMs: EpochMs, settings: WarningSettings): SurgeRows {
  const counts = weeklyCounts(table, kind, asOfMs)
  const week = lastCompleteWeek(asOfMs)
  const report = detectSurges(counts, week, settings)
  const rows = report.surges.map((v): SurgeRow => {
    const j = v.judgement
    const rule = settings.method === 'acled' ? ruleText(v, settings) : undefined
    return {
      place: v.place,
      name: placeName(kind, v.place),
      weekStart: weekStartIso(week),
      since: weekStartIso(v.sinceWeek ?? week),
      observed: j.observed,
      expected: j.status === 'judged' ? j.expected : 0,
      ...(j.status === 'judged' && j.p !== undefined ? { p: j.p } : {}),
      ...(rule === undefined ? {} : { rule }),
      verdict: v,
    }
  })
  return { report, counts, rows, judged: report.judged, tooLittleHistory: report.tooLittleHistory }
}

/**
 * The expected weekly events of the `ahead` weeks after the last complete week at `asOfMs`, for
 * every place with an event in its baseline and enough history; busiest places first.
 */
export function forecastAll(table: EventTable, kind: PlaceKind, asOfMs: EpochMs, ahead: number, settings: WarningSettings): ForecastRow[] {
  const counts = weeklyCounts(table, kind, asOfMs)
  const lastWeek = lastCompleteWeek(asOfMs)
  const places: { rows: ForecastRow[]; total: number }[] = []
  for (let p = 0; p < counts.places.length; p++) {
    const series = placeSeries(counts, p, settings.measure)
    const end = lastWeek - counts.firstWeek + 1
    let recent = 0
    for (let i = Math.max(0, end - settings.baselineWeeks); i < Math.min(end, series.length); i++) recent += series[i]!
    if (!(recent > 0)) continue
    const forecast = forecastPlace(series, counts.firstWeek, lastWeek, ahead, settings)
    if (forecast.status !== 'forecast') continue
    const place = counts.places[p]!
    const name = placeName(kind, place)
    const rows = forecast.weeks.map((w) => ({ place, name, weekStart: weekStartIso(w.week), expected: w.expected, lo80: w.lo80, hi80: w.hi80 }))
    places.push({ rows, total: rows.reduce((sum, r) => sum + r.expected, 0) })
  }
  return places.sort((a, b) => b.total - a.total).flatMap((p) => p.rows)
}
