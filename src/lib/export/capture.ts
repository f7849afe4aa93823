import type { CaptionBlock } from '../../domain/export/captions.ts'
import { readBandColours, withCaption } from './caption-canvas.ts'
import { CAPTURE_STYLE_PROPERTIES } from './style-properties.ts'

export type ExportTheme = 'light' | 'dark'

/**
 * Elements never drawn into an export: the export and maximise buttons, marked controls, and
 * transient badges (a panel's or the header's "updated just now", an event's "New"), which are true only at the
 * moment someone looks at the screen; the caption's as-of time says when the picture holds.
 */
export const EXPORT_SKIP_SELECTOR =
  '.export-button, [data-testid^="maximise-"], [data-export-skip], [data-testid="panel-freshness"], [data-testid="data-freshness"], [data-testid="event-new"]'

const NEEDS_DECODE_FIX = typeof navigator !== 'undefined' && /Firefox|^((?!Chrome|Chromium|Android).)*Safari/i.test(navigator.userAgent)

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()))

/**
 * Runs `work` with the document in the given theme, then puts the theme back. Canvas layers
 * (the map) redraw on the data-theme change; two frames let them finish before capture.
 */
export async function inTheme<T>(theme: ExportTheme, work: () => Promise<T>): Promise<T> {
  const root = document.documentElement
  const previous = root.dataset.theme
  const current = previous ?? (window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark')
  if (current === theme) return work()
  root.dataset.theme = theme
  await nextFrame()
  await nextFrame()
  try {
    return await work()
  } finally {
    if (previous === undefined) delete root.dataset.theme
    else root.dataset.theme = previous
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('A chart could not be drawn'))
    img.src = url
  })
}

/** The outermost visible inline SVGs under `node` (charts, gauges, icons). */
function chartSvgs(node: HTMLElement): SVGSVGElement[] {
  return [...node.querySelectorAll('svg')].filter(
    (svg) => svg.ownerSVGElement === null && !svg.closest(EXPORT_SKIP_SELECTOR) && svg.getBoundingClientRect().width > 0,
  )
}

/**
 * Draws a DOM node (with its canvases: the map's basemap, shading and events) into a canvas at
 * `scale` × its CSS size. HTML and canvases go through modern-screenshot (loaded on first use);
 * inline SVG charts are drawn by us from their own markup with styles resolved (svg-inline.ts),
 * because copying every computed style of a few thousand chart nodes takes seconds. Their
 * `<svg>` boxes stay in the clone, empty, so the layout does not move.
 */
export async function nodeToCanvas(node: HTMLElement, scale: number): Promise<HTMLCanvasElement> {
  const [{ domToCanvas }, { inlineSvg }] = await Promise.all([import('modern-screenshot'), import('./svg-inline.ts')])
  const rect = node.getBoundingClientRect()
  const svgs = chartSvgs(node)
  // All charts in one SVG document: one image to decode instead of one per chart (~4x faster).
  const charts = svgs.map((svg) => {
    const r = svg.getBoundingClientRect()
    return inlineSvg(svg, { x: r.left - rect.left, y: r.top - rect.top, width: r.width, height: r.height })
  })
  const sheet = `<svg xmlns="http://www.w3.org/2000/svg" width="${rect.width}" height="${rect.height}">${charts.join('')}</svg>`
  const owners = new Set<Element>(svgs)
  // A cloned <select> shows its default option, not the chosen one: mark the chosen ones as
  // default for the capture (attributes only; the selection itself does not change), then undo.
  const options = [...node.querySelectorAll('option')].map((o) => [o, o.defaultSelected] as const)
  for (const [o] of options) o.defaultSelected = o.selected
  const canvas = await domToCanvas(node, {
    scale,
    width: Math.round(rect.width),
    height: Math.round(rect.height),
    backgroundColor: readBandColours().surface,
    font: false,
    includeStyleProperties: [...CAPTURE_STYLE_PROPERTIES],
    // The Safari/Firefox SVG-decode workaround redraws every image after 100 ms pauses; Chromium
    // does not need it, and it would put a 2x dashboard export far over its one-second budget.
    features: { fixSvgXmlDecode: NEEDS_DECODE_FIX },
    filter: (n) => {
      if (!(n instanceof Element)) return true
      if (n.matches(EXPORT_SKIP_SELECTOR)) return false
      return !(n instanceof SVGElement && n.ownerSVGElement !== null && owners.has(outermostSvg(n)))
    },
  }).finally(() => {
    for (const [o, was] of options) o.defaultSelected = was
  })
  const ctx = canvas.getContext('2d')
  if (!ctx) return canvas
  if (charts.length === 0) return canvas
  const url = URL.createObjectURL(new Blob([sheet], { type: 'image/svg+xml' }))
  try {
    const image = await loadImage(url)
    ctx.save()
    ctx.setTransform(scale, 0, 0, scale, 0, 0)
    ctx.drawImage(image, 0, 0, rect.width, rect.height)
    ctx.restore()
  } finally {
    URL.revokeObjectURL(url)
  }
  return canvas
}

function outermostSvg(el: SVGElement): Element {
  let svg: SVGSVGElement | null = el.ownerSVGElement
  while (svg?.ownerSVGElement) svg = svg.ownerSVGElement
  return svg ?? el
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG'))), 'image/png'),
  )
}

/**
 * A PNG of a node with its caption burned in (see caption-canvas.ts): the node's area is exactly
 * scale × its CSS size; the bands add captionBands(block) × scale in height.
 */
export async function capturePng(node: HTMLElement, block: CaptionBlock, scale: number, theme: ExportTheme): Promise<Blob> {
  return inTheme(theme, async () => {
    const picture = await nodeToCanvas(node, scale)
    return canvasToPng(withCaption(picture, block, scale, readBandColours()))
  })
}

/** Puts a PNG on the clipboard (for pasting into slides). Throws where the browser refuses. */
export async function copyPng(png: Blob | Promise<Blob>): Promise<void> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
    throw new Error('This browser cannot put pictures on the clipboard; download the PNG instead')
  }
  // A promise in the ClipboardItem keeps the user gesture alive while the picture renders (Safari).
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })])
}
