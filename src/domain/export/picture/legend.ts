import { LEVEL_LABELS, THREAT_LEVELS } from '../../model.ts'
import type { ChartContext } from './chart-context.ts'
import { num, rect, textLine, type Box } from './svg.ts'

export interface LegendItem {
  readonly label: string
  /** A fill: a colour or a paint server (`url(#…)`). */
  readonly fill: string
  /** Drawn as a dot rather than a square. */
  readonly dot?: boolean
}

export function levelItems(ctx: ChartContext): LegendItem[] {
  return [...THREAT_LEVELS].reverse().map((l) => ({ label: `${l} ${LEVEL_LABELS[l]}`, fill: ctx.levelColours[l] }))
}

/**
 * Legend items in rows across `width`, wrapping to the next row when one does not fit.
 * Returns the markup and the height used.
 */
export function legendRow(items: readonly LegendItem[], x: number, y: number, width: number, ctx: ChartContext): { markup: string; heightPx: number } {
  const size = ctx.type.label
  const sw = Math.round(size * 0.9)
  const gap = Math.round(size * 1.2)
  const rowH = Math.round(size * 1.5)
  const out: string[] = []
  let cx = x
  let cy = y
  for (const item of items) {
    const w = sw + size * 0.4 + ctx.measure(item.label, size, 400)
    if (cx > x && cx + w > x + width) {
      cx = x
      cy += rowH
    }
    out.push(swatch(item, cx, cy + (size - sw) / 2 + 2, sw, ctx))
    out.push(textLine(cx + sw + size * 0.4, cy, item.label, { size, fill: ctx.colours.text }))
    cx += w + gap
  }
  return { markup: out.join(''), heightPx: cy - y + rowH }
}

/** Legend items one under another in a column (beside a map). */
export function legendColumn(title: string, items: readonly LegendItem[], box: Box, ctx: ChartContext): string {
  const size = ctx.type.label
  const sw = Math.round(size * 0.9)
  const rowH = Math.round(size * 1.6)
  const out = [textLine(box.x, box.y, title, { size, weight: 700, fill: ctx.colours.text })]
  items.forEach((item, i) => {
    const y = box.y + rowH * (i + 1.2)
    out.push(swatch(item, box.x, y + (size - sw) / 2 + 2, sw, ctx))
    out.push(textLine(box.x + sw + size * 0.5, y, item.label, { size, fill: ctx.colours.text }))
  })
  return out.join('')
}

function swatch(item: LegendItem, x: number, y: number, sw: number, ctx: ChartContext): string {
  if (item.dot) return `<circle cx="${num(x + sw / 2)}" cy="${num(y + sw / 2)}" r="${num(sw / 2.4)}" fill="${item.fill}" stroke="${ctx.colours.text}" stroke-width="1"/>`
  return rect({ x, y, w: sw, h: sw }, item.fill, ` stroke="${ctx.colours.muted}" stroke-width="0.5"`)
}

/** The height legendColumn takes for `count` items. */
export function legendColumnHeight(count: number, ctx: ChartContext): number {
  return Math.round(ctx.type.label * 1.6) * (count + 1.2)
}
