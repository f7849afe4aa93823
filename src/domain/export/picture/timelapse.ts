import { DAY_MS } from '../../dates.ts'
import { bucketStart, nextBucket, type Span } from '../../timeline/buckets.ts'
import type { ChartContext } from './chart-context.ts'
import { chartContext, type PictureSpec } from './compose.ts'
import { composeFrame, type PictureText } from './frame.ts'
import { drawMapChart, mapLayout, mapProjection, type MapChartData } from './map-chart.ts'
import { FONT_STACK, maxOf, num, rect, textLine, type Box } from './svg.ts'
import { cleanText } from '../../clean-text.ts'
import { escapeXml } from '../captions.ts'

/** A frame per day, week (from Monday) or month, UTC. */
export type TimelapseStep = 'day' | 'week' | 'month'

/** One frame: the period it shows, [fromMs, toMs). */
export type FrameSpan = Span

/** The frames over a span: whole steps, the first holding the span's start. */
export function timelapseFrames(span: Span, step: TimelapseStep): FrameSpan[] {
  const frames: FrameSpan[] = []
  for (let start = bucketStart(span.fromMs, step); start < span.toMs; start = nextBucket(start, step)) {
    frames.push({ fromMs: start, toMs: nextBucket(start, step) })
  }
  return frames
}

/** The default period: the time filter's, else the year to the as-of instant. */
export function defaultTimelapseSpan(timeRange: Span | null, dataSpan: Span | null, asOfMs: number): Span {
  if (timeRange && dataSpan) {
    const fromMs = Math.max(timeRange.fromMs, dataSpan.fromMs)
    const toMs = Math.min(timeRange.toMs, dataSpan.toMs)
    if (toMs > fromMs) return { fromMs, toMs }
  }
  const toMs = Math.ceil(asOfMs / DAY_MS) * DAY_MS
  return { fromMs: toMs - 365 * DAY_MS, toMs }
}

/** Events drawn in a frame: those overlapping the frame's period (an imprecise date overlaps every frame of its span). */
export function inFrame(startMs: number, endMs: number, frame: FrameSpan): boolean {
  return startMs < frame.toMs && endMs > frame.fromMs
}

/** The events (indexes into `spans`) each frame shows: those whose span overlaps the frame's. */
export function frameMembers(spans: { readonly size: number; readonly startMs: Float64Array; readonly endMs: Float64Array }, frames: readonly FrameSpan[]): number[][] {
  return frames.map((f) => {
    const rows: number[] = []
    for (let i = 0; i < spans.size; i++) if (inFrame(spans.startMs[i]!, spans.endMs[i]!, f)) rows.push(i)
    return rows
  })
}

/** Where each moving part of a frame goes, in the picture's CSS px. */
export interface TimelapseLayout {
  readonly svg: string
  /** The map's plot: dots are drawn here. */
  readonly mapPlot: Box
  readonly project: (lonDeg: number, latDeg: number) => [number, number]
  /** The timeline strip under the map: the cursor runs across it. */
  readonly strip: Box
  /** Where the date stamp goes (top left of the map). */
  readonly stamp: { readonly x: number; readonly y: number; readonly size: number }
  readonly context: ChartContext
}

/**
 * The still part of every frame, as SVG: title, filters, legend, source and marking, the
 * basemap (the map's dots are drawn per frame), and under it a strip of events per frame that
 * the cursor runs along. `counts` holds the matching events of each frame.
 */
export function composeTimelapseBase(spec: Omit<PictureSpec, 'chart'> & { readonly map: MapChartData; readonly counts: readonly number[] }): TimelapseLayout {
  const ctx = chartContext({ ...spec, chart: { kind: 'map', data: spec.map } })
  const { widthPx: W, heightPx: H } = spec.size
  const frame = composeFrame(spec.size, spec.text as PictureText, ctx)
  const label = ctx.type.label
  const stripH = Math.round(label * 3)
  const mapBox: Box = { x: frame.plot.x, y: frame.plot.y, w: frame.plot.w, h: frame.plot.h - stripH - label * 0.6 }
  const strip: Box = { x: frame.plot.x, y: mapBox.y + mapBox.h + label * 0.6, w: mapBox.w, h: stripH }
  const { plot } = mapLayout(spec.map.legendTitle, mapBox, ctx)
  const max = Math.max(1, maxOf(spec.counts))
  const band = strip.w / Math.max(1, spec.counts.length)
  const bars = spec.counts
    .map((c, i) => (c > 0 ? rect({ x: strip.x + i * band, y: strip.y + strip.h * (1 - c / max), w: Math.max(1, band - 1), h: (strip.h * c) / max }, ctx.colours.quiet) : ''))
    .join('')
  const svg = cleanText(
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${escapeXml(FONT_STACK)}">`,
      `<title>${escapeXml(spec.text.title)}</title>`,
      `<rect width="${W}" height="${H}" fill="${ctx.colours.background}"/>`,
      frame.markup,
      drawMapChart(spec.map, mapBox, ctx),
      rect(strip, ctx.colours.card),
      bars,
      `<line x1="${num(strip.x)}" x2="${num(strip.x + strip.w)}" y1="${num(strip.y + strip.h)}" y2="${num(strip.y + strip.h)}" stroke="${ctx.colours.muted}"/>`,
      textLine(strip.x + 4, strip.y + 2, 'Matching events per frame', { size: ctx.type.small, fill: ctx.colours.muted }),
      '</svg>',
    ].join('\n'),
  )
  return { svg, mapPlot: plot, project: mapProjection(spec.map.box, plot), strip, stamp: { x: plot.x + label * 0.6, y: plot.y + label * 0.6, size: Math.round(label * 1.6) }, context: ctx }
}
