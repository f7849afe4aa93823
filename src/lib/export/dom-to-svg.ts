import { BAND, captionBands } from '../../domain/export/caption-layout.ts'
import { cleanText } from '../../domain/clean-text.ts'
import { escapeXml, type CaptionBlock } from '../../domain/export/captions.ts'
import { markingColour, readBandColours, type BandColours } from './caption-canvas.ts'
import { EXPORT_SKIP_SELECTOR } from './capture.ts'
import { inlineSvg, SVG_NS } from './svg-inline.ts'

const SKIPPED_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'SCRIPT', 'STYLE', 'TEMPLATE'])
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif'

const num = (n: number): string => String(Math.round(n * 100) / 100)

function isTransparent(colour: string): boolean {
  return colour === '' || colour === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(colour)
}

/** Walks the DOM under `root` and writes what is visible as SVG: boxes, text, inline SVG, canvases. */
function walk(root: HTMLElement, originX: number, originY: number): string[] {
  const out: string[] = []
  const bounds = root.getBoundingClientRect()
  const visible = (r: DOMRect): boolean =>
    r.width > 0 && r.height > 0 && r.right > bounds.left && r.left < bounds.right && r.bottom > bounds.top && r.top < bounds.bottom
  const at = (r: DOMRect): string => `x="${num(r.left - originX)}" y="${num(r.top - originY)}" width="${num(r.width)}" height="${num(r.height)}"`
  const visit = (el: Element): void => {
    if (el.matches(EXPORT_SKIP_SELECTOR) || SKIPPED_TAGS.has(el.tagName)) return
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return
    const rect = el.getBoundingClientRect()
    // Screen-reader-only text (.visually-hidden: 1px, clipped) is not part of the picture.
    if (style.clipPath !== 'none' && rect.width <= 1 && rect.height <= 1) return
    if (el instanceof SVGSVGElement) {
      if (visible(rect) || el.querySelector('defs')) {
        out.push(inlineSvg(el, { x: rect.left - originX, y: rect.top - originY, width: rect.width, height: rect.height }))
      }
      return
    }
    if (el instanceof HTMLCanvasElement) {
      if (!visible(rect)) return
      try {
        out.push(`<image ${at(rect)} preserveAspectRatio="none" href="${el.toDataURL('image/png')}"/>`)
      } catch {
        // A tainted canvas (a tile layer without CORS) cannot be read; its area stays empty.
      }
      return
    }
    if (!visible(rect) && style.overflow !== 'visible') return
    if (visible(rect) && !isTransparent(style.backgroundColor)) {
      const rx = Number.parseFloat(style.borderTopLeftRadius) || 0
      out.push(`<rect ${at(rect)} rx="${num(rx)}" fill="${style.backgroundColor}"/>`)
    }
    if (visible(rect) && Number.parseFloat(style.borderBottomWidth) > 0 && !isTransparent(style.borderBottomColor)) {
      const y = rect.bottom - originY - 0.5
      out.push(`<line x1="${num(rect.left - originX)}" x2="${num(rect.right - originX)}" y1="${num(y)}" y2="${num(y)}" stroke="${style.borderBottomColor}"/>`)
    }
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim()
        if (text === '') continue
        const range = document.createRange()
        range.selectNodeContents(child)
        const r = range.getClientRects()[0]
        if (!r || !visible(r)) continue
        const size = Number.parseFloat(style.fontSize) || 12
        out.push(
          `<text x="${num(r.left - originX)}" y="${num(r.top - originY + r.height / 2)}" dominant-baseline="central" font-family="${escapeXml(style.fontFamily || FONT)}" font-size="${num(size)}" font-weight="${style.fontWeight}" fill="${style.color}">${escapeXml(text)}</text>`,
        )
      } else if (child instanceof Element) {
        visit(child)
      }
    }
  }
  visit(root)
  return out
}

function captionSvg(block: CaptionBlock, widthPx: number, pictureHeightPx: number, colours: BandColours): { top: string; bottom: string } {
  const bands = captionBands(block)
  const text = (x: number, y: number, size: number, weight: number, fill: string, body: string, anchor = 'start'): string =>
    `<text x="${num(x)}" y="${num(y)}" dominant-baseline="central" text-anchor="${anchor}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(body)}</text>`
  const banner = (y: number): string =>
    `<rect x="0" y="${y}" width="${num(widthPx)}" height="${BAND.markingPx}" fill="#000000"/>` +
    text(widthPx / 2, y + BAND.markingPx / 2, 12, 700, markingColour(block.marking), block.marking, 'middle')
  const mark = block.marking === '' ? 0 : BAND.markingPx
  const top = (mark ? banner(0) : '') + text(10, mark + BAND.titlePx / 2, 16, 600, colours.text, block.title)
  let y = bands.topPx + pictureHeightPx
  const bottom: string[] = [`<line x1="0" x2="${num(widthPx)}" y1="${num(y + 0.5)}" y2="${num(y + 0.5)}" stroke="${colours.border}"/>`]
  y += BAND.padTopPx
  if (block.caption !== '') {
    bottom.push(text(10, y + BAND.captionPx / 2, 13, 400, colours.text, block.caption))
    y += BAND.captionPx
  }
  bottom.push(text(10, y + BAND.linePx / 2, 11, 400, colours.muted, block.filters))
  y += BAND.linePx
  bottom.push(text(10, y + BAND.linePx / 2, 11, 400, colours.muted, `${block.asOf} · ${block.source}`))
  y += BAND.linePx + BAND.padBottomPx
  if (mark) bottom.push(banner(y))
  return { top, bottom: bottom.join('') }
}

/**
 * The node as a standalone vector SVG with the caption block as SVG text: charts' own SVG is
 * copied with styles resolved; HTML boxes and text become rects and text; canvases (the map)
 * are embedded as PNG images. Everything from data is escaped.
 */
export function nodeToSvg(node: HTMLElement, block: CaptionBlock): string {
  const rect = node.getBoundingClientRect()
  const colours = readBandColours()
  const widthPx = Math.round(rect.width)
  const pictureHeightPx = Math.round(rect.height)
  const bands = captionBands(block)
  const heightPx = bands.topPx + pictureHeightPx + bands.bottomPx
  const caption = captionSvg(block, widthPx, pictureHeightPx, colours)
  const body = walk(node, rect.left, rect.top)
  // Text is escaped as it is written; cleaning the whole also covers the charts' own SVG.
  return cleanText([
    `<svg xmlns="${SVG_NS}" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}">`,
    `<title>${escapeXml(block.title)}</title>`,
    `<rect width="100%" height="100%" fill="${colours.surface}"/>`,
    caption.top,
    `<g transform="translate(0 ${bands.topPx})"><svg x="0" y="0" width="${widthPx}" height="${pictureHeightPx}" overflow="hidden">${body.join('')}</svg></g>`,
    caption.bottom,
    '</svg>',
  ].join('\n'))
}
