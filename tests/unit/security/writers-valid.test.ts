import fc from 'fast-check'
import JSZip from 'jszip'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { serialiseDataset } from '../../../src/domain/export/dataset-json.ts'
import { exportStixBundle, serialiseStixBundle } from '../../../src/domain/export/stix.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import type { Dataset, ThreatEvent } from '../../../src/domain/model.ts'
import { buildDeckPptx, type Deck } from '../../../src/lib/export/pptx.ts'
import { hostileText } from '../hostile-text.ts'

/**
 * Every writer (but CSV, tested with its own writer) is valid for its format whatever text it
 * is given, even text no reader would let through: what was written is parsed back with a
 * strict parser.
 */

/** Parses `xml` as XML 1.0 (well-formedness and allowed characters, as Office and browsers require); throws on any error. */
function parseXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true })
  parser.on('error', (error) => {
    throw error
  })
  parser.write(xml).close()
}

const base: ThreatEvent = (() => {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 'n', events: [{ id: 'e1', title: 'T', date: '2024-05-01', threatLevel: 4, countries: ['FR'], actors: [{ name: 'A', role: 'r' }] }] }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset.events[0]!
})()

/** A dataset whose strings are `text`, unchecked (as if a reader had let it through). */
function datasetOf(text: string): Dataset {
  const event: ThreatEvent = {
    ...base,
    title: text,
    summary: text,
    tags: [text],
    actors: [{ name: text, type: 'person', role: text }],
    sources: [{ name: text, url: `https://example.org/${text}` }],
  }
  return { schemaVersion: 1, name: text, description: text, regions: [], events: [event] }
}

describe('JSON and STIX exports', () => {
  it('dataset JSON parses back to the same text, whatever the strings', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const parsed = JSON.parse(serialiseDataset(datasetOf(text))) as { name: string; events: { title: string }[] }
        expect(parsed.name).toBe(text)
        expect(parsed.events[0]!.title).toBe(text)
      }),
      { numRuns: 300 },
    )
  })

  it('a STIX bundle parses back, its campaign named as the event, whatever the strings', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const written = serialiseStixBundle(exportStixBundle(datasetOf(text), { now: Date.UTC(2025, 0, 1) }))
        const parsed = JSON.parse(written) as { objects: { type: string; name?: string }[] }
        // An empty name is left out, as every empty value is.
        expect(parsed.objects.find((o) => o.type === 'campaign')?.name ?? '').toBe(text)
      }),
      { numRuns: 300 },
    )
  })
})

// A 1×1 transparent PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

function briefingOf(text: string): Deck {
  return {
    title: `Brief ${text}`,
    takeaway: text,
    asOf: text,
    filters: text,
    marking: text,
    slides: [
      { title: text, caption: text, notes: `Notes ${text}`, body: { kind: 'picture', dataUrl: PNG, widthPx: 1, heightPx: 1 } },
      { title: text, caption: text, notes: text, body: { kind: 'chart', direction: 'col', stacked: true, categories: [text, 'b'], series: [{ name: text, values: [1, 2], colour: '#D55E00' }], valueTitle: text, valueRange: { min: 0 } } },
      { title: text, caption: text, notes: text, body: { kind: 'table', header: ['Level', text], rows: [['4 high', text]], shares: [0.5, 0.5] } },
    ],
    sources: [text, 'Source'],
  }
}

describe('the PowerPoint briefing', () => {
  it('a title holding U+0001: every XML part of the deck parses', async () => {
    const zip = await JSZip.loadAsync(await (await buildDeckPptx(briefingOf('Port\u0001 closed\uFFFF\uD800'))).arrayBuffer())
    const parts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name))
    expect(parts).toContain('ppt/slides/slide1.xml')
    expect(parts.some((name) => name.startsWith('ppt/notesSlides/'))).toBe(true)
    for (const name of parts) parseXml(await zip.file(name)!.async('string'))
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain('Brief Port\uFFFD closed\uFFFD\uFFFD')
  })

  it('every slide and notes part parses, whatever the strings', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const zip = await JSZip.loadAsync(await (await buildDeckPptx(briefingOf(text))).arrayBuffer())
        for (const name of Object.keys(zip.files).filter((n) => /^ppt\/(slides|notesSlides|charts)\/[^/]+\.xml$/.test(n))) parseXml(await zip.file(name)!.async('string'))
      }),
      { numRuns: 15 },
    )
  }, 60_000)
})
