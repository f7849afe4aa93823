import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { computeMask, EMPTY_FILTER } from '../../../../src/domain/filter.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { laneRegionsBySet, selectLanes } from '../../../../src/features/timeline/utils/lanes.ts'

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
    expect(lanes[0]!.rows.map((r) => table.titles[r])).toEqual(['u1', 'u2'])
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
})
