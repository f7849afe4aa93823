import type { PlaceShade } from '../../engine/views-engine.ts'
import type { ThreatLevel } from '../../model.ts'
import type { ChartContext } from './chart-context.ts'
import { legendColumn, legendColumnHeight, legendRow, levelItems, type LegendItem } from './legend.ts'
import { boxBoundsDeg, fitAspect, mercX, mercY, type WorldBox } from './map-fit.ts'
import { wrapText } from './measure.ts'
import { lineHeight, maxOf, num, rect, textLines, type Box } from './svg.ts'

/** A basemap shape: a country's alpha-2 code (null for land we cannot name) and its rings in lon/lat degrees. */
export interface BasemapShape {
  readonly code: string | null
  readonly rings: readonly (readonly (readonly [number, number])[])[]
}

/** Event positions and levels, as typed columns (NaN where an event has no place). */
export interface MapPoints {
  readonly lonDeg: Float32Array
  readonly latDeg: Float32Array
  /** The highest level of the events each point stands for. */
  readonly level: Uint8Array
  /** How many events each point stands for (a warehouse's bin); one each when absent. */
  readonly count?: Uint32Array
}

export interface MapChartData {
  readonly shapes: readonly BasemapShape[]
  /** A country's shade (by its own code or its region's, as the map shades), or undefined for no events. */
  readonly shadeOf: (code: string) => PlaceShade | undefined
  readonly points: MapPoints
  /** What to show: around the events, or the map's view. */
  readonly box: WorldBox
  /** The legend's heading, e.g. "Highest level, 30 days". */
  readonly legendTitle: string
}

/** A ring as path data; "" when it lies wholly outside the plot (a close view carries only what it shows). */
function ringPath(ring: readonly (readonly [number, number])[], project: (lon: number, lat: number) => [number, number], shift: boolean, plot: Box): string {
  let d = ''
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(shift && lon < 0 ? lon + 360 : lon, lat)
    x0 = Math.min(x0, x)
    x1 = Math.max(x1, x)
    y0 = Math.min(y0, y)
    y1 = Math.max(y1, y)
    d += `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`
  })
  if (x1 < plot.x || x0 > plot.x + plot.w || y1 < plot.y || y0 > plot.y + plot.h) return ''
  return `${d}Z`
}

/** A ring crossing the antimeridian spans more than 180° of longitude: drawn with its western half moved east. */
function crossesAntimeridian(ring: readonly (readonly [number, number])[]): boolean {
  let lo = Infinity
  let hi = -Infinity
  for (const [lon] of ring) {
    lo = Math.min(lo, lon)
    hi = Math.max(hi, lon)
  }
  return hi - lo > 180
}

interface Cell {
  x: number
  y: number
  count: number
  level: number
}

/** Events binned into cells of `cellPx` (one dot per cell: most at the highest level), so a vector file stays small at any count. */
function binPoints(points: MapPoints, project: (lon: number, lat: number) => [number, number], plot: Box, cellPx: number): { cells: Cell[]; outside: number } {
  const cells = new Map<number, Cell>()
  let outside = 0
  const cols = Math.ceil(plot.w / cellPx) + 1
  for (let i = 0; i < points.lonDeg.length; i++) {
    const lon = points.lonDeg[i]!
    const lat = points.latDeg[i]!
    if (Number.isNaN(lon) || Number.isNaN(lat)) continue
    const [x, y] = project(lon, lat)
    const n = points.count?.[i] ?? 1
    if (x < plot.x || y < plot.y || x > plot.x + plot.w || y > plot.y + plot.h) {
      outside += n
      continue
    }
    const key = Math.floor((y - plot.y) / cellPx) * cols + Math.floor((x - plot.x) / cellPx)
    const cell = cells.get(key)
    if (cell) {
      cell.count += n
      cell.level = Math.max(cell.level, points.level[i]!)
    } else cells.set(key, { x, y, count: n, level: points.level[i]! })
  }
  return { cells: [...cells.values()].sort((a, b) => a.level - b.level || b.count - a.count), outside }
}

function legendItems(ctx: ChartContext): LegendItem[] {
  return [
    ...levelItems(ctx),
    { label: 'No recent activity', fill: `url(#${ctx.idPrefix}hatch)` },
    { label: 'No matching events', fill: ctx.colours.land },
    { label: 'Events (dot)', fill: ctx.colours.quiet, dot: true },
  ]
}

/** Where the map itself goes in `box`, and its legend: beside it, or below it when the box is tall. */
export function mapLayout(legendTitle: string, box: Box, ctx: ChartContext): { plot: Box; legend: string; note: Box } {
  const { type } = ctx
  const items = legendItems(ctx)
  const legendW = maxOf([...items.map((i) => ctx.measure(i.label, type.label, 400)), ctx.measure(legendTitle, type.label, 700)]) + type.label * 2
  if (box.w / box.h > 1.25 && legendW < box.w * 0.35) {
    const plot = { x: box.x, y: box.y, w: box.w - legendW - type.label, h: box.h }
    const lh = legendColumnHeight(items.length, ctx)
    const legendBox = { x: plot.x + plot.w + type.label, y: box.y + Math.max(0, (box.h - lh) / 2), w: legendW, h: lh }
    return { plot, legend: legendColumn(legendTitle, items, legendBox, ctx), note: { x: legendBox.x, y: legendBox.y + lh + type.label * 0.5, w: legendW, h: box.y + box.h - legendBox.y - lh } }
  }
  const rowH = legendRow(items, box.x, 0, box.w, ctx).heightPx
  const noteH = lineHeight(type.small) * 2
  const plot = { x: box.x, y: box.y, w: box.w, h: box.h - rowH - type.label * 0.6 - noteH }
  const legendY = plot.y + plot.h + type.label * 0.6
  return { plot, legend: legendRow(items, box.x, legendY, box.w, ctx).markup, note: { x: box.x, y: legendY + rowH, w: box.w, h: noteH } }
}

/** The map: shapes shaded, events as dots, clipped to its box, with the legend beside it (below when the box is tall). */
export function drawMapChart(data: MapChartData, box: Box, ctx: ChartContext): string {
  const { colours } = ctx
  const hatchId = `${ctx.idPrefix}hatch`
  const clipId = `${ctx.idPrefix}map-clip`
  const { plot, legend, note } = mapLayout(data.legendTitle, box, ctx)
  const project = mapProjection(data.box, plot)
  const out: string[] = [
    `<defs><pattern id="${hatchId}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colours.land}"/><path d="M-2 2L2-2M0 8L8 0M6 10L10 6" stroke="${colours.quiet}" stroke-width="2"/></pattern>`,
    `<clipPath id="${clipId}"><rect x="${num(plot.x)}" y="${num(plot.y)}" width="${num(plot.w)}" height="${num(plot.h)}"/></clipPath></defs>`,
    rect(plot, colours.sea),
    // The bounds shown, in degrees (west south east north), for a reader of the file.
    `<g data-bounds="${boxBoundsDeg(fitAspect(data.box, plot.w, plot.h)).map((v) => num(v)).join(' ')}" clip-path="url(#${clipId})" stroke="${colours.border}" stroke-width="0.8" stroke-linejoin="round">`,
  ]
  for (const shape of data.shapes) {
    const shade = shape.code ? data.shadeOf(shape.code) : undefined
    const fill = shade === undefined ? colours.land : shade.level === null ? `url(#${hatchId})` : ctx.levelColours[shade.level as ThreatLevel]
    const d = shape.rings.map((ring) => ringPath(ring, project, crossesAntimeridian(ring), plot)).join('')
    if (d !== '') out.push(`<path d="${d}" fill="${fill}"/>`)
  }
  out.push('</g>')
  out.push(`<g clip-path="url(#${clipId})" stroke="${colours.text}" stroke-width="1">`)
  const { dots, outside } = eventDots(data.points, project, plot, ctx)
  for (const dot of dots) out.push(`<circle cx="${num(dot.x)}" cy="${num(dot.y)}" r="${num(dot.r)}" fill="${dot.fill}"/>`)
  out.push('</g>')
  if (outside > 0) {
    const words = `${outside.toLocaleString('en-GB')} matching event${outside === 1 ? ' lies' : 's lie'} outside this view`
    out.push(textLines(note.x, note.y, wrapText(words, note.w, ctx.type.small, 400, ctx.measure), { size: ctx.type.small, fill: colours.muted }))
  }
  out.push(rect(plot, 'none', ` stroke="${colours.grid}" stroke-width="1"`), legend)
  return out.join('')
}

/** The projection drawMapChart uses for a plot (for drawing frames over the same map). */
export function mapProjection(box: WorldBox, plot: Box): (lon: number, lat: number) => [number, number] {
  const view = fitAspect(box, plot.w, plot.h)
  const k = plot.w / (view.x1 - view.x0)
  return (lon, lat) => [plot.x + (mercX(lon) - view.x0) * k, plot.y + (mercY(lat) - view.y0) * k]
}

export interface EventDot {
  readonly x: number
  readonly y: number
  readonly r: number
  readonly fill: string
}

/** The dots for events on a plot: one per cell, sized by count, coloured by the highest level, highest drawn last. */
export function eventDots(points: MapPoints, project: (lon: number, lat: number) => [number, number], plot: Box, ctx: ChartContext): { dots: EventDot[]; outside: number } {
  const label = ctx.type.label
  const cellPx = Math.max(6, label * 0.5)
  const binned = binPoints(points, project, plot, cellPx)
  const dots = binned.cells.map((c) => ({
    x: c.x,
    y: c.y,
    r: Math.min(cellPx * 1.2, label * 0.2 + Math.log2(c.count + 1) * label * 0.08),
    fill: ctx.levelColours[(c.level || 1) as ThreatLevel],
  }))
  return { dots, outside: binned.outside }
}
