import { cleanStrings } from '../../domain/clean-text.ts'

/** A native chart: PowerPoint keeps its numbers, so a briefer can recolour or relabel it. */
export interface DeckChart {
  readonly kind: 'chart'
  /** Columns (timeline) or horizontal bars (rankings). */
  readonly direction: 'col' | 'bar'
  readonly stacked: boolean
  readonly categories: readonly string[]
  readonly series: readonly { readonly name: string; readonly values: readonly number[]; readonly colour: string }[]
  readonly valueTitle: string
  /**
   * The value axis's range: bars start at `min` (0 for counts and scores, so their lengths compare
   * truly; left to itself PowerPoint may start a narrow spread of values far above zero), and end
   * at `max` when the scale has one (a score's 100), else wherever the values reach.
   */
  readonly valueRange: { readonly min: number; readonly max?: number }
}

/** A composed picture (the map): PNG as a data URL and its pixel size. */
export interface DeckPicture {
  readonly kind: 'picture'
  readonly dataUrl: string
  readonly widthPx: number
  readonly heightPx: number
}

export interface DeckTable {
  readonly kind: 'table'
  readonly header: readonly string[]
  readonly rows: readonly (readonly string[])[]
  /** Column widths as shares of the slide's width. */
  readonly shares: readonly number[]
}

/** One slide: its own title and caption (what it shows, under which filters), its body and speaker notes. */
export interface DeckSlide {
  readonly title: string
  readonly caption: string
  readonly body: DeckChart | DeckPicture | DeckTable
  readonly notes: string
}

export interface Deck {
  readonly title: string
  /** The user's takeaway, on the title slide; "" for none. */
  readonly takeaway: string
  /** "As of 4 Nov 2025, 23:59 UTC" */
  readonly asOf: string
  readonly filters: string
  readonly marking: string
  readonly slides: readonly DeckSlide[]
  /** Data source, attribution and the event sources cited, one line each. */
  readonly sources: readonly string[]
}

const W = 13.333
const H = 7.5
const FONT = 'Calibri'
const INK = '1A1F29'
const MUTED = '4A5567'

const hex = (colour: string): string => colour.replace('#', '').toUpperCase()

/**
 * The briefing as a PowerPoint deck (16:9) via pptxgenjs, loaded on first use: a title slide,
 * a slide per chart (native charts and tables where the thing is a chart or a table, a picture
 * for the map), and a sources slide. Every slide carries the marking top and bottom, its own
 * caption and speaker notes.
 */
export async function buildDeckPptx(given: Deck): Promise<Blob> {
  // pptxgenjs escapes markup characters but writes control characters as they are, which makes
  // the slide and notes XML malformed: every string is cleaned first (clean-text.ts).
  const deck = cleanStrings(given)
  const { default: PptxGenJS } = await import('pptxgenjs')
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = deck.title
  pptx.company = 'Watchfloor'
  const markTop = deck.marking === '' ? 0 : 0.3
  const newSlide = () => {
    const slide = pptx.addSlide()
    if (deck.marking !== '') {
      for (const y of [0, H - 0.3]) {
        slide.addText(deck.marking, { x: 0, y, w: W, h: 0.3, align: 'center', fontFace: FONT, fontSize: 11, bold: true, color: 'FFFFFF', fill: { color: '000000' } })
      }
    }
    return slide
  }
  const title = newSlide()
  title.addText(deck.title, { x: 0.7, y: 1.8, w: W - 1.4, h: 1.4, fontFace: FONT, fontSize: 36, bold: true, color: INK, valign: 'bottom', fit: 'shrink' })
  const lines = [deck.takeaway, deck.asOf, deck.filters].filter((l) => l !== '')
  title.addText(lines.map((text, i) => ({ text, options: { breakLine: true, bold: i === 0 && deck.takeaway !== '', color: i === 0 && deck.takeaway !== '' ? INK : MUTED } })), {
    x: 0.7, y: 3.4, w: W - 1.4, h: 2.2, fontFace: FONT, fontSize: 18, valign: 'top',
  })
  for (const s of deck.slides) {
    const slide = newSlide()
    slide.addText(s.title, { x: 0.5, y: 0.25 + markTop, w: W - 1, h: 0.7, fontFace: FONT, fontSize: 28, bold: true, color: INK, fit: 'shrink' })
    slide.addText(s.caption, { x: 0.5, y: 0.95 + markTop, w: W - 1, h: 0.55, fontFace: FONT, fontSize: 14, color: MUTED, valign: 'top', fit: 'shrink' })
    const area = { x: 0.5, y: 1.6 + markTop, w: W - 1, h: H - 1.9 - 2 * markTop }
    const body = s.body
    if (body.kind === 'chart') {
      slide.addChart(
        pptx.ChartType.bar,
        body.series.map((series) => ({ name: series.name, labels: [...body.categories], values: [...series.values] })),
        {
          ...area,
          barDir: body.direction,
          barGrouping: body.stacked ? 'stacked' : 'clustered',
          barGapWidthPct: body.direction === 'col' ? 30 : 60,
          chartColors: body.series.map((series) => hex(series.colour)),
          showLegend: body.series.length > 1,
          legendPos: 'r',
          legendFontSize: 14,
          legendFontFace: FONT,
          catAxisLabelFontSize: 12,
          catAxisLabelFontFace: FONT,
          valAxisLabelFontSize: 12,
          valAxisTitle: body.valueTitle,
          showValAxisTitle: true,
          valAxisTitleFontSize: 13,
          valGridLine: { color: 'D4DBE5', size: 0.5 },
          valAxisMinVal: body.valueRange.min,
          ...(body.valueRange.max === undefined ? {} : { valAxisMaxVal: body.valueRange.max }),
          ...(body.stacked ? { barOverlapPct: 100 } : {}),
        },
      )
    } else if (body.kind === 'picture') {
      const ratio = body.widthPx / body.heightPx
      const w = Math.min(area.w, area.h * ratio)
      const h = w / ratio
      slide.addImage({ data: body.dataUrl, x: (W - w) / 2, y: area.y, w, h })
    } else {
      const header = body.header.map((text) => ({ text, options: { bold: true, fill: { color: 'E8ECF2' } } }))
      const rows = body.rows.map((row) => row.map((text) => ({ text })))
      slide.addTable([header, ...rows], {
        x: area.x, y: area.y, w: area.w, colW: body.shares.map((s) => s * area.w),
        fontFace: FONT, fontSize: 12, color: INK, border: { type: 'solid', pt: 0.5, color: 'C8CED8' }, autoPage: false,
      })
    }
    slide.addNotes(s.notes)
  }
  const sources = newSlide()
  sources.addText('Sources', { x: 0.5, y: 0.25 + markTop, w: W - 1, h: 0.7, fontFace: FONT, fontSize: 28, bold: true, color: INK })
  sources.addText(deck.sources.map((text) => ({ text, options: { bullet: true, breakLine: true } })), {
    x: 0.5, y: 1.1 + markTop, w: W - 1, h: H - 1.8 - 2 * markTop, fontFace: FONT, fontSize: 14, color: '333333', valign: 'top', fit: 'shrink',
  })
  sources.addNotes([deck.asOf, deck.filters, ...deck.sources].join('\n'))
  return (await pptx.write({ outputType: 'blob' })) as Blob
}
