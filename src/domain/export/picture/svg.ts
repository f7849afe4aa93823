import { escapeXml } from '../captions.ts'

/** Small writers for the picture's SVG markup; every text from data goes through escapeXml. */

export const FONT_STACK = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

export const num = (n: number): string => String(Math.round(n * 10) / 10)

export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export interface TextStyle {
  readonly size: number
  readonly weight?: number
  readonly fill: string
  readonly anchor?: 'start' | 'middle' | 'end'
}

/** One line of text whose top is at `y` (the baseline sits at 0.8 em). */
export function textLine(x: number, y: number, text: string, style: TextStyle): string {
  const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : ''
  return `<text x="${num(x)}" y="${num(y + style.size * 0.8)}" font-size="${num(style.size)}" font-weight="${style.weight ?? 400}" fill="${style.fill}"${anchor}>${escapeXml(text)}</text>`
}

/** Line height for a font size. */
export const lineHeight = (size: number): number => Math.round(size * 1.25)

/** Lines of text from the top `y`, one under another. */
export function textLines(x: number, y: number, lines: readonly string[], style: TextStyle): string {
  return lines.map((line, i) => textLine(x, y + i * lineHeight(style.size), line, style)).join('')
}

export function rect(box: Box, fill: string, extra = ''): string {
  return `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" fill="${fill}"${extra}/>`
}

/** The largest of `values` (0 when empty), without spreading into a call. */
export function maxOf(values: Iterable<number>): number {
  let max = 0
  for (const v of values) if (v > max) max = v
  return max
}
