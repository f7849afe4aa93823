import type { EpochMs } from '../model.ts'
import { DAY_MS } from '../dates.ts'
import { forecastPlace, type ForecastWeek } from './forecast.ts'
import { placeName, ruleText } from './place-report.ts'
import { DEFAULT_FORECAST_WEEKS, type WarningSettings } from './settings.ts'
import { surgeSteps } from './surges.ts'
import { lastCompleteWeek, weekStartMs } from './weeks.ts'
import { countsOfSets, PLACE_KINDS, placeSeries, placeSetCounts, totalsOfSets, weeklyCounts, type PlaceKind, type WeeklyCounts, type WeeklyInput } from './weekly-counts.ts'

/** Weeks of history a surge's sparkline shows, ending with the judged week. */
export const SPARKLINE_WEEKS = 26

/** A surge as the dashboard shows it. */
export interface PlaceSurge {
  readonly kind: PlaceKind
  readonly place: string
  readonly name: string
  /** The judged week and the first week of the run of surge weeks (see `weeks.ts`). */
  readonly week: number
  readonly sinceWeek: number
  readonly observed: number
  readonly expected: number
  /** Statistical method: raw and Benjamini–Hochberg adjusted p-values. */
  readonly p?: number
  readonly adjustedP?: number
  /** ACLED-style rule: the rule that fired, in words. */
  readonly rule?: string
  /** The place's last SPARKLINE_WEEKS weekly counts, oldest first, ending with the judged week. */
  readonly recent: readonly number[]
}

/**
 * The expected band of one place (or of all events, place ''), for the weeks after the judged
 * week, in events (the measure setting does not apply: the band is read against event counts).
 */
export interface PlaceBand {
  readonly kind: PlaceKind | 'all'
  readonly place: string
  readonly weeks: readonly ForecastWeek[]
  /**
   * The events counted in each of those weeks once the data covers the whole week (an as-of
   * date before the data's end), else null: what the band is read against.
   */
  readonly actual: readonly (number | null)[]
}


export interface WarningResult {
  readonly asOfMs: EpochMs
  /** The judged week: the last complete week at the as-of date. */
  readonly week: number
  readonly settings: WarningSettings
  /** Every kind's surges; within a kind strongest first; kinds in PLACE_KINDS order. */
  readonly surges: readonly PlaceSurge[]
  readonly judged: number
  readonly tooLittleHistory: number
  /**
   * All events' band, then every region's (the gauges are regions) and each requested place's,
   * of those with enough history.
   */
  readonly bands: readonly PlaceBand[]
}

/** A place whose band is wanted beyond the regions' (a watched country or actor). */
export interface BandRequest {
  readonly kind: PlaceKind
  readonly place: string
}

function recentOf(counts: WeeklyCounts, placeIndex: number, week: number, settings: WarningSettings): number[] {
  const series = placeSeries(counts, placeIndex, settings.measure)
  const end = week - counts.firstWeek
  return Array.from({ length: SPARKLINE_WEEKS }, (_, i) => {
    const at = end - SPARKLINE_WEEKS + 1 + i
    return at >= 0 && at < series.length ? series[at]! : 0
  })
}

/**
 * The band of one place's weekly event counts after `week`, with the weeks' actual counts where
 * the data (ending at `dataEndMs`) covers them whole; null with too little history.
 */
function bandOf(kind: PlaceBand['kind'], place: string, counts: WeeklyCounts, placeIndex: number, week: number, dataEndMs: number, settings: WarningSettings): PlaceBand | null {
  const series = placeSeries(counts, placeIndex, 'count')
  const forecast = forecastPlace(series, counts.firstWeek, week, DEFAULT_FORECAST_WEEKS, settings)
  if (forecast.status !== 'forecast') return null
  const actual = forecast.weeks.map((w) => {
    const at = w.week - counts.firstWeek
    return weekStartMs(w.week + 1) <= dataEndMs && at < series.length ? series[at]! : null
  })
  return { kind, place, weeks: forecast.weeks, actual }
}

/**
 * Everything the dashboard shows of early warning at `asOfMs`, from the whole table: the surges
 * of every country, region and actor, and the expected bands of all events and of `bandPlaces`.
 * `onProgress` gets the fraction done (0–1) between places. Pure apart from the callback.
 */
export function computeWarning(
  table: WeeklyInput,
  asOfMs: EpochMs,
  settings: WarningSettings,
  bandPlaces: readonly BandRequest[],
  onProgress?: (fraction: number) => void,
  onBands?: (bands: readonly PlaceBand[]) => void,
): WarningResult {
  // One pass over the rows serves countries, regions and the total; actors take a second.
  const sets = placeSetCounts(table, asOfMs)
  const source: WarningSource = {
    all: totalsOfSets(sets),
    // A week is complete in the data when the last event's day has reached its Sunday.
    dataEndMs: Math.ceil(table.extentMs[1] / DAY_MS) * DAY_MS,
    countsOf: (kind) => (kind === 'actor' ? weeklyCounts(table, kind, asOfMs) : countsOfSets(table, sets, kind)),
  }
  return warningFrom(source, asOfMs, settings, bandPlaces, onProgress, onBands)
}

/**
 * The weekly counts early warning reads, however they were made: all events' together, each
 * kind's (asked for one kind at a time, so the work of each can be reported), and the end of
 * the data's last day (a week is complete in the data once that day reaches its Sunday).
 */
export interface WarningSource {
  readonly all: WeeklyCounts
  readonly dataEndMs: EpochMs
  countsOf(kind: PlaceKind): WeeklyCounts
}

/** A step of early warning's work: the fraction done, or the bands (made first). */
export type WarningStep = { readonly fraction: number } | { readonly bands: readonly PlaceBand[] }

/**
 * The same as computeWarning, from weekly counts made elsewhere (a warehouse's, see WarningCounts).
 * The bands are made first (a few dozen places, a small part of the work) and handed to `onBands`
 * before the surges are looked for, so the timeline can draw them meanwhile.
 */
export function warningFrom(
  source: WarningSource,
  asOfMs: EpochMs,
  settings: WarningSettings,
  bandPlaces: readonly BandRequest[],
  onProgress?: (fraction: number) => void,
  onBands?: (bands: readonly PlaceBand[]) => void,
): WarningResult {
  const steps = warningSteps(source, asOfMs, settings, bandPlaces)
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
    if ('bands' in step.value) onBands?.(step.value.bands)
    else onProgress?.(step.value.fraction)
  }
}

/**
 * warningFrom a step at a time: yields the bands first, then the fraction done every few dozen
 * places (a worker lets a newer computation in between steps), and returns the result.
 */
export function* warningSteps(source: WarningSource, asOfMs: EpochMs, settings: WarningSettings, bandPlaces: readonly BandRequest[]): Generator<WarningStep, WarningResult> {
  const week = lastCompleteWeek(asOfMs)
  // Each kind's counts are asked for once: the bands read them first, the surges after.
  const made = new Map<PlaceKind, WeeklyCounts>()
  const countsOf = (kind: PlaceKind): WeeklyCounts => {
    let counts = made.get(kind)
    if (counts === undefined) made.set(kind, (counts = source.countsOf(kind)))
    return counts
  }
  const bands = bandsOf(source, countsOf, week, settings, bandPlaces)
  yield { bands }
  const surges: PlaceSurge[] = []
  let judged = 0
  let tooLittleHistory = 0
  // Progress: each kind's share of the work, by its number of places (actors count for more).
  const shares = [0.2, 0.1, 0.7]
  let done = 0
  for (const [k, kind] of PLACE_KINDS.entries()) {
    const counts = countsOf(kind)
    const share = shares[k]!
    const steps = surgeSteps(counts, week, settings)
    let step = steps.next()
    while (step.done !== true) {
      yield { fraction: done + share * step.value }
      step = steps.next()
    }
    const report = step.value
    judged += report.judged
    tooLittleHistory += report.tooLittleHistory
    for (const v of report.surges) {
      const j = v.judgement
      if (j.status !== 'judged') continue
      const rule = settings.method === 'acled' ? ruleText(v, settings) : undefined
      surges.push({
        kind,
        place: v.place,
        name: placeName(kind, v.place),
        week,
        sinceWeek: v.sinceWeek ?? week,
        observed: j.observed,
        expected: j.expected,
        ...(j.p === undefined ? {} : { p: j.p }),
        ...(v.adjustedP === undefined ? {} : { adjustedP: v.adjustedP }),
        ...(rule === undefined ? {} : { rule }),
        recent: recentOf(counts, v.placeIndex, week, settings),
      })
    }
    done += share
    yield { fraction: done }
  }
  return { asOfMs, week, settings, surges, judged, tooLittleHistory, bands }
}

/** All events' band, then, kind by kind (PLACE_KINDS), every region's and each requested place's, of those with enough history. */
function bandsOf(
  source: WarningSource,
  countsOf: (kind: PlaceKind) => WeeklyCounts,
  week: number,
  settings: WarningSettings,
  bandPlaces: readonly BandRequest[],
): PlaceBand[] {
  const { all, dataEndMs } = source
  const bands: PlaceBand[] = []
  const overall = all.weeks > 0 ? bandOf('all', '', all, 0, week, dataEndMs, settings) : null
  if (overall) bands.push(overall)
  for (const kind of PLACE_KINDS) {
    const wanted = new Set(bandPlaces.filter((r) => r.kind === kind).map((r) => r.place))
    if (kind !== 'region' && wanted.size === 0) continue
    const counts = countsOf(kind)
    counts.places.forEach((place, index) => {
      if (kind !== 'region' && !wanted.has(place)) return
      const band = bandOf(kind, place, counts, index, week, dataEndMs, settings)
      if (band) bands.push(band)
    })
  }
  return bands
}
