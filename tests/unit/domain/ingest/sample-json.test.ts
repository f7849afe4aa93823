import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { openSampleJson } from '../../../../src/domain/ingest/sample-json.ts'
import type { ReadOutcome } from '../../../../src/domain/ingest/read-outcome.ts'

const sampleText = readFileSync('public/data/sample.json', 'utf8')

function readSample(text: string): ReadOutcome {
  const reader = openSampleJson(text, 'sample.json')
  return reader.ok ? reader.finish() : reader
}

describe('openSampleJson: the sample read without zod', () => {
  it('reads the bundled sample exactly as readNativeJson does: 286 events, none rejected', () => {
    const outcome = readSample(sampleText)
    expect(outcome).toEqual(readNativeJson(sampleText, 'sample.json'))
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.result.dataset.events).toHaveLength(286)
    expect(outcome.result.rejected).toBe(0)
  })

  it('reads in slices what it reads at once', () => {
    const reader = openSampleJson(sampleText)
    if (!reader.ok) throw new Error(reader.reason)
    expect(reader.size).toBe(286)
    let slices = 0
    while (reader.readNext(50) > 0) slices++
    expect(slices).toBe(6)
    expect(reader.finish()).toEqual(readNativeJson(sampleText))
  })

  it('rejects a bad event with its row, field and reason, and keeps the rest', () => {
    const doc = { schemaVersion: 1, name: 'S', events: [{ id: 'a', title: 'T', date: '2022', threatLevel: 2 }, { id: 'b', title: 'U', date: '2022', threatLevel: 2, location: { lat: 91, lon: 0 } }] }
    const outcome = readSample(JSON.stringify(doc))
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.result.dataset.events.map((e) => e.id)).toEqual(['a'])
    expect(outcome.result.issues).toContainEqual({ row: 2, field: 'location.lat', message: 'must be at most 90' })
    const zod = readNativeJson(JSON.stringify(doc))
    if (!zod.ok) throw new Error(zod.reason)
    // The same events and counts; only the wording of the reason is the check's own.
    expect(outcome.result.dataset).toEqual(zod.result.dataset)
    expect([outcome.result.rejected, outcome.result.rejectedRows]).toEqual([zod.result.rejected, zod.result.rejectedRows])
  })

  it.each([
    ['{"schemaVersion": 1, "name": "S"', /^not valid JSON \(/],
    ['{"schemaVersion": 2, "name": "S", "events": []}', /^not a Watchfloor dataset: schemaVersion: must be 1$/],
    ['{"schemaVersion": 1, "name": "S"}', /^not a Watchfloor dataset: events: is missing$/],
    ['"a string"', /^not a Watchfloor dataset: document: must be an object$/],
  ])('refuses an unreadable document with a one-line reason: %s', (text, reason) => {
    const outcome = readSample(text)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.reason).toMatch(reason)
    expect(readNativeJson(text).ok).toBe(false)
  })
})
