import { memo, useMemo } from 'react'
import type { LanesView as LanesAnswer } from '../../../domain/engine/views-engine.ts'
import type { ThreatLevel } from '../../../domain/model.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'
import { formatCompactCount } from '../../../ui/format.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { markDate, markLabel } from '../utils/describe.ts'
import type { HoverInfo } from './chart-overlay.tsx'
import { EventMark } from './event-mark.tsx'

/** Height of one lane, px. */
export const LANE_PX = 18
/**
 * Width of one density cell, px: room for a count ("1.2K") inside it, so a dense lane reads as a
 * row of counted cells, not a solid bar.
 */
export const DENSITY_CELL_PX = 28
/** Clear space between two cells, px. */
const CELL_GAP_PX = 2

/** Density cells across the plot: one per DENSITY_CELL_PX. */
export function densityColumns(plotWidthPx: number): number {
  return Math.max(1, Math.floor(plotWidthPx / DENSITY_CELL_PX))
}

/** A cell's count as written in it: "3", "950", "1.2K"; "<1" for shares of imprecise events. */
export function cellCountText(n: number): string {
  return n < 0.5 ? '<1' : formatCompactCount(Math.round(n))
}

interface LanesViewProps {
  /** The engine's lanes for the chart's span and columns. */
  readonly answer: LanesAnswer
  readonly scale: TimeScale
  readonly width: number
  readonly labelOf: (value: string) => string
  readonly onSelectRow: (ref: number) => void
  readonly onHover: (hover: HoverInfo | null) => void
}

function DensityLanes({ answer, scale }: Pick<LanesViewProps, 'answer' | 'scale'>) {
  const { paths, counts: labels } = useMemo(() => {
    const { columns, lanes } = answer
    const counts = answer.counts ?? new Float32Array(0)
    const maxLevel = answer.maxLevel ?? new Uint8Array(0)
    const colWidth = scale.widthPx / columns
    const cellWidth = Math.max(1, colWidth - CELL_GAP_PX)
    let max = 0
    for (const c of counts) if (c > max) max = c
    // How many: four opacity steps of one hue on a square-root scale, so that sparse lanes still
    // show, and the count written in the cell. How bad: a thin cap in the colour of the highest
    // level in the cell. One path per group (n-0…n-3, l-1…l-5), built as strings directly.
    const keys: string[] = []
    const paths = new Map<string, string>()
    const add = (key: string, x: number, y: number, h: number): void => {
      const d = paths.get(key)
      if (d === undefined) keys.push(key)
      paths.set(key, `${d ?? ''}M${x},${y}h${cellWidth}v${h}h${-cellWidth}Z`)
    }
    const steps = ['n-0', 'n-1', 'n-2', 'n-3']
    const levels = ['l-0', 'l-1', 'l-2', 'l-3', 'l-4', 'l-5']
    const texts: { key: string; x: number; y: number; text: string; lane: number }[] = []
    for (let lane = 0; lane < lanes.length; lane++) {
      for (let c = 0; c < columns; c++) {
        const n = counts[lane * columns + c]!
        if (n <= 0) continue
        const x = scale.leftPx + c * colWidth + CELL_GAP_PX / 2
        add(steps[Math.min(3, Math.floor(Math.sqrt(n / max) * 4))]!, x, lane * LANE_PX + 4, LANE_PX - 6)
        add(levels[maxLevel[lane * columns + c]!]!, x, lane * LANE_PX + 1, 3)
        if (cellWidth >= 16) texts.push({ key: `${lane}:${c}`, x: x + cellWidth / 2, y: lane * LANE_PX + 4 + (LANE_PX - 6) / 2, text: cellCountText(n), lane })
      }
    }
    return {
      paths: keys.map((key) => {
        const [kind, value] = key.split('-') as [string, string]
        const d = paths.get(key)!
        return kind === 'n'
          ? { key, d, colour: 'var(--accent)', opacity: 0.15 + Number(value) * 0.15 }
          : { key, d, colour: LEVEL_COLOURS[Number(value) as ThreatLevel], opacity: 1 }
      }),
      counts: texts,
    }
  }, [answer, scale])
  return (
    <g data-testid="timeline-density">
      {paths.map((p) => (
        <path key={p.key} d={p.d} fill={p.colour} fillOpacity={p.opacity} />
      ))}
      {labels.map((t) => (
        <text key={t.key} className="timeline-density__count" data-testid="timeline-density-count" data-lane={t.lane} x={t.x} y={t.y} textAnchor="middle" dominantBaseline="central">
          {t.text}
        </text>
      ))}
    </g>
  )
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
          <DensityLanes answer={answer} scale={scale} />
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
