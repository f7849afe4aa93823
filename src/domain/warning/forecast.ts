import { fitBaseline } from './baseline-model.ts'
import { countQuantile } from './count-distribution.ts'
import { BAND_LOWER_QUANTILE, BAND_UPPER_QUANTILE, type WarningSettings } from './settings.ts'

/** The expected count of one week ahead, with its 80 % band (10 % and 90 % quantiles). */
export interface ForecastWeek {
  readonly week: number
  readonly expected: number
  readonly lo80: number
  readonly hi80: number
}

export type PlaceForecast =
  | { readonly status: 'too-little-history'; readonly historyWeeks: number }
  | { readonly status: 'forecast'; readonly historyWeeks: number; readonly weeks: readonly ForecastWeek[] }

/**
 * The next `ahead` weeks after `lastWeek` (the last complete week at the as-of date), from the
 * same baseline model the statistical surge test uses, fitted on up to `baselineWeeks` weeks
 * ending with `lastWeek`. Weeks after `lastWeek` in `series` are never read, so the band stays
 * put when their data arrives and actual counts can be read against it.
 */
export function forecastPlace(
  series: ArrayLike<number>,
  firstWeek: number,
  lastWeek: number,
  ahead: number,
  settings: WarningSettings,
): PlaceForecast {
  const end = lastWeek - firstWeek + 1
  const historyWeeks = Math.max(0, end)
  if (historyWeeks < settings.minHistoryWeeks) return { status: 'too-little-history', historyWeeks }
  const from = Math.max(0, end - settings.baselineWeeks)
  // Weeks beyond the series (an as-of after the last event) are quiet weeks.
  const baseline = Array.from({ length: end - from }, (_, i) => (from + i < series.length ? series[from + i]! : 0))
  const fit = fitBaseline(baseline, firstWeek + from, lastWeek + 1, settings.baseline)
  const weeks: ForecastWeek[] = []
  for (let h = 1; h <= ahead; h++) {
    const d = fit.predict(lastWeek + h)
    weeks.push({
      week: lastWeek + h,
      expected: d.mean,
      lo80: countQuantile(d, BAND_LOWER_QUANTILE),
      hi80: countQuantile(d, BAND_UPPER_QUANTILE),
    })
  }
  return { status: 'forecast', historyWeeks, weeks }
}
