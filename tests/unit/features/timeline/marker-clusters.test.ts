import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import type { Bucket } from '../../../../src/domain/timeline/buckets.ts'
import { timeScale } from '../../../../src/domain/timeline/time-scale.ts'
import { clusterCountText, clusterMarkerBars } from '../../../../src/features/timeline/utils/marker-clusters.ts'

/** Day bars from 1 Jan 2024 with `high[i]` level-4 and `critical[i]` level-5 events. */
function days(high: readonly number[], critical: readonly number[] = []): Bucket[] {
  const start = Date.UTC(2024, 0, 1)
  return high.map((h, i) => ({
    startMs: start + i * DAY_MS,
    endMs: start + (i + 1) * DAY_MS,
    exact: [0, 0, 0, h, critical[i] ?? 0],
    spread: [0, 0, 0, 0, 0],
  }))
}

describe('clusterMarkerBars', () => {
  it('merges 10 px bars into runs of at least 25 px, the short end joining the last run', () => {
    const buckets = days([1, 0, 2, 0, 0, 0, 3, 1, 0, 4], [0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    const scale = timeScale(buckets, 0, 100)
    const runs = clusterMarkerBars(buckets, scale, 25)
    // Runs of three bars: 0–2 (3 events), 3–5 (none: not drawn), 6–9 with the tenth bar (3 + 1 + 1 + 4).
    expect(runs.map((r) => [r.x0, r.x1, r.high, r.critical])).toEqual([
      [0, 30, 3, 0],
      [60, 100, 8, 1],
    ])
    expect(runs[1]!.fromMs).toBe(Date.UTC(2024, 0, 7))
    expect(runs[1]!.toMs).toBe(Date.UTC(2024, 0, 11))
  })

  it('keeps a bar wider than a run as a run of its own', () => {
    const buckets = days([1, 2, 3])
    const runs = clusterMarkerBars(buckets, timeScale(buckets, 40, 300), 44)
    expect(runs.map((r) => [r.x0, r.x1, r.high])).toEqual([
      [40, 140, 1],
      [140, 240, 2],
      [240, 340, 3],
    ])
  })

  it('writes counts in at most five characters, thousands as K, and a share of an imprecise event as <1', () => {
    expect([0.3, 0.6, 7, 999, 1234, 9949, 9950, 12_500].map(clusterCountText)).toEqual(['×<1', '×1', '×7', '×999', '×1.2K', '×9.9K', '×10K', '×13K'])
  })
})
