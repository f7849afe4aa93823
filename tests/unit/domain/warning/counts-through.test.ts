import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeWarning, warningFrom } from '../../../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../../src/domain/warning/settings.ts'
import { countsBuffers } from '../../../../src/domain/warning/counts-buffers.ts'
import { countsThrough, warningCountsOf, warningSourceOf, type WarningCounts } from '../../../../src/domain/warning/warning-counts.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { weekStartIso } from '../../../../src/domain/warning/weeks.ts'
import { handTable } from '../hand-table.ts'

const DAY = 86_400_000

/** Where two sets of counts first differ ('' when they are the same): a plain loop, as a deep equality over millions of cells is slow. */
function firstDifference(a: WarningCounts, b: WarningCounts): string {
  if (a.dataEndMs !== b.dataEndMs) return 'dataEndMs'
  for (const kind of ['all', 'country', 'region', 'actor'] as const) {
    const [x, y] = [a[kind], b[kind]]
    if (x.kind !== y.kind || x.firstWeek !== y.firstWeek || x.weeks !== y.weeks || x.places.join('|') !== y.places.join('|')) return `${kind}: frame or places`
    for (const measure of ['counts', 'weighted'] as const) {
      if (x[measure].length !== y[measure].length) return `${kind}.${measure}: length`
      for (let i = 0; i < x[measure].length; i++) if (x[measure][i] !== y[measure][i]) return `${kind}.${measure}[${i}]`
    }
  }
  return ''
}

const table = handTable([
  // Wednesday 12 March 2025 and Friday 14 March: the data's last week starts Monday 10 March.
  { date: '2025-03-12', level: 2, title: 'a', countries: ['FR'], regions: ['europe'], actors: ['Police'] },
  { date: '2025-03-14', level: 5, title: 'b', countries: ['FR', 'DE'], regions: ['europe'], actors: ['Army'] },
  // Monday 24 February.
  { date: '2025-02-24', level: 1, title: 'c', countries: ['DE'], regions: ['europe'] },
])

describe('counts through an as-of, from the data’s own counts', () => {
  it('add zero weeks up to the as-of’s week and keep every count before', () => {
    const own = warningCountsOf(table, -Infinity)
    // 24 Feb to the week of 10 March: three weeks.
    expect(weekStartIso(own.all.firstWeek)).toBe('2025-02-24')
    expect(own.all.weeks).toBe(3)
    // As of Wednesday 26 March: the weeks of 17 and 24 March are added, empty.
    const through = countsThrough(own, Date.UTC(2025, 2, 26, 12))
    expect(through.all.weeks).toBe(5)
    expect([...through.all.counts]).toEqual([1, 0, 2, 0, 0])
    const fr = through.country.places.indexOf('FR')
    expect([...through.country.counts.subarray(fr * 5, fr * 5 + 5)]).toEqual([0, 0, 2, 0, 0])
    expect([...through.country.weighted.subarray(fr * 5, fr * 5 + 5)]).toEqual([0, 0, 2 + 16, 0, 0])
    expect(firstDifference(through, warningCountsOf(table, Date.UTC(2025, 2, 26, 12)))).toBe('')
  })

  it('are the data’s own counts, unchanged, for an as-of inside the data or not a number', () => {
    const own = warningCountsOf(table, -Infinity)
    expect(countsThrough(own, Date.UTC(2025, 2, 1))).toBe(own)
    expect(countsThrough(own, NaN)).toBe(own)
  })

  it('equal the counts made from the rows at any as-of, and so does the warning (property)', () => {
    const generated = generateSyntheticTable({ size: 800, seed: 11 })
    const own = warningCountsOf(generated, -Infinity)
    const [from, to] = generated.extentMs
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: Math.floor(from / DAY) - 30, max: Math.ceil(to / DAY) + 20_000 }).map((d) => d * DAY + 3_600_000), fc.constant(NaN)), (asOf) => {
        expect(firstDifference(countsThrough(own, asOf), warningCountsOf(generated, asOf))).toBe('')
      }),
      { numRuns: 25 },
    )
    for (const asOf of [to, to + 30 * DAY, to + 400 * DAY]) {
      expect(warningFrom(warningSourceOf(countsThrough(own, asOf)), asOf, DEFAULT_WARNING_SETTINGS, [])).toEqual(computeWarning(generated, asOf, DEFAULT_WARNING_SETTINGS, []))
    }
  })

  it('name each buffer once for a transfer', () => {
    const own = warningCountsOf(table, -Infinity)
    const buffers = countsBuffers(own)
    expect(buffers).toHaveLength(8)
    expect(new Set(buffers).size).toBe(8)
    expect(buffers).toContain(own.actor.weighted.buffer)
  })
})
