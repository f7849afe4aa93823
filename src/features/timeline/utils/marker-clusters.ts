import type { Bucket } from '../../../domain/timeline/buckets.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'

/**
 * The narrowest stretch of the marker row one merged marker stands for, px: room for its shape
 * and a count of at most five characters ("×1.2K") beside it, so neighbours never touch.
 */
export const MARKER_CLUSTER_PX = 48

/** One merged marker: the high and critical events of a run of adjacent bars. */
export interface MarkerCluster {
  readonly fromMs: number
  readonly toMs: number
  /** Left and right edge of the run, px. */
  readonly x0: number
  readonly x1: number
  /** Level 4 and level 5 events (fractions where an imprecise date spreads over several bars). */
  readonly high: number
  readonly critical: number
}

/**
 * Merges adjacent bars, left to right, into runs at least `minPx` wide (the last run joins the one
 * before it when it is narrower), and keeps the runs that hold a high or critical event. A bar
 * wider than `minPx` is a run of its own. Runs do not overlap and each is at least `minPx` wide
 * (unless the whole chart is narrower), so markers drawn at their middles are at least `minPx`
 * apart.
 */
export function clusterMarkerBars(buckets: readonly Bucket[], scale: TimeScale, minPx = MARKER_CLUSTER_PX): MarkerCluster[] {
  const runs: { from: number; to: number; high: number; critical: number }[] = []
  let open: { from: number; to: number; high: number; critical: number } | null = null
  for (const b of buckets) {
    if (open === null) open = { from: b.startMs, to: b.endMs, high: 0, critical: 0 }
    open.to = b.endMs
    open.high += b.exact[3]! + b.spread[3]!
    open.critical += b.exact[4]! + b.spread[4]!
    if (scale.x(open.to) - scale.x(open.from) >= minPx) {
      runs.push(open)
      open = null
    }
  }
  if (open !== null) {
    const last = runs.at(-1)
    if (last === undefined) runs.push(open)
    else {
      last.to = open.to
      last.high += open.high
      last.critical += open.critical
    }
  }
  return runs
    .filter((r) => r.high + r.critical >= 0.05)
    .map((r) => ({ fromMs: r.from, toMs: r.to, x0: scale.x(r.from), x1: scale.x(r.to), high: r.high, critical: r.critical }))
}

/**
 * A merged marker's count as written beside it, at most five characters: "×7", "×999", "×1.2K",
 * "×13K"; "×<1" for a share of an imprecise event. The marker's label gives the exact count.
 */
export function clusterCountText(n: number): string {
  if (n < 0.5) return '×<1'
  const whole = Math.round(n)
  if (whole >= 9950) return `×${Math.round(whole / 1000)}K`
  if (whole >= 1000) return `×${(whole / 1000).toFixed(1)}K`
  return `×${whole}`
}
