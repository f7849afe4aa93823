import { DAY_MS } from '../dates.ts'
import { weekStartDay } from './weeks.ts'
import type { EpochMs } from '../model.ts'
import type { WarningSource } from './dashboard-warning.ts'
import { addRow, countsOfSets, placeSetCounts, totalsOfSets, weekFrame, weeklyCounts, type PlaceKind, type WeeklyCounts, type WeeklyInput } from './weekly-counts.ts'

/**
 * Early warning's weekly counts as plain data: what a warehouse answers instead of the rows
 * (weekly-counts.ts counts rows in the tab), and what the early-warning worker takes in their
 * place. Every kind is counted before it is sent, so it can cross to a worker.
 */
export interface WarningCounts {
  readonly all: WeeklyCounts
  readonly country: WeeklyCounts
  readonly region: WeeklyCounts
  readonly actor: WeeklyCounts
  /** The end of the data's last day (exclusive), ms. */
  readonly dataEndMs: EpochMs
}

/** Every kind's weekly counts of a table's rows through `throughMs` (two passes over the rows). */
export function warningCountsOf(table: WeeklyInput, throughMs: EpochMs): WarningCounts {
  const sets = placeSetCounts(table, throughMs)
  return {
    all: totalsOfSets(sets),
    country: countsOfSets(table, sets, 'country'),
    region: countsOfSets(table, sets, 'region'),
    actor: weeklyCounts(table, 'actor', throughMs),
    dataEndMs: Math.ceil(table.extentMs[1] / DAY_MS) * DAY_MS,
  }
}

export function warningSourceOf(counts: WarningCounts): WarningSource {
  return { all: counts.all, dataEndMs: counts.dataEndMs, countsOf: (kind) => counts[kind] }
}

/**
 * Events of one place grouped by the days they cover, as a warehouse groups them. A group of
 * one-day events is summed per week (`week` set, `startDay`/`endDay` unused); a group of events
 * covering the same days [startDay, endDay) is spread over them as the timeline spreads.
 */
export interface WeekGroup {
  readonly place: string
  /** The week the group's one-day events fall in, or null for a group of longer events. */
  readonly week: number | null
  readonly startDay: number
  readonly endDay: number
  /** Events in the group, and their summed severity weights (1, 2, 4, 8, 16 for levels 1–5). */
  readonly events: number
  readonly weighted: number
}

/** The frame (first week, weeks) of data spanning [fromMs, toMs) counted through `throughMs`, as weekFrame gives for a table. */
export function frameOf(size: number, extentMs: readonly [EpochMs, EpochMs], throughMs: EpochMs): { firstWeek: number; weeks: number } {
  return weekFrame({ size, extentMs: [extentMs[0], extentMs[1]] }, throughMs)
}

/**
 * Weekly counts of one kind from grouped events (`groups` in any order). Places are sorted by
 * name; a group outside the frame counts only for its weeks inside it. Gives what weeklyCounts
 * gives over the rows the groups were made of, up to the rounding of adding a group at once.
 */
export function countsOfGroups(kind: PlaceKind | 'all', frame: { firstWeek: number; weeks: number }, groups: readonly WeekGroup[]): WeeklyCounts {
  const { firstWeek, weeks } = frame
  const places = [...new Set(groups.map((g) => g.place))].sort()
  const indexOf = new Map(places.map((p, i) => [p, i]))
  const counts = new Float64Array(places.length * weeks)
  const weighted = new Float64Array(places.length * weeks)
  for (const g of groups) {
    const base = indexOf.get(g.place)! * weeks
    if (g.week !== null) {
      const w = g.week - firstWeek
      if (w < 0 || w >= weeks) continue
      counts[base + w]! += g.events
      weighted[base + w]! += g.weighted
      continue
    }
    addRow(counts, base, firstWeek, weeks, g.startDay * DAY_MS, g.endDay * DAY_MS, g.events)
    addRow(weighted, base, firstWeek, weeks, g.startDay * DAY_MS, g.endDay * DAY_MS, g.weighted)
  }
  // All events together read as one place named `all` of kind `region`, as weeklyTotals gives them.
  if (kind === 'all') return { kind: 'region', firstWeek, weeks, places: ['all'], counts: counts.length > 0 ? counts : new Float64Array(weeks), weighted: weighted.length > 0 ? weighted : new Float64Array(weeks) }
  return { kind, firstWeek, weeks, places, counts, weighted }
}

/** One kind's counts with its frame stretched to `weeks` weeks, the added weeks zero. */
function stretched(counts: WeeklyCounts, weeks: number): WeeklyCounts {
  if (weeks <= counts.weeks) return counts
  const grow = (source: Float64Array): Float64Array => {
    const out = new Float64Array(counts.places.length * weeks)
    for (let p = 0; p < counts.places.length; p++) out.set(source.subarray(p * counts.weeks, (p + 1) * counts.weeks), p * weeks)
    return out
  }
  return { ...counts, weeks, counts: grow(counts.counts), weighted: grow(counts.weighted) }
}

/**
 * The counts `warningCountsOf(table, throughMs)` gives, from `warningCountsOf(table, -Infinity)`
 * (the data's own frame) without reading a row again: the rows are counted whatever the as-of,
 * which only stretches the frame to its week, the weeks after the data's last holding nothing.
 */
export function countsThrough(counts: WarningCounts, throughMs: EpochMs): WarningCounts {
  const { firstWeek, weeks } = counts.all
  if (weeks === 0 || !Number.isFinite(throughMs)) return counts
  const firstMs = weekStartDay(firstWeek) * DAY_MS
  const wanted = weekFrame({ size: 1, extentMs: [firstMs, counts.dataEndMs] }, throughMs).weeks
  if (wanted <= weeks) return counts
  return {
    all: stretched(counts.all, wanted),
    country: stretched(counts.country, wanted),
    region: stretched(counts.region, wanted),
    actor: stretched(counts.actor, wanted),
    dataEndMs: counts.dataEndMs,
  }
}
