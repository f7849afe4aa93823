import { cleanText } from '../../clean-text.ts'
import { escapeXml } from '../captions.ts'
import type { ThreatLevel } from '../../model.ts'
import type { ChartContext } from './chart-context.ts'
import { PICTURE_COLOURS, type PictureTheme } from './colours.ts'
import { drawEventsChart, type EventsChartData } from './events-chart.ts'
import { composeFrame, type PictureText } from './frame.ts'
import { drawGaugesChart, type GaugesChartData } from './gauges-chart.ts'
import { drawMapChart, type MapChartData } from './map-chart.ts'
import { estimateText, type MeasureText } from './measure.ts'
import { typeScale, type PictureSize } from './presets.ts'
import { FONT_STACK, lineHeight, textLine, type Box } from './svg.ts'
import { drawTimelineChart, type TimelineChartData } from './timeline-chart.ts'

export interface BriefData {
  readonly timeline: TimelineChartData
  readonly map: MapChartData
  readonly gauges: GaugesChartData
  readonly events: EventsChartData
}

/** What a picture shows: one panel's chart, or the brief (every panel on one page). */
export type ChartSpec =
  | { readonly kind: 'timeline'; readonly data: TimelineChartData }
  | { readonly kind: 'map'; readonly data: MapChartData }
  | { readonly kind: 'gauges'; readonly data: GaugesChartData }
  | { readonly kind: 'events'; readonly data: EventsChartData }
  | { readonly kind: 'brief'; readonly data: BriefData }

export interface PictureSpec {
  readonly size: PictureSize
  readonly theme: PictureTheme
  readonly text: PictureText
  readonly chart: ChartSpec
  readonly levelColours: Readonly<Record<ThreatLevel, string>>
  /** Text measurement (a canvas in the browser); an estimate when absent. */
  readonly measure?: MeasureText
  /** Prefix for the picture's ids, when several share a page. */
  readonly idPrefix?: string
}

/** Headings of the brief's sections. */
export const BRIEF_HEADINGS = { map: 'Where', gauges: 'Threat levels', timeline: 'Events over time', events: 'Highest-level events' } as const

function section(heading: string, box: Box, ctx: ChartContext, draw: (inner: Box) => string): string {
  const size = Math.round(ctx.type.label * 1.1)
  const top = lineHeight(size) + ctx.type.label * 0.4
  return textLine(box.x, box.y, heading, { size, weight: 700, fill: ctx.colours.text }) + draw({ x: box.x, y: box.y + top, w: box.w, h: box.h - top })
}

/** The brief: map and timeline on the left, gauges and events on the right (stacked when the page is portrait). */
function drawBrief(data: BriefData, box: Box, ctx: ChartContext): string {
  const gap = ctx.type.label * 1.5
  const ctxOf = (p: string): ChartContext => ({ ...ctx, idPrefix: `${ctx.idPrefix}${p}-` })
  if (box.w >= box.h) {
    const leftW = box.w * 0.58
    const rightW = box.w - leftW - gap
    const mapH = box.h * 0.6
    const gaugesH = box.h * 0.5
    return [
      section(BRIEF_HEADINGS.map, { x: box.x, y: box.y, w: leftW, h: mapH }, ctx, (b) => drawMapChart(data.map, b, ctxOf('map'))),
      section(BRIEF_HEADINGS.timeline, { x: box.x, y: box.y + mapH + gap, w: leftW, h: box.h - mapH - gap }, ctx, (b) => drawTimelineChart(data.timeline, b, ctx)),
      section(BRIEF_HEADINGS.gauges, { x: box.x + leftW + gap, y: box.y, w: rightW, h: gaugesH }, ctx, (b) => drawGaugesChart(data.gauges, b, ctx)),
      section(BRIEF_HEADINGS.events, { x: box.x + leftW + gap, y: box.y + gaugesH + gap, w: rightW, h: box.h - gaugesH - gap }, ctx, (b) => drawEventsChart(data.events, b, ctx)),
    ].join('')
  }
  const heights = [0.3, 0.24, 0.18, 0.28].map((f) => f * (box.h - 3 * gap))
  const ys = heights.reduce<number[]>((acc, h, i) => [...acc, i === 0 ? box.y : acc[i - 1]! + heights[i - 1]! + gap], [])
  const at = (i: number): Box => ({ x: box.x, y: ys[i]!, w: box.w, h: heights[i]! })
  return [
    section(BRIEF_HEADINGS.map, at(0), ctx, (b) => drawMapChart(data.map, b, ctxOf('map'))),
    section(BRIEF_HEADINGS.gauges, at(1), ctx, (b) => drawGaugesChart(data.gauges, b, ctx)),
    section(BRIEF_HEADINGS.timeline, at(2), ctx, (b) => drawTimelineChart(data.timeline, b, ctx)),
    section(BRIEF_HEADINGS.events, at(3), ctx, (b) => drawEventsChart(data.events, b, ctx)),
  ].join('')
}

export function chartContext(spec: PictureSpec): ChartContext {
  return {
    measure: spec.measure ?? estimateText,
    type: typeScale(spec.size),
    colours: PICTURE_COLOURS[spec.theme],
    levelColours: spec.levelColours,
    idPrefix: spec.idPrefix ?? 'wf-',
  }
}

export function drawChart(chart: ChartSpec, box: Box, ctx: ChartContext): string {
  switch (chart.kind) {
    case 'timeline':
      return drawTimelineChart(chart.data, box, ctx)
    case 'map':
      return drawMapChart(chart.data, box, ctx)
    case 'gauges':
      return drawGaugesChart(chart.data, box, ctx)
    case 'events':
      return drawEventsChart(chart.data, box, ctx)
    case 'brief':
      return drawBrief(chart.data, box, ctx)
  }
}

/**
 * A picture composed for its size as one standalone SVG document: the chart drawn from the
 * views' data (never a copy of the panel), its title once, the filters and as-of, the legend,
 * the source and the marking. Text is SVG text, escaped; nothing interactive is in it.
 */
export function composePicture(spec: PictureSpec): string {
  const ctx = chartContext(spec)
  const { widthPx: W, heightPx: H } = spec.size
  const frame = composeFrame(spec.size, spec.text, ctx)
  return cleanText(
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${escapeXml(FONT_STACK)}">`,
      `<title>${escapeXml(spec.text.title)}</title>`,
      `<rect width="${W}" height="${H}" fill="${ctx.colours.background}"/>`,
      frame.markup,
      drawChart(spec.chart, frame.plot, ctx),
      '</svg>',
    ].join('\n'),
  )
}
