import { monthLabel } from '../../date-labels.ts'
import { DAY_MS } from '../../dates.ts'
import type { TimelineCounts } from '../../engine/views-engine.ts'
import { THREAT_LEVELS } from '../../model.ts'
import { bucketSpan, chooseBucketUnit, type Bucket, type BucketUnit, type Span } from '../../timeline/buckets.ts'
import type { ChartContext } from './chart-context.ts'
import { legendRow, levelItems } from './legend.ts'
import { maxOf, num, rect, textLine, type Box } from './svg.ts'

export interface TimelineChartData {
  readonly counts: TimelineCounts
  /** The span shown: the time filter's, else the data's extent. */
  readonly span: Span
}

/** Narrowest a bar is drawn on a picture, in type-scale labels (bars readable across a room). */
const MIN_BAR_LABELS = 0.5

/** The bucket unit for a plot `plotWidthPx` wide: the finest that keeps bars at least half a label wide. */
export function pictureBucketUnit(span: Span, plotWidthPx: number, labelPx: number): BucketUnit {
  const days = (span.toMs - span.fromMs) / DAY_MS
  return chooseBucketUnit(days, Math.max(1, Math.floor(plotWidthPx / (labelPx * MIN_BAR_LABELS))))
}

export const UNIT_ADJECTIVE: Readonly<Record<BucketUnit, string>> = { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', year: 'yearly' }

/** Round steps 1, 2 or 5 × 10^k from 0 to at least `max`, about `count` of them. */
export function axisTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude)
  const ticks: number[] = []
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v))
  return ticks
}

const total = (b: Bucket, l: number): number => b.exact[l]! + b.spread[l]!

/** Labels under the axis: years when the span is long, else months, else days; never overlapping. */
function timeLabels(buckets: readonly Bucket[], xOf: (ms: number) => number, plot: Box, ctx: ChartContext): string {
  if (buckets.length === 0) return ''
  const from = buckets[0]!.startMs
  const to = buckets[buckets.length - 1]!.endMs
  const years = (to - from) / (365.25 * DAY_MS)
  const marks: { ms: number; text: string }[] = []
  const start = new Date(from)
  if (years > 2.5) {
    for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) < to; y++) if (Date.UTC(y, 0, 1) >= from) marks.push({ ms: Date.UTC(y, 0, 1), text: String(y) })
  } else if ((to - from) / DAY_MS > 60) {
    for (let m = 0; ; m++) {
      const ms = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)
      if (ms >= to) break
      if (ms >= from) marks.push({ ms, text: monthLabel(ms) })
    }
  } else {
    for (let ms = Math.ceil(from / DAY_MS) * DAY_MS; ms < to; ms += DAY_MS) {
      const d = new Date(ms)
      marks.push({ ms, text: `${d.getUTCDate()} ${monthLabel(ms).slice(0, 3)}` })
    }
  }
  const size = ctx.type.label
  const out: string[] = []
  let lastEnd = -Infinity
  for (const m of marks) {
    const x = xOf(m.ms)
    const w = ctx.measure(m.text, size, 400)
    if (x - w / 2 < lastEnd + size || x + w / 2 > plot.x + plot.w + size * 2) continue
    out.push(`<line x1="${num(x)}" x2="${num(x)}" y1="${num(plot.y + plot.h)}" y2="${num(plot.y + plot.h + size * 0.4)}" stroke="${ctx.colours.muted}"/>`)
    out.push(textLine(x, plot.y + plot.h + size * 0.5, m.text, { size, fill: ctx.colours.muted, anchor: 'middle' }))
    lastEnd = x + w / 2
  }
  return out.join('')
}

/** Events by level as stacked columns, re-bucketed for the box's width, with a level legend above. */
export function drawTimelineChart(data: TimelineChartData, box: Box, ctx: ChartContext): string {
  const size = ctx.type.label
  const { colours } = ctx
  const legend = legendRow(levelItems(ctx), box.x, box.y, box.w, ctx)
  const top = box.y + legend.heightPx + size * 0.8
  const unit = pictureBucketUnit(data.span, box.w - size * 4, size)
  const buckets = bucketSpan(data.counts, data.span, unit)
  let max = 0
  for (const b of buckets) max = Math.max(max, THREAT_LEVELS.reduce((s, l) => s + total(b, l - 1), 0))
  const ticks = axisTicks(max)
  const yMax = ticks[ticks.length - 1]!
  const axisW = maxOf(ticks.map((t) => ctx.measure(t.toLocaleString('en-GB'), size, 400))) + size * 0.6
  const plot: Box = { x: box.x + axisW, y: top, w: box.w - axisW, h: Math.max(10, box.y + box.h - top - size * 1.9) }
  const out: string[] = [legend.markup]
  const yOf = (v: number): number => plot.y + plot.h - (v / yMax) * plot.h
  for (const t of ticks) {
    const y = yOf(t)
    out.push(`<line x1="${num(plot.x)}" x2="${num(plot.x + plot.w)}" y1="${num(y)}" y2="${num(y)}" stroke="${colours.grid}" stroke-width="1"/>`)
    out.push(textLine(plot.x - size * 0.4, y - size * 0.55, t.toLocaleString('en-GB'), { size, fill: colours.muted, anchor: 'end' }))
  }
  const band = buckets.length > 0 ? plot.w / buckets.length : plot.w
  const gap = band > 6 ? Math.min(band * 0.2, size * 0.3) : 0
  buckets.forEach((b, i) => {
    let acc = 0
    for (const l of THREAT_LEVELS) {
      const v = total(b, l - 1)
      if (v <= 0) continue
      const y0 = yOf(acc)
      acc += v
      const y1 = yOf(acc)
      out.push(rect({ x: plot.x + i * band + gap / 2, y: y1, w: Math.max(0.5, band - gap), h: Math.max(0.3, y0 - y1) }, ctx.levelColours[l]))
    }
  })
  const xOf = (ms: number): number => {
    if (buckets.length === 0) return plot.x
    let i = buckets.findIndex((b) => ms < b.endMs)
    if (i < 0) i = buckets.length - 1
    const b = buckets[i]!
    return plot.x + (i + (ms - b.startMs) / (b.endMs - b.startMs)) * band
  }
  out.push(`<line x1="${num(plot.x)}" x2="${num(plot.x + plot.w)}" y1="${num(plot.y + plot.h)}" y2="${num(plot.y + plot.h)}" stroke="${colours.muted}" stroke-width="1.5"/>`)
  out.push(timeLabels(buckets, xOf, plot, ctx))
  return out.join('')
}
