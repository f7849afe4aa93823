import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { MapViewport, PointFrame } from '../../../../src/domain/engine/map-points.ts'
import { mercatorX, mercatorY } from '../../../../src/domain/geo/mercator.ts'
import type { CountryCode, EventId, RegionId, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { fillTilesSql, tilesTableName } from '../../../../src/domain/warehouse/map-tiles.ts'
import { quotedTable, warehouseRowsOf } from '../../../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { remotePoints } from '../../../../src/lib/clickhouse/remote-points.ts'
import { keptTilesEvents, nearTileBins, nearTileZoomOf, tileBins, tileZoomOf } from '../../../../src/lib/clickhouse/tile-bins.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { WarehouseClient, type WarehouseConnection } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/** The map's bins from the kept tiles against the same bins from the events. */
const warehouse = useTestWarehouse()

const COUNTRIES = ['FR', 'DE', 'PL', 'ES'] as const
const CENTRES: Record<(typeof COUNTRIES)[number], [number, number]> = { FR: [46.5, 2.5], DE: [51, 10], PL: [52, 19.5], ES: [40, -3.5] }

/** A small deterministic spread (no Math.random: the same table every run). */
function jitter(i: number, k: number): number {
  const h = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453
  return h - Math.floor(h)
}

function event(i: number, location: ThreatEvent['location'] | undefined, country: CountryCode, version = 'a'): ThreatEvent {
  return {
    id: `t${i}` as EventId,
    title: `Event ${i} ${version}`,
    tags: [],
    sectors: [],
    date: parsePartialDate(`2024-0${1 + (i % 6)}-1${i % 10}`)!,
    threatLevel: (1 + (i % 5)) as ThreatLevel,
    category: ['protest', 'battle', 'riot'][i % 3]!,
    actors: [],
    countries: [country],
    regions: (i % 4 === 0 ? ['Central Europe'] : []) as RegionId[],
    ...(location === undefined ? {} : { location }),
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
  }
}

/**
 * Events around four European countries' centres, a fourth of them at their country's centroid
 * (approximate), and a few exactly on pixel edges of every zoom (0° longitude and latitude,
 * 45° E, 22.5° E: world x 128, 160 and 144, world y 128) and without a position.
 */
function events(n: number): ThreatEvent[] {
  const out: ThreatEvent[] = []
  for (let i = 0; i < n; i++) {
    const country = COUNTRIES[i % COUNTRIES.length]!
    const [lat, lon] = CENTRES[country]
    out.push(event(i, i % 4 === 3 ? undefined : { latDeg: lat + (jitter(i, 1) - 0.5) * 6, lonDeg: lon + (jitter(i, 2) - 0.5) * 8 }, country as CountryCode))
  }
  const exact: [number, number][] = [
    [0, 0],
    [0, 45],
    [0, 22.5],
    [48, 0],
    [0, -10],
  ]
  exact.forEach(([latDeg, lonDeg], k) => {
    for (let j = 0; j < 3; j++) out.push(event(n + k * 3 + j, { latDeg, lonDeg }, 'FR' as CountryCode))
  })
  out.push({ ...event(n + 100, undefined, 'FR' as CountryCode), countries: [] })
  return out
}

function itemsOf(frame: PointFrame): string[] {
  return Array.from({ length: frame.size }, (_, i) => `${frame.ref[i]} ${frame.count[i]} ${frame.level[i]} ${frame.approximate[i]}`).sort()
}

/** The frames are the same: every item's count, level, first event and approximate flag, and its position within a millionth of a pixel (the sums are added in another order). */
function expectSame(tiles: PointFrame, rows: PointFrame, label: string): void {
  expect(tiles.mode, label).toBe(rows.mode)
  expect(tiles.visible, label).toBe(rows.visible)
  expect(itemsOf(tiles), label).toEqual(itemsOf(rows))
  const at = (f: PointFrame): Map<number, [number, number]> => new Map(Array.from({ length: f.size }, (_, i) => [f.ref[i]!, [f.x[i]!, f.y[i]!]]))
  const a = at(tiles)
  for (const [ref, [x, y]] of at(rows)) {
    const [tx, ty] = a.get(ref)!
    expect(Math.abs(tx - x), label).toBeLessThan(1e-3)
    expect(Math.abs(ty - y), label).toBeLessThan(1e-3)
  }
}

/** Viewports at whole zooms 0–6, on whole pixels: over the events, panned, and with their margin lines on the events placed exactly on pixel edges. */
function viewports(): { name: string; viewport: MapViewport }[] {
  const out: { name: string; viewport: MapViewport }[] = []
  for (let zoom = 0; zoom <= 6; zoom++) {
    const scale = 2 ** zoom
    const width = 900
    const height = 600
    const cx = Math.round(mercatorX(8) * scale - width / 2)
    const cy = Math.round(mercatorY(47) * scale - height / 2)
    out.push({ name: `z${zoom} centred`, viewport: { scale, width, height, originX: cx, originY: cy } })
    out.push({ name: `z${zoom} panned`, viewport: { scale, width, height, originX: cx + 37, originY: cy - 21 } })
    // The right margin line on world x 128 and the bottom one on world y 128; then the left and top lines there.
    const edge = 128 * scale
    out.push({ name: `z${zoom} right and bottom lines on 0°`, viewport: { scale, width, height, originX: edge - width - 8, originY: edge - height - 8 } })
    out.push({ name: `z${zoom} left and top lines on 0°`, viewport: { scale, width, height, originX: edge + 8, originY: edge + 8 } })
    // 45° E (world x 160) on the right line at zoom 1 and up.
    out.push({ name: `z${zoom} right line on 45° E`, viewport: { scale, width, height, originX: 160 * scale - width - 8, originY: cy } })
  }
  return out
}

const FILTERS: { name: string; filter: FilterSpec }[] = [
  { name: 'no filter', filter: EMPTY_FILTER },
  { name: 'levels 4–5', filter: { ...EMPTY_FILTER, levels: [4, 5] } },
  { name: 'category battle', filter: { ...EMPTY_FILTER, categories: ['battle'] } },
  { name: 'country DE', filter: { ...EMPTY_FILTER, countries: ['DE'] } },
  { name: 'region Central Europe', filter: { ...EMPTY_FILTER, regions: ['Central Europe'] } },
  { name: 'country FR, levels 1–3, riot', filter: { ...EMPTY_FILTER, countries: ['FR'], levels: [1, 2, 3], categories: ['riot'] } },
]

/** Counts the queries that read the tiles and those that read the events. */
function counting(client: WarehouseClient, tilesTable: string): { tiles: number; rows: number } {
  const seen = { tiles: 0, rows: 0 }
  const rows = client.rows.bind(client)
  client.rows = ((sql: string, params: Record<string, unknown>, options?: { signal?: AbortSignal }) => {
    if (sql.includes(tilesTable)) seen.tiles++
    else seen.rows++
    return rows(sql, params, options)
  }) as never
  return seen
}

async function loaded(n: number): Promise<{ connection: WarehouseConnection; client: WarehouseClient; data: ThreatEvent[] }> {
  const data = events(n)
  const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'tiles', regions: [], events: data })
  return { connection, client: new WarehouseClient(connection), data }
}

/** The bins of the tile rows at the viewport's next whole zoom up, each row in view and in its bin by its events' mean position, as `n first level`. */
async function tileRowsBinned(client: WarehouseClient, table: WarehouseConnection['table'], viewport: MapViewport, levels: readonly number[]): Promise<string[]> {
  const tiles = await client.rows<{ level: number; n: number; sx: number; sy: number; first: number }>(
    `SELECT level, n, sum_x AS sx, sum_y AS sy, first FROM ${quotedTable(tilesTableName(table))} WHERE zoom = {z:UInt8}`,
    { z: nearTileZoomOf(viewport)! },
  )
  const bins = new Map<string, { n: number; first: number; level: number }>()
  for (const t of tiles) {
    if (levels.length > 0 && !levels.includes(Number(t.level))) continue
    const n = Number(t.n)
    const x = (t.sx / n) * viewport.scale - viewport.originX
    const y = (t.sy / n) * viewport.scale - viewport.originY
    if (x < -8 || x > viewport.width + 8 || y < -8 || y > viewport.height + 8) continue
    const key = `${Math.floor((x + 8) / 32)} ${Math.floor((y + 8) / 32)}`
    const bin = bins.get(key) ?? { n: 0, first: Infinity, level: 0 }
    bins.set(key, { n: bin.n + n, first: Math.min(bin.first, Number(t.first)), level: Math.max(bin.level, Number(t.level)) })
  }
  return [...bins.values()].map((b) => `${b.n} ${b.first} ${b.level}`).sort()
}

describe('the map tiles the warehouse keeps', () => {
  it('takes the next whole zoom up for a fractional zoom or origin, up to its deepest', () => {
    const view = { width: 800, height: 600, originX: 100.4, originY: -20 }
    expect(nearTileZoomOf({ ...view, scale: 2 ** 1.25 })).toBe(2)
    expect(nearTileZoomOf({ ...view, scale: 2 ** 0.5 })).toBe(1)
    expect(nearTileZoomOf({ ...view, scale: 16 })).toBe(4)
    expect(nearTileZoomOf({ ...view, scale: 2 ** 5.75 })).toBe(6)
    expect(nearTileZoomOf({ ...view, scale: 2 ** 6.25 })).toBeNull()
    expect(nearTileZoomOf({ ...view, scale: 2 ** 1.25, originX: Number.NaN })).toBeNull()
  })

  it('takes a whole zoom on whole pixels alone', () => {
    const view = { width: 800, height: 600, originX: 100, originY: -20 }
    expect(tileZoomOf({ ...view, scale: 16 })).toBe(4)
    expect(tileZoomOf({ ...view, scale: 1 })).toBe(0)
    expect(tileZoomOf({ ...view, scale: 64 })).toBe(6)
    // Deeper than the tiles, a fractional zoom, a fraction of a pixel.
    expect(tileZoomOf({ ...view, scale: 128 })).toBeNull()
    expect(tileZoomOf({ ...view, scale: 2 ** 4.25 })).toBeNull()
    expect(tileZoomOf({ ...view, scale: 16, originX: 100.5 })).toBeNull()
    expect(tileZoomOf({ ...view, scale: 16, height: 600.5 })).toBeNull()
  })

  it('bins every viewport and filter as the events do, with the events for points and beyond the tiles', async () => {
    const { connection, client } = await loaded(6000)
    const table = connection.table
    expect(await keptTilesEvents(client, table)).toBe(6000 + 15 + 1)
    const seen = counting(client, quotedTable(tilesTableName(table)))
    let binned = 0
    let pointed = 0
    for (const { name, viewport } of viewports()) {
      for (const { name: f, filter } of FILTERS) {
        // The map ignores its own shading's places: both shadings for the place filters.
        for (const shadeBy of filter.countries.length + filter.regions.length > 0 ? (['countries', 'regions'] as const) : (['countries'] as const)) {
          const label = `${name}, ${f}, ${shadeBy}`
          const before = seen.tiles
          const fromTiles = await remotePoints(client, table, filter, shadeBy, viewport, undefined, 'stored', false, true)
          expect(seen.tiles, label).toBe(before + 1)
          const fromRows = await remotePoints(client, table, filter, shadeBy, viewport, undefined, 'stored', false, false)
          expectSame(fromTiles, fromRows, label)
          if (fromTiles.mode === 'bins') binned++
          else pointed++
        }
      }
    }
    // Both modes were compared, and the views with their margin lines on 0° hold the events placed there.
    expect(binned).toBeGreaterThan(20)
    expect(pointed).toBeGreaterThan(20)
    // Beyond the tiles' zoom, or with a time range, an actor or text: the events alone.
    const before = seen.tiles
    const centred = viewports()[0]!.viewport
    for (const [viewport, filter] of [
      [{ ...centred, scale: 128 }, EMPTY_FILTER],
      [{ ...centred, scale: 2 ** 6.25 }, EMPTY_FILTER],
      [centred, { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 2, 1) } }],
      [centred, { ...EMPTY_FILTER, text: 'event 1' }],
    ] as const) {
      const frame = await remotePoints(client, table, filter, 'countries', viewport, undefined, 'stored', false, true)
      expectSame(frame, await remotePoints(client, table, filter, 'countries', viewport), JSON.stringify(filter))
    }
    expect(seen.tiles).toBe(before)
    await client.close()
  }, 300_000)

  it('bins a fractional zoom or origin from the next zoom up: an event moves bin only when within a pixel of a bin edge or margin line', async () => {
    const { connection, client } = await loaded(6000)
    const table = connection.table
    const seen = counting(client, quotedTable(tilesTableName(table)))
    const width = 900
    const height = 600
    let near = 0
    let compared = 0
    let binned = 0
    for (const zoom of [0.5, 1.25, 2.75, 4, 4.5, 5.25]) {
      const scale = 2 ** zoom
      const [x, y] = [mercatorX(9) * scale, mercatorY(49.5) * scale]
      // Centred over the events, then with the right and bottom margin lines through them, then the left and top ones.
      const views = [
        { scale, width, height, originX: x - width / 2 + 0.37, originY: y - height / 2 - 0.61 },
        { scale, width, height, originX: x - width - 8 + 0.37, originY: y - height - 8 - 0.61 },
        { scale, width, height, originX: x + 8 + 0.37, originY: y + 8 - 0.61 },
      ]
      for (const [{ name, filter }, v] of FILTERS.flatMap((f) => views.map((v, i) => [f, i] as const))) {
        const viewport = views[v]!
        const label = `zoom ${zoom}, view ${v}, ${name}`
        const where = filterSql(filter, ['country'])
        // Every matching event's screen position, read from the table as the map's own query places it.
        const events = await client.rows<{ x: number; y: number }>(
          `SELECT map_x * {s:Float64} - {ox:Float64} AS x, map_y * {s:Float64} - {oy:Float64} AS y FROM ${quotedTable(table)} FINAL WHERE NOT isNaN(map_x) AND ${where.sql}`,
          { ...where.params, s: scale, ox: viewport.originX, oy: viewport.originY },
        )
        const exact = new Map<string, number>()
        // Events in view or within a pixel of it: those within a pixel of a bin's edge, and of a margin line.
        let nearHere = 0
        let nearMargin = 0
        const marginNear = (v: number, size: number): boolean => Math.abs(v + 8) <= 1 || Math.abs(v - size - 8) <= 1
        const edgeNear = (v: number): boolean => (v + 8) % 32 <= 1 || (v + 8) % 32 >= 31
        for (const { x, y } of events) {
          if (x < -9 || x > width + 9 || y < -9 || y > height + 9) continue
          if (marginNear(x, width) || marginNear(y, height)) nearMargin++
          if (marginNear(x, width) || marginNear(y, height) || edgeNear(x) || edgeNear(y)) nearHere++
          if (x < -8 || x > width + 8 || y < -8 || y > height + 8) continue
          const key = `${Math.floor((x + 8) / 32)} ${Math.floor((y + 8) / 32)}`
          exact.set(key, (exact.get(key) ?? 0) + 1)
        }
        const fromTiles = new Map<string, number>()
        const bins = await nearTileBins(client, table, filter, ['country'], viewport, nearTileZoomOf(viewport)!)
        if (filter.countries.length + filter.regions.length + filter.categories.length === 0) {
          // Under a filter of levels alone, the bins are what the tile rows give binned here by their means.
          expect(bins.map((b) => `${b.n} ${b.first} ${b.level}`).sort(), label).toEqual(await tileRowsBinned(client, table, viewport, filter.levels))
        }
        for (const bin of bins) {
          // A bin's mean lies inside its cell: its key.
          const key = `${Math.floor((bin.bin_x + 8) / 32)} ${Math.floor((bin.bin_y + 8) / 32)}`
          expect(fromTiles.has(key), label).toBe(false)
          fromTiles.set(key, Number(bin.n))
        }
        let moved = 0
        for (const key of new Set([...exact.keys(), ...fromTiles.keys()])) moved += Math.abs((exact.get(key) ?? 0) - (fromTiles.get(key) ?? 0))
        expect(moved, label).toBeLessThanOrEqual(2 * nearHere)
        const inView = [...fromTiles.values()].reduce((a, b) => a + b, 0)
        expect(Math.abs(inView - [...exact.values()].reduce((a, b) => a + b, 0)), label).toBeLessThanOrEqual(nearMargin)
        binned += inView
        near += nearHere
        compared++
      }
      // The map asks the tiles, not the events, for its bins at this viewport.
      const before = seen.tiles
      const frame = await remotePoints(client, table, EMPTY_FILTER, 'countries', views[0]!, undefined, 'stored', false, true)
      expect(seen.tiles, `zoom ${zoom}`).toBe(before + 1)
      expect(frame.visible).toBeGreaterThan(0)
    }
    // Events did sit near the lines, so the bound was put to the test.
    expect(compared).toBe(108)
    expect(binned).toBeGreaterThan(100_000)
    expect(near).toBeGreaterThan(100)
    await client.close()
  }, 300_000)

  it('counts an event on the line past the right or bottom margin only when it sits exactly on it', async () => {
    const { connection, client } = await loaded(0)
    // Three events at (0°, 0°), world (128, 128): at zoom 2 pixel (512, 512), on the right and
    // bottom margin lines of this view; three at (0°, −10°), 28.4 px left of them.
    const viewport = { scale: 4, width: 100, height: 100, originX: 512 - 108, originY: 512 - 108 }
    const inView = async (v: MapViewport): Promise<number> => (await tileBins(client, connection.table, EMPTY_FILTER, ['country'], v, 2)).reduce((n, b) => n + Number(b.n), 0)
    expect(await inView(viewport)).toBe(6)
    // One pixel further out, the events on the line fall outside; those at −10° are inside still.
    expect(await inView({ ...viewport, originX: viewport.originX - 1 })).toBe(3)
    expect(await inView({ ...viewport, originY: viewport.originY - 1 })).toBe(0)
    // As the events count them.
    for (const v of [viewport, { ...viewport, originX: viewport.originX - 1 }, { ...viewport, originY: viewport.originY - 1 }]) {
      expect((await remotePoints(client, connection.table, EMPTY_FILTER, 'countries', v)).visible).toBe(await inView(v))
    }
    await client.close()
  }, 120_000)

  it('is read only while it holds every event: a re-load that replaces events reads the events until the tiles are refilled, with the same bins', async () => {
    const { connection, client, data } = await loaded(4000)
    const table = connection.table
    const open = async (): Promise<ClickHouseEngine> => ClickHouseEngine.open(connection)
    const first = await open()
    expect(first.keptTiles).toBe(true)
    await first.close()
    // A newer version of the first 500 events, moved and levelled up: the table holds 4,016 events, the tiles 4,516.
    const moved = data.slice(0, 500).map((e, i) => ({ ...event(i, { latDeg: 60 + jitter(i, 3), lonDeg: 20 + jitter(i, 4) }, e.countries[0]!, 'b'), threatLevel: 5 as ThreatLevel }))
    await client.insert(quotedTable(table), warehouseRowsOf({ regions: [], events: moved }, 0, 2))
    expect(await keptTilesEvents(client, table)).toBe(4016 + 500)
    const stale = await open()
    expect(stale.keptTiles).toBe(false)
    await stale.close()
    const viewport = { scale: 8, width: 1000, height: 700, originX: Math.round(mercatorX(12) * 8 - 500), originY: Math.round(mercatorY(52) * 8 - 350) }
    const fromRows = await remotePoints(client, table, EMPTY_FILTER, 'countries', viewport)
    expect(fromRows.mode).toBe('bins')
    // Read anyway, the stale tiles would count the replaced versions too: the 500 events at both places.
    const stale500 = await remotePoints(client, table, EMPTY_FILTER, 'countries', viewport, undefined, 'stored', false, true)
    expect(stale500.visible).toBe(fromRows.visible + 500)
    for (const sql of fillTilesSql(table)) await client.command(sql)
    expect(await keptTilesEvents(client, table)).toBe(4016)
    const fresh = await open()
    expect(fresh.keptTiles).toBe(true)
    await fresh.close()
    for (const filter of FILTERS.map((f) => f.filter)) {
      expectSame(
        await remotePoints(client, table, filter, 'countries', viewport, undefined, 'stored', false, true),
        await remotePoints(client, table, filter, 'countries', viewport),
        JSON.stringify(filter),
      )
    }
    await client.close()
  }, 300_000)

  it('fills from a loaded table the same tiles the inserts made', async () => {
    const { connection, client } = await loaded(3000)
    const tiles = quotedTable(tilesTableName(connection.table))
    const read = async (): Promise<string[]> =>
      (
        await client.rows<Record<string, unknown>>(
          `SELECT zoom, cy, cx, edge, level, category, place, any(countries) AS c, any(regions) AS r, sum(n) AS n, round(sum(sum_x), 6) AS sx, round(sum(sum_y), 6) AS sy, min(first) AS f, min(approximate) AS a
           FROM ${tiles} GROUP BY zoom, cy, cx, edge, level, category, place ORDER BY zoom, cy, cx, edge, level, category, place`,
          {},
        )
      ).map((r) => JSON.stringify(r))
    const inserted = await read()
    // Every zoom 0–6 holds each of the 3,015 placed events once, and the unplaced one apart.
    const [sums] = await client.rows<{ zooms: number; placed: number; unplaced: number }>(`SELECT uniqExact(zoom) AS zooms, sumIf(n, zoom = 3) AS placed, sumIf(n, zoom = 255) AS unplaced FROM ${tiles}`, {})
    expect([Number(sums!.zooms), Number(sums!.placed), Number(sums!.unplaced)]).toEqual([8, 3015, 1])
    for (const sql of fillTilesSql(connection.table)) await client.command(sql)
    expect(await read()).toEqual(inserted)
    await client.close()
  }, 120_000)
})
