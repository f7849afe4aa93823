import { memo, useMemo } from 'react'
import { THREAT_LEVELS } from '../../../domain/model.ts'
import type { Bucket } from '../../../domain/timeline/buckets.ts'
import type { PlotBox } from '../utils/geometry.ts'
import { formatCompactCount } from '../../../ui/format.ts'
import { levelFill } from './level-patterns.tsx'

/** Length of the count axis' tick marks, px. */
const TICK_PX = 6

interface StackedBarsProps {
  readonly width: number
  readonly height: number
  readonly box: PlotBox
  readonly buckets: readonly Bucket[]
  /** The count axis maximum (the last tick) and the grid ticks. */
  readonly countTicks: readonly number[]
}

/**
 * The bars: per bucket, day-precise counts stacked level 1 to 5, then the spread shares of
 * imprecise dates and spans on top in faded fills. Drawn as one path per series (ten at most)
 * rather than an element per bar: 120 buckets × 10 series as separate pattern-filled elements
 * cost hundreds of milliseconds to repaint on a filter change; ten paths cost a few.
 */
export const StackedBars = memo(function StackedBars({ width, height, box, buckets, countTicks }: StackedBarsProps) {
  const series = useMemo(() => {
    const n = buckets.length
    const top = countTicks[countTicks.length - 1]!
    if (n === 0 || top <= 0) return []
    const band = box.widthPx / n
    const gap = band >= 5 ? 1 : 0
    const scaleY = box.heightPx / top
    const base = new Float64Array(n)
    const out: { key: string; fill: string; d: string }[] = []
    for (const spread of [false, true]) {
      for (const l of THREAT_LEVELS) {
        let d = ''
        for (let i = 0; i < n; i++) {
          const v = (spread ? buckets[i]!.spread : buckets[i]!.exact)[l - 1]!
          if (v <= 0) continue
          const h = v * scaleY
          const y = box.topPx + box.heightPx - base[i]! - h
          base[i]! += h
          // At least half a pixel, so a single spread share of a year-only event stays visible.
          d += `M${(box.leftPx + i * band).toFixed(2)},${y.toFixed(2)}h${(band - gap).toFixed(2)}v${Math.max(0.5, h).toFixed(2)}h${(gap - band).toFixed(2)}Z`
        }
        if (d) out.push({ key: `${spread ? 's' : 'e'}${l}`, fill: levelFill(l, spread), d })
      }
    }
    return out
  }, [buckets, box, countTicks])
  const top = countTicks[countTicks.length - 1]!
  const yOf = (t: number): number => box.topPx + box.heightPx - (t / top) * box.heightPx
  return (
    <svg className="timeline-bars" width={width} height={height} aria-hidden="true" focusable="false">
      {countTicks.map((t) => (
        <line key={t} className="timeline-bars__grid" x1={box.leftPx} x2={box.leftPx + box.widthPx} y1={yOf(t)} y2={yOf(t)} />
      ))}
      {series.map((s) => (
        <path key={s.key} data-series={s.key} d={s.d} fill={s.fill} />
      ))}
      {/* The count axis is drawn with the bars, as it changes with them; the time axis and the index lines (level-chart.tsx) change only with the buckets' edges. */}
      <g className="timeline-count-axis" data-testid="timeline-count-axis">
        <line x1={box.leftPx} x2={box.leftPx} y1={box.topPx} y2={box.topPx + box.heightPx} />
        {countTicks.map((t) => (
          <g key={t} transform={`translate(${box.leftPx},${yOf(t).toFixed(2)})`}>
            <line x1={-TICK_PX} x2={0} y1={0} y2={0} />
            <text x={-TICK_PX - 2} dy="0.355em" textAnchor="end">
              {formatCompactCount(t)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  )
})
