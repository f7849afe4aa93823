import { cleanStrings } from '../../domain/clean-text.ts'

/** One picture slide of a briefing: a captured panel with its caption and speaker notes. */
export interface BriefingPicture {
  readonly title: string
  readonly caption: string
  /** Speaker notes: the filters in words and the top events. */
  readonly notes: string
  /** PNG as a data URL, and its pixel size (for the aspect ratio). */
  readonly dataUrl: string
  readonly widthPx: number
  readonly heightPx: number
}

export interface BriefingEventRow {
  readonly level: string
  readonly date: string
  readonly title: string
  readonly where: string
}

export interface Briefing {
  readonly title: string
  /** "As of 4 Nov 2025, 23:59 UTC" */
  readonly asOf: string
  readonly filters: string
  readonly marking: string
  readonly pictures: readonly BriefingPicture[]
  readonly topEvents: readonly BriefingEventRow[]
  /** Data source, attribution and the event sources cited, one line each. */
  readonly sources: readonly string[]
}

const W = 13.333
const H = 7.5
const FONT = 'Calibri'

/**
 * The briefing as a PowerPoint deck (16:9) via pptxgenjs, loaded on first use: a title slide,
 * a slide per picture, a table of the top events by level and a sources slide. Every slide
 * carries the marking top and bottom.
 */
export async function buildBriefingPptx(given: Briefing): Promise<Blob> {
  // pptxgenjs escapes markup characters but writes control characters as they are, which makes
  // the slide and notes XML malformed: every string is cleaned first (clean-text.ts).
  const briefing = cleanStrings(given)
  const { default: PptxGenJS } = await import('pptxgenjs')
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = briefing.title
  pptx.company = 'Watchfloor'
  const newSlide = () => {
    const slide = pptx.addSlide()
    if (briefing.marking !== '') {
      for (const y of [0, H - 0.3]) {
        slide.addText(briefing.marking, {
          x: 0, y, w: W, h: 0.3, align: 'center', fontFace: FONT, fontSize: 11, bold: true, color: 'FFFFFF', fill: { color: '000000' },
        })
      }
    }
    return slide
  }
  const title = newSlide()
  title.addText(briefing.title, { x: 0.7, y: 2.3, w: W - 1.4, h: 1.2, fontFace: FONT, fontSize: 36, bold: true, color: '1A1F29' })
  title.addText(briefing.asOf, { x: 0.7, y: 3.6, w: W - 1.4, h: 0.5, fontFace: FONT, fontSize: 18, color: '5B6677' })
  title.addText(briefing.filters, { x: 0.7, y: 4.2, w: W - 1.4, h: 0.8, fontFace: FONT, fontSize: 14, color: '5B6677' })
  if (briefing.marking !== '') {
    title.addText(briefing.marking, { x: 0.7, y: 5.2, w: W - 1.4, h: 0.5, fontFace: FONT, fontSize: 16, bold: true, color: '000000' })
  }
  for (const picture of briefing.pictures) {
    const slide = newSlide()
    slide.addText(picture.title, { x: 0.5, y: 0.35, w: W - 1, h: 0.6, fontFace: FONT, fontSize: 24, bold: true, color: '1A1F29' })
    const boxW = W - 1
    const boxH = H - 2.1
    const ratio = picture.widthPx / picture.heightPx
    const w = Math.min(boxW, boxH * ratio)
    const h = w / ratio
    slide.addImage({ data: picture.dataUrl, x: (W - w) / 2, y: 1.0, w, h })
    if (picture.caption !== '') {
      slide.addText(picture.caption, { x: 0.5, y: H - 1.0, w: W - 1, h: 0.5, fontFace: FONT, fontSize: 14, color: '333333' })
    }
    slide.addNotes(picture.notes)
  }
  const table = newSlide()
  table.addText('Top events by level', { x: 0.5, y: 0.35, w: W - 1, h: 0.6, fontFace: FONT, fontSize: 24, bold: true, color: '1A1F29' })
  const header = ['Level', 'Date', 'Event', 'Where'].map((text) => ({ text, options: { bold: true, fill: { color: 'E8ECF2' } } }))
  const rows = briefing.topEvents.map((e) => [{ text: e.level }, { text: e.date }, { text: e.title }, { text: e.where }])
  table.addTable([header, ...rows], { x: 0.5, y: 1.1, w: W - 1, colW: [1.2, 1.6, 6.8, 2.733], fontFace: FONT, fontSize: 11, border: { type: 'solid', pt: 0.5, color: 'C8CED8' } })
  const sources = newSlide()
  sources.addText('Sources', { x: 0.5, y: 0.35, w: W - 1, h: 0.6, fontFace: FONT, fontSize: 24, bold: true, color: '1A1F29' })
  sources.addText(briefing.sources.map((text) => ({ text, options: { bullet: true, breakLine: true } })), {
    x: 0.5, y: 1.1, w: W - 1, h: H - 1.8, fontFace: FONT, fontSize: 12, color: '333333', valign: 'top',
  })
  return (await pptx.write({ outputType: 'blob' })) as Blob
}
