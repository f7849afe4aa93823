import { describe, expect, it, vi } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { POINT_LIMIT } from '../../../../src/domain/engine/map-points.ts'
import { mercatorX, mercatorY } from '../../../../src/domain/geo/mercator.ts'
import type { CountryCode, EventId, ThreatEvent } from '../../../../src/domain/model.ts'
import { createDatabaseSql, createTableSql, materializeMapColumnsSql, quotedTable, upgradeTableSql, warehouseRowsOf } from '../../../../src/domain/warehouse/table-layout.ts'
import { remotePoints, storedViewportBox, viewportBox, worldColumnsOf } from '../../../../src/lib/clickhouse/remote-points.ts'
import { WarehouseClient, type WarehouseConnection } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/** Map points from the warehouse beyond the point limit: binned on the server, every event in one bin or another. */
const warehouse = useTestWarehouse()

function event(i: number, location: ThreatEvent['location'] = { latDeg: 46 + (i % 50) * 0.02, lonDeg: 2 + Math.floor(i / 50) * 0.02 }): ThreatEvent {
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
    location,
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
  }
}

/** A table in the layout before the stored projection (without map_x and map_y), holding `events`. */
async function olderTable(events: readonly ThreatEvent[]): Promise<WarehouseConnection> {
  const w = warehouse()
  const connection = { url: w.url, user: w.user, password: w.password, table: w.nextTable() }
  const client = new WarehouseClient(connection)
  await client.command(createDatabaseSql(connection.table))
  const older = createTableSql(connection.table).replace(/\n *map_[xy] .*/g, '')
  expect(older).not.toContain('map_x')
  await client.command(older)
  await client.insert(quotedTable(connection.table), warehouseRowsOf({ regions: [], events: [...events] }, 0, 1))
  await client.close()
  return connection
}

/** The frame's items as sortable text, positions included to the last bit of their Float32. */
function itemsOf(frame: { size: number; x: Float32Array; y: Float32Array; ref: Uint32Array; count: Uint32Array; level: Uint8Array }): string[] {
  return Array.from({ length: frame.size }, (_, i) => `${frame.ref[i]} ${frame.count[i]} ${frame.level[i]} ${frame.x[i]} ${frame.y[i]}`).sort()
}

describe('map points from the warehouse', () => {
  it('stores each row\'s world position when it is inserted, and draws a point where the tab draws it', async () => {
    // Greenwich on the equator is the middle of the world square; 90° E a quarter further; 85.05° N its top edge, and beyond it too.
    // The fourth has neither a location nor a country: no position.
    const { location: _none, ...unplaced } = event(3)
    const events = [event(0, { latDeg: 0, lonDeg: 0 }), event(1, { latDeg: 0, lonDeg: 90 }), event(2, { latDeg: 89, lonDeg: -180 }), { ...unplaced, countries: [] }]
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'placed', regions: [], events })
    const client = new WarehouseClient(connection)
    expect(await worldColumnsOf(client, connection.table)).toBe('stored')
    const stored = await client.rows<{ seq: number; map_x: number; map_y: number; placed: number }>(
      `SELECT seq, map_x, map_y, NOT isNaN(map_x) AND NOT isNaN(map_y) AS placed FROM ${quotedTable(connection.table)} ORDER BY seq`,
      {},
    )
    expect(stored.slice(0, 2).map((r) => [r.map_x, r.map_y])).toEqual([
      [128, 128],
      [192, 128],
    ])
    expect(stored[2]!.map_x).toBe(0)
    expect(stored[2]!.map_y).toBeCloseTo(0, 9)
    // No position: NaN, never 0,0.
    expect(stored.map((r) => Number(r.placed))).toEqual([1, 1, 1, 0])
    // The world at zoom 2 (1024 px): the three placed events, at 4 × their world units.
    const frame = await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', { scale: 4, originX: 0, originY: 0, width: 1024, height: 1024 })
    expect(frame.mode).toBe('points')
    expect(itemsOf(frame).slice(0, 2)).toEqual(['0 1 5 512 512', '1 1 2 768 512'])
    expect([frame.ref[2], frame.x[2]]).toEqual([2, 0])
    expect(frame.y[2]).toBeCloseTo(0, 6)
    await client.close()
  }, 60_000)

  it('draws the same points and bins from an older table, projecting lat and lon itself, and the same again once push has upgraded it', async () => {
    const count = POINT_LIMIT + 500
    const connection = await olderTable(Array.from({ length: count }, (_, i) => event(i)))
    const client = new WarehouseClient(connection)
    expect(await worldColumnsOf(client, connection.table)).toBe('projected')
    const scale = 64
    const wide = { scale, width: 800, height: 600, originX: mercatorX(2.6) * scale - 400, originY: mercatorY(46.5) * scale - 300 }
    // Close in (a quarter of the events in view: points) and panned by a fraction of a pixel.
    const close = { scale: 1024, width: 800, height: 600, originX: mercatorX(2.2) * 1024 - 400.25, originY: mercatorY(46.3) * 1024 - 300 }
    const before = [await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', wide, undefined, 'projected'), await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', close, undefined, 'projected')]
    expect(before.map((f) => f.mode)).toEqual(['bins', 'points'])
    expect(before[0]!.visible).toBe(count)
    expect(before[1]!.visible).toBeGreaterThan(100)
    expect(before[1]!.visible).toBeLessThan(count)

    for (const sql of upgradeTableSql(connection.table)) await client.command(sql)
    expect(await worldColumnsOf(client, connection.table)).toBe('stored')
    // Computed on read until the rows are rewritten, then read: the same frames both times.
    for (const step of ['computed', 'materialised']) {
      if (step === 'materialised') await client.command(materializeMapColumnsSql(connection.table))
      const after = [await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', wide), await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', close)]
      after.forEach((frame, i) => {
        expect(frame.mode, step).toBe(before[i]!.mode)
        expect(frame.visible, step).toBe(before[i]!.visible)
        expect(itemsOf(frame), step).toEqual(itemsOf(before[i]!))
      })
    }
    await client.close()
  }, 120_000)

  it('bounds the rows it reads by the viewport as a box on the stored projection, margin included', () => {
    const scale = 16
    const viewport = { scale, width: 1366, height: 768, originX: mercatorX(10) * scale - 683, originY: mercatorY(50) * scale - 384 }
    const { sql, params } = storedViewportBox(viewport)
    expect(sql).toBe('map_x >= {b_x_min:Float64} AND map_x <= {b_x_max:Float64} AND map_y >= {b_y_min:Float64} AND map_y <= {b_y_max:Float64}')
    const p = params as Record<string, number>
    // 10° E is world x 135.11…; the view is 1366 px wide at 16 px a unit, so its box is 85.375 + 1 units wide.
    expect(p.b_x_min! * scale - viewport.originX).toBeCloseTo(-8, 6)
    expect(p.b_x_max! * scale - viewport.originX).toBeCloseTo(1366 + 8, 6)
    expect(p.b_x_max! - p.b_x_min!).toBeCloseTo((1366 + 16) / 16, 6)
    expect(p.b_y_min! * scale - viewport.originY).toBeCloseTo(-8, 6)
    expect(p.b_y_max! * scale - viewport.originY).toBeCloseTo(768 + 8, 6)
  })

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

  it('asks for the bins first when told to, drawing the same frame with one query over a busy view', async () => {
    const count = POINT_LIMIT + 500
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'bins first', regions: [], events: Array.from({ length: count }, (_, i) => event(i)) })
    const client = new WarehouseClient(connection)
    const asked = vi.spyOn(client, 'rows')
    const scale = 64
    const wide = { scale, width: 800, height: 600, originX: mercatorX(2.6) * scale - 400, originY: mercatorY(46.5) * scale - 300 }
    const close = { scale: 1024, width: 800, height: 600, originX: mercatorX(2.2) * 1024 - 400.25, originY: mercatorY(46.3) * 1024 - 300 }
    for (const [viewport, mode, queries] of [
      [wide, 'bins', 1],
      [close, 'points', 2],
    ] as const) {
      asked.mockClear()
      const pointsFirst = await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', viewport)
      expect(asked).toHaveBeenCalledTimes(mode === 'bins' ? 2 : 1)
      asked.mockClear()
      const binsFirst = await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', viewport, undefined, 'stored', true)
      // Over the busy view the bins alone; close in, the bins hold too few and the points are asked too.
      expect(asked).toHaveBeenCalledTimes(queries)
      expect(binsFirst.mode).toBe(mode)
      expect(binsFirst.visible).toBe(pointsFirst.visible)
      expect(itemsOf(binsFirst)).toEqual(itemsOf(pointsFirst))
    }
    asked.mockRestore()
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
