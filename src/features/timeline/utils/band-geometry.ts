import { DAY_MS } from '../../../domain/dates.ts'
import type { Bucket, Span } from '../../../domain/timeline/buckets.ts'
import type { PlaceBand } from '../../../domain/warning/dashboard-warning.ts'
import type { ForecastWeek } from '../../../domain/warning/forecast.ts'
import { weekStartMs } from '../../../domain/warning/weeks.ts'

/**
 * One week of an expected band as the chart draws it. The band is weekly; the bars may be days,
 * weeks, months…, so the figures are read as a rate on the bars' scale: the weekly figure × the
 * days of the bar holding the week ÷ 7 (a seventh of it on a chart of days, 30/7 of it on a
 * chart of 30-day months). The weekly figures are kept for words.
 */
export interface BandSegment {
  readonly fromMs: number
  readonly toMs: number
  readonly expected: number
  readonly lo: number
  readonly hi: number
  /** The week's actual count on the bars' scale, once the data covers it; else null. */
  readonly actual: number | null
  readonly weekly: ForecastWeek
  readonly weeklyActual: number | null
}

/** The bar holding an instant, or null outside the chart. */
function barAt(buckets: readonly Bucket[], ms: number): Bucket | null {
  let lo = 0
  let hi = buckets.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const b = buckets[mid]!
    if (ms < b.startMs) hi = mid - 1
    else if (ms >= b.endMs) lo = mid + 1
    else return b
  }
  return null
}

/** The weeks of `band` that fall on the chart's bars, scaled to them (see BandSegment). */
export function bandSegments(band: PlaceBand, buckets: readonly Bucket[]): BandSegment[] {
  const out: BandSegment[] = []
  band.weeks.forEach((w, i) => {
    const fromMs = weekStartMs(w.week)
    const toMs = weekStartMs(w.week + 1)
    const bar = barAt(buckets, (fromMs + toMs) / 2)
    if (bar === null) return
    const perBar = (bar.endMs - bar.startMs) / (7 * DAY_MS)
    const weeklyActual = band.actual[i] ?? null
    out.push({
      fromMs,
      toMs,
      expected: w.expected * perBar,
      lo: w.lo80 * perBar,
      hi: w.hi80 * perBar,
      actual: weeklyActual === null ? null : weeklyActual * perBar,
      weekly: w,
      weeklyActual,
    })
  })
  return out
}

/** Where the shown bands end: the Monday after their last week; null with none. */
export function bandsEndMs(bands: readonly PlaceBand[]): number | null {
  let end: number | null = null
  for (const b of bands) {
    const last = b.weeks[b.weeks.length - 1]
    if (last !== undefined) end = Math.max(end ?? -Infinity, weekStartMs(last.week + 1))
  }
  return end
}

/**
 * The chart's span with room for the expected bands: stretched to `aheadToMs` when it shows the
 * end of the data (no time range, or one reaching the data's end, `dataEndMs`), so the weeks
 * after the as-of date are on the axis. A range that stops earlier is left as it is.
 */
export function spanWithBands(span: Span | null, range: Span | null, dataEndMs: number | null, aheadToMs: number | null): Span | null {
  if (span === null || aheadToMs === null || dataEndMs === null || aheadToMs <= span.toMs) return span
  if (range !== null && range.toMs < dataEndMs) return span
  return { fromMs: span.fromMs, toMs: aheadToMs }
}
