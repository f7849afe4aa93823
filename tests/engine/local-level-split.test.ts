/**
 * While only the level filter changes, the local engine recombines what it kept per level
 * (gauge and shading tallies, bins, lane grids) instead of visiting the rows. Those answers must
 * be exactly what a fresh engine gives for the same request: every gauge's summary and
 * contributions, and every shaded place.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { Views } from '../../src/domain/engine/views-engine.ts'
import type { ThreatLevel } from '../../src/domain/model.ts'
import type { ThreatIndex } from '../../src/domain/threat-index.ts'
import { datasetOf, filters, rawEvents, requestFor } from './conformance.ts'

const levelSets = fc.array(fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[], { minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 6 })

function plainIndex(index: ThreatIndex): Record<string, unknown> {
  const { contributions, ...summary } = index
  return { ...summary, contributions: [...contributions] }
}

function gaugesAndMap(views: Views): unknown {
  return {
    overall: plainIndex(views.gauges!.overall),
    regions: views.gauges!.regions.map((g) => ({ regionId: g.regionId, index: plainIndex(g.index) })),
    shading: [...views.map!.shading].sort(([a], [b]) => a.localeCompare(b)),
  }
}

describe('local engine: level toggles', () => {
  it('gives the gauges and the map shading a fresh engine gives, when the levels alone change back and forth', () => {
    fc.assert(
      fc.property(rawEvents, filters, levelSets, fc.constantFrom('countries' as const, 'regions' as const), (raw, filter, sets, shadeBy) => {
        const table = buildEventTable(datasetOf(raw))
        const engine = new LocalEngine(table)
        // One request whose filter alone changes, as the app sends them. Each level set comes
        // twice, so that the tallies kept for the level-free filter are used.
        const base = requestFor(filter, 0, 25, { shadeBy })
        for (const levels of [...sets, ...sets]) {
          const request = { ...base, filter: { ...filter, levels: [...levels].sort() } }
          const kept = engine.answer(request)
          const fresh = new LocalEngine(table).answer(request)
          expect(gaugesAndMap(kept)).toEqual(gaugesAndMap(fresh))
        }
      }),
      { numRuns: 80 },
    )
  })
})

const DAY_MS = 86_400_000
/** Time ranges over the generated events' years (2020–2025), or none. */
const timeRanges = fc.array(
  fc.option(
    fc.tuple(fc.integer({ min: 0, max: 2190 }), fc.integer({ min: 1, max: 900 })).map(([from, days]) => ({
      fromMs: Date.UTC(2020, 0, 1) + from * DAY_MS,
      toMs: Date.UTC(2020, 0, 1) + (from + days) * DAY_MS,
    })),
    { nil: null },
  ),
  { minLength: 2, maxLength: 5 },
)

describe('local engine: time and level changes', () => {
  it('gives the map shading a fresh engine gives while only the time range and the levels change (whole-table totals kept)', () => {
    fc.assert(
      fc.property(rawEvents, filters, timeRanges, levelSets, fc.constantFrom('countries' as const, 'regions' as const), (raw, filter, ranges, sets, shadeBy) => {
        const table = buildEventTable(datasetOf(raw))
        const engine = new LocalEngine(table)
        const base = requestFor(filter, 0, 25, { shadeBy })
        // Brushes and level toggles interleaved, each state twice so that kept totals are used.
        const steps = [...ranges, ...ranges].map((timeRange, i) => ({ timeRange, levels: [...sets[i % sets.length]!].sort() }))
        for (const step of steps) {
          const request = { ...base, filter: { ...filter, ...step } }
          const kept = engine.answer(request)
          const fresh = new LocalEngine(table).answer(request)
          expect([...kept.map!.shading].sort(([a], [b]) => a.localeCompare(b))).toEqual([...fresh.map!.shading].sort(([a], [b]) => a.localeCompare(b)))
        }
        // A region change after them must not reuse the totals kept for the other regions.
        const other = { ...base, filter: { ...filter, timeRange: ranges[0]!, regions: filter.regions.length > 0 ? [] : ['eastern-europe'] } }
        expect([...engine.answer(other).map!.shading].sort(([a], [b]) => a.localeCompare(b))).toEqual(
          [...new LocalEngine(table).answer(other).map!.shading].sort(([a], [b]) => a.localeCompare(b)),
        )
      }),
      { numRuns: 80 },
    )
  })
})
