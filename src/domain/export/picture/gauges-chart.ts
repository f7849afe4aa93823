import { LEVEL_LABELS, type ThreatLevel } from '../../model.ts'
import type { ChartContext } from './chart-context.ts'
import { wrapText } from './measure.ts'
import { lineHeight, maxOf, num, rect, textLine, textLines, type Box } from './svg.ts'

export interface GaugeCard {
  readonly name: string
  readonly level: ThreatLevel | null
  /** 0–100. */
  readonly score: number
  /** "rising", "falling" or "steady", with the change in points. */
  readonly trend: string
  readonly eventCount: number
}

export interface GaugesChartData {
  readonly cards: readonly GaugeCard[]
  readonly windowDays: number
}

/** A card's lines at a type size `size` and width `w`: name, level, bar, details. */
function cardLines(card: GaugeCard, w: number, size: number, windowDays: number, ctx: ChartContext): { name: string[]; detail: string[]; heightPx: number } {
  const inner = w - size * 1.6
  const name = wrapText(card.name, inner, Math.round(size * 1.15), 700, ctx.measure)
  const detail = wrapText(`Score ${card.score.toFixed(1)} · ${card.trend} · ${card.eventCount.toLocaleString('en-GB')} events in ${windowDays} days`, inner, size, 400, ctx.measure)
  const heightPx = size * 0.7 + name.length * lineHeight(Math.round(size * 1.15)) + size * 0.2 + lineHeight(Math.round(size * 1.5)) + size * 0.3 + size * 0.9 + detail.length * lineHeight(size) + size * 0.7
  return { name, detail, heightPx }
}

export interface GaugeGrid {
  readonly cols: number
  readonly rows: number
  /** Type size of the cards' text. */
  readonly size: number
  /** Cards shown: all that fit whole. */
  readonly shown: number
  readonly cardW: number
  readonly cardH: number
}

/**
 * The grid for the cards: the largest type (from 1.6 labels down to 0.8) at which every card
 * fits whole, with the columns whose cards are closest to 1.8 : 1; when none fits, the cards
 * that do fit at the smallest type, the rest left out.
 */
export function gaugeGrid(data: GaugesChartData, box: Box, ctx: ChartContext): GaugeGrid {
  const n = data.cards.length
  const label = ctx.type.label
  for (let shown = n; shown >= 1; shown--) {
    for (let f = 1.6; f >= 0.79; f -= 0.1) {
      const size = Math.round(label * f)
      const gap = Math.round(label * 0.8)
      const available = shown < n ? box.h - lineHeight(label) - gap : box.h
      let best: GaugeGrid | null = null
      let bestScore = -Infinity
      for (let cols = 1; cols <= shown; cols++) {
        const rows = Math.ceil(shown / cols)
        const cardW = (box.w - gap * (cols - 1)) / cols
        if (cardW < size * 8) break
        const cardH = maxOf(data.cards.slice(0, shown).map((c) => cardLines(c, cardW, size, data.windowDays, ctx).heightPx))
        if (rows * cardH + (rows - 1) * gap > available) continue
        const score = -Math.abs(Math.log(cardW / cardH / 1.8))
        if (score > bestScore) {
          bestScore = score
          best = { cols, rows, size, shown, cardW, cardH }
        }
      }
      if (best) return best
    }
  }
  return { cols: 1, rows: 0, size: label, shown: 0, cardW: box.w, cardH: 0 }
}

/** The gauges as cards in a grid: name, level in words, score bar, trend and events; every card whole. */
export function drawGaugesChart(data: GaugesChartData, box: Box, ctx: ChartContext): string {
  const { colours } = ctx
  const grid = gaugeGrid(data, box, ctx)
  const { size, cardW: w, cardH: h } = grid
  const gap = Math.round(ctx.type.label * 0.8)
  const out: string[] = []
  data.cards.slice(0, grid.shown).forEach((card, i) => {
    const x = box.x + (i % grid.cols) * (w + gap)
    const y = box.y + Math.floor(i / grid.cols) * (h + gap)
    const fill = card.level === null ? colours.quiet : ctx.levelColours[card.level]
    const lines = cardLines(card, w, size, data.windowDays, ctx)
    out.push(rect({ x, y, w, h }, colours.card, ` rx="${num(size * 0.4)}"`))
    out.push(rect({ x, y, w: size * 0.4, h }, fill, ` rx="${num(size * 0.2)}"`))
    const pad = size
    const inner = w - pad * 1.6
    let ty = y + size * 0.7
    const nameSize = Math.round(size * 1.15)
    out.push(textLines(x + pad, ty, lines.name, { size: nameSize, weight: 700, fill: colours.text }))
    ty += lines.name.length * lineHeight(nameSize) + size * 0.2
    const levelText = card.level === null ? 'No recent activity' : `${card.level} ${LEVEL_LABELS[card.level]}`
    const bigSize = Math.round(size * 1.5)
    out.push(textLine(x + pad, ty, levelText, { size: bigSize, weight: 700, fill: colours.text }))
    ty += lineHeight(bigSize) + size * 0.3
    out.push(rect({ x: x + pad, y: ty, w: inner, h: size * 0.5 }, colours.grid, ` rx="${num(size * 0.25)}"`))
    out.push(rect({ x: x + pad, y: ty, w: (inner * Math.max(0, Math.min(100, card.score))) / 100, h: size * 0.5 }, fill, ` rx="${num(size * 0.25)}"`))
    ty += size * 0.9
    out.push(textLines(x + pad, ty, lines.detail, { size, fill: colours.muted }))
  })
  const rest = data.cards.length - grid.shown
  if (rest > 0) {
    out.push(textLine(box.x, box.y + grid.rows * (h + gap), `${rest} more gauge${rest === 1 ? '' : 's'} not shown`, { size: ctx.type.label, fill: colours.muted }))
  }
  return out.join('')
}
