import { DAY_MS } from '../../../domain/dates.ts'
import { weekStartMs } from '../../../domain/warning/weeks.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatDay } from '../../../ui/format.ts'
import type { BucketUnit } from '../../../domain/timeline/buckets.ts'
import type { PlotBox } from '../utils/geometry.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'

interface WarningOverlayProps {
  readonly width: number
  readonly height: number
  readonly box: PlotBox
  readonly scale: TimeScale
  readonly unit: BucketUnit
  /** The count axis maximum: the band is drawn on the bars' scale. */
  readonly countTop: number
}

/** Bars per week for the units the band can be drawn in (a day's bar holds a seventh of a week). */
const PER_WEEK: Partial<Record<BucketUnit, number>> = { day: 1 / 7, week: 1 }

const round = (n: number): string => (n >= 10 ? String(Math.round(n)) : n.toFixed(1))

/**
 * Early warning on the timeline: a mark under the plot for each run of surge weeks (choose one
 * to open the Surges tab), and the expected band of all events for the four weeks after the
 * judged week — shaded from the 10 % to the 90 % quantile with the expected count as a line, on
 * the bars' scale when the bars are days or weeks; otherwise, or when those weeks lie beyond the
 * chart, stated in words at the chart's right edge.
 */
export function WarningOverlay({ width, height, box, scale, unit, countTop }: WarningOverlayProps) {
  const warning = useWatchfloor((s) => s.warning)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const setGaugesTab = useWatchfloor((s) => s.setGaugesTab)
  if (warning.status !== 'ready' || warning.dataToken !== dataToken) return null
  const { result } = warning
  const bottom = box.topPx + box.heightPx
  const x = (ms: number): number => Math.min(box.leftPx + box.widthPx, Math.max(box.leftPx, scale.x(Math.min(scale.toMs, Math.max(scale.fromMs, ms)))))
  const y = (count: number): number => bottom - (Math.min(count, countTop) / countTop) * box.heightPx

  // One mark per run of surge weeks shared by several places.
  const runs = new Map<string, { fromMs: number; toMs: number; names: string[] }>()
  for (const s of result.surges) {
    const key = `${s.sinceWeek}:${s.week}`
    const run = runs.get(key) ?? { fromMs: weekStartMs(s.sinceWeek), toMs: weekStartMs(s.week + 1), names: [] }
    run.names.push(s.name)
    runs.set(key, run)
  }

  const band = result.bands.find((b) => b.kind === 'all')
  const perWeek = PER_WEEK[unit]
  const drawable = band !== undefined && perWeek !== undefined && countTop > 0
  const first = band?.weeks[0]
  const last = band?.weeks[band.weeks.length - 1]
  const inView = first !== undefined && last !== undefined && weekStartMs(first.week) < scale.toMs && weekStartMs(last.week + 1) > scale.fromMs
  return (
    <svg className="timeline-overlay timeline-warning" width={width} height={height}>
      {[...runs.values()].map((run) => {
        if (run.toMs <= scale.fromMs || run.fromMs >= scale.toMs) return null
        const x0 = x(run.fromMs)
        const x1 = Math.max(x0 + 4, x(run.toMs))
        const label = `Surge from ${formatDay(run.fromMs)} to ${formatDay(run.toMs - DAY_MS)}: ${run.names.join(', ')}; select to open the Surges tab`
        return (
          <rect
            key={`${run.fromMs}:${run.toMs}`}
            className="timeline-warning__surge"
            data-testid="timeline-surge"
            x={x0}
            y={bottom - 4}
            width={x1 - x0}
            height={4}
            role="button"
            tabIndex={0}
            aria-label={label}
            onClick={() => setGaugesTab('surges')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') setGaugesTab('surges')
            }}
          >
            <title>{label}</title>
          </rect>
        )
      })}
      {band && drawable && inView && (
        <g className="timeline-warning__band" data-testid="timeline-band">
          {band.weeks.map((w) => {
            const x0 = x(weekStartMs(w.week))
            const x1 = x(weekStartMs(w.week + 1))
            if (x1 - x0 < 1) return null
            return (
              <g key={w.week}>
                <rect x={x0} width={x1 - x0} y={y(w.hi80 * perWeek)} height={Math.max(1, y(w.lo80 * perWeek) - y(w.hi80 * perWeek))}>
                  <title>{`Week of ${formatDay(weekStartMs(w.week))}: expected ${round(w.expected)} events (80 %: ${round(w.lo80)}–${round(w.hi80)}), all events`}</title>
                </rect>
                <line x1={x0} x2={x1} y1={y(w.expected * perWeek)} y2={y(w.expected * perWeek)} />
              </g>
            )
          })}
        </g>
      )}
      {band && first && last && (!drawable || !inView) && (
        <text className="timeline-warning__note" data-testid="timeline-band" x={box.leftPx + box.widthPx - 4} y={box.topPx + 22} textAnchor="end">
          {`expected from ${formatDay(weekStartMs(first.week))}: ${round(first.expected)} a week (80 %: ${round(first.lo80)}–${round(first.hi80)})`}
        </text>
      )}
    </svg>
  )
}
