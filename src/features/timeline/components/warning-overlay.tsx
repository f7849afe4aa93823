import { DAY_MS, isoDay } from '../../../domain/dates.ts'
import type { PlaceSurge } from '../../../domain/warning/dashboard-warning.ts'
import { weekStartMs } from '../../../domain/warning/weeks.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatDay } from '../../../ui/format.ts'
import type { BucketUnit } from '../../../domain/timeline/buckets.ts'
import type { PlotBox } from '../utils/geometry.ts'
import type { TimeScale } from '../../../domain/timeline/time-scale.ts'
import type { BandSegment } from '../utils/band-geometry.ts'

/** An expected band as drawn: its weeks on the chart, its name and its colour (0–2). */
export interface DrawnBand {
  readonly key: string
  readonly label: string
  readonly colour: number
  readonly segments: readonly BandSegment[]
}

interface WarningOverlayProps {
  readonly width: number
  readonly height: number
  readonly box: PlotBox
  readonly scale: TimeScale
  readonly unit: BucketUnit
  /** The count axis maximum: the bands are drawn on the bars' scale. */
  readonly countTop: number
  readonly bands: readonly DrawnBand[]
}

const NO_SURGES: readonly PlaceSurge[] = []

const round = (n: number): string => (n >= 10 ? String(Math.round(n)) : n.toFixed(1))

/** What one week of a band says, in words (its tooltip). */
export function bandWeekText(band: Pick<DrawnBand, 'label'>, w: BandSegment, unit: BucketUnit): string {
  const { weekly } = w
  const actual = w.weeklyActual === null ? '' : `; actual ${round(w.weeklyActual)}`
  const rate = unit === 'week' ? '' : ` (drawn as a rate per ${unit})`
  return `${band.label}, week of ${formatDay(w.fromMs)}: expected ${round(weekly.expected)} events (80 %: ${round(weekly.lo80)}–${round(weekly.hi80)})${actual}${rate}`
}

/**
 * Early warning on the timeline: a mark under the plot for each run of surge weeks (choose one
 * to open the Surges tab) once it has answered, and the chosen expected bands (made first, so
 * drawn while the surges are still looked for) for the four weeks after the judged
 * week (from the as-of instant on), shaded from the 10 % to the 90 % quantile with the expected count as a line and, once
 * those weeks' data is in, the actual count as a dot — on the bars' scale (see band-geometry.ts).
 */
export function WarningOverlay({ width, height, box, scale, unit, countTop, bands }: WarningOverlayProps) {
  const warning = useWatchfloor((s) => s.warning)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const setGaugesTab = useWatchfloor((s) => s.setGaugesTab)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  // The surges once early warning has answered wholly; the bands (made first) may come before.
  const surges = warning.status === 'ready' && warning.dataToken === dataToken ? warning.result.surges : NO_SURGES
  if (surges === NO_SURGES && bands.length === 0) return null
  const bottom = box.topPx + box.heightPx
  const x = (ms: number): number => Math.min(box.leftPx + box.widthPx, Math.max(box.leftPx, scale.x(Math.min(scale.toMs, Math.max(scale.fromMs, ms)))))
  const y = (count: number): number => bottom - (Math.min(count, countTop) / countTop) * box.heightPx

  // One mark per run of surge weeks shared by several places.
  const runs = new Map<string, { fromMs: number; toMs: number; names: string[] }>()
  for (const s of surges) {
    const key = `${s.sinceWeek}:${s.week}`
    const run = runs.get(key) ?? { fromMs: weekStartMs(s.sinceWeek), toMs: weekStartMs(s.week + 1), names: [] }
    run.names.push(s.name)
    runs.set(key, run)
  }

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
      {countTop > 0 &&
        bands.map((band) =>
          band.segments.length === 0 ? null : (
            <g key={band.key} className={`timeline-warning__band timeline-warning__band--${band.colour}`} data-testid="timeline-band" data-key={band.key}>
              {band.segments.map((w) => {
                // The as-of week is judged whole but drawn from the as-of instant: the band is what lies ahead.
                const x0 = x(Math.max(w.fromMs, Math.min(asOfMs, w.toMs - DAY_MS)))
                const x1 = Math.max(x0 + 1, x(w.toMs))
                const text = bandWeekText(band, w, unit)
                return (
                  <g key={w.fromMs} data-testid="timeline-band-week" data-week={isoDay(w.fromMs)} data-x0={x0.toFixed(1)} data-x1={x1.toFixed(1)}>
                    <rect x={x0} width={x1 - x0} y={y(w.hi)} height={Math.max(1, y(w.lo) - y(w.hi))}>
                      <title>{text}</title>
                    </rect>
                    <line x1={x0} x2={x1} y1={y(w.expected)} y2={y(w.expected)} />
                    {w.actual !== null && <circle cx={(x0 + x1) / 2} cy={y(w.actual)} r={2.5} />}
                  </g>
                )
              })}
            </g>
          ),
        )}
    </svg>
  )
}
