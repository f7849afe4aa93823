import { describe, expect, it } from 'vitest'
import { eventsToCsv } from '../../../../src/domain/export/csv.ts'
import { eventsToGeoJson } from '../../../../src/domain/export/geojson.ts'
import type { CountryCode, RegionId } from '../../../../src/domain/model.ts'
import { testEvent } from './test-event.ts'

const event = testEvent

describe('eventsToCsv', () => {
  it('writes a header of every field and one guarded, quoted row per event; numbers stay numbers', () => {
    const csv = eventsToCsv([
      event({
        id: 'e1',
        title: '=HYPERLINK("http://x","click")',
        actors: [{ name: 'A, B', type: 'state' }, { name: '@group', type: 'unknown' }],
        countries: ['RU' as CountryCode],
        regions: ['eastern-europe' as RegionId],
        location: { latDeg: -12.5, lonDeg: 30 },
        sources: [{ name: 'example.org', url: 'https://example.org/a' }],
        fatalities: 3,
      }),
    ])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(
      'id,title,date,endDate,threatLevel,sourceLevel,category,summary,assessment,trend,confidence,fatalities,actors,countries,involvedCountries,regions,lat,lon,place,locationPrecision,tags,sectors,impacts,quotes,sources,related,extra',
    )
    // Actors with a type are a JSON array; the quote cell doubles its quotes; -12.5 is a number.
    expect(lines[1]).toBe(
      `e1,"'=HYPERLINK(""http://x"",""click"")",2025-11-04,,3,,,,,,,3,"[{""name"":""A, B"",""type"":""state""},""@group""]",RU,,eastern-europe,-12.5,30,,,,,,,https://example.org/a,,`,
    )
    expect(lines[2]).toBe('')
  })
  it('guards a list cell whose first item starts a formula', () => {
    const csv = eventsToCsv([event({ id: 'e2', title: 't', tags: ['+cmd', 'x'] })])
    expect(csv.split('\r\n')[1]).toContain(`,"'+cmd; x",`)
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

describe('eventsToGeoJson coordinates', () => {
  it('writes the place as the source gave it, not the float32 column noise', () => {
    const own = event({ id: 'own', title: 'Own place', location: { latDeg: 45.4666, lonDeg: 4.05 } })
    const centroid = event({ id: 'centroid', title: 'Country only', countries: ['SO' as CountryCode] })
    const out = eventsToGeoJson([
      // The table's columns hold float32: 45.46659851074219, 4.050000190734863.
      { event: own, latDeg: Math.fround(45.4666), lonDeg: Math.fround(4.05), approximate: false },
      { event: centroid, latDeg: Math.fround(2.0469), lonDeg: Math.fround(45.3182), approximate: true },
    ])
    expect(out.features.map((f) => f.geometry.coordinates)).toEqual([
      [4.05, 45.4666],
      [45.3182, 2.0469],
    ])
  })
  it('rounds a finer source to six decimals', () => {
    const fine = event({ id: 'fine', title: 'Fine', location: { latDeg: 12.3456789012, lonDeg: -0.0000004 } })
    const [feature] = eventsToGeoJson([{ event: fine, latDeg: 12.3456789012, lonDeg: -0.0000004, approximate: false }]).features
    expect(feature!.geometry.coordinates).toEqual([0, 12.345679])
  })
})
