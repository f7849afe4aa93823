import { DAY_MS } from '../dates.ts'
import type { SyntheticBurst } from '../synthetic.ts'
import { forecastPlace } from './forecast.ts'
import type { WarningSettings } from './settings.ts'
import { detectSurges } from './surges.ts'
import { weekStartMs } from './weeks.ts'
import { placeSeries, type WeeklyCounts } from './weekly-counts.ts'

/**
 * How well early warning finds known bursts (the generator's injected crises), per country:
 * the share of bursts flagged within 7 days of their onset, the share of flags on place-weeks
 * with no burst, and the coverage of the 80 % band on held-back weeks. docs/early-warning.md
 * publishes the figures; scripts/evaluate-warning.ts reproduces them.
 */
export interface WarningEvaluation {
  readonly weeksJudged: number
  readonly bursts: number
  /** Bursts with a flag on their country in a week that starts at most 7 days after the onset. */
  readonly burstsFlagged: number
  /** Bursts flagged in the week holding their onset. */
  readonly burstsFlaggedOnsetWeek: number
  readonly flags: number
  /** Flags on a country-week that no burst of that country overlaps. */
  readonly flagsWithoutBurst: number
}

export interface BandCoverage {
  readonly placeWeeks: number
  /** Mean share of [y, y + 1) inside [lo80, hi80]: the coverage of the band on the continuous scale. */
  readonly coverage: number
  /** Share of held-back weeks with lo80 ≤ y ≤ hi80. */
  readonly plainCoverage: number
}

export interface BandEvaluation extends BandCoverage {
  /** The same by expected weekly count: below 1, 1 to 10, 10 and more. */
  readonly byVolume: readonly [BandCoverage, BandCoverage, BandCoverage]
}

const WEEK_MS = 7 * DAY_MS

function overlapsBurst(bursts: readonly SyntheticBurst[], country: string, week: number): boolean {
  const from = weekStartMs(week)
  const to = from + WEEK_MS
  return bursts.some((b) => b.country === country && b.firstDayMs < to && b.lastDayMs + DAY_MS > from)
}

/**
 * Judges every week from `fromWeek` to `toWeek` (inclusive) on country counts and scores the
 * flags against `bursts`. Only bursts whose onset lies in those weeks are counted.
 */
export function evaluateSurges(
  counts: WeeklyCounts,
  bursts: readonly SyntheticBurst[],
  fromWeek: number,
  toWeek: number,
  settings: WarningSettings,
): WarningEvaluation {
  const flagged = new Map<string, Set<number>>()
  let flags = 0
  let flagsWithoutBurst = 0
  for (let week = fromWeek; week <= toWeek; week++) {
    for (const surge of detectSurges(counts, week, settings).surges) {
      flags++
      if (!overlapsBurst(bursts, surge.place, week)) flagsWithoutBurst++
      let weeks = flagged.get(surge.place)
      if (weeks === undefined) flagged.set(surge.place, (weeks = new Set()))
      weeks.add(week)
    }
  }
  const judgedFrom = weekStartMs(fromWeek)
  const judgedTo = weekStartMs(toWeek + 1)
  const counted = bursts.filter((b) => b.firstDayMs >= judgedFrom && b.firstDayMs + WEEK_MS < judgedTo)
  let burstsFlagged = 0
  let burstsFlaggedOnsetWeek = 0
  for (const burst of counted) {
    const weeks = flagged.get(burst.country)
    if (weeks === undefined) continue
    const onsetWeek = Math.floor((burst.firstDayMs - weekStartMs(0)) / WEEK_MS)
    if (weeks.has(onsetWeek)) burstsFlaggedOnsetWeek++
    // A flagged week that starts at most 7 days after the onset: the onset's week or the next.
    if (weeks.has(onsetWeek) || (weeks.has(onsetWeek + 1) && weekStartMs(onsetWeek + 1) <= burst.firstDayMs + WEEK_MS)) burstsFlagged++
  }
  return {
    weeksJudged: toWeek - fromWeek + 1,
    bursts: counted.length,
    burstsFlagged,
    burstsFlaggedOnsetWeek,
    flags,
    flagsWithoutBurst,
  }
}

/**
 * Forecasts `ahead` weeks from every `stride`-th week from `fromWeek` to `toWeek` for every place
 * with events, and scores the 80 % band against the held-back counts of those weeks.
 */
export function evaluateBand(
  counts: WeeklyCounts,
  fromWeek: number,
  toWeek: number,
  stride: number,
  ahead: number,
  settings: WarningSettings,
): BandEvaluation {
  const tallies = [0, 1, 2, 3].map(() => ({ placeWeeks: 0, covered: 0, plain: 0 }))
  for (let last = fromWeek; last + ahead <= toWeek; last += stride) {
    for (let p = 0; p < counts.places.length; p++) {
      const series = placeSeries(counts, p, settings.measure)
      const forecast = forecastPlace(series, counts.firstWeek, last, ahead, settings)
      if (forecast.status !== 'forecast') continue
      for (const w of forecast.weeks) {
        const y = series[w.week - counts.firstWeek] ?? 0
        const covered = Math.max(0, Math.min(y + 1, w.hi80) - Math.max(y, w.lo80))
        const plain = y >= w.lo80 && y <= w.hi80 ? 1 : 0
        for (const t of [tallies[0]!, tallies[w.expected < 1 ? 1 : w.expected < 10 ? 2 : 3]!]) {
          t.placeWeeks++
          t.covered += covered
          t.plain += plain
        }
      }
    }
  }
  const coverage = (t: { placeWeeks: number; covered: number; plain: number }): BandCoverage => ({
    placeWeeks: t.placeWeeks,
    coverage: t.placeWeeks === 0 ? 0 : t.covered / t.placeWeeks,
    plainCoverage: t.placeWeeks === 0 ? 0 : t.plain / t.placeWeeks,
  })
  return { ...coverage(tallies[0]!), byVolume: [coverage(tallies[1]!), coverage(tallies[2]!), coverage(tallies[3]!)] }
}
