import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bucketStart, nextBucket, type BucketUnit } from '../../../../src/domain/timeline/buckets.ts'
import { formatBucket, timeAxis } from '../../../../src/features/timeline/utils/format-time.ts'

/** The bucket starts from `fromMs` to `toMs`, as the timeline draws them. */
function starts(fromMs: number, toMs: number, unit: BucketUnit): number[] {
  const out: number[] = []
  for (let t = bucketStart(fromMs, unit); t < toMs; t = nextBucket(t, unit)) out.push(t)
  return out
}

const labels = (fromMs: number, toMs: number, unit: BucketUnit, max = 30): string[] => {
  const axis = timeAxis(starts(fromMs, toMs, unit), unit, max)
  return axis.ticks.map(axis.format)
}

describe('timeAxis', () => {
  it('puts one tick on the first week of each month of a long weekly axis: no "Jun 25" twice', () => {
    expect(labels(Date.UTC(2025, 0, 1), Date.UTC(2026, 2, 1), 'week')).toEqual([
      'Dec 24', 'Jan 25', 'Feb 25', 'Mar 25', 'Apr 25', 'May 25', 'Jun 25', 'Jul 25', 'Aug 25', 'Sep 25', 'Oct 25', 'Nov 25', 'Dec 25', 'Jan 26', 'Feb 26',
    ])
  })

  it('reads short weekly axes as days, month axes as months, long ones as years', () => {
    expect(labels(Date.UTC(2025, 8, 1), Date.UTC(2025, 9, 1), 'week')).toEqual(['1 Sep', '8 Sep', '15 Sep', '22 Sep', '29 Sep'])
    expect(labels(Date.UTC(2025, 0, 1), Date.UTC(2025, 5, 1), 'month')).toEqual(['Jan 25', 'Feb 25', 'Mar 25', 'Apr 25', 'May 25'])
    expect(labels(Date.UTC(2016, 0, 1), Date.UTC(2026, 0, 1), 'month', 5)).toEqual(['2016', '2018', '2020', '2022', '2024'])
    expect(labels(Date.UTC(2020, 0, 1), Date.UTC(2023, 0, 1), 'quarter')).toEqual(['2020', '2021', '2022'])
  })

  it('never repeats a label, whatever the span, unit and width', () => {
    const day = 86_400_000
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1) / day, max: Date.UTC(2030, 0, 1) / day }),
        fc.integer({ min: 1, max: 6000 }),
        fc.constantFrom<BucketUnit>('day', 'week', 'month', 'quarter', 'year'),
        fc.integer({ min: 1, max: 60 }),
        (fromDay, days, unit, max) => {
          fc.pre(unit !== 'day' || days <= 1500)
          const shown = labels(fromDay * day, (fromDay + days) * day, unit, max)
          expect(new Set(shown).size).toBe(shown.length)
          expect(shown.length).toBeLessThanOrEqual(max)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('formatBucket', () => {
  it('names buckets with three-letter months', () => {
    const sep = Date.UTC(2025, 8, 1)
    expect((['year', 'quarter', 'month', 'week', 'day'] as const).map((unit) => formatBucket(sep, unit))).toEqual([
      '2025', 'Q3 2025', 'Sep 2025', 'week of 1 Sep 2025', '1 Sep 2025',
    ])
  })
})
