import { lazy, memo, Suspense, useMemo } from 'react'
import type { LanesView as LanesAnswer } from '../../../domain/engine/views-engine.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'
import { markDate, markLabel } from '../utils/describe.ts'
import { LANE_PX } from '../utils/lane-geometry.ts'
import type { HoverInfo } from './chart-overlay.tsx'
import { EventMark } from './event-mark.tsx'

/** Density appears only when lanes hold too many marks to draw: loaded when first needed. */
const DensityLanes = lazy(() => import('./density-lanes.tsx').then((m) => ({ default: m.DensityLanes })))

interface LanesViewProps {
  /** The engine's lanes for the chart's span and columns. */
  readonly answer: LanesAnswer
  readonly scale: TimeScale
  readonly width: number
  readonly labelOf: (value: string) => string
  readonly onSelectRow: (ref: number) => void
  readonly onHover: (hover: HoverInfo | null) => void
}

/**
 * Key developments: one lane per region (or actor) with each event in view as a mark — a shape
 * for a day, a bar for a span, dashed for an imprecise date. Past the marks the engine draws one
 * by one, the lanes show counted cells instead (strength and a written count: how many; a cap in
 * the colour of the highest level).
 */
export const LanesView = memo(function LanesView({ answer, scale, width, labelOf, onSelectRow, onHover }: LanesViewProps) {
  const { lanes, density, mode } = answer
  const labels = useMemo(() => lanes.map((lane) => labelOf(lane.value)), [lanes, labelOf])
  const height = Math.max(1, lanes.length) * LANE_PX
  return (
    <div className="timeline-lanes" data-testid="timeline-lanes" data-density={density ? 'true' : 'false'} style={{ height }}>
      {lanes.length === 0 && <p className="timeline-lanes__empty muted">No events in view</p>}
      <svg width={width} height={height} role="group" aria-label={`Key developments by ${mode}${density ? ', as density' : ''}`}>
        {lanes.map((lane, i) => (
          <line key={lane.value} className="timeline-lanes__rule" x1={scale.leftPx} x2={scale.leftPx + scale.widthPx} y1={i * LANE_PX + LANE_PX / 2} y2={i * LANE_PX + LANE_PX / 2} />
        ))}
        {density ? (
          <Suspense fallback={null}>
            <DensityLanes answer={answer} scale={scale} labels={labels} />
          </Suspense>
        ) : (
          lanes.map((lane, i) => (
            <g key={lane.value} data-testid="timeline-lane" data-lane={labels[i]}>
              {lane.marks.map((mark) => {
                const date = markDate(mark)
                const label = markLabel(mark)
                return (
                  <EventMark
                    key={mark.ref}
                    x0={scale.x(mark.startMs)}
                    x1={scale.x(mark.endMs)}
                    y={i * LANE_PX + LANE_PX / 2}
                    level={mark.level}
                    imprecise={date.imprecise}
                    span={date.span}
                    size={date.span ? 6 : 7}
                    label={label}
                    testId="timeline-lane-mark"
                    fresh={mark.isNew}
                    onSelect={() => onSelectRow(mark.ref)}
                    onHover={(x) => onHover(x === null ? null : { xPx: x, row: mark.ref, text: label })}
                  />
                )
              })}
            </g>
          ))
        )}
      </svg>
      {lanes.map((lane, i) => (
        <span key={lane.value} className="timeline-lanes__label" style={{ top: i * LANE_PX }} title={`${labels[i]}: ${lane.count} events in view`}>
          {labels[i]}
        </span>
      ))}
    </div>
  )
})
