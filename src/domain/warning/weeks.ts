import { DAY_MS } from '../dates.ts'
import type { EpochMs } from '../model.ts'

/**
 * Weeks for early warning: Monday 00:00 UTC to the next Monday, numbered from the week of
 * 1970-01-01 (a Thursday), so week 0 starts on Monday 1969-12-29 (day −3).
 */

/** Days from week 0's Monday to 1970-01-01. */
const EPOCH_WEEKDAY_OFFSET = 3

/** The week (Monday-start, UTC) holding a day index (days since 1970-01-01). */
export function weekOfDay(day: number): number {
  return Math.floor((day + EPOCH_WEEKDAY_OFFSET) / 7)
}

/** The day index of a week's Monday. */
export function weekStartDay(week: number): number {
  return week * 7 - EPOCH_WEEKDAY_OFFSET
}

/** The instant a week starts (Monday 00:00 UTC). */
export function weekStartMs(week: number): EpochMs {
  return weekStartDay(week) * DAY_MS
}

/** A week's Monday as `YYYY-MM-DD`. */
export function weekStartIso(week: number): string {
  return new Date(weekStartMs(week)).toISOString().slice(0, 10)
}

/**
 * The last complete week at an as-of instant: the latest week that ends (next Monday 00:00) at
 * or before `asOfMs`. With as-of the end of Sunday 2025-03-16, that is the week of Monday
 * 2025-03-10; with as-of the end of Wednesday 2025-03-19, still that week.
 */
export function lastCompleteWeek(asOfMs: EpochMs): number {
  return weekOfDay(Math.floor(asOfMs / DAY_MS)) - 1
}
