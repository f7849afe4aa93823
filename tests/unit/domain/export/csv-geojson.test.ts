import { describe, expect, it } from 'vitest'
import { eventsToCsv, neutraliseCell } from '../../../../src/domain/export/csv.ts'
import { eventsToGeoJson } from '../../../../src/domain/export/geojson.ts'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import type { CountryCode, EventId, RegionId, ThreatEvent } from '../../../../src/domain/model.ts'

function event(partial: Omit<Partial<ThreatEvent>, 'id'> & { id: string; title: string }): ThreatEvent {
  return {
    tags: [],
    sectors: [],
    date: parsePartialDate('2025-11-04')!,
    threatLevel: 3,
    actors: [],
    countries: [],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
    ...partial,
    id: partial.id as EventId,
  }
}

describe('neutraliseCell', () => {
  it('prefixes = + - @ tab and CR with an apostrophe and leaves other text alone', () => {
    expect(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx', 'plain', ' =spaced'].map(neutraliseCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2+3",
      "'@cmd",
      "'\tx",
      "'\rx",
      'plain',
      ' =spaced',
    ])
  })
})

describe('eventsToCsv', () => {
  it('writes a header and one neutralised, quoted row per event; numbers stay numbers', () => {
    const csv = eventsToCsv([
      event({
        id: 'e1',
        title: '=HYPERLINK("http://x","click")',
        actors: [{ name: 'A, B', type: 'state' }, { name: '@group', type: 'group' }],
        countries: ['RU' as CountryCode],
        regions: ['eastern-europe' as RegionId],
        location: { latDeg: -12.5, lonDeg: 30 },
        sources: [{ name: 'Agency', url: 'https://example.org/a' }],
      }),
    ])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('id,title,date,endDate,threatLevel,category,actors,countries,regions,lat,lon,summary,assessment,sources')
    expect(lines[1]).toBe(
      `e1,"'=HYPERLINK(""http://x"",""click"")",2025-11-04,,3,,"A, B; @group",RU,eastern-europe,-12.5,30,,,Agency <https://example.org/a>`,
    )
    expect(lines[2]).toBe('')
  })
  it('neutralises a list cell whose first item starts a formula', () => {
    const csv = eventsToCsv([event({ id: 'e2', title: 't', actors: [{ name: '+cmd', type: 'group' }] })])
    expect(csv.split('\r\n')[1]).toContain(",'+cmd,")
  })
})

describe('eventsToGeoJson', () => {
  it('writes [lon, lat] points and leaves out events without a place', () => {
    const a = event({ id: 'a', title: 'A', threatLevel: 5, category: 'conflict', countries: ['UA' as CountryCode] })
    const b = event({ id: 'b', title: 'B' })
    const out = eventsToGeoJson([
      { event: a, latDeg: 50.45, lonDeg: 30.52, approximate: false },
      { event: b, latDeg: Number.NaN, lonDeg: Number.NaN, approximate: true },
    ])
    expect(out.type).toBe('FeatureCollection')
    expect(out.features).toHaveLength(1)
    expect(out.features[0]).toEqual({
      type: 'Feature',
      id: 'a',
      geometry: { type: 'Point', coordinates: [30.52, 50.45] },
      properties: {
        title: 'A',
        date: '2025-11-04',
        threatLevel: 5,
        levelLabel: 'critical',
        approximate: false,
        countries: ['UA'],
        regions: [],
        actors: [],
        category: 'conflict',
      },
    })
  })
})
