import { memo, type ReactElement } from 'react'
import { ComposedChart, Line, XAxis, YAxis } from 'recharts'
import type { TimeAxis } from '../utils/format-time.ts'
import { LEFT_AXIS_PX, MARKER_STRIP_PX, RIGHT_AXIS_PX, RIGHT_PAD_PX, X_AXIS_PX } from '../utils/geometry.ts'

/** One bucket: start `t`, events `c` (the stack's height) and the index scores i0–i4 (null before data or after as-of). */
export type ChartRow = Record<string, number | null>

export interface IndexLine {
  readonly key: string
  readonly label: string
  readonly colour: string
  readonly dash: string
}

interface LevelChartProps {
  readonly width: number
  readonly height: number
  readonly data: readonly ChartRow[]
  readonly lines: readonly IndexLine[]
  /** The time axis ticks and labels (format-time.ts): no two ticks read the same. */
  readonly axis: TimeAxis
}

const TICK_FONT_PX = 11
const TICK_FILL = 'var(--muted)'

/** What Recharts hands a tick renderer (the props read here). */
interface TickProps {
  readonly x?: number | string
  readonly y?: number | string
  readonly textAnchor?: 'start' | 'middle' | 'end' | 'inherit'
  readonly verticalAnchor?: 'start' | 'middle' | 'end'
  readonly className?: string
  readonly index: number
  readonly payload: { readonly value: unknown }
  readonly tickFormatter?: (value: unknown, index: number) => string
}

// Recharts' own label (Text) sets the first line's baseline so: its cap height from the top, half
// of it at the middle.
const TICK_DY = { start: '0.71em', middle: '0.355em', end: '0' } as const

/**
 * A tick label as one plain SVG text. Recharts' own label measures every word of every new label
 * in the DOM to wrap it within the axis' width: a forced layout of the page in the render of a
 * filter change (7–15 ms at 1M events), which a one-line label never needs.
 */
function renderTick({ x, y, textAnchor, verticalAnchor = 'end', className, index, payload, tickFormatter }: TickProps): ReactElement {
  return (
    <text x={x} y={y} dy={TICK_DY[verticalAnchor]} textAnchor={textAnchor} fontSize={TICK_FONT_PX} fill={TICK_FILL} className={className}>
      {tickFormatter ? tickFormatter(payload.value, index) : String(payload.value)}
    </text>
  )
}
const INDEX_DOMAIN: [number, number] = [0, 100]
const INDEX_TICKS = [0, 50, 100]

/**
 * The time axis, the index axis and the index lines (Recharts), over the bars (StackedBars) and
 * under the overlay. The x axis is a band scale of buckets in the plot box the bars use, so both
 * layers share one geometry (utils/geometry.ts). The count axis is drawn with the bars: its
 * ticks change with every filter, while what is drawn here changes only with the buckets' edges
 * and the index lines, so a level toggle does not draw it again. No Recharts tooltip or per-bar
 * elements: at full resolution that combination is what makes Recharts slow. The index axis has
 * a fixed domain and ticks, so Recharts' own nice-tick search (decimal arithmetic) is off.
 */
export const LevelChart = memo(function LevelChart({ width, height, data, lines, axis }: LevelChartProps) {
  const withIndex = lines.length > 0
  return (
    <ComposedChart
      width={width}
      height={height}
      data={data as ChartRow[]}
      margin={{ top: MARKER_STRIP_PX, right: withIndex ? 0 : RIGHT_PAD_PX, bottom: 0, left: LEFT_AXIS_PX }}
    >
      <XAxis
        dataKey="t"
        scale="band"
        height={X_AXIS_PX}
        tick={renderTick}
        tickFormatter={axis.format}
        stroke="var(--muted)"
        minTickGap={28}
        ticks={axis.ticks as number[]}
        interval={0}
      />
      {/* A hidden series on a hidden axis: Recharts draws the time axis only for data bound to it.
          Hidden, it draws no path, so a re-render never measures one (a forced layout). */}
      <YAxis yAxisId="bind" hide domain={INDEX_DOMAIN} />
      <Line yAxisId="bind" dataKey="t" hide dot={false} activeDot={false} isAnimationActive={false} legendType="none" />
      {withIndex && (
        <YAxis yAxisId="index" orientation="right" width={RIGHT_AXIS_PX} domain={INDEX_DOMAIN} ticks={INDEX_TICKS} niceTicks="none" tick={renderTick} stroke="var(--muted)" />
      )}
      {lines.map((line, k) => (
        <Line
          key={line.key}
          yAxisId="index"
          dataKey={`i${k}`}
          name={`Index ${line.label}`}
          stroke={line.colour}
          strokeWidth={1.8}
          strokeDasharray={line.dash}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      ))}
    </ComposedChart>
  )
})
