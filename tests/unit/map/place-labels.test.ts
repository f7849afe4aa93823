import { describe, expect, it } from 'vitest'
import { placeLabels } from '../../../src/features/map/utils/place-labels.ts'
import type { PlaceShade } from '../../../src/domain/engine/views-engine.ts'
import { countryByCode, lookupRegion } from '../../../src/domain/regions.ts'
import type { CountryCode } from '../../../src/domain/model.ts'

const shade = (level: PlaceShade['level']): PlaceShade => ({ level, score: 10, windowCount: 1, totalCount: 1 })

describe('placeLabels', () => {
  it('puts a country’s level at its centroid and skips "no recent activity"', () => {
    const labels = placeLabels(
      new Map([
        ['RU', shade(4)],
        ['FR', shade(null)],
        ['ZZ', shade(2)],
      ]),
      true,
    )
    const ru = countryByCode('RU' as CountryCode)!
    expect(labels).toEqual([{ id: 'RU', latDeg: ru.latDeg, lonDeg: ru.lonDeg, level: 4 }])
  })

  it('puts a region’s level at the mean of its countries’ centroids', () => {
    const [label] = placeLabels(new Map([['caucasus', shade(3)]]), false)
    const members = lookupRegion('caucasus')!.countries.map((c) => countryByCode(c)!)
    expect(members.map((m) => m.code).sort()).toEqual(['AM', 'AZ', 'GE'])
    expect(label!.latDeg).toBeCloseTo((members[0]!.latDeg + members[1]!.latDeg + members[2]!.latDeg) / 3, 10)
    expect(label!.lonDeg).toBeCloseTo((members[0]!.lonDeg + members[1]!.lonDeg + members[2]!.lonDeg) / 3, 10)
    expect(label!.level).toBe(3)
  })
})
