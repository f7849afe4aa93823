/**
 * Paints a frame of events on a 2D canvas. Points: filled discs sized by level; an approximate
 * position (a country or region centroid) is a hollow ring, so it never reads as a pinpoint.
 * Bins: discs sized by the square root of their count, coloured by their highest level, with the
 * count written in. Discs are batched into one path per level and style.
 */
import type { ThreatLevel } from '../../../domain/model.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { itemRadius, type PointFrame } from '../../../domain/engine/map-points.ts'

export interface DrawOptions {
  /** Outline colour that separates discs from the map (the theme's background). */
  readonly halo: string
  /** Text colour for bin counts. */
  readonly text: string
  /** Row to ring as selected, or null. */
  readonly selectedRow: number | null
}

function discs(ctx: CanvasRenderingContext2D, frame: PointFrame, level: number, approximate: number): boolean {
  let any = false
  ctx.beginPath()
  for (let i = 0; i < frame.size; i++) {
    if (frame.level[i] !== level || frame.approximate[i] !== approximate) continue
    const r = itemRadius(frame, i)
    const x = frame.x[i]!
    const y = frame.y[i]!
    ctx.moveTo(x + r, y)
    ctx.arc(x, y, r, 0, 2 * Math.PI)
    any = true
  }
  return any
}

/** A bin's count as written in its disc: 999, 1.2k, 12k, 1.2M. */
export function binLabel(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`
  if (count >= 10_000) return `${Math.round(count / 1000)}k`
  if (count >= 1000) return `${(count / 1000).toFixed(1)}k`
  return String(count)
}

/** Draws the frame on a canvas whose transform maps the frame's pixels to the device's. */
export function drawFrame(ctx: CanvasRenderingContext2D, frame: PointFrame, options: DrawOptions): void {
  for (let level = 1; level <= 5; level++) {
    const colour = LEVEL_COLOURS[level as ThreatLevel]
    if (discs(ctx, frame, level, 0)) {
      ctx.globalAlpha = frame.mode === 'bins' ? 0.85 : 0.95
      ctx.fillStyle = colour
      ctx.fill()
      ctx.globalAlpha = 1
      ctx.lineWidth = 1
      ctx.setLineDash([])
      ctx.strokeStyle = options.halo
      ctx.stroke()
    }
    if (discs(ctx, frame, level, 1)) {
      ctx.lineWidth = 3.5
      ctx.setLineDash([])
      ctx.strokeStyle = options.halo
      ctx.stroke()
      ctx.lineWidth = 2
      ctx.setLineDash(frame.mode === 'bins' ? [3, 2] : [])
      ctx.strokeStyle = colour
      ctx.stroke()
      ctx.setLineDash([])
    }
  }
  if (frame.mode === 'bins') {
    ctx.font = '600 10px system-ui, sans-serif'
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    for (let i = 0; i < frame.size; i++) {
      const count = frame.count[i]!
      const radius = itemRadius(frame, i)
      if (count < 2 || radius < 7) continue
      const label = binLabel(count)
      // A count wider than its disc would spill onto a neighbour: bins never overlap, so a label kept inside its disc never does either.
      if (ctx.measureText(label).width > 2 * radius - 2) continue
      ctx.lineWidth = 3
      ctx.strokeStyle = options.halo
      ctx.strokeText(label, frame.x[i]!, frame.y[i]!)
      ctx.fillStyle = options.text
      ctx.fillText(label, frame.x[i]!, frame.y[i]!)
    }
  } else if (options.selectedRow !== null) {
    for (let i = 0; i < frame.size; i++) {
      if (frame.ref[i] !== options.selectedRow) continue
      ctx.beginPath()
      ctx.arc(frame.x[i]!, frame.y[i]!, itemRadius(frame, i) + 4, 0, 2 * Math.PI)
      ctx.lineWidth = 2
      ctx.strokeStyle = options.text
      ctx.stroke()
      break
    }
  }
}

/**
 * Rings the events a live refresh brought (`frame.fresh[i] === 1`): a dashed ring outside the disc,
 * in the theme's text colour over a halo, unlike the selection's solid ring and unlike any level
 * colour. Points mode only: a bin's one representative says nothing about the others in it.
 * All rings go in one path (no per-event objects). Returns how many were ringed.
 */
export function drawNewRings(ctx: CanvasRenderingContext2D, frame: PointFrame, options: Pick<DrawOptions, 'halo' | 'text'>): number {
  if (frame.mode !== 'points') return 0
  let ringed = 0
  ctx.beginPath()
  for (let i = 0; i < frame.size; i++) {
    if (frame.fresh[i] !== 1) continue
    const r = itemRadius(frame, i) + 3.5
    const x = frame.x[i]!
    const y = frame.y[i]!
    ctx.moveTo(x + r, y)
    ctx.arc(x, y, r, 0, 2 * Math.PI)
    ringed++
  }
  if (ringed === 0) return 0
  ctx.setLineDash([])
  ctx.lineWidth = 3.5
  ctx.strokeStyle = options.halo
  ctx.stroke()
  ctx.setLineDash([3, 2])
  ctx.lineWidth = 1.75
  ctx.strokeStyle = options.text
  ctx.stroke()
  ctx.setLineDash([])
  return ringed
}

/** Writes each shaded place's level in a small dark chip, over the events (points in container px). */
export function drawPlaceLabels(
  ctx: CanvasRenderingContext2D,
  labels: readonly { readonly x: number; readonly y: number; readonly level: number }[],
): void {
  ctx.font = '700 10px system-ui, sans-serif'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  for (const { x, y, level } of labels) {
    ctx.beginPath()
    ctx.roundRect(x - 7, y - 7, 14, 14, 7)
    ctx.fillStyle = 'rgba(0, 0, 0, 0.72)'
    ctx.fill()
    ctx.lineWidth = 1
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.75)'
    ctx.stroke()
    ctx.fillStyle = '#ffffff'
    ctx.fillText(String(level), x, y + 0.5)
  }
}
