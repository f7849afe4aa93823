import { useMemo } from 'react'
import type { Bucket, Span } from '../../../domain/timeline/buckets.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'
import { formatCount, formatDay } from '../../../ui/format.ts'
import { clusterMarkerBars } from '../utils/marker-clusters.ts'
import type { HoverInfo } from './chart-overlay.tsx'
import { MarkerClusterMark } from './marker-cluster.tsx'

/** What a merged marker stands for, in words: its count and its days. */
function clusterLabel(count: number, fromMs: number, toMs: number): string {
  const n = count >= 1 ? formatCount(count) : String(Math.round(count * 10) / 10)
  const from = formatDay(fromMs)
  const to = formatDay(toMs - 1)
  return `${n} high or critical events, ${from === to ? from : `${from} – ${to}`}; select to zoom in`
}

interface MergedMarkersProps {
  readonly buckets: readonly Bucket[]
  readonly scale: TimeScale
  readonly y: number
  readonly onZoom: (span: Span) => void
  readonly onHover: (hover: HoverInfo | null) => void
}

/**
 * Past the markers the engine lists one by one: runs of adjacent bars merged into one marker
 * each, with a count (marker-clusters.ts), never a solid strip of shapes. Selecting one zooms
 * into its run.
 */
export function MergedMarkers({ buckets, scale, y, onZoom, onHover }: MergedMarkersProps) {
  const clusters = useMemo(() => clusterMarkerBars(buckets, scale), [buckets, scale])
  return clusters.map((c) => {
    const label = clusterLabel(c.high + c.critical, c.fromMs, c.toMs)
    return (
      <MarkerClusterMark
        key={c.fromMs}
        cluster={c}
        y={y}
        label={label}
        onSelect={() => onZoom({ fromMs: c.fromMs, toMs: c.toMs })}
        onHover={(x) => onHover(x === null ? null : { xPx: x, row: null, text: label })}
      />
    )
  })
}
