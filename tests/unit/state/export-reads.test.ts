import { describe, expect, it } from 'vitest'
import { ClickHouseEngine } from '../../../src/lib/clickhouse/clickhouse-engine.ts'
import { fetchMatchingEvents, fetchTopEvents, placedOf } from '../../../src/state/export-reads.ts'
import { useWatchfloor } from '../../../src/state/store.ts'
import { datasetOf } from '../../engine/conformance.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../warehouse/test-warehouse.ts'

/** Exports' reads in warehouse mode: pages newest first, progress, the cap, the top events, places. */
const warehouse = useTestWarehouse()

describe('export reads from a warehouse', { timeout: 60_000 }, () => {
  it('fetches the matching events newest first, up to the cap, reporting progress, and the top events by level', async () => {
    const dataset = datasetOf([
      { id: 'a', title: 'A', date: '2025-01-01', threatLevel: 5, countries: ['UA'] },
      { id: 'b', title: 'B', date: '2025-01-03', threatLevel: 2, countries: ['FR'] },
      { id: 'c', title: 'C', date: '2025-01-02', threatLevel: 4, location: { lat: 10, lon: 20 } },
    ])
    const engine = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.e' }, { name: 'W', source: engine.source, customRegions: [] })
    await expect.poll(() => useWatchfloor.getState().views.matched, { timeout: 30_000 }).toBe(3)
    const progress: [number, number][] = []
    const all = await fetchMatchingEvents(useWatchfloor.getState(), { onProgress: (done, of) => progress.push([done, of]) })
    expect(all.events.map((e) => e.id)).toEqual(['b', 'c', 'a'])
    expect(all.total).toBe(3)
    expect(progress).toEqual([[0, 3], [3, 3]])
    const capped = await fetchMatchingEvents(useWatchfloor.getState(), { cap: 2 })
    expect(capped.events.map((e) => e.id)).toEqual(['b', 'c'])
    expect(capped.total).toBe(3)
    expect((await fetchTopEvents(useWatchfloor.getState(), 2)).map((e) => e.id)).toEqual(['a', 'c'])
    // Placed as the warehouse places them: own location, else the country's centroid (approximate).
    const [b, c] = all.events
    expect(placedOf(c!)).toMatchObject({ latDeg: 10, lonDeg: 20, approximate: false })
    expect(placedOf(b!).approximate).toBe(true)
    expect(Number.isFinite(placedOf(b!).latDeg)).toBe(true)
    await engine.close()
  })
})
