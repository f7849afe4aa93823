import { DAY_MS } from '../../dates.ts'
import type { EventTable } from '../../table-types.ts'

/** Longest span the timeline keeps day counts for (about 200 years), so a stray date cannot blow up memory. */
export const MAX_TIMELINE_DAYS = 73_000

/**
 * The timeline's frame: from the first start day to the last end day, capped. A row's day is
 * `floor(startMs / DAY_MS) - firstDay`; a row covering several days (see `views.ts`) is spread
 * over `[floor(startMs / DAY_MS), ceil(endMs / DAY_MS))`, clipped to the frame. Views work these
 * out per row as they count, from the start and end columns, rather than keeping a per-row day
 * column: two divisions per counted row cost less than the memory such a column would take.
 */
export function timelineFrame(table: EventTable): { firstDay: number; days: number } {
  if (table.size === 0) return { firstDay: 0, days: 0 }
  const firstDay = Math.floor(table.extentMs[0] / DAY_MS)
  const lastDay = Math.ceil(table.extentMs[1] / DAY_MS)
  return { firstDay, days: Math.min(MAX_TIMELINE_DAYS, Math.max(1, lastDay - firstDay)) }
}

/**
 * The days a row is counted on, as the timeline counts it: from `floor(startMs / DAY_MS)` to
 * this exclusive end day, at least one day. A row covering one day counts whole on it; a longer
 * one (a month- or year-precision date, a span) is spread evenly, 1 / (end − first) per day.
 */
export function rowEndDay(startMs: number, endMs: number): number {
  return Math.max(Math.floor(startMs / DAY_MS) + 1, Math.ceil(endMs / DAY_MS))
}
