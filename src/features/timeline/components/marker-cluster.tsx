import type { ThreatLevel } from '../../../domain/model.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { clusterCountText, type MarkerCluster } from '../utils/marker-clusters.ts'
import { markButtonProps, markerPath } from './event-mark.tsx'

interface MarkerClusterMarkProps {
  readonly cluster: MarkerCluster
  readonly y: number
  readonly label: string
  readonly onSelect: () => void
  readonly onHover: (x: number | null) => void
}

/**
 * A merged marker: the shape of the highest level among a run of bars with "×N" beside it, where
 * N counts the run's high and critical events. Centred on its run, which is wide enough for the
 * shape and the count (MARKER_CLUSTER_PX), so neighbours never touch. Focusable, Enter selects.
 */
export function MarkerClusterMark({ cluster, y, label, onSelect, onHover }: MarkerClusterMarkProps) {
  const level: ThreatLevel = cluster.critical >= 0.05 ? 5 : 4
  const mid = (cluster.x0 + cluster.x1) / 2
  return (
    <g
      className="timeline-mark timeline-mark--cluster"
      data-testid="timeline-marker-group"
      data-x={mid.toFixed(1)}
      aria-label={label}
      {...markButtonProps(mid, onSelect, onHover)}
    >
      <path d={markerPath(level, 5)} transform={`translate(${mid - 12},${y})`} fill={LEVEL_COLOURS[level]} stroke="var(--surface)" strokeWidth={1} />
      <text className="timeline-mark__count" x={mid - 5} y={y} dominantBaseline="central">
        {clusterCountText(cluster.high + cluster.critical)}
      </text>
      <rect x={cluster.x0} y={y - 8} width={Math.max(10, cluster.x1 - cluster.x0)} height={16} fill="transparent" />
    </g>
  )
}
