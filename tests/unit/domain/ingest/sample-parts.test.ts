import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sampleFiles } from '../../../../scripts/sample-plugin.ts'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import type { Dataset } from '../../../../src/domain/model.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import type { ReadOutcome } from '../../../../src/domain/ingest/read-outcome.ts'
import { openSamplePanels } from '../../../../src/domain/ingest/sample-json.ts'
import { PANEL_FIELDS, splitSample } from '../../../../src/domain/ingest/sample-parts.ts'

const readable = readFileSync('public/data/sample.json', 'utf8')
const sample = JSON.parse(readable) as Record<string, unknown> & { events: Record<string, unknown>[] }

/** The two parts of `doc` as the build writes them, read as the app reads them: the panels' part, then the whole. */
function readParts(doc: Record<string, unknown>): { panels: ReadOutcome; whole: ReadOutcome } {
  const { panels, details } = splitSample(doc)
  const opened = openSamplePanels(JSON.stringify(panels))
  if (!opened.ok) return { panels: opened, whole: opened }
  const whole = opened.withDetails(JSON.stringify(details))
  return { panels: opened.reader.finish(), whole: whole.ok ? whole.finish() : whole }
}

function datasetOf(outcome: ReadOutcome): Dataset {
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

/** A table's columns, without its functions. */
function columnsOf(dataset: Dataset): Record<string, unknown> {
  const { eventAt: _eventAt, readEvents: _readEvents, ...columns } = buildEventTable(dataset)
  return columns
}

describe('the sample as the build serves it', () => {
  const files = sampleFiles(readable)

  it('writes the sample minified and its two parts, each smaller than the readable file', () => {
    expect(Object.keys(files).sort()).toEqual(['data/sample-details.json', 'data/sample-panels.json', 'data/sample.json'])
    expect(JSON.parse(files['data/sample.json']!)).toEqual(sample)
    expect(files['data/sample.json']!.length).toBeLessThan(readable.length)
    expect(files['data/sample.json']).not.toMatch(/\n/)
  })

  it('keeps in the panels part only the fields the event table is built from, and the rest with each id in the details part', () => {
    const panels = JSON.parse(files['data/sample-panels.json']!) as typeof sample
    const details = JSON.parse(files['data/sample-details.json']!) as { schemaVersion: number; events: Record<string, unknown>[] }
    expect(panels.events).toHaveLength(286)
    expect(details.events).toHaveLength(286)
    expect(panels.name).toBe(sample.name)
    for (const [i, event] of panels.events.entries()) {
      expect(Object.keys(event).every((k) => PANEL_FIELDS.includes(k))).toBe(true)
      expect(details.events[i]!.id).toBe(sample.events[i]!.id)
      expect(Object.keys(details.events[i]!).filter((k) => k !== 'id' && PANEL_FIELDS.includes(k))).toEqual([])
    }
    expect(details.events[0]!.summary).toBe(sample.events[0]!.summary)
    expect(panels.events[0]!.summary).toBeUndefined()
  })

  it('reads back, joined, the events readNativeJson reads from the whole file; the panels part alone builds the same table', () => {
    const { panels, whole } = readParts(sample)
    const expected = readNativeJson(readable)
    expect(datasetOf(whole)).toEqual(datasetOf(expected))
    expect(columnsOf(datasetOf(panels))).toEqual(columnsOf(datasetOf(expected)))
    expect(datasetOf(panels).events[0]!.summary).toBeUndefined()
  })

  it('gives, joined, what the whole document gives, and the same table from the panels alone, for any selection of events with spoilt fields (property)', () => {
    const spoilers = fc.constantFrom<unknown>(undefined, null, '', ' x ', 7, 91, '2022-13-40', [' a '], { name: '' }, { lat: 95, lon: 0 })
    const event = fc
      .tuple(fc.constantFrom(...sample.events), fc.option(fc.tuple(fc.constantFrom(...Object.keys(sample.events[0]!), 'fatalities', 'endDate', 'quotes'), spoilers), { nil: undefined }))
      .map(([e, spoil]) => (spoil === undefined ? e : { ...e, [spoil[0]]: spoil[1] }))
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const doc = { ...sample, events }
        const { panels, whole } = readParts(doc)
        const expected = readNativeJson(JSON.stringify(doc))
        if (!expected.ok) throw new Error(expected.reason)
        if (!whole.ok) throw new Error(whole.reason)
        expect(whole.result.dataset).toEqual(expected.result.dataset)
        expect(whole.result.rejectedRows).toEqual(expected.result.rejectedRows)
        // An event refused for a detail field is in the panels' table until the whole is read:
        // the app then reports the mismatch (sample-events.ts). When the panels refuse the same
        // rows as the whole document (a count alone is not enough: a repeated id can make up the
        // difference), the tables agree.
        if (!panels.ok) throw new Error(panels.reason)
        if (panels.result.rejectedRows.join() === expected.result.rejectedRows.join()) {
          expect(columnsOf(datasetOf(panels))).toEqual(columnsOf(expected.result.dataset))
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('joining the details part: a mismatch is refused with a reason', () => {
  const { panels, details } = splitSample(sample)
  const opened = openSamplePanels(JSON.stringify(panels))
  if (!opened.ok) throw new Error(opened.reason)
  const reason = (text: string): string => {
    const out = opened.withDetails(text)
    return out.ok ? 'read' : out.reason
  }

  it.each([
    ['not JSON', '{"events": [', /^the sample's details are not valid JSON \(/],
    ['no list', '{"schemaVersion": 1}', /^the sample's details are not a list of events$/],
    ['too few', JSON.stringify({ schemaVersion: 1, events: details.events.slice(1) }), /^the sample's details list 285 events, not 286$/],
    ['another order', JSON.stringify({ schemaVersion: 1, events: [details.events[1], details.events[0], ...details.events.slice(2)] }), new RegExp(`^the sample's details of event 1 are not those of ${String(sample.events[0]!.id)}$`)],
  ])('%s', (_, text, expected) => {
    expect(reason(text)).toMatch(expected)
  })
})
