import { fitBaseline, type BaselineFit } from './baseline-model.ts'
import { upperTail } from './count-distribution.ts'
import type { WarningSettings } from './settings.ts'

/**
 * One place's week judged against its own history. `series[i]` is the count of week
 * `firstWeek + i`; the judged week is `week`. History is the weeks of data before it (from the
 * series' first week: the data's first week, so a place quiet for years has years of zeros).
 */
export type WeekJudgement =
  | { readonly status: 'too-little-history'; readonly observed: number; readonly historyWeeks: number }
  | {
      readonly status: 'judged'
      readonly observed: number
      readonly expected: number
      readonly historyWeeks: number
      /** Statistical method: the upper-tail p-value before any adjustment. */
      readonly p?: number
      /** Statistical method: the fitted baseline's terms and dispersion. */
      readonly fit?: Pick<BaselineFit, 'trend' | 'seasonal' | 'dispersion' | 'weeks'>
      /** ACLED-style rule: the two averages and whether the rule fired. */
      readonly average4?: number
      readonly average52?: number
      readonly fired?: boolean
    }

/** A week's count; 0 outside the series (weeks after the data's end are quiet). */
function countAt(series: ArrayLike<number>, index: number): number {
  return index >= 0 && index < series.length ? series[index]! : 0
}

/** The statistical judgement: observed against a baseline fitted on up to `baselineWeeks` weeks before it. */
export function judgeStat(series: ArrayLike<number>, firstWeek: number, week: number, settings: WarningSettings): WeekJudgement {
  const index = week - firstWeek
  const observed = countAt(series, index)
  const historyWeeks = Math.max(0, index)
  if (historyWeeks < settings.minHistoryWeeks) return { status: 'too-little-history', observed, historyWeeks }
  const from = Math.max(0, index - settings.baselineWeeks)
  const baseline = Array.from({ length: index - from }, (_, i) => countAt(series, from + i))
  const fit = fitBaseline(baseline, firstWeek + from, week, settings.baseline)
  const predicted = fit.predict(week)
  return {
    status: 'judged',
    observed,
    expected: predicted.mean,
    historyWeeks,
    p: upperTail(predicted, observed),
    fit: { trend: fit.trend, seasonal: fit.seasonal, dispersion: fit.dispersion, weeks: fit.weeks },
  }
}

function mean(series: ArrayLike<number>, from: number, to: number): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += countAt(series, i)
  return to > from ? sum / (to - from) : 0
}

/**
 * The ACLED-style rule: the week fires when it holds at least `minObserved` events and more than
 * `acledRatio` times both the average of the 4 weeks before it and the average of the 52 weeks
 * before it (or of every earlier week, with less than a year of data). `expected` is the larger
 * of the two averages.
 */
export function judgeAcled(series: ArrayLike<number>, firstWeek: number, week: number, settings: WarningSettings): WeekJudgement {
  const index = week - firstWeek
  const observed = countAt(series, index)
  const historyWeeks = Math.max(0, index)
  if (historyWeeks < settings.minHistoryWeeks) return { status: 'too-little-history', observed, historyWeeks }
  const average4 = mean(series, index - 4, index)
  const average52 = mean(series, Math.max(0, index - 52), index)
  const fired = observed >= settings.minObserved && observed > settings.acledRatio * average4 && observed > settings.acledRatio * average52
  return { status: 'judged', observed, expected: Math.max(average4, average52), historyWeeks, average4, average52, fired }
}
