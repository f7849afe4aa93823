import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { gaugesChart } from '../../../src/features/export/utils/deck-slides.ts'
import { buildDeckPptx, type DeckChart } from '../../../src/lib/export/pptx.ts'

/** The value axis's scaling of the deck's one chart: its `<c:min>` and `<c:max>`, null where PowerPoint is left to choose. */
async function valueAxisOf(chart: DeckChart): Promise<{ min: number | null; max: number | null }> {
  const deck = { title: 'Brief', takeaway: '', asOf: 'As of 1 Jan 2025', filters: 'No filters', marking: '', sources: ['Source'] }
  const blob = await buildDeckPptx({ ...deck, slides: [{ title: 'Threat levels', caption: '', notes: '', body: chart }] })
  const zip = await JSZip.loadAsync(await blob.arrayBuffer())
  const name = Object.keys(zip.files).find((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))!
  const xml = await zip.file(name)!.async('string')
  const valAx = xml.slice(xml.indexOf('<c:valAx>'), xml.indexOf('</c:valAx>'))
  const scaling = valAx.slice(valAx.indexOf('<c:scaling>'), valAx.indexOf('</c:scaling>'))
  const read = (tag: string): number | null => {
    const m = new RegExp(`<c:${tag} val="([^"]+)"`).exec(scaling)
    return m === null ? null : Number(m[1])
  }
  return { min: read('min'), max: read('max') }
}

describe('the deck’s value axes', () => {
  // Scores close together (92.9–95.3, as a busy table gives): left to itself the axis would start
  // near 91, and a bar twice as long would not be a score twice as high.
  const rows = [
    { name: 'All regions', level: 5 as const, score: 95.3, previousScore: 95.3 },
    { name: 'Oceania', level: 5 as const, score: 92.9, previousScore: 92.9 },
  ]

  it('draws scores on their whole scale, 0 to 100', async () => {
    const chart = gaugesChart(rows, 30)
    expect(chart.valueRange).toEqual({ min: 0, max: 100 })
    expect(await valueAxisOf(chart)).toEqual({ min: 0, max: 100 })
  })

  it('starts counts at zero and leaves their top to the values', async () => {
    const chart: DeckChart = {
      kind: 'chart', direction: 'bar', stacked: false, categories: ['Mali', 'Chad'],
      series: [{ name: 'Matching events', values: [330_000, 420_000], colour: '#0969DA' }],
      valueTitle: 'Matching events', valueRange: { min: 0 },
    }
    expect(await valueAxisOf(chart)).toEqual({ min: 0, max: null })
  })
})
