import { DAY_MS } from '../../../domain/dates.ts'
import type { EpochMs } from '../../../domain/model.ts'
import type { TimelineCounts } from '../../../domain/views.ts'

export type BucketUnit = 'day' | 'week' | 'month' | 'quarter' | 'year'

/** One bar of the timeline: counts per level, day-precise (`exact`) and spread from imprecise dates. */
export interface Bucket {
  readonly startMs: EpochMs
  readonly endMs: EpochMs
  /** Index 0–4 for levels 1–5. */
  readonly exact: readonly number[]
  readonly spread: readonly number[]
}

const UNIT_DAYS: Readonly<Record<BucketUnit, number>> = { day: 1, week: 7, month: 30.44, quarter: 91.3, year: 365.25 }

/** The finest unit that keeps the bar count at or under `maxBars` for a span of `days`. */
export function chooseBucketUnit(days: number, maxBars: number): BucketUnit {
  const units: BucketUnit[] = ['day', 'week', 'month', 'quarter', 'year']
  return units.find((u) => days / UNIT_DAYS[u] <= maxBars) ?? 'year'
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
      // 1970-01-01 was a Thursday: (day + 3) % 7 is days since Monday.
      return (day - (((day + 3) % 7) + 7) % 7) * DAY_MS
    }
    case 'month':
      return Date.UTC(y, m, 1)
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1)
    case 'year':
      return Date.UTC(y, 0, 1)
  }
}

function nextBucket(start: EpochMs, unit: BucketUnit): EpochMs {
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

/** Sums the day counts into buckets of `unit`, covering every day of the timeline. */
export function bucketTimeline(timeline: TimelineCounts, unit: BucketUnit): Bucket[] {
  if (timeline.days === 0) return []
  const firstMs = timeline.firstDay * DAY_MS
  const lastMs = (timeline.firstDay + timeline.days) * DAY_MS
  const buckets: { startMs: number; endMs: number; exact: number[]; spread: number[] }[] = []
  for (let start = bucketStart(firstMs, unit); start < lastMs; start = nextBucket(start, unit)) {
    buckets.push({ startMs: start, endMs: nextBucket(start, unit), exact: [0, 0, 0, 0, 0], spread: [0, 0, 0, 0, 0] })
  }
  let b = 0
  for (let d = 0; d < timeline.days; d++) {
    const dayMs = firstMs + d * DAY_MS
    while (b < buckets.length - 1 && dayMs >= buckets[b]!.endMs) b++
    const bucket = buckets[b]!
    for (let l = 0; l < 5; l++) {
      bucket.exact[l]! += timeline.exact[d * 5 + l]!
      bucket.spread[l]! += timeline.spread[d * 5 + l]!
    }
  }
  return buckets
}
