import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { POINT_LIMIT } from '../../../../src/domain/engine/map-points.ts'
import { mercatorX, mercatorY } from '../../../../src/domain/geo/mercator.ts'
import type { CountryCode, EventId, ThreatEvent } from '../../../../src/domain/model.ts'
import { remotePoints, viewportBox } from '../../../../src/lib/clickhouse/remote-points.ts'
import { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/** Map points from the warehouse beyond the point limit: binned on the server, every event in one bin or another. */
const warehouse = useTestWarehouse()

function event(i: number): ThreatEvent {
  return {
    id: `p${i}` as EventId,
    title: `Event ${i}`,
    tags: [],
    sectors: [],
    date: parsePartialDate('2024-05-01')!,
    threatLevel: i % 7 === 0 ? 5 : 2,
    actors: [],
    countries: ['FR' as CountryCode],
    regions: [],
    location: { latDeg: 46 + (i % 50) * 0.02, lonDeg: 2 + Math.floor(i / 50) * 0.02 },
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
  }
}

describe('map points from the warehouse', () => {
  it('bins the events in view on the server when they pass the point limit', async () => {
    const count = POINT_LIMIT + 500
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'many points', regions: [], events: Array.from({ length: count }, (_, i) => event(i)) })
    const client = new WarehouseClient(connection)
    const scale = 64
    const viewport = { scale, width: 800, height: 600, originX: mercatorX(2.6) * scale - 400, originY: mercatorY(46.5) * scale - 300 }
    const frame = await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', viewport)
    expect(frame.mode).toBe('bins')
    expect(frame.visible).toBe(count)
    expect(Array.from(frame.count.slice(0, frame.size)).reduce((a, b) => a + b, 0)).toBe(count)
    // Bin centres sit inside the view, where the events are.
    for (let i = 0; i < frame.size; i++) {
      expect(frame.x[i]).toBeGreaterThan(0)
      expect(frame.x[i]).toBeLessThan(800)
      expect(frame.y[i]).toBeGreaterThan(0)
      expect(frame.y[i]).toBeLessThan(600)
    }
    expect(Math.max(...frame.level.slice(0, frame.size))).toBe(5)
    await client.close()
  }, 60_000)

  it('bounds the rows it projects by the viewport\'s longitudes and latitudes, margin included, open at the clamped poles', () => {
    const scale = 16
    const viewport = { scale, width: 1366, height: 768, originX: mercatorX(10) * scale - 683, originY: mercatorY(50) * scale - 384 }
    const { sql, params } = viewportBox(viewport)
    expect(sql).toBe('lon >= {b_lon_min:Float64} AND lon <= {b_lon_max:Float64} AND lat <= {b_lat_max:Float64} AND lat >= {b_lat_min:Float64}')
    const p = params as Record<string, number>
    // Each edge projects to 8 px outside the view (the margin), give or take the slack.
    expect(mercatorX(p.b_lon_min!) * scale - viewport.originX).toBeCloseTo(-8, 3)
    expect(mercatorX(p.b_lon_max!) * scale - viewport.originX).toBeCloseTo(1366 + 8, 3)
    expect(mercatorY(p.b_lat_max!) * scale - viewport.originY).toBeCloseTo(-8, 3)
    expect(mercatorY(p.b_lat_min!) * scale - viewport.originY).toBeCloseTo(768 + 8, 3)
    // The whole world at zoom 0: no latitude bound (points beyond ±85.05° are drawn at the edge).
    const world = viewportBox({ scale: 1, width: 256, height: 256, originX: 0, originY: 0 })
    expect(world.sql).toBe('lon >= {b_lon_min:Float64} AND lon <= {b_lon_max:Float64}')
    expect((world.params as Record<string, number>).b_lon_min).toBeCloseTo(-180 - (8 / 256) * 360, 5)
  })
})
