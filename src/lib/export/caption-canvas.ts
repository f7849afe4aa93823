import { BAND, captionBands } from '../../domain/export/caption-layout.ts'
import type { CaptionBlock } from '../../domain/export/captions.ts'

/** Colours of the caption bands: the export's theme, read from the CSS variables in force. */
export interface BandColours {
  readonly surface: string
  readonly text: string
  readonly muted: string
  readonly border: string
}

/** TLP 2.0 label colours (on black, as the standard prints them); custom markings are white. */
const TLP_COLOURS: Readonly<Record<string, string>> = {
  'TLP:CLEAR': '#FFFFFF',
  'TLP:GREEN': '#33FF00',
  'TLP:AMBER': '#FFC000',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:RED': '#FF2B2B',
}

export function markingColour(marking: string): string {
  return TLP_COLOURS[marking.toUpperCase()] ?? '#FFFFFF'
}

/**
 * The theme's colours as resolved rgb() values. The variables hold light-dark(…) pairs, which
 * only resolve on an element, so each is read through a probe's `color`.
 */
export function readBandColours(parent: Element = document.body): BandColours {
  const probe = document.createElement('span')
  probe.style.display = 'none'
  parent.append(probe)
  const v = (name: string, fallback: string): string => {
    probe.style.color = fallback
    probe.style.color = `var(${name}, ${fallback})`
    return getComputedStyle(probe).color || fallback
  }
  const colours = { surface: v('--surface', '#ffffff'), text: v('--text', '#111111'), muted: v('--muted', '#555555'), border: v('--border', '#cccccc') }
  probe.remove()
  return colours
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** Cuts text with an ellipsis so it fits `maxPx` (lines never wrap; see captionBands). */
function fit(ctx: CanvasRenderingContext2D, text: string, maxPx: number): string {
  if (ctx.measureText(text).width <= maxPx) return text
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxPx) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo)}…`
}

/**
 * The picture with its caption burned in: marking banner and title above; caption, filters,
 * as-of with zone and source below; marking banner again at the bottom. `picture` is drawn at
 * its own pixel size, so the result is picture.width wide and picture.height + bands × scale tall.
 */
export function withCaption(picture: HTMLCanvasElement, block: CaptionBlock, scale: number, colours: BandColours): HTMLCanvasElement {
  const bands = captionBands(block)
  const out = document.createElement('canvas')
  out.width = picture.width
  out.height = picture.height + Math.round((bands.topPx + bands.bottomPx) * scale)
  const ctx = out.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw on a canvas')
  const widthPx = out.width / scale
  ctx.scale(scale, scale)
  ctx.fillStyle = colours.surface
  ctx.fillRect(0, 0, widthPx, out.height / scale)
  ctx.textBaseline = 'middle'
  const pad = 10
  const banner = (y: number): void => {
    ctx.fillStyle = '#000000'
    ctx.fillRect(0, y, widthPx, BAND.markingPx)
    ctx.fillStyle = markingColour(block.marking)
    ctx.font = `700 12px ${FONT}`
    ctx.textAlign = 'center'
    ctx.fillText(fit(ctx, block.marking, widthPx - 2 * pad), widthPx / 2, y + BAND.markingPx / 2)
    ctx.textAlign = 'left'
  }
  let y = 0
  if (block.marking !== '') {
    banner(0)
    y += BAND.markingPx
  }
  ctx.fillStyle = colours.text
  ctx.font = `600 16px ${FONT}`
  ctx.fillText(fit(ctx, block.title, widthPx - 2 * pad), pad, y + BAND.titlePx / 2)
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.drawImage(picture, 0, Math.round(bands.topPx * scale))
  ctx.scale(scale, scale)
  y = (Math.round(bands.topPx * scale) + picture.height) / scale
  ctx.strokeStyle = colours.border
  ctx.beginPath()
  ctx.moveTo(0, y + 0.5)
  ctx.lineTo(widthPx, y + 0.5)
  ctx.stroke()
  y += BAND.padTopPx
  if (block.caption !== '') {
    ctx.fillStyle = colours.text
    ctx.font = `13px ${FONT}`
    ctx.fillText(fit(ctx, block.caption, widthPx - 2 * pad), pad, y + BAND.captionPx / 2)
    y += BAND.captionPx
  }
  ctx.fillStyle = colours.muted
  ctx.font = `11px ${FONT}`
  ctx.fillText(fit(ctx, block.filters, widthPx - 2 * pad), pad, y + BAND.linePx / 2)
  y += BAND.linePx
  ctx.fillText(fit(ctx, `${block.asOf} · ${block.source}`, widthPx - 2 * pad), pad, y + BAND.linePx / 2)
  y += BAND.linePx + BAND.padBottomPx
  if (block.marking !== '') banner(y)
  return out
}
