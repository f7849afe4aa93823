import type { ThreatLevel } from '../../model.ts'
import type { ChartContext } from './chart-context.ts'
import { wrapText } from './measure.ts'
import { lineHeight, rect, textLine, textLines, type Box } from './svg.ts'

export interface EventRowData {
  readonly level: ThreatLevel
  readonly levelText: string
  readonly date: string
  readonly title: string
  readonly where: string
}

export interface EventsChartData {
  readonly rows: readonly EventRowData[]
  /** Matching events in all, for "and N more". */
  readonly total: number
}

/**
 * The events as a table: level, date, event, where. Titles wrap; a row that would not fit
 * whole is left out, and a last line says how many are not shown.
 */
export function drawEventsChart(data: EventsChartData, box: Box, ctx: ChartContext): string {
  const { colours, type, measure } = ctx
  const size = type.label
  const lh = lineHeight(size)
  const cols = [
    { head: 'Level', w: Math.max(measure('5 critical', size, 600), measure('Level', size, 700)) + size * 1.9 },
    { head: 'Date', w: measure('30 Sep 2025', size, 400) + size },
    { head: 'Event', w: 0 },
    { head: 'Where', w: Math.min(box.w * 0.24, size * 14) },
  ]
  cols[2]!.w = box.w - cols[0]!.w - cols[1]!.w - cols[3]!.w
  const xs: number[] = []
  cols.reduce((x, c) => (xs.push(x), x + c.w), box.x)
  const out: string[] = []
  cols.forEach((c, i) => out.push(textLine(xs[i]!, box.y, c.head, { size, weight: 700, fill: colours.muted })))
  let y = box.y + lh + size * 0.3
  out.push(rect({ x: box.x, y: y - size * 0.2, w: box.w, h: 1.5 }, colours.grid))
  const footH = lh + size * 0.4
  let shown = 0
  for (const row of data.rows) {
    const title = wrapText(row.title, cols[2]!.w - size, size, 400, measure)
    const where = wrapText(row.where || '—', cols[3]!.w - size * 0.5, size, 400, measure)
    const level = wrapText(row.levelText, cols[0]!.w - size * 1.6, size, 600, measure)
    const h = Math.max(title.length, where.length, level.length) * lh + size * 0.5
    const restAfter = data.total - shown - 1 > 0 ? footH : 0
    if (y + h + restAfter > box.y + box.h) break
    out.push(rect({ x: xs[0]!, y: y + size * 0.15, w: size * 0.9, h: size * 0.9 }, ctx.levelColours[row.level]))
    out.push(textLines(xs[0]! + size * 1.3, y, level, { size, weight: 600, fill: colours.text }))
    out.push(textLine(xs[1]!, y, row.date, { size, fill: colours.text }))
    out.push(textLines(xs[2]!, y, title, { size, fill: colours.text }))
    out.push(textLines(xs[3]!, y, where, { size, fill: colours.muted }))
    y += h
    out.push(rect({ x: box.x, y: y - size * 0.25, w: box.w, h: 1 }, colours.grid))
    shown++
  }
  const rest = data.total - shown
  if (rest > 0) out.push(textLine(box.x, y + size * 0.2, `${shown === 0 ? '' : 'and '}${rest.toLocaleString('en-GB')} more matching event${rest === 1 ? '' : 's'} not listed`, { size, fill: colours.muted }))
  if (data.total === 0) out.push(textLine(box.x, y + size * 0.2, 'No events match the filters', { size, fill: colours.muted }))
  return out.join('')
}
