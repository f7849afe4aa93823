import { useMemo } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { bucketSpan, extentSpan, unitForWidth, visibleSpan, type Bucket, type BucketUnit, type Span } from '../../../domain/timeline/buckets.ts'
import type { PlaceBand } from '../../../domain/warning/dashboard-warning.ts'
import { bandSegments, bandsEndMs, spanWithBands, type BandSegment } from '../utils/band-geometry.ts'
import { DAY_MS } from '../../../domain/dates.ts'
import { plotBox, type PlotBox } from '../utils/geometry.ts'
import { subjectKey, type IndexSubject } from '../../../domain/engine/views-engine.ts'
import { timeScale, type TimeScale } from '../../../domain/timeline/time-scale.ts'
import { timeAxis, type TimeAxis } from '../utils/format-time.ts'
import { niceTicks } from '../utils/nice-ticks.ts'
import type { ChartRow, IndexLine } from '../components/level-chart.tsx'

/** Colours and dashes of the index lines: apart from the level colours, and told apart without colour too. */
const LINE_STYLES: readonly { colour: string; dash: string }[] = [
  { colour: 'var(--text)', dash: '' },
  { colour: '#2bb39a', dash: '6 3' },
  { colour: '#5b8def', dash: '2 2' },
  { colour: '#a3a9b5', dash: '8 3 2 3' },
  { colour: '#9bc53d', dash: '12 4' },
]

export interface TimelineModel {
  readonly span: Span | null
  readonly box: PlotBox
  readonly unit: BucketUnit
  readonly buckets: readonly Bucket[]
  readonly scale: TimeScale
  readonly data: readonly ChartRow[]
  /** Count axis ticks from 0; the last is the axis maximum. */
  readonly countTicks: readonly number[]
  readonly lines: readonly IndexLine[]
  /** The time axis: its ticks (no two read the same) and how they read. */
  readonly axis: TimeAxis
  /** Events in view (exact + spread), for the chart's label. */
  readonly total: number
  /** Each shown expected band's weeks on the chart (empty when they fall outside it), in order. */
  readonly bandSegments: readonly (readonly BandSegment[])[]
}

const NO_BANDS: readonly PlaceBand[] = []
const NO_SERIES: readonly (readonly number[])[] = []

/**
 * Everything the chart draws, derived once per change of data, filters, size or index lines:
 * the visible span, the bucket unit for the plot's width, the buckets, the scale shared by the
 * overlay and lanes, and chart rows with the index scores as of each bucket's end.
 */
export function useTimelineModel(
  width: number,
  height: number,
  subjects: readonly IndexSubject[],
  nameOf: (s: IndexSubject) => string,
  /** False while the chart waits for its turn to draw new data: no buckets are made yet. */
  drawn = true,
  /** Expected bands to draw: the span stretches to their last week, the count axis to their top. */
  bands: readonly PlaceBand[] = NO_BANDS,
): TimelineModel {
  const timeline = useWatchfloor((s) => s.views.days)
  const range = useWatchfloor((s) => s.filter.timeRange)
  const answered = useWatchfloor((s) => s.views.timeline?.index)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const withIndex = subjects.length > 0
  const box = useMemo(() => plotBox(width, height, withIndex), [width, height, withIndex])
  const aheadToMs = bandsEndMs(bands)
  const span = useMemo(
    () => spanWithBands(visibleSpan(timeline, range), range, extentSpan(timeline)?.toMs ?? null, aheadToMs),
    [timeline, range, aheadToMs],
  )
  const unit = span ? unitForWidth((span.toMs - span.fromMs) / DAY_MS, box.widthPx) : 'day'
  const buckets = useMemo(() => (span && drawn ? bucketSpan(timeline, span, unit) : []), [timeline, span, unit, drawn])
  const scale = useMemo(() => timeScale(buckets, box.leftPx, box.widthPx), [buckets, box])
  const lines = useMemo(
    () => subjects.map((s, k) => ({ key: subjectKey(s), label: nameOf(s), ...LINE_STYLES[k % LINE_STYLES.length]! })),
    [subjects, nameOf],
  )
  // The engine's index lines, once they answer this chart's buckets (the panel asks for them).
  const series = useMemo(
    () =>
      subjects.length > 0 && answered !== undefined && answered.length === subjects.length && answered.every((s) => s.length === buckets.length)
        ? answered
        : NO_SERIES,
    [answered, subjects, buckets],
  )
  const segments = useMemo(() => bands.map((b) => bandSegments(b, buckets)), [bands, buckets])
  // The rows and the time axis depend on the buckets' edges, not their counts: a filter that
  // leaves the span as it is leaves them as they are, and the axes layer is not drawn again.
  const startsKey = buckets.map((b) => b.startMs).join()
  const starts = useMemo(() => (startsKey === '' ? [] : startsKey.split(',').map(Number)), [startsKey])
  const data = useMemo(
    () =>
      starts.map((t, i) => {
        const row: ChartRow = { t }
        for (let k = 0; k < series.length; k++) {
          const v = series[k]![i]!
          row[`i${k}`] = t >= asOfMs || Number.isNaN(v) ? null : v
        }
        return row
      }),
    [starts, series, asOfMs],
  )
  const axis = useMemo(() => timeAxis(starts, unit, Math.floor(box.widthPx / 48)), [starts, unit, box.widthPx])
  return useMemo(() => {
    let max = 0
    for (const band of segments) for (const w of band) max = Math.max(max, w.hi, w.actual ?? 0)
    let total = 0
    for (const b of buckets) {
      let stack = 0
      for (let l = 0; l < 5; l++) stack += b.exact[l]! + b.spread[l]!
      max = Math.max(max, stack)
      total += stack
    }
    return { span, box, unit, buckets, scale, data, countTicks: niceTicks(max), lines, axis, total, bandSegments: segments }
  }, [span, box, unit, buckets, scale, data, lines, axis, segments])
}
