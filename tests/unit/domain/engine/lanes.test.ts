import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { laneDensity, laneRegionsBySet, selectLanes } from '../../../../src/domain/engine/local/lanes.ts'
import { titleAt } from '../../../../src/domain/table.ts'

function tableOf(events: object[]) {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return buildEventTable(outcome.result.dataset)
}

describe('key-development lanes', () => {
  const table = tableOf([
    { id: 'u1', title: 'u1', date: '2024-01-02', threatLevel: 4, countries: ['UA'], actors: ['Russia'] },
    { id: 'u2', title: 'u2', date: '2024-02-02', threatLevel: 3, countries: ['UA'], actors: ['Russia', 'Ukraine'] },
    { id: 'f1', title: 'f1', date: '2024-03-02', threatLevel: 2, countries: ['FR'] },
    { id: 'a1', title: 'a1', date: '2024', threatLevel: 3, regions: ['Asia'] },
    { id: 'old', title: 'old', date: '2020-01-01', threatLevel: 5, countries: ['UA'] },
  ])
  const laneRegions = laneRegionsBySet(table, [])
  const label = (code: number): string => table.places.regions.dict.values[code]!
  const span = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) }

  it('puts each event in its most specific regions, busiest lane first, only events in view', () => {
    const { lanes, density } = selectLanes(table, computeMask(table, EMPTY_FILTER), span, 'region', laneRegions, label, 5)
    expect(density).toBe(false)
    expect(lanes.map((l) => [l.label, l.count])).toEqual([
      ['eastern-europe', 2],
      ['asia', 1],
      ['western-europe', 1],
    ])
    expect(lanes[0]!.rows.map((r) => titleAt(table, r))).toEqual(['u1', 'u2'])
  })

  it('lanes by actor, and respects the other filters', () => {
    const mask = computeMask(table, { ...EMPTY_FILTER, levels: [3] })
    const actorLabel = (code: number): string => table.actors.dict.values[code]!
    const { lanes } = selectLanes(table, mask, span, 'actor', laneRegions, actorLabel, 5)
    expect(lanes.map((l) => [l.label, l.count])).toEqual([
      ['Russia', 1],
      ['Ukraine', 1],
    ])
  })

  it('counts events per lane and column for density, a span shared across its columns, with the highest level', () => {
    const mask = computeMask(table, EMPTY_FILTER)
    const { lanes } = selectLanes(table, mask, span, 'region', laneRegions, label, 5)
    // One column per month of 2024.
    const month = (ms: number): number => new Date(ms).getUTCMonth()
    const { counts, maxLevel } = laneDensity(table, mask, lanes, 'region', laneRegions, 12, month, span)
    const lane = (i: number): number[] => Array.from(counts.subarray(i * 12, i * 12 + 12), (n) => Math.round(n * 1000) / 1000)
    // eastern-europe: u1 in January (level 4), u2 in February (level 3); the 2020 event is out of view.
    expect(lane(0)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(Array.from(maxLevel.subarray(0, 3))).toEqual([4, 3, 0])
    // asia: a year-only event spread over the twelve months.
    expect(lane(1)).toEqual(Array(12).fill(0.083))
    expect(Array.from(maxLevel.subarray(12, 24))).toEqual(Array(12).fill(3))
    // western-europe: f1 in March.
    expect(lane(2)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('density by actor follows the other filters', () => {
    const mask = computeMask(table, { ...EMPTY_FILTER, levels: [3] })
    const actorLabel = (code: number): string => table.actors.dict.values[code]!
    const { lanes } = selectLanes(table, mask, span, 'actor', laneRegions, actorLabel, 5)
    const { counts, maxLevel } = laneDensity(table, mask, lanes, 'actor', laneRegions, 12, (ms) => new Date(ms).getUTCMonth(), span)
    // u2 (February, level 3) for both Russia and Ukraine; u1 is level 4 and filtered out.
    expect(Array.from(counts)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(maxLevel[1]).toBe(3)
    expect(maxLevel[13]).toBe(3)
  })
})
