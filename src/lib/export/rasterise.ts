import { FONT_STACK } from '../../domain/export/picture/svg.ts'
import type { MeasureText } from '../../domain/export/picture/measure.ts'
import type { PictureSize } from '../../domain/export/picture/presets.ts'

let measureCtx: CanvasRenderingContext2D | null = null

/** Text width as the browser draws the picture's font, from a canvas. */
export const measureWithCanvas: MeasureText = (text, sizePx, weight) => {
  measureCtx ??= document.createElement('canvas').getContext('2d')
  if (!measureCtx) return [...text].length * sizePx * 0.6
  measureCtx.font = `${weight} ${sizePx}px ${FONT_STACK}`
  // A little over the measure, so that SVG text (laid out by another path) still fits.
  return measureCtx.measureText(text).width * 1.03
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('The picture could not be drawn'))
    img.src = url
  })
}

/** Draws a composed SVG onto a new canvas at `scale` × its size (CSS px). */
export async function svgToCanvas(svg: string, size: PictureSize, scale: number): Promise<HTMLCanvasElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = await loadImage(url)
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(size.widthPx * scale)
    canvas.height = Math.round(size.heightPx * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('This browser cannot draw on a canvas')
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
    return canvas
  } finally {
    URL.revokeObjectURL(url)
  }
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG'))), 'image/png'),
  )
}

/** A composed SVG as a PNG exactly size × scale pixels. */
export async function svgToPng(svg: string, size: PictureSize, scale: number): Promise<Blob> {
  return canvasToPng(await svgToCanvas(svg, size, scale))
}

/** Puts a PNG on the clipboard (for pasting into slides). Throws where the browser refuses. */
export async function copyPng(png: Blob | Promise<Blob>): Promise<void> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
    throw new Error('This browser cannot put pictures on the clipboard; download the PNG instead')
  }
  // A promise in the ClipboardItem keeps the user gesture alive while the picture renders (Safari).
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })])
}
