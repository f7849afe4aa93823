import { DAY_MS } from '../dates.ts'
import type { EpochMs } from '../model.ts'
import type { TimelineCounts } from '../engine/views-engine.ts'

export type BucketUnit = 'day' | 'week' | 'month' | 'quarter' | 'year'

/** One bar of the timeline: counts per level, day-precise (`exact`) and spread from imprecise dates. */
export interface Bucket {
  readonly startMs: EpochMs
  readonly endMs: EpochMs
  /** Index 0–4 for levels 1–5. */
  readonly exact: readonly number[]
  /** Shares of events that cover several days (month/year precision, end dates), index 0–4. */
  readonly spread: readonly number[]
}

/** A half-open span of time [fromMs, toMs), whole UTC days. */
export interface Span {
  readonly fromMs: EpochMs
  readonly toMs: EpochMs
}

const UNITS: readonly BucketUnit[] = ['day', 'week', 'month', 'quarter', 'year']
const UNIT_DAYS: Readonly<Record<BucketUnit, number>> = { day: 1, week: 7, month: 30.44, quarter: 91.3, year: 365.25 }

/**
 * Narrowest a bar may be, in CSS pixels. Three pixels keeps the chart well under one mark per
 * pixel and leaves each bar wide enough to see and to point at.
 */
export const MIN_BAR_PX = 3

/** The finest unit that keeps the bar count at or under `maxBars` for a span of `days`. */
export function chooseBucketUnit(days: number, maxBars: number): BucketUnit {
  return UNITS.find((u) => days / UNIT_DAYS[u] <= maxBars) ?? 'year'
}

/** The unit for a plot `plotWidthPx` wide showing `days` days: bars at least MIN_BAR_PX wide. */
export function unitForWidth(days: number, plotWidthPx: number): BucketUnit {
  return chooseBucketUnit(days, Math.max(1, Math.floor(plotWidthPx / MIN_BAR_PX)))
}

/** The start of the bucket containing `ms`: weeks start on Monday, all in UTC. */
export function bucketStart(ms: EpochMs, unit: BucketUnit): EpochMs {
  const d = new Date(ms)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  switch (unit) {
    case 'day':
      return Math.floor(ms / DAY_MS) * DAY_MS
    case 'week': {
      const day = Math.floor(ms / DAY_MS)
      // 1970-01-01 was a Thursday: (day + 3) mod 7 is days since Monday.
      return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS
    }
    case 'month':
      return Date.UTC(y, m, 1)
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1)
    case 'year':
      return Date.UTC(y, 0, 1)
  }
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: EpochMs, unit: BucketUnit): EpochMs {
  const d = new Date(start)
  switch (unit) {
    case 'day':
      return start + DAY_MS
    case 'week':
      return start + 7 * DAY_MS
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1)
    case 'year':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1)
  }
}

/** The whole data extent of the timeline counts as a span; null when there is none. */
export function extentSpan(timeline: TimelineCounts): Span | null {
  if (timeline.days === 0) return null
  return { fromMs: timeline.firstDay * DAY_MS, toMs: (timeline.firstDay + timeline.days) * DAY_MS }
}

/**
 * What the chart shows: the brushed range when there is one (clipped to the data, so an open
 * "from" does not stretch the axis back to year −271 821), else the whole extent.
 * Days are whole UTC days.
 */
export function visibleSpan(timeline: TimelineCounts, range: Span | null): Span | null {
  const extent = extentSpan(timeline)
  if (extent === null) return null
  if (range === null) return extent
  const fromMs = Math.floor(Math.max(range.fromMs, extent.fromMs) / DAY_MS) * DAY_MS
  const toMs = Math.ceil(Math.min(range.toMs, extent.toMs) / DAY_MS) * DAY_MS
  // A range wholly outside the data still shows itself (empty), not the whole history.
  if (toMs <= fromMs) return { fromMs: Math.floor(range.fromMs / DAY_MS) * DAY_MS, toMs: Math.max(Math.ceil(range.toMs / DAY_MS) * DAY_MS, range.fromMs + DAY_MS) }
  return { fromMs, toMs }
}

/** The edges of the buckets of `unit` covering `span` (widened to whole buckets): each bucket's start and end. */
export function bucketEdges(span: Span, unit: BucketUnit): { readonly starts: EpochMs[]; readonly ends: EpochMs[] } {
  const starts: EpochMs[] = []
  const ends: EpochMs[] = []
  for (let start = bucketStart(span.fromMs, unit); start < span.toMs; start = nextBucket(start, unit)) {
    starts.push(start)
    ends.push(nextBucket(start, unit))
  }
  return { starts, ends }
}

/**
 * Sums the day counts into buckets of `unit` covering `span`, widened to whole buckets so that
 * no bar holds a part-week or part-month. Days outside the timeline's frame count zero.
 * Cost: O(days in span + buckets).
 */
export function bucketSpan(timeline: TimelineCounts, span: Span, unit: BucketUnit): Bucket[] {
  const { starts, ends } = bucketEdges(span, unit)
  const buckets = starts.map((startMs, i) => ({ startMs, endMs: ends[i]!, exact: [0, 0, 0, 0, 0], spread: [0, 0, 0, 0, 0] }))
  if (buckets.length === 0 || timeline.days === 0) return buckets
  const firstDay = Math.max(timeline.firstDay, Math.floor(buckets[0]!.startMs / DAY_MS))
  const endDay = Math.min(timeline.firstDay + timeline.days, Math.floor(buckets[buckets.length - 1]!.endMs / DAY_MS))
  let b = 0
  for (let day = firstDay; day < endDay; day++) {
    const dayMs = day * DAY_MS
    while (b < buckets.length - 1 && dayMs >= buckets[b]!.endMs) b++
    const bucket = buckets[b]!
    const i = (day - timeline.firstDay) * 5
    for (let l = 0; l < 5; l++) {
      bucket.exact[l]! += timeline.exact[i + l]!
      bucket.spread[l]! += timeline.spread[i + l]!
    }
  }
  return buckets
}

/** Sums the day counts into buckets of `unit`, covering every day of the timeline. */
export function bucketTimeline(timeline: TimelineCounts, unit: BucketUnit): Bucket[] {
  const span = extentSpan(timeline)
  return span === null ? [] : bucketSpan(timeline, span, unit)
}
