import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { requestFor } from '../../../engine/conformance.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { testEvent } from '../../domain/export/test-event.ts'

/**
 * A picture's map from a warehouse (`pictureFrame`): every event passing every filter, the places
 * too (the map panel's frame ignores its own place selection), counted whole — not the newest few.
 */
const warehouse = useTestWarehouse()

function event(id: string, day: string, level: ThreatLevel, country: string, location?: { lat: number; lon: number }): ThreatEvent {
  return testEvent({ id, title: id, date: parsePartialDate(day)!, threatLevel: level, countries: [country as CountryCode], ...(location ? { location: { latDeg: location.lat, lonDeg: location.lon } } : {}) })
}

const EVENTS = [
  event('kyiv', '2024-05-10', 5, 'UA', { lat: 50.45, lon: 30.52 }),
  event('paris', '2024-05-11', 2, 'FR', { lat: 48.86, lon: 2.35 }),
  event('lyon', '2024-05-12', 3, 'FR', { lat: 45.76, lon: 4.84 }),
  // No location: drawn at Germany's centroid, as the map draws it.
  event('berlin', '2024-05-13', 4, 'DE'),
]

describe('the picture frame of a warehouse', () => {
  it('counts every matching event with a place, every filter applied', async () => {
    const engine = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'picture frame', regions: [], events: EVENTS }))
    const visible = async (filter: Partial<FilterSpec>): Promise<number> => (await engine.pictureFrame(requestFor({ ...EMPTY_FILTER, ...filter }))).visible
    expect(await visible({})).toBe(4)
    expect(await visible({ levels: [5] })).toBe(1)
    expect(await visible({ countries: ['FR'] })).toBe(2)
    expect(await visible({ countries: ['DE'], levels: [4, 5] })).toBe(1)
    expect(await visible({ timeRange: { fromMs: Date.UTC(2024, 4, 11), toMs: Date.UTC(2024, 4, 13) } })).toBe(2)
    // The map panel's own frame of the same world ignores its country selection: all four.
    const panel = await engine.run({ ...requestFor({ ...EMPTY_FILTER, countries: ['FR'] }), points: { viewport: { scale: 16, originX: 0, originY: 0, width: 4096, height: 4096 } } })
    expect(panel.points!.visible).toBe(4)
    await engine.close()
  }, 60_000)
})
