import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { frameMembers, timelapseFrames } from '../../src/domain/export/picture/timelapse.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'
import { datasetOf, rawEvents, requestFor } from './conformance.ts'

/** The timelapse's frames from the warehouse hold the events the tab's frames hold: same counts, same places and levels. */
const warehouse = useTestWarehouse()

describe('timelapse frames from the warehouse', { timeout: 180_000 }, () => {
  it('gives every frame the events the tab gives it, filters applied, dates of every precision', async () => {
    const span = { fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2024, 0, 1) }
    for (const [d, raw] of fc.sample(rawEvents, { numRuns: 4, seed: 1802 }).entries()) {
      const dataset = datasetOf(raw)
      const local = new LocalEngine(buildEventTable(dataset))
      const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
      for (const filter of [EMPTY_FILTER, { ...EMPTY_FILTER, levels: [3, 4, 5] as const }, { ...EMPTY_FILTER, countries: ['UA', 'FR'] }]) {
        const request = requestFor({ ...filter, levels: [...filter.levels] })
        for (const step of ['week', 'month'] as const) {
          const frames = timelapseFrames(span, step)
          const framesOf = async (engine: LocalEngine | ClickHouseEngine): Promise<string[][]> => {
            const spans = await engine.placedSpans(request, span, 10_000)
            return frameMembers(spans, frames).map((rows) => rows.map((i) => `${spans.lonDeg[i]!.toFixed(3)},${spans.latDeg[i]!.toFixed(3)},${spans.level[i]}`).sort())
          }
          expect(await framesOf(remote), `dataset ${d} ${step} ${JSON.stringify(filter)}`).toEqual(await framesOf(local))
        }
      }
      // More than the limit: the warehouse refuses rather than drawing part of the period.
      const all = await local.placedSpans(requestFor(), span, 10_000)
      if (all.size > 1) await expect(remote.placedSpans(requestFor(), span, all.size - 1)).rejects.toThrow(/narrow the filters/)
      await remote.close()
    }
  })
})
