import { DAY_MS } from '../dates.ts'
import { MAX_TIMELINE_DAYS, rowEndDay } from '../engine/local/day-index.ts'
import type { EpochMs } from '../model.ts'
import type { EventTable, MultiColumn } from '../table-types.ts'
import { severityWeight } from '../threat-index.ts'
import { weekOfDay, weekStartDay } from './weeks.ts'

/** What a place is: a country (ISO alpha-2), a region (slug) or an actor (name as in the data). */
export type PlaceKind = 'country' | 'region' | 'actor'

export const PLACE_KINDS: readonly PlaceKind[] = ['country', 'region', 'actor']

/**
 * Weekly event counts per place, Monday-start UTC weeks. `counts[p * weeks + w]` is place p's
 * count in week `firstWeek + w`; `weighted` the same with each event weighted by its severity
 * (1, 2, 4, 8, 16 for levels 1–5, as the threat index weighs them). An event covering several
 * days (a month- or year-precision date, a span) is spread evenly over its days exactly as the
 * timeline spreads it, so a week holds the share of its days that fall in the week: never a
 * spike on the 1st. Counts are therefore not always whole numbers.
 */
export interface WeeklyCounts {
  readonly kind: PlaceKind
  readonly firstWeek: number
  readonly weeks: number
  /** Place keys: alpha-2 codes, region slugs or actor names. */
  readonly places: readonly string[]
  readonly counts: Float64Array
  readonly weighted: Float64Array
}

/** The columns weekly counts read: a table, or the part of one sent to a worker. */
export type WeeklyInput = Pick<EventTable, 'size' | 'startMs' | 'endMs' | 'level' | 'place' | 'places' | 'actors' | 'extentMs'>

/** Longest frame kept, in weeks (as the timeline caps its days). */
const MAX_WEEKS = Math.ceil(MAX_TIMELINE_DAYS / 7)

/**
 * The weeks the table covers: from the week of its first start to the week of its last end,
 * stretched to `throughMs` (exclusive) when given, so that quiet weeks up to an as-of date
 * count as zeros.
 */
export function weekFrame(table: Pick<EventTable, 'size' | 'extentMs'>, throughMs?: EpochMs): { firstWeek: number; weeks: number } {
  if (table.size === 0) return { firstWeek: 0, weeks: 0 }
  const firstWeek = weekOfDay(Math.floor(table.extentMs[0] / DAY_MS))
  let lastDay = Math.ceil(table.extentMs[1] / DAY_MS) - 1
  if (throughMs !== undefined && Number.isFinite(throughMs)) lastDay = Math.max(lastDay, Math.ceil(throughMs / DAY_MS) - 1)
  const weeks = Math.min(MAX_WEEKS, Math.max(1, weekOfDay(lastDay) - firstWeek + 1))
  return { firstWeek, weeks }
}

/**
 * Adds one row's counts to `target` (a row of `weeks` cells from `firstWeek`), spread as the
 * timeline spreads: `amount` on its day's week when it covers one day, else `amount / days` per
 * day, summed per week. Parts outside the frame are dropped.
 */
export function addRow(target: Float64Array, base: number, firstWeek: number, weeks: number, startMs: number, endMs: number, amount: number): void {
  const d0 = Math.floor(startMs / DAY_MS)
  const d1 = rowEndDay(startMs, endMs)
  if (!(d1 > d0)) return
  if (d1 - d0 === 1) {
    const w = weekOfDay(d0) - firstWeek
    if (w >= 0 && w < weeks) target[base + w]! += amount
    return
  }
  const perDay = amount / (d1 - d0)
  const w0 = Math.max(0, weekOfDay(d0) - firstWeek)
  const w1 = Math.min(weeks - 1, weekOfDay(d1 - 1) - firstWeek)
  for (let w = w0; w <= w1; w++) {
    const from = Math.max(d0, weekStartDay(firstWeek + w))
    const to = Math.min(d1, weekStartDay(firstWeek + w + 1))
    target[base + w]! += perDay * (to - from)
  }
}

/** Sums place-set rows into the places of one multi-column (countries or regions of each set). */
function spreadSets(setCounts: Float64Array, weeks: number, column: MultiColumn): Float64Array {
  const out = new Float64Array(column.dict.values.length * weeks)
  const setCount = column.offsets.length - 1
  for (let set = 0; set < setCount; set++) {
    for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) {
      const base = column.values[j]! * weeks
      const from = set * weeks
      for (let w = 0; w < weeks; w++) out[base + w]! += setCounts[from + w]!
    }
  }
  return out
}

/**
 * Weekly counts of every country, region or actor of the table (the whole table: dashboard
 * filters do not apply). Rows with dates that are not numbers are left out. An event with two
 * countries counts in each. One pass over the rows; countries and regions are summed per place
 * set first. Does not modify the table.
 */
export function weeklyCounts(table: WeeklyInput, kind: PlaceKind, throughMs?: EpochMs): WeeklyCounts {
  const { firstWeek, weeks } = weekFrame(table, throughMs)
  const { startMs, endMs, level } = table
  if (kind === 'actor') {
    const { offsets, values, dict } = table.actors
    const counts = new Float64Array(dict.values.length * weeks)
    const weighted = new Float64Array(dict.values.length * weeks)
    for (let row = 0; row < table.size; row++) {
      const weight = severityWeight(level[row]!)
      for (let j = offsets[row]!; j < offsets[row + 1]!; j++) {
        const base = values[j]! * weeks
        addRow(counts, base, firstWeek, weeks, startMs[row]!, endMs[row]!, 1)
        addRow(weighted, base, firstWeek, weeks, startMs[row]!, endMs[row]!, weight)
      }
    }
    return { kind, firstWeek, weeks, places: dict.values, counts, weighted }
  }
  return countsOfSets(table, placeSetCounts(table, throughMs), kind)
}

/** Weekly counts per place set (`counts[set * weeks + w]`): what country and region counts are summed from. */
export interface PlaceSetCounts {
  readonly firstWeek: number
  readonly weeks: number
  readonly counts: Float64Array
  readonly weighted: Float64Array
}

/** One pass over the rows: weekly counts per place set. */
export function placeSetCounts(table: WeeklyInput, throughMs?: EpochMs): PlaceSetCounts {
  const { firstWeek, weeks } = weekFrame(table, throughMs)
  const { startMs, endMs, level, place } = table
  const counts = new Float64Array(table.places.size * weeks)
  const weighted = new Float64Array(table.places.size * weeks)
  for (let row = 0; row < table.size; row++) {
    const base = place[row]! * weeks
    addRow(counts, base, firstWeek, weeks, startMs[row]!, endMs[row]!, 1)
    addRow(weighted, base, firstWeek, weeks, startMs[row]!, endMs[row]!, severityWeight(level[row]!))
  }
  return { firstWeek, weeks, counts, weighted }
}

/** Country or region counts from place-set counts (no pass over the rows). */
export function countsOfSets(table: Pick<WeeklyInput, 'places'>, sets: PlaceSetCounts, kind: 'country' | 'region'): WeeklyCounts {
  const column = kind === 'country' ? table.places.countries : table.places.regions
  return {
    kind,
    firstWeek: sets.firstWeek,
    weeks: sets.weeks,
    places: column.dict.values,
    counts: spreadSets(sets.counts, sets.weeks, column),
    weighted: spreadSets(sets.weighted, sets.weeks, column),
  }
}

/** The weekly counts of all events from place-set counts (an event is in exactly one set). */
export function totalsOfSets(sets: PlaceSetCounts): WeeklyCounts {
  const { weeks } = sets
  const counts = new Float64Array(weeks)
  const weighted = new Float64Array(weeks)
  for (let i = 0; i < sets.counts.length; i++) {
    counts[i % weeks]! += sets.counts[i]!
    weighted[i % weeks]! += sets.weighted[i]!
  }
  return { kind: 'region', firstWeek: sets.firstWeek, weeks, places: ['all'], counts, weighted }
}

/**
 * The weekly counts of all events together, as counts of one place named `all` (kind
 * `region`, which it is not: read it as "everywhere"). What the timeline's expected band uses.
 */
export function weeklyTotals(table: WeeklyInput, throughMs?: EpochMs): WeeklyCounts {
  return totalsOfSets(placeSetCounts(table, throughMs))
}

/** One place's weekly series (a view into the counts, not a copy; do not modify it). */
export function placeSeries(counts: WeeklyCounts, placeIndex: number, measure: 'count' | 'weighted'): Float64Array {
  const source = measure === 'count' ? counts.counts : counts.weighted
  return source.subarray(placeIndex * counts.weeks, (placeIndex + 1) * counts.weeks)
}
