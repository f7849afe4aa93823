import { LEVEL_LABELS, THREAT_LEVELS } from '../../../domain/model.ts'
import type { Bucket, BucketUnit } from '../../../domain/timeline/buckets.ts'
import { formatBucket } from '../utils/format-time.ts'
import type { PlotBox } from '../utils/geometry.ts'
import type { ChartRow, IndexLine } from './level-chart.tsx'

interface BucketCardProps {
  readonly bucket: Bucket
  readonly unit: BucketUnit
  readonly box: PlotBox
  readonly index: number
  readonly count: number
  readonly width: number
  readonly lines: readonly IndexLine[]
  readonly row: ChartRow | undefined
}

const CARD_PX = 190
const fmt = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 1 })

/** The hovered bar's numbers: events per level (exact, and spread from imprecise dates) and index scores. */
export function BucketCard({ bucket, unit, box, index, count, width, lines, row }: BucketCardProps) {
  const total = bucket.exact.reduce((a, b) => a + b, 0) + bucket.spread.reduce((a, b) => a + b, 0)
  const x = box.leftPx + ((index + 0.5) / count) * box.widthPx
  // Beside the bar, on whichever side has room.
  const left = x + 12 + CARD_PX < width ? x + 12 : Math.max(0, x - 12 - CARD_PX)
  return (
    <div className="timeline-tooltip timeline-bucket-card" data-testid="timeline-bucket-card" style={{ left, top: box.topPx, width: CARD_PX }}>
      <strong>{formatBucket(bucket.startMs, unit)}</strong>
      <div>{fmt(total)} events</div>
      {THREAT_LEVELS.filter((l) => bucket.exact[l - 1]! + bucket.spread[l - 1]! > 0).map((l) => (
        <div key={l}>
          {l} {LEVEL_LABELS[l]}: {fmt(bucket.exact[l - 1]!)}
          {bucket.spread[l - 1]! > 0 && <span className="muted"> + {fmt(bucket.spread[l - 1]!)} spread</span>}
        </div>
      ))}
      {lines.map((line, k) => {
        const v = row?.[`i${k}`]
        return v === null || v === undefined ? null : (
          <div key={line.key}>
            Index {line.label}: {fmt(v)}
          </div>
        )
      })}
    </div>
  )
}
