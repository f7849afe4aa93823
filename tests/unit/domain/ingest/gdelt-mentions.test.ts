import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../../src/domain/ingest/detect.ts'
import { looksLikeGdeltMentions, MENTIONS_ALONE, readMentions } from '../../../../src/domain/ingest/gdelt-mentions.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import { inputKind } from '../../../../src/domain/ingest/input-kind.ts'
import { readMany } from '../../../../src/domain/ingest/read-many.ts'
import type { ImportResult, ThreatEvent } from '../../../../src/domain/model.ts'

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/gdelt/${name}`, import.meta.url), 'utf8')
const EVENTS = fixture('gdelt_v2_events_100rows.export.tsv')
const MENTIONS = fixture('gdelt_v2_mentions_sample.tsv')
const CRAFTED = fixture('gdelt_v2_mentions_crafted.tsv')

function readAll(...texts: [string, string][]): ImportResult {
  const out = readMany(texts.map(([text, fileName]) => ({ text, fileName })))
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

const byId = (r: ImportResult, id: string): ThreatEvent => r.dataset.events.find((e) => e.id === id)!

describe('GDELT 2.0 mentions', () => {
  it('are recognised by their 16 columns and two 14-digit times', () => {
    expect(looksLikeGdeltMentions(MENTIONS)).toBe(true)
    expect(looksLikeGdeltMentions(EVENTS)).toBe(false)
    expect(detectFormat(MENTIONS)).toBe('gdelt')
    expect(inputKind(MENTIONS)).toBe('gdelt-mentions')
    expect(inputKind(EVENTS)).toBe('gdelt')
  })

  it('alone, are explained in one line: what they are and what to load with them', () => {
    const out = readAny(MENTIONS, { fileName: '20150218230000.mentions.CSV' })
    expect(out).toEqual({ ok: false, reason: MENTIONS_ALONE })
    expect(MENTIONS_ALONE).not.toContain('\n')
    expect(MENTIONS_ALONE).toMatch(/mentions table .* import it together with its events file/)
    expect(readMany([{ text: MENTIONS, fileName: 'm.CSV' }])).toEqual({ ok: false, reason: MENTIONS_ALONE })
  })

  it('summarise each event: mention count, distinct sources, best confidence', () => {
    const read = readMentions([CRAFTED])
    expect(read.rows).toBe(5)
    const s = read.byEvent.get('913097131')!
    expect(s.count).toBe(4)
    expect(s.bestConfidence).toBe(80)
    expect(s.sources).toEqual([
      { name: 'bbc.co.uk', url: 'https://www.bbc.co.uk/news/world-africa-51942957' },
      { name: 'example-daily.test', url: 'https://www.example-daily.test/africa/cabo-delgado-attack' },
      // MentionType 2 (a citation): its name, no link.
      { name: 'Example Monitoring Service' },
    ])
  })

  it('join their events when read together, whichever order the files come in', () => {
    const r = readAll([CRAFTED, 'x.mentions.CSV'], [EVENTS, 'x.export.CSV'])
    expect(r.total).toBe(100)
    const e = byId(r, 'gdelt-913097131')
    expect(e.extra?.mentionCount).toBe(4)
    expect(e.confidence).toBe(80)
    // The event's own SOURCEURL first, then the mentioning sources it does not repeat.
    expect(e.sources.map((s) => s.url ?? s.name)).toEqual([
      'https://www.bbc.co.uk/news/world-africa-51942957',
      'https://www.example-daily.test/africa/cabo-delgado-attack',
      'Example Monitoring Service',
    ])
    expect(byId(r, 'gdelt-410412347').extra?.mentionCount).toBe(0)
    expect(r.notes).toEqual(['mentions joined: 4 mentions of 1 event (of 5 mention rows read)', '1 mention of events not in the events file left out'])
  })

  it('join the public sample: its mentions of events in the events file', () => {
    const r = readAll([EVENTS, 'e.export.CSV'], [MENTIONS, 'm.mentions.CSV'])
    const e = byId(r, 'gdelt-410412349')
    expect(e.extra?.mentionCount).toBe(1)
    expect(e.confidence).toBe(10)
    expect(e.sources.map((s) => s.url)).toContain('http://www.voxy.co.nz/entertainment/coast-new-zealand-production-tv-one/5/214255')
    const joined = r.dataset.events.filter((x) => (x.extra?.mentionCount as number) > 0)
    expect(joined.length).toBe(52)
    expect(r.notes?.[0]).toBe('mentions joined: 52 mentions of 52 events (of 100 mention rows read)')
  })

  it('are not read beside files of other formats', () => {
    const out = readMany([{ text: EVENTS, fileName: 'e' }, { text: '{"schemaVersion":1,"name":"x","events":[]}', fileName: 'x.json' }])
    expect(!out.ok && out.reason).toMatch(/read together only as GDELT events files with their mentions/)
  })
})
