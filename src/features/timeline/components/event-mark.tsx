import type { KeyboardEvent } from 'react'
import type { ThreatLevel } from '../../../domain/model.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'

/** A level's marker shape centred on (0, 0): circle for 1–3, triangle for 4, diamond for 5. */
export function markerPath(level: ThreatLevel, r: number): string {
  if (level === 5) return `M0,${-r} L${r},0 L0,${r} L${-r},0 Z`
  if (level === 4) return `M0,${-r} L${r},${r * 0.8} L${-r},${r * 0.8} Z`
  return `M${-r},0 a${r},${r} 0 1,0 ${2 * r},0 a${r},${r} 0 1,0 ${-2 * r},0`
}

interface EventMarkProps {
  readonly x0: number
  readonly x1: number
  readonly y: number
  readonly level: ThreatLevel
  /** Date known only to the month or year: drawn as a dashed span. */
  readonly imprecise: boolean
  /** Covers more than its day (an end date, or an imprecise date): drawn as a span from x0 to x1. */
  readonly span: boolean
  readonly size: number
  readonly label: string
  readonly testId: string
  /** Brought by the latest live refresh: ringed, and said in the label. */
  readonly fresh?: boolean
  readonly onSelect: () => void
  readonly onHover: (x: number | null) => void
}

/** What makes a mark a button: focusable, selected by a click, Enter or Space, and named on hover and focus at `midPx`. */
export function markButtonProps(midPx: number, onSelect: () => void, onHover: (x: number | null) => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: onSelect,
    onKeyDown: (e: KeyboardEvent<SVGGElement>): void => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        onSelect()
      }
    },
    onPointerEnter: () => onHover(midPx),
    onPointerLeave: () => onHover(null),
    onFocus: () => onHover(midPx),
    onBlur: () => onHover(null),
  } as const
}

/**
 * One event on the chart or a lane: a shape for a dated day, a bar from start to end for a span,
 * dashed when the date is imprecise (never a point on the 1st). Focusable, Enter selects.
 */
export function EventMark({ x0, x1, y, level, imprecise, span, size, label, testId, fresh = false, onSelect, onHover }: EventMarkProps) {
  const colour = LEVEL_COLOURS[level]
  const mid = (x0 + x1) / 2
  return (
    <g
      className={`timeline-mark${imprecise ? ' timeline-mark--imprecise' : ''}`}
      data-testid={testId}
      data-imprecise={imprecise ? 'true' : undefined}
      data-span={span ? 'true' : undefined}
      data-new={fresh ? 'true' : undefined}
      aria-label={fresh ? `New: ${label}` : label}
      {...markButtonProps(mid, onSelect, onHover)}
    >
      {span ? (
        <rect
          x={x0}
          y={y - size / 2}
          width={Math.max(2, x1 - x0)}
          height={size}
          rx={size / 2}
          fill={colour}
          fillOpacity={imprecise ? 0.3 : 0.75}
          stroke={colour}
          strokeWidth={1.2}
          strokeDasharray={imprecise ? '3 2' : undefined}
        />
      ) : (
        <path d={markerPath(level, size / 2 + 1)} transform={`translate(${mid},${y})`} fill={colour} stroke="var(--surface)" strokeWidth={1} />
      )}
      {fresh && (
        <circle className="timeline-mark__new" cx={span ? x0 : mid} cy={y} r={size / 2 + 4} fill="none" stroke="var(--text)" strokeWidth={1.5} strokeDasharray="2.5 2" />
      )}
      {/* A wider invisible target makes small marks easy to point at. */}
      <rect x={Math.min(x0, mid - 5)} y={y - 7} width={Math.max(10, x1 - x0)} height={14} fill="transparent" />
    </g>
  )
}
