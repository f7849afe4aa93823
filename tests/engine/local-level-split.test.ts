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
