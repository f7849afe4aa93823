import type { CaptionBlock } from './captions.ts'

/** Heights of the bands burned around an exported picture, in CSS px (multiply by the scale). */
export const BAND = {
  /** The marking banner, top and bottom, when there is a marking. */
  markingPx: 22,
  titlePx: 30,
  captionPx: 18,
  linePx: 16,
  padTopPx: 8,
  padBottomPx: 6,
} as const

export interface CaptionBands {
  /** Above the picture: marking banner and title. */
  readonly topPx: number
  /** Below it: caption, filters, as-of and source lines, marking banner. */
  readonly bottomPx: number
}

/**
 * How much the caption adds above and below the picture, in CSS px. Lines never wrap (long
 * text is cut with an ellipsis), so the bands depend only on which lines are present — which
 * lets a test predict the exported image's size exactly.
 */
export function captionBands(block: CaptionBlock): CaptionBands {
  const marking = block.marking === '' ? 0 : BAND.markingPx
  return {
    topPx: marking + BAND.titlePx,
    bottomPx: BAND.padTopPx + (block.caption === '' ? 0 : BAND.captionPx) + 2 * BAND.linePx + BAND.padBottomPx + marking,
  }
}
