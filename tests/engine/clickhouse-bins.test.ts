import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { POINT_LIMIT } from '../../src/domain/engine/map-points.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'
import { requestFor } from './conformance.ts'

/** More events in view than the map draws one by one: the warehouse bins them on a screen grid, as the tab does. */
const warehouse = useTestWarehouse()

describe('map bins from the warehouse', { timeout: 180_000 }, () => {
  it('bins the events in view when they pass the point limit, every event counted once', async () => {
    const generated = generateSyntheticTable({ size: POINT_LIMIT + 500, seed: 3 })
    const dataset: Dataset = { schemaVersion: 1, name: 'generated', regions: [], events: Array.from({ length: generated.size }, (_, row) => generated.eventAt(row)) }
    const local = await new LocalEngine(buildEventTable(dataset)).run(requestFor())
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const points = (await remote.run(requestFor())).points!
    expect(local.points?.mode).toBe('bins')
    expect(points.mode).toBe('bins')
    expect(points.visible).toBe(local.points!.visible)
    expect(Array.from(points.count.subarray(0, points.size)).reduce((a, b) => a + b, 0)).toBe(points.visible)
    expect(points.size).toBeLessThan(points.visible)
    await remote.close()
  })
})
