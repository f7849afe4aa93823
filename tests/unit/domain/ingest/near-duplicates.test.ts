import { describe, expect, it } from 'vitest'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { suggestDuplicates, titleSimilarity } from '../../../../src/domain/ingest/near-duplicates.ts'
import type { ThreatEvent } from '../../../../src/domain/model.ts'

function events(rows: object[]): ThreatEvent[] {
  const out = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events: rows }))
  if (!out.ok) throw new Error(out.reason)
  return [...out.result.dataset.events]
}

const base = { date: '2025-03-02', threatLevel: 4, countries: ['UA'], actors: ['Russia', 'Ukraine'], location: { lat: 49.98, lon: 36.25 } }

describe('near-duplicate suggestions', () => {
  it('measures title likeness by shared words (Jaccard)', () => {
    // {drone, strike, on, kharkiv} vs {drone, strike, on, kharkiv, overnight}: 4 / 5.
    expect(titleSimilarity('Drone strike on Kharkiv', 'Drone strike on Kharkiv overnight')).toBeCloseTo(0.8)
    expect(titleSimilarity('Drone strike on Kharkiv', 'drone STRIKE on kharkiv!')).toBe(1)
    expect(titleSimilarity('Drone strike on Kharkiv', 'Talks in Geneva')).toBe(0)
  })

  it('suggests events of the same date, place and actors with near-identical titles, keeping the first', () => {
    const list = events([
      { ...base, id: 'a', title: 'Drone strike on Kharkiv' },
      { ...base, id: 'b', title: 'Drone strike on Kharkiv overnight' },
      // Same everything but the title: another incident.
      { ...base, id: 'c', title: 'Protest outside city hall' },
      // Same title, another day.
      { ...base, id: 'd', date: '2025-03-03', title: 'Drone strike on Kharkiv' },
      // Same title, 50 km away.
      { ...base, id: 'e', location: { lat: 50.4, lon: 36.25 }, title: 'Drone strike on Kharkiv' },
      // Same title, other actors.
      { ...base, id: 'f', actors: ['Russia'], title: 'Drone strike on Kharkiv' },
      // Same title, same place within a few hundred metres, actors in another order.
      { ...base, id: 'g', actors: ['Ukraine', 'Russia'], location: { lat: 49.981, lon: 36.252 }, title: 'Drone Strike on Kharkiv' },
    ])
    expect(suggestDuplicates(list)).toEqual([
      { ids: ['a', 'b', 'g'], titles: ['Drone strike on Kharkiv', 'Drone strike on Kharkiv overnight', 'Drone Strike on Kharkiv'], similarity: 0.8 },
    ])
  })

  it('compares events without coordinates by their countries', () => {
    const { location: _l, ...noPoint } = base
    const list = events([
      { ...noPoint, id: 'x', title: 'Border clash reported' },
      { ...noPoint, id: 'y', title: 'Border clash reported' },
      { ...noPoint, id: 'z', countries: ['RU'], title: 'Border clash reported' },
    ])
    expect(suggestDuplicates(list).map((s) => s.ids)).toEqual([['x', 'y']])
  })
})
