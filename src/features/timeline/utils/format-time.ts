import type { EpochMs } from '../../../domain/model.ts'
import type { BucketUnit } from '../../../domain/timeline/buckets.ts'

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' })

/** A bucket as a reader names it: "2024", "Q3 2024", "Mar 2024", "week of 4 Mar 2024", "4 Mar 2024". */
export function formatBucket(startMs: EpochMs, unit: BucketUnit): string {
  const d = new Date(startMs)
  const y = d.getUTCFullYear()
  const day = `${d.getUTCDate()} ${MONTH.format(d)} ${y}`
  switch (unit) {
    case 'year':
      return String(y)
    case 'quarter':
      return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${y}`
    case 'month':
      return `${MONTH.format(d)} ${y}`
    case 'week':
      return `week of ${day}`
    case 'day':
      return day
  }
}

/**
 * Axis labels: years for quarters, years and long spans of months (`yearsOnly`), "Mar 24" for
 * months and for weeks over spans of more than 300 days, "4 Mar" for days and shorter weeks.
 */
export function tickFormatter(unit: BucketUnit, yearsOnly = false, spanDays = 0): (ms: number) => string {
  return (ms) => {
    const d = new Date(ms)
    if (unit === 'year' || unit === 'quarter' || yearsOnly) return String(d.getUTCFullYear())
    // Weeks over most of a year or more: the month and year say more than the day.
    if (unit === 'month' || spanDays > 300) return `${MONTH.format(d)} ${String(d.getUTCFullYear()).slice(2)}`
    return `${d.getUTCDate()} ${MONTH.format(d)}`
  }
}

/**
 * Tick positions for long spans: the first bucket of each year, thinned so at most `max` remain.
 * Undefined lets the axis choose (short spans).
 */
export function yearTicks(starts: readonly EpochMs[], unit: BucketUnit, max: number): number[] | undefined {
  if (unit !== 'month' && unit !== 'quarter' && unit !== 'year') return undefined
  const firsts = starts.filter((t, i) => i === 0 || new Date(t).getUTCFullYear() !== new Date(starts[i - 1]!).getUTCFullYear())
  if (unit === 'month' && firsts.length < 3) return undefined
  const step = Math.max(1, Math.ceil(firsts.length / Math.max(1, max)))
  return firsts.filter((_, i) => i % step === 0)
}
