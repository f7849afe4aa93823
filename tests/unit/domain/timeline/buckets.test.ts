import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { computeViews } from '../../../../src/domain/engine/local/views.ts'
import type { TimelineCounts } from '../../../../src/domain/engine/views-engine.ts'
import { bucketSpan, bucketStart, chooseBucketUnit, nextBucket, unitForWidth, visibleSpan } from '../../../../src/domain/timeline/buckets.ts'

function timelineOf(events: object[]): TimelineCounts {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  const table = buildEventTable(outcome.result.dataset)
  return computeViews(table, computeMask(table, EMPTY_FILTER)).timeline
}

const ev = (id: string, date: string, threatLevel: number, extra: object = {}): object => ({ id, title: id, date, threatLevel, countries: ['FR'], ...extra })

describe('bucket units', () => {
  it('picks the finest unit that keeps bars at or under the limit', () => {
    expect(chooseBucketUnit(90, 250)).toBe('day')
    expect(chooseBucketUnit(365, 250)).toBe('week')
    expect(chooseBucketUnit(1827, 250)).toBe('month')
    expect(chooseBucketUnit(3653, 100)).toBe('quarter')
    expect(chooseBucketUnit(36530, 100)).toBe('year')
  })

  it('allows at most one bar per 3 px of plot', () => {
    // 752 px → 250 bars: 250 days fit as days, 251 do not.
    expect(unitForWidth(250, 752)).toBe('day')
    expect(unitForWidth(251, 752)).toBe('week')
    // Ten years of days on a 600 px plot: 200 bars at most, so months (120), not weeks (522).
    expect(unitForWidth(3653, 600)).toBe('month')
  })

  it('starts weeks on Monday and quarters in Jan/Apr/Jul/Oct, in UTC', () => {
    expect(new Date(bucketStart(Date.UTC(2024, 2, 14, 13), 'week')).toISOString()).toBe('2024-03-11T00:00:00.000Z')
    expect(new Date(bucketStart(Date.UTC(2024, 7, 31), 'quarter')).toISOString()).toBe('2024-07-01T00:00:00.000Z')
    expect(new Date(nextBucket(Date.UTC(2024, 0, 1), 'month')).toISOString()).toBe('2024-02-01T00:00:00.000Z')
    expect(new Date(nextBucket(Date.UTC(2023, 9, 1), 'quarter')).toISOString()).toBe('2024-01-01T00:00:00.000Z')
  })
})

describe('bucketing', () => {
  it('counts day-precise events in their month and spreads a year-only event evenly over its year', () => {
    const timeline = timelineOf([ev('a', '2019-03-05', 4), ev('b', '2019-03-30', 2), ev('y', '2019', 5), ev('z', '2019-12-31', 1)])
    const span = visibleSpan(timeline, null)!
    const buckets = bucketSpan(timeline, span, 'month')
    expect(buckets).toHaveLength(12)
    const march = buckets[2]!
    expect(new Date(march.startMs).toISOString().slice(0, 10)).toBe('2019-03-01')
    expect(march.exact).toEqual([0, 1, 0, 1, 0])
    // The year-only level-5 event: 31/365 of it in March, 28/365 in February, never all on 1 January.
    expect(march.spread[4]).toBeCloseTo(31 / 365, 10)
    expect(buckets[1]!.spread[4]).toBeCloseTo(28 / 365, 10)
    expect(buckets[0]!.spread[4]).toBeCloseTo(31 / 365, 10)
    expect(buckets.reduce((s, b) => s + b.spread[4]!, 0)).toBeCloseTo(1, 10)
    expect(buckets[11]!.exact[0]).toBe(1)
  })

  it('spreads a span with an end date over its days', () => {
    // 10 days, 2024-01-28 to 2024-02-06 inclusive: 4 days in January, 6 in February.
    const timeline = timelineOf([ev('s', '2024-01-28', 3, { endDate: '2024-02-06' }), ev('t', '2024-03-01', 1)])
    const buckets = bucketSpan(timeline, visibleSpan(timeline, null)!, 'month')
    expect(buckets.map((b) => b.spread[2])).toEqual([0.4, 0.6, 0].map((v) => expect.closeTo(v, 10)))
  })

  it('shows the brushed range in whole buckets, clipped to the data', () => {
    const timeline = timelineOf([ev('a', '2020-01-10', 3), ev('b', '2020-06-20', 3)])
    const range = { fromMs: Date.UTC(2020, 2, 4), toMs: Date.UTC(2020, 2, 19) }
    const span = visibleSpan(timeline, range)!
    expect(span).toEqual(range)
    const weeks = bucketSpan(timeline, span, 'week')
    expect(new Date(weeks[0]!.startMs).toISOString().slice(0, 10)).toBe('2020-03-02')
    expect(new Date(weeks[weeks.length - 1]!.endMs).toISOString().slice(0, 10)).toBe('2020-03-23')
    // An open-ended range (only `to`) stops at the data's first day.
    expect(visibleSpan(timeline, { fromMs: -8.64e15, toMs: Date.UTC(2020, 3, 1) })!.fromMs).toBe(Date.UTC(2020, 0, 10))
    // A range outside the data is shown as itself (empty), not replaced by all of history.
    const outside = visibleSpan(timeline, { fromMs: Date.UTC(2030, 0, 1), toMs: Date.UTC(2030, 1, 1) })!
    expect((outside.toMs - outside.fromMs) / DAY_MS).toBe(31)
    expect(bucketSpan(timeline, outside, 'day').every((b) => b.exact.every((c) => c === 0))).toBe(true)
  })
})
