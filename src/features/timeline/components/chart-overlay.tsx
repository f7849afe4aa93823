import { lazy, memo, Suspense } from 'react'
import { formatDay } from '../../../ui/format.ts'
import type { Bucket, Span } from '../../../domain/timeline/buckets.ts'
import { markDate, markLabel } from '../utils/describe.ts'
import type { PlotBox } from '../utils/geometry.ts'
import type { MarkerView } from '../../../domain/engine/views-engine.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'
import { EventMark } from './event-mark.tsx'

/** Merged markers appear only past 300 high or critical events: loaded when first needed. */
const MergedMarkers = lazy(() => import('./merged-markers.tsx').then((m) => ({ default: m.MergedMarkers })))

export interface HoverInfo {
  readonly xPx: number
  readonly row: number | null
  readonly text: string
}

interface ChartOverlayProps {
  readonly width: number
  readonly height: number
  readonly box: PlotBox
  readonly scale: TimeScale
  readonly buckets: readonly Bucket[]
  readonly markers: MarkerView
  readonly asOfMs: number
  /** The brushed range, when the chart is zoomed to it (shown undimmed; the rest of the whole buckets is dimmed). */
  readonly range: Span | null
  /** The trend's current and previous windows, when comparison shading is on. */
  readonly trendWindows: { readonly current: Span; readonly previous: Span } | null
  readonly dragPx: readonly [number, number] | null
  readonly onSelectRow: (row: number) => void
  readonly onZoom: (span: Span) => void
  readonly onHover: (hover: HoverInfo | null) => void
}

/** Markers, the as-of line, trend windows, the brushed range and the brush in progress, over the bars. */
export function ChartOverlay(props: ChartOverlayProps) {
  const { width, height, box, scale, buckets, markers, asOfMs, range, trendWindows, dragPx } = props
  const { onSelectRow, onZoom, onHover } = props
  const top = box.topPx
  const bottom = box.topPx + box.heightPx
  const markY = box.topPx / 2
  const band = (span: Span, className: string, label: string) => {
    const x0 = scale.x(span.fromMs)
    const x1 = scale.x(span.toMs)
    if (x1 - x0 < 1) return null
    return (
      <g className={className}>
        <rect x={x0} y={top} width={x1 - x0} height={box.heightPx} />
        {x1 - x0 > 70 && (
          <text x={x0 + 3} y={bottom - 4}>
            {label}
          </text>
        )}
      </g>
    )
  }
  const asOfX = asOfMs > scale.fromMs && asOfMs <= scale.toMs ? scale.x(asOfMs) : null
  return (
    <svg className="timeline-overlay" width={width} height={height} aria-hidden={markers.marks.length === 0 && !markers.merged ? true : undefined}>
      {range && (
        <g className="timeline-overlay__outside">
          {scale.x(range.fromMs) > box.leftPx && <rect x={box.leftPx} y={top} width={scale.x(range.fromMs) - box.leftPx} height={box.heightPx} />}
          {scale.x(range.toMs) < box.leftPx + box.widthPx && (
            <rect x={scale.x(range.toMs)} y={top} width={box.leftPx + box.widthPx - scale.x(range.toMs)} height={box.heightPx} />
          )}
        </g>
      )}
      {trendWindows && band(trendWindows.previous, 'timeline-overlay__previous', 'previous period')}
      {trendWindows && band(trendWindows.current, 'timeline-overlay__current', 'trend window')}
      {asOfX !== null && (
        <g className="timeline-overlay__asof" data-testid="timeline-asof">
          <line x1={asOfX} x2={asOfX} y1={top} y2={bottom} />
          <text x={asOfX - 3} y={top + 10} textAnchor="end">
            as of {formatDay(asOfMs - 1)}
          </text>
        </g>
      )}
      {dragPx && <rect className="timeline-overlay__drag" data-testid="timeline-drag" x={dragPx[0]} y={top} width={dragPx[1] - dragPx[0]} height={box.heightPx} />}
      <MarkersLayer buckets={buckets} markers={markers} scale={scale} y={markY} onSelectRow={onSelectRow} onZoom={onZoom} onHover={onHover} />
    </svg>
  )
}

interface MarkersLayerProps {
  readonly buckets: readonly Bucket[]
  readonly markers: MarkerView
  readonly scale: TimeScale
  readonly y: number
  readonly onSelectRow: (row: number) => void
  readonly onZoom: (span: Span) => void
  readonly onHover: (hover: HoverInfo | null) => void
}

/**
 * The level 4–5 markers; memoised so that hovering and dragging do not rebuild hundreds of labels.
 * Past the markers the engine lists one by one, runs of adjacent bars merge into one marker with
 * a count (marker-clusters.ts), never a solid strip of shapes.
 */
const MarkersLayer = memo(function MarkersLayer({ buckets, markers, scale, y: markY, onSelectRow, onZoom, onHover }: MarkersLayerProps) {
  return (
    <g className="timeline-overlay__marks">
      {markers.merged
        ? (
          <Suspense fallback={null}>
            <MergedMarkers buckets={buckets} scale={scale} y={markY} onZoom={onZoom} onHover={onHover} />
          </Suspense>
        )
        : markers.marks.map((mark) => {
            const date = markDate(mark)
            const label = markLabel(mark)
            return (
              <EventMark
                key={mark.ref}
                x0={scale.x(mark.startMs)}
                x1={scale.x(mark.endMs)}
                y={markY}
                level={mark.level}
                imprecise={date.imprecise}
                span={date.span}
                size={date.span ? 4 : 8}
                label={label}
                testId="timeline-marker"
                fresh={mark.isNew}
                onSelect={() => onSelectRow(mark.ref)}
                onHover={(x) => onHover(x === null ? null : { xPx: x, row: mark.ref, text: label })}
              />
            )
          })}
    </g>
  )
})
