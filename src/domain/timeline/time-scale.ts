import type { EpochMs } from '../model.ts'
import type { Bucket } from './buckets.ts'

/**
 * Maps time to pixels across a row of equal-width bars. Bars are bands of one bucket each, and
 * buckets differ in length (months of 28–31 days), so the map is linear within each bucket:
 * an instant a third into March lands a third into March's band. Markers, lanes, the as-of line
 * and the brush all use this one scale, so they line up with the bars.
 */
export interface TimeScale {
  /** Left edge of the plot and its width, px. */
  readonly leftPx: number
  readonly widthPx: number
  readonly fromMs: EpochMs
  readonly toMs: EpochMs
  /** x (px) of an instant; clamped to the plot. */
  x(ms: EpochMs): number
  /** The instant at x (px); clamped to the span. */
  time(xPx: number): EpochMs
}

/** The scale for `buckets` drawn as equal bands across [leftPx, leftPx + widthPx]. */
export function timeScale(buckets: readonly Bucket[], leftPx: number, widthPx: number): TimeScale {
  const n = buckets.length
  const band = n > 0 ? widthPx / n : widthPx
  const fromMs = n > 0 ? buckets[0]!.startMs : 0
  const toMs = n > 0 ? buckets[n - 1]!.endMs : 1
  const indexOf = (ms: EpochMs): number => {
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (buckets[mid]!.startMs <= ms) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  return {
    leftPx,
    widthPx,
    fromMs,
    toMs,
    x(ms) {
      if (n === 0) return leftPx
      if (ms <= fromMs) return leftPx
      if (ms >= toMs) return leftPx + widthPx
      const i = indexOf(ms)
      const b = buckets[i]!
      return leftPx + band * (i + (ms - b.startMs) / (b.endMs - b.startMs))
    },
    time(xPx) {
      if (n === 0) return fromMs
      const pos = Math.min(n, Math.max(0, (xPx - leftPx) / band))
      const i = Math.min(n - 1, Math.floor(pos))
      const b = buckets[i]!
      return b.startMs + (pos - i) * (b.endMs - b.startMs)
    },
  }
}
