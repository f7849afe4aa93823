import type { CaptionBlock } from '../../domain/export/captions.ts'
import { readBandColours, withCaption } from './caption-canvas.ts'

export type ExportTheme = 'light' | 'dark'

/** Elements never drawn into an export: the export buttons themselves and marked controls. */
export const EXPORT_SKIP_SELECTOR = '.export-button, [data-export-skip]'

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

/**
 * Draws a DOM node (with its canvases: the map's basemap, shading and events) into a canvas at
 * `scale` × its CSS size, via modern-screenshot (loaded on first use).
 */
export async function nodeToCanvas(node: HTMLElement, scale: number): Promise<HTMLCanvasElement> {
  const { domToCanvas } = await import('modern-screenshot')
  const rect = node.getBoundingClientRect()
  return domToCanvas(node, {
    scale,
    width: Math.round(rect.width),
    height: Math.round(rect.height),
    backgroundColor: readBandColours().surface,
    font: false,
    filter: (n) => !(n instanceof Element && n.matches(EXPORT_SKIP_SELECTOR)),
  })
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
