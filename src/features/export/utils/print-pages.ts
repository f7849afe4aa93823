import type { PictureSize } from '../../../domain/export/picture/presets.ts'
import type { ExportTarget } from '../../../state/export-slice.ts'
import type { PanelName } from '../../../domain/panels.ts'
import { renderPictureSvg } from './render-picture.ts'
import type { MapFit } from './picture-data.ts'
import { setPaper, type Orientation, type Paper } from './print-mode.ts'

/** A one-page brief of every panel, or a page per chosen panel. */
export type PrintLayout = 'brief' | 'panels'

export interface PrintOptions {
  readonly paper: Paper
  readonly orientation: Orientation
  readonly layout: PrintLayout
  readonly panels: readonly PanelName[]
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly mapFit: MapFit
}

/** Page margin, mm (the @page rule's). */
const MARGIN_MM = 8
const PX_PER_MM = 96 / 25.4

/**
 * The printable area of a page in CSS px (96 per inch), less the margins and two pixels so that
 * rounding never spills a picture onto a second page.
 */
export function printableSize(paper: Paper, orientation: Orientation): PictureSize {
  const [w, h] = paper === 'A4' ? [297, 210] : [279.4, 215.9]
  const [pw, ph] = orientation === 'landscape' ? [w, h] : [h, w]
  return { widthPx: Math.floor((pw - 2 * MARGIN_MM) * PX_PER_MM) - 2, heightPx: Math.floor((ph - 2 * MARGIN_MM) * PX_PER_MM) - 2 }
}

const CONTAINER_CLASS = 'print-pages'

/** Removes the composed pages and leaves the pages print mode. */
export function leavePrintPages(): void {
  document.querySelector(`.${CONTAINER_CLASS}`)?.remove()
  delete document.documentElement.dataset.printPages
}

/**
 * Puts the composed pages (light theme, the same composition as the pictures) into the
 * document for printing: one page per chosen panel, or the one-page brief. Only they print;
 * the dashboard, its controls and the dialog do not. Returns the number of pages.
 */
export async function preparePrintPages(options: PrintOptions): Promise<number> {
  leavePrintPages()
  const size = printableSize(options.paper, options.orientation)
  const targets: readonly ExportTarget[] = options.layout === 'brief' ? ['dashboard'] : options.panels
  const container = document.createElement('div')
  container.className = CONTAINER_CLASS
  container.dataset.testid = 'print-pages'
  for (const target of targets) {
    const svg = await renderPictureSvg({
      target,
      size,
      title: options.layout === 'brief' ? options.title : '',
      caption: options.caption,
      marking: options.marking,
      theme: 'light',
      mapFit: options.mapFit,
    })
    const img = document.createElement('img')
    img.className = 'print-pages__page'
    img.alt = ''
    img.style.width = `${size.widthPx}px`
    img.style.height = `${size.heightPx}px`
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
    container.append(img)
  }
  document.body.append(container)
  await Promise.all([...container.querySelectorAll('img')].map((img) => img.decode()))
  setPaper(options.paper, options.orientation)
  document.documentElement.dataset.printPages = 'true'
  return targets.length
}

/** Composes the pages, opens the browser's print dialog ("Save as PDF"), and cleans up after. */
export async function printPages(options: PrintOptions): Promise<number> {
  const pages = await preparePrintPages(options)
  const leave = (): void => {
    window.removeEventListener('afterprint', leave)
    leavePrintPages()
  }
  window.addEventListener('afterprint', leave)
  window.print()
  return pages
}
