import { composePicture } from '../../../domain/export/picture/compose.ts'
import { measureWithCanvas, svgToPng } from '../../../lib/export/rasterise.ts'
import { buildPictureSpec, type PictureOptions } from './picture-data.ts'

/** The composed picture of the current view as SVG text (vector charts, text as text). */
export async function renderPictureSvg(options: PictureOptions): Promise<string> {
  return composePicture(await buildPictureSpec(options, measureWithCanvas))
}

/** The composed picture as a PNG of exactly size × scale pixels. */
export async function renderPicturePng(options: PictureOptions, scale: number): Promise<Blob> {
  return svgToPng(await renderPictureSvg(options), options.size, scale)
}
