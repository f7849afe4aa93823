import type { ChartContext } from './chart-context.ts'
import { markingTextColour } from './colours.ts'
import { wrapText } from './measure.ts'
import type { PictureSize } from './presets.ts'
import { lineHeight, rect, textLine, textLines, type Box } from './svg.ts'

/** The words around a composed chart: all plain text, escaped when written. */
export interface PictureText {
  /** One title, the user's or a descriptive default. */
  readonly title: string
  /** The filters in words and the as-of time. */
  readonly subtitle: string
  /** What the reader should take away; "" for none. */
  readonly caption: string
  /** Data source and basemap attribution. */
  readonly source: string
  /** The handling marking; "" for none. */
  readonly marking: string
}

export interface Frame {
  readonly markup: string
  /** Where the chart goes. */
  readonly plot: Box
}

/**
 * Marking banners top and bottom, the title, subtitle and caption above the chart, the source
 * below it. Every text wraps to the width; nothing is cut.
 */
export function composeFrame(size: PictureSize, text: PictureText, ctx: ChartContext): Frame {
  const { type, colours, measure } = ctx
  const W = size.widthPx
  const H = size.heightPx
  const inner = W - 2 * type.pad
  const out: string[] = []
  const bannerH = Math.round(type.small * 1.8)
  const banner = (y: number): void => {
    out.push(rect({ x: 0, y, w: W, h: bannerH }, '#000000'))
    const lines = wrapText(text.marking, inner, type.small, 700, measure)
    out.push(textLine(W / 2, y + (bannerH - type.small) / 2, lines[0] ?? '', { size: type.small, weight: 700, fill: markingTextColour(text.marking), anchor: 'middle' }))
  }
  let y = 0
  if (text.marking !== '') {
    banner(0)
    y = bannerH
  }
  y += Math.round(type.pad * 0.6)
  const block = (body: string, size: number, weight: number, fill: string, gapAfter: number): void => {
    if (body === '') return
    const lines = wrapText(body, inner, size, weight, measure)
    out.push(textLines(type.pad, y, lines, { size, weight, fill }))
    y += lines.length * lineHeight(size) + gapAfter
  }
  block(text.title, type.title, 700, colours.text, Math.round(type.title * 0.25))
  block(text.subtitle, type.subtitle, 400, colours.muted, Math.round(type.subtitle * 0.3))
  block(text.caption, type.subtitle, 600, colours.text, 0)
  y += Math.round(type.pad * 0.4)
  // The footer, measured first so the chart gets what is left.
  const footLines = wrapText(text.source, inner, type.small, 400, measure)
  const footH = footLines.length * lineHeight(type.small)
  let bottom = H - (text.marking !== '' ? bannerH : 0) - Math.round(type.pad * 0.5)
  out.push(textLines(type.pad, bottom - footH, footLines, { size: type.small, fill: colours.muted }))
  bottom -= footH + Math.round(type.pad * 0.4)
  if (text.marking !== '') banner(H - bannerH)
  return { markup: out.join(''), plot: { x: type.pad, y, w: inner, h: Math.max(0, bottom - y) } }
}
