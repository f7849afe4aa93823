import fc from 'fast-check'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { composePicture, type ChartSpec } from '../../../../../src/domain/export/picture/compose.ts'
import type { PictureText } from '../../../../../src/domain/export/picture/frame.ts'
import { PICTURE_PRESETS } from '../../../../../src/domain/export/picture/presets.ts'
import { hostileText } from '../../../hostile-text.ts'
import { DAYS } from './days.ts'

const LEVELS = { 1: '#56B4E9', 2: '#F0E442', 3: '#E69F00', 4: '#D55E00', 5: '#CC79A7' } as const

/** The picture's text, element by element, from a strict XML parse. */
function textsOf(svg: string): string[] {
  const parser = new SaxesParser({ xmlns: true })
  const texts: string[] = []
  let inText = false
  let current = ''
  parser.on('error', (error) => {
    throw error
  })
  parser.on('opentag', (tag) => {
    if (tag.local === 'text') {
      inText = true
      current = ''
    }
  })
  parser.on('text', (t) => {
    if (inText) current += t
  })
  parser.on('closetag', (tag) => {
    if (tag.local === 'text') {
      texts.push(current)
      inText = false
    }
  })
  parser.write(svg).close()
  return texts
}

const TEXT: PictureText = {
  title: 'Events by level, daily, 1 Jan 2025 – 3 Jan 2025',
  subtitle: 'Filters: Regions: Eastern Europe · As of 3 Jan 2025, 23:59 UTC',
  caption: '',
  source: 'Data: Watchfloor sample: geopolitical flashpoints 2014–2025 (Compiled from public reporting; each event names its outlets)',
  marking: 'TLP:AMBER',
}
const TIMELINE: ChartSpec = { kind: 'timeline', data: { counts: DAYS, span: { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 0, 4) } } }

describe('composePicture', () => {
  for (const preset of PICTURE_PRESETS) {
    it(`draws a ${preset.id} picture at its size with the title once, the whole source and the marking twice`, () => {
      const svg = composePicture({ size: { widthPx: preset.widthPx, heightPx: preset.heightPx }, theme: 'light', text: TEXT, chart: TIMELINE, levelColours: LEVELS })
      expect(svg).toContain(`width="${preset.widthPx}" height="${preset.heightPx}"`)
      const texts = textsOf(svg)
      const all = texts.join(' ')
      expect(all.split('Events by level, daily').length - 1).toBe(1)
      expect(texts.filter((t) => t === 'TLP:AMBER')).toHaveLength(2)
      // The source may wrap over lines; joined, it is whole and never ends in an ellipsis.
      expect(all.replace(/\s+/g, ' ')).toContain(TEXT.source)
      expect(all).not.toContain('…')
    })
  }

  it('draws a column per day, stacked by level, from the counts: three days, two of them with events', () => {
    const svg = composePicture({ size: { widthPx: 1920, heightPx: 1080 }, theme: 'light', text: { ...TEXT, marking: '' }, chart: TIMELINE, levelColours: LEVELS })
    // Level rects in the plot (legend swatches carry a stroke, bars do not).
    const bars = [...svg.matchAll(/<rect [^>]*fill="(#[0-9A-F]{6})"\/>/g)].map((m) => m[1])
    expect(bars.filter((f) => f === LEVELS[4])).toHaveLength(1)
    expect(bars.filter((f) => f === LEVELS[1])).toHaveLength(1)
    expect(bars.filter((f) => f === LEVELS[5])).toHaveLength(1)
  })

  it('is a light picture in the light theme and a dark one in the dark, whatever the screen', () => {
    const light = composePicture({ size: { widthPx: 1080, heightPx: 1080 }, theme: 'light', text: TEXT, chart: TIMELINE, levelColours: LEVELS })
    const dark = composePicture({ size: { widthPx: 1080, heightPx: 1080 }, theme: 'dark', text: TEXT, chart: TIMELINE, levelColours: LEVELS })
    expect(light).toContain('<rect width="1080" height="1080" fill="#ffffff"/>')
    expect(dark).toContain('<rect width="1080" height="1080" fill="#151c27"/>')
  })

  it('is valid XML whatever the strings (control characters become U+FFFD)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const svg = composePicture({
          size: { widthPx: 1080, heightPx: 1080 },
          theme: 'dark',
          text: { title: text, subtitle: text, caption: text, source: text, marking: text },
          chart: { kind: 'events', data: { rows: [{ level: 4, levelText: text, date: text, title: text, where: text }], total: 3 } },
          levelColours: LEVELS,
        })
        textsOf(svg)
      }),
      { numRuns: 60 },
    )
  })
})
