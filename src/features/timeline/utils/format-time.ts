import { bucketLabel, dayMonthLabel, monthShortYearLabel } from '../../../domain/date-labels.ts'
import type { EpochMs } from '../../../domain/model.ts'
import type { BucketUnit } from '../../../domain/timeline/buckets.ts'

/** A bucket as a reader names it: "2024", "Q3 2024", "Mar 2024", "week of 4 Mar 2024", "4 Mar 2024". */
export function formatBucket(startMs: EpochMs, unit: BucketUnit): string {
  return bucketLabel(startMs, unit)
}

/** The time axis of the chart: which bucket starts carry a tick, and how a tick reads. */
export interface TimeAxis {
  readonly ticks: readonly EpochMs[]
  readonly format: (ms: number) => string
}

const yearOf = (ms: number): string => String(new Date(ms).getUTCFullYear())

/**
 * How ticks read for these buckets: years for quarters and years, and for months over three
 * calendar years or more; "Mar 24" for other months and for days and weeks over more than 300
 * days; "4 Mar" for shorter spans of days and weeks. Each form names a span no axis repeats
 * (a "4 Mar" axis is shorter than a year).
 */
function labelForm(starts: readonly EpochMs[], unit: BucketUnit): (ms: number) => string {
  if (unit === 'year' || unit === 'quarter') return yearOf
  const first = starts[0] ?? 0
  const last = starts[starts.length - 1] ?? 0
  if (unit === 'month') return new Date(last).getUTCFullYear() - new Date(first).getUTCFullYear() >= 2 ? yearOf : monthShortYearLabel
  return (last - first) / 86_400_000 > 300 ? monthShortYearLabel : dayMonthLabel
}

/**
 * The ticks of a time axis over buckets starting at `starts` (ascending): the first bucket of
 * each label (the first week of each month on a long weekly axis, the first quarter of each
 * year), thinned evenly to at most `maxTicks`. No two ticks read the same.
 */
export function timeAxis(starts: readonly EpochMs[], unit: BucketUnit, maxTicks: number): TimeAxis {
  const format = labelForm(starts, unit)
  const firsts: EpochMs[] = []
  const seen = new Set<string>()
  for (const start of starts) {
    const label = format(start)
    if (seen.has(label)) continue
    seen.add(label)
    firsts.push(start)
  }
  const step = Math.max(1, Math.ceil(firsts.length / Math.max(1, maxTicks)))
  return { ticks: firsts.filter((_, i) => i % step === 0), format }
}
