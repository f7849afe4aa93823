import { useMemo } from 'react'
import type { LanesView as LanesAnswer } from '../../../domain/engine/views-engine.ts'
import type { ThreatLevel } from '../../../domain/model.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'
import { formatCompactCount } from '../../../ui/format.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { LANE_PX } from '../utils/lane-geometry.ts'

/** Clear space between two cells, px. */
const CELL_GAP_PX = 2

/** A cell's count as written in it: "3", "950", "1.2K"; "<1" for shares of imprecise events. */
export function cellCountText(n: number): string {
  return n < 0.5 ? '<1' : formatCompactCount(Math.round(n))
}

interface DensityLanesProps {
  readonly answer: LanesAnswer
  readonly scale: TimeScale
  /** Each lane's label, written over the start of its row (lanes-view.tsx). */
  readonly labels: readonly string[]
}

/** The lane label's font (11 px) averages under this many px a character; its box is capped (see .timeline-lanes__label). */
const LABEL_CHAR_PX = 6.4
const LABEL_PAD_PX = 8
const LABEL_MAX_PX = 150

/** How far a lane's label reaches from the chart's left edge, px: cells under it get no count, which would run into the label. */
export function labelReachPx(label: string): number {
  return Math.min(LABEL_MAX_PX, LABEL_PAD_PX + label.length * LABEL_CHAR_PX)
}

/**
 * Lanes too full to draw event by event: a row of cells per lane (DENSITY_CELL_PX wide, apart by
 * a gap), each as strong as its count, with the count written in it and a cap in the colour of
 * its highest level.
 */
export function DensityLanes({ answer, scale, labels }: DensityLanesProps) {
  const { paths, counts } = useMemo(() => {
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
      const labelEnd = labelReachPx(labels[lane] ?? '')
      for (let c = 0; c < columns; c++) {
        const n = counts[lane * columns + c]!
        if (n <= 0) continue
        const x = scale.leftPx + c * colWidth + CELL_GAP_PX / 2
        add(steps[Math.min(3, Math.floor(Math.sqrt(n / max) * 4))]!, x, lane * LANE_PX + 4, LANE_PX - 6)
        add(levels[maxLevel[lane * columns + c]!]!, x, lane * LANE_PX + 1, 3)
        if (cellWidth >= 16 && x >= labelEnd) texts.push({ key: `${lane}:${c}`, x: x + cellWidth / 2, y: lane * LANE_PX + 4 + (LANE_PX - 6) / 2, text: cellCountText(n), lane })
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
  }, [answer, scale, labels])
  return (
    <g data-testid="timeline-density">
      {paths.map((p) => (
        <path key={p.key} d={p.d} fill={p.colour} fillOpacity={p.opacity} />
      ))}
      {counts.map((t) => (
        <text key={t.key} className="timeline-density__count" data-testid="timeline-density-count" data-lane={t.lane} x={t.x} y={t.y} textAnchor="middle" dominantBaseline="central">
          {t.text}
        </text>
      ))}
    </g>
  )
}
