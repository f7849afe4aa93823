import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../../../src/domain/threat-index.ts'
import { shapeStyle, scoreStep } from '../../../../src/features/map/utils/palette.ts'
import { shadePlaces } from '../../../../src/domain/engine/local/shading.ts'
import { LEVEL_COLOURS, NO_ACTIVITY_COLOUR } from '../../../../src/ui/level-style.ts'

function tableOf(events: object[]) {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return buildEventTable(outcome.result.dataset)
}

// Two events in Ukraine in the window, one in France long before it.
const table = tableOf([
  { id: 'a', title: 'A', date: '2025-03-10', threatLevel: 4, countries: ['UA'] },
  { id: 'b', title: 'B', date: '2025-03-09', threatLevel: 2, countries: ['UA'] },
  { id: 'c', title: 'C', date: '2024-01-01', threatLevel: 5, countries: ['FR'] },
])
const asOfMs = Date.UTC(2025, 2, 11)

describe('shadePlaces', () => {
  it('gives each country its window level and score, and "no recent activity" when its events are old', () => {
    const mask = computeMask(table, EMPTY_FILTER)
    const shading = shadePlaces(table, 'countries', mask, asOfMs, DEFAULT_INDEX_SETTINGS)
    const ua = shading.get('UA')!
    expect(ua.level).toBe(4)
    expect(ua.windowCount).toBe(2)
    expect(ua.totalCount).toBe(2)
    // Age runs from an event's end to as-of: A (level 4) ends at as-of, weight 8; B (level 2) ended
    // a day earlier, weight 2 × 0.5^(1/7) = 1.8113. Score = 100 × (1 − 10.8113^(−1/4)) = 44.9
    expect(ua.score).toBe(44.9)
    expect(shading.get('FR')).toEqual({ level: null, score: 0, windowCount: 0, totalCount: 1 })
    expect(shading.has('DE')).toBe(false)
    expect(shadePlaces(table, 'regions', mask, asOfMs, DEFAULT_INDEX_SETTINGS).get('eastern-europe')?.level).toBe(4)
  })

  it('ignores the country filter but not the level filter', () => {
    const mask = computeMask(table, { ...EMPTY_FILTER, countries: ['FR'], levels: [2] })
    const ua = shadePlaces(table, 'countries', mask, asOfMs, DEFAULT_INDEX_SETTINGS).get('UA')!
    expect(ua.level).toBe(2)
    expect(ua.windowCount).toBe(1)
  })

  it('is narrowed by a region chosen in the filter bar when it shades countries, and ignores only its own selection', () => {
    const mask = computeMask(table, { ...EMPTY_FILTER, regions: ['western-europe'] })
    const byCountry = shadePlaces(table, 'countries', mask, asOfMs, DEFAULT_INDEX_SETTINGS)
    // Ukraine lies outside Western Europe: it has no matching event, so it is not shaded.
    expect(byCountry.has('UA')).toBe(false)
    expect(byCountry.get('FR')).toEqual({ level: null, score: 0, windowCount: 0, totalCount: 1 })
    // Shading regions, the region filter is the map's own: Eastern Europe stays shaded beside it.
    const byRegion = shadePlaces(table, 'regions', mask, asOfMs, DEFAULT_INDEX_SETTINGS)
    expect(byRegion.get('eastern-europe')).toMatchObject({ level: 4, windowCount: 2, totalCount: 2 })
  })
})

describe('shape colours', () => {
  it('keeps "no recent activity" apart from "low" and from "no events"', () => {
    const quiet = shapeStyle({ level: null, score: 0, windowCount: 0, totalCount: 3 }, 'level')
    const low = shapeStyle({ level: 1, score: 5, windowCount: 1, totalCount: 1 }, 'level')
    expect(quiet).toEqual({ fillColor: NO_ACTIVITY_COLOUR, fillOpacity: 0.35, quiet: true })
    expect(low?.fillColor).toBe(LEVEL_COLOURS[1])
    expect(low?.quiet).toBe(false)
    expect(shapeStyle(undefined, 'level')).toBeNull()
  })

  it('steps scores in fifths', () => {
    expect([0, 19.9, 20, 59.9, 60, 80, 100].map(scoreStep)).toEqual([0, 0, 1, 2, 3, 4, 4])
  })
})
