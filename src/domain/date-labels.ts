import type { EpochMs } from './model.ts'
import type { BucketUnit } from './timeline/buckets.ts'

/**
 * The one way dates are written for people, on screen and in every export: three-letter English
 * month names ("Sep", never "Sept", whatever the browser's locale data), day before month, UTC.
 * Intl's 'en-GB' short month gives "Sept" in current ICU data and "Sep" in older, so the names
 * are spelled out here rather than asked of Intl.
 */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

const pad = (n: number): string => String(n).padStart(2, '0')

/** "Nov" for an instant, in UTC. */
export function monthAbbreviation(ms: EpochMs): string {
  return MONTH_ABBREVIATIONS[new Date(ms).getUTCMonth()]!
}

/** "4 Nov 2025" for an instant, in UTC. */
export function dayLabel(ms: EpochMs): string {
  const d = new Date(ms)
  return `${d.getUTCDate()} ${MONTH_ABBREVIATIONS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** "4 Nov" for an instant, in UTC (a narrow axis within one year). */
export function dayMonthLabel(ms: EpochMs): string {
  const d = new Date(ms)
  return `${d.getUTCDate()} ${MONTH_ABBREVIATIONS[d.getUTCMonth()]}`
}

/** "Nov 2025" for an instant, in UTC. */
export function monthLabel(ms: EpochMs): string {
  const d = new Date(ms)
  return `${MONTH_ABBREVIATIONS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** "Nov 25" for an instant, in UTC (a narrow axis over more than a year). */
export function monthShortYearLabel(ms: EpochMs): string {
  const d = new Date(ms)
  return `${MONTH_ABBREVIATIONS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).slice(2)}`
}

/** "03:00" for an instant, in UTC. */
export function timeLabel(ms: EpochMs): string {
  const d = new Date(ms)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "4 Nov 2025, 03:00 UTC" for an instant. */
export function dayTimeLabel(ms: EpochMs): string {
  return `${dayLabel(ms)}, ${timeLabel(ms)} UTC`
}

/** "4 Nov, 03:00 UTC" for an instant (a list within the current year). */
export function dayMonthTimeLabel(ms: EpochMs): string {
  return `${dayMonthLabel(ms)}, ${timeLabel(ms)} UTC`
}

/** `ms` since the epoch as "2026-11-28 11:04 UTC". */
export function formatUtcMinute(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 16)} UTC`
}

/** A bucket as a reader names it: "2024", "Q3 2024", "Mar 2024", "week of 4 Mar 2024", "4 Mar 2024". */
export function bucketLabel(startMs: EpochMs, unit: BucketUnit): string {
  const d = new Date(startMs)
  switch (unit) {
    case 'year':
      return String(d.getUTCFullYear())
    case 'quarter':
      return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`
    case 'month':
      return monthLabel(startMs)
    case 'week':
      return `week of ${dayLabel(startMs)}`
    case 'day':
      return dayLabel(startMs)
  }
}
