import { describe, expect, it } from 'vitest'
import { mergeGroups } from '../../../../src/domain/ingest/merge-groups.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { readMany } from '../../../../src/domain/ingest/read-many.ts'
import type { ThreatEvent } from '../../../../src/domain/model.ts'

const base = { date: '2025-03-02', countries: ['UA'], actors: ['Russia', 'Ukraine'], location: { lat: 49.98, lon: 36.25 } }
const ROWS = [
  { ...base, id: 'a', title: 'Drone strike on Kharkiv', threatLevel: 3, confidence: 40, fatalities: 2, tags: ['drone'], sources: [{ name: 'Wire A', url: 'https://a.example/1' }], related: ['b', 'x'] },
  { ...base, id: 'q', title: 'Talks in Geneva', threatLevel: 1 },
  { ...base, id: 'b', title: 'Drone strike on Kharkiv overnight', threatLevel: 4, confidence: 70, fatalities: 3, tags: ['drone', 'night'], sources: [{ name: 'Wire A', url: 'https://a.example/1' }, { name: 'Wire B' }] },
  { ...base, id: 'c', title: 'Drone strike on Kharkiv, officials say', threatLevel: 2, sources: [{ name: 'Wire C', url: 'https://c.example/9' }] },
]
const TEXT = JSON.stringify({ schemaVersion: 1, name: 't', events: ROWS })

function events(): ThreatEvent[] {
  const out = readNativeJson(TEXT)
  if (!out.ok) throw new Error(out.reason)
  return [...out.result.dataset.events]
}

describe('merging reviewed groups of possible duplicates', () => {
  it('folds a group into its first event with the sources, tags and counts of all', () => {
    const done = mergeGroups(events(), [['b', 'a', 'c']])
    expect(done).toMatchObject({ folded: 2, groups: 1 })
    expect(done.events.map((e) => e.id)).toEqual(['a', 'q'])
    const merged = done.events[0]!
    expect(merged.title).toBe('Drone strike on Kharkiv')
    // The same URL from two events is one source.
    expect(merged.sources.map((s) => s.name)).toEqual(['Wire A', 'Wire B', 'Wire C'])
    expect(merged.tags).toEqual(['drone', 'night'])
    // Highest level, best confidence, highest toll (one incident: tolls are not added).
    expect(merged.threatLevel).toBe(4)
    expect(merged.confidence).toBe(70)
    expect(merged.fatalities).toBe(3)
    // Related ids no longer point at the merged-away events.
    expect(merged.related).toEqual(['x'])
    expect(merged.extra).toMatchObject({ mergedRecords: 3, mergedEventIds: 'b c' })
  })

  it('skips unknown ids, groups left with one event, and events an earlier group took', () => {
    const done = mergeGroups(events(), [['a', 'gone'], ['a', 'b'], ['b', 'c']])
    // ['a','gone']: one event present; ['b','c']: b was taken by ['a','b'].
    expect(done).toMatchObject({ folded: 1, groups: 1 })
    expect(done.events.map((e) => e.id)).toEqual(['a', 'q', 'c'])
  })

  it('leaves the input as it was', () => {
    const input = events()
    mergeGroups(input, [['a', 'b']])
    expect(input.map((e) => e.id)).toEqual(['a', 'q', 'b', 'c'])
    expect(input[0]!.extra?.mergedRecords).toBeUndefined()
  })

  it('counts merged events as merged records when reading, so rows = accepted + rejected + merged', () => {
    const out = readMany([{ text: TEXT, fileName: 't.json' }], { mergeGroups: [['a', 'b', 'c']] })
    if (!out.ok) throw new Error(out.reason)
    const r = out.result
    expect(r.dataset.events).toHaveLength(2)
    expect({ total: r.total, rejected: r.rejected, merged: r.merged }).toEqual({ total: 2, rejected: 0, merged: 2 })
    expect(r.dataset.events.length + r.rejected + r.merged).toBe(ROWS.length)
    expect(r.notes).toContain('possible duplicates merged as reviewed: 1 group, 3 events into 1')
  })

  it('adds no note and changes nothing when no group applies', () => {
    const out = readMany([{ text: TEXT, fileName: 't.json' }], { mergeGroups: [['nope', 'none']] })
    if (!out.ok) throw new Error(out.reason)
    expect(out.result.dataset.events).toHaveLength(4)
    expect(out.result.notes).toBeUndefined()
  })
})
