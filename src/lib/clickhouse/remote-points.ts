import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { BIN_PX, frameItems, POINT_LIMIT, type MapViewport, type PointFrame } from '../../domain/engine/map-points.ts'
import { separateBins } from '../../domain/engine/bin-spacing.ts'
import { WORLD_SIZE, MAX_LATITUDE_DEG, latOfMercatorY } from '../../domain/geo/mercator.ts'
import { filterSql, type SqlPart } from '../../domain/warehouse/filter-sql.ts'
import { WORLD_X_SQL, WORLD_Y_SQL, type TableName } from '../../domain/warehouse/table-layout.ts'
import { readFrom, type SourceTable } from '../../domain/warehouse/source-table.ts'
import { nearTileBins, nearTileZoomOf, tileBins, tileZoomOf, tilesAnswer, type TileBinRow as BinRow } from './tile-bins.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/** Margin (px) so a point half off the edge is still drawn (as the local engine's). */
const MARGIN = 8

/** Slack (degrees) around the box, so rounding never drops a point the exact test keeps. */
const BOX_SLACK_DEG = 1e-6

/**
 * The viewport (with its margin) as a longitude and latitude box, for a table without the
 * stored projection: rows outside it cannot project into view, so the warehouse skips them
 * before projecting any row. A box edge at the clamped latitude is left open (Web Mercator
 * draws the poles at ±85.05°).
 */
export function viewportBox(viewport: MapViewport): SqlPart {
  const worldPx = WORLD_SIZE * viewport.scale
  const lonAt = (x: number): number => ((x + viewport.originX) / worldPx) * 360 - 180
  const latAt = (y: number): number => latOfMercatorY(((y + viewport.originY) / worldPx) * WORLD_SIZE)
  const parts = ['lon >= {b_lon_min:Float64}', 'lon <= {b_lon_max:Float64}']
  const params: Record<string, number> = { b_lon_min: lonAt(-MARGIN) - BOX_SLACK_DEG, b_lon_max: lonAt(viewport.width + MARGIN) + BOX_SLACK_DEG }
  const latMax = latAt(-MARGIN) + BOX_SLACK_DEG
  const latMin = latAt(viewport.height + MARGIN) - BOX_SLACK_DEG
  if (latMax < MAX_LATITUDE_DEG) {
    parts.push('lat <= {b_lat_max:Float64}')
    params.b_lat_max = latMax
  }
  if (latMin > -MAX_LATITUDE_DEG) {
    parts.push('lat >= {b_lat_min:Float64}')
    params.b_lat_min = latMin
  }
  return { sql: parts.join(' AND '), params }
}

/**
 * Where the rows' world positions come from: the stored projection (`map_x`, `map_y`, written
 * when a row is inserted: table-layout.ts), or, on a table made before it, projected from
 * `lat` and `lon` by the same expressions in each query. Both give the same pixels.
 */
export type WorldColumns = 'stored' | 'projected'

/** Whether `table` holds the stored projection (a table made or upgraded by this layout does). */
export async function worldColumnsOf(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<WorldColumns> {
  const [row] = await client.rows<{ n: number }>(
    "SELECT count() AS n FROM system.columns WHERE database = {db:String} AND table = {name:String} AND name IN ('map_x', 'map_y')",
    { db: table.database, name: table.table },
    { signal },
  )
  return Number(row?.n ?? 0) === 2 ? 'stored' : 'projected'
}

/** Slack (world units) around the stored box: far above the columns' rounding, far below a pixel. */
const WORLD_SLACK = 1e-9

/** The viewport (with its margin) as a box on the stored projection: the same rows as the exact test, give or take the slack. */
export function storedViewportBox(viewport: MapViewport): SqlPart {
  const { scale, originX, originY, width, height } = viewport
  return {
    sql: 'map_x >= {b_x_min:Float64} AND map_x <= {b_x_max:Float64} AND map_y >= {b_y_min:Float64} AND map_y <= {b_y_max:Float64}',
    params: {
      b_x_min: (originX - MARGIN) / scale - WORLD_SLACK,
      b_x_max: (originX + width + MARGIN) / scale + WORLD_SLACK,
      b_y_min: (originY - MARGIN) / scale - WORLD_SLACK,
      b_y_max: (originY + height + MARGIN) / scale + WORLD_SLACK,
    },
  }
}

/** The rows with a position inside the viewport's box, and their world x and y as SQL. */
function worldOf(columns: WorldColumns, viewport: MapViewport): { x: string; y: string; where: SqlPart } {
  if (columns === 'stored') {
    // NaN (no position) fails every comparison of the box.
    return { x: 'map_x', y: 'map_y', where: storedViewportBox(viewport) }
  }
  const box = viewportBox(viewport)
  return { x: `(${WORLD_X_SQL})`, y: `(${WORLD_Y_SQL})`, where: { sql: `lat IS NOT NULL AND lon IS NOT NULL AND ${box.sql}`, params: box.params } }
}

/**
 * The map's event layer from the warehouse: the events in the viewport, at their pixels in it
 * (Web Mercator, as Leaflet draws it: the stored world position times the scale, less the
 * origin), as points up to the point limit, else binned on the server into a screen grid (discs
 * that would overlap merged: bin-spacing.ts) — one query for points, one more for bins, whatever
 * the table's size. The map ignores only its own selection (the places it shades); a picture's
 * map (`shadeBy` null) ignores nothing.
 *
 * With `binsFirst` (the caller expects more events in view than the point limit, from the last
 * frame at the same zoom) the bins are asked first, and the points only when the
 * bins hold no more than the limit: one query instead of two for a pan over a busy map. The
 * frame is the same either way.
 *
 * With `tiles` (the warehouse keeps map tiles beside the table that hold every event:
 * map-tiles.ts), a viewport at a whole zoom up to the tiles' deepest, on whole pixels (as the map
 * rests after a pan or zoom), under a filter of levels, categories and places alone takes its bins
 * from the tiles (tile-bins.ts): the same bins, from the pixels of its zoom instead of every event
 * in view. Any other viewport up to that zoom (a fractional zoom, as Leaflet rests at after a fit,
 * or an origin between pixels) takes them from the tiles of the next whole zoom up, each tile pixel
 * binned by its events' mean: an event within a pixel of a bin's edge may be counted in the bin
 * beside it (nearTileBins). They are asked first, and the events only for points.
 */
export async function remotePoints(
  client: WarehouseClient,
  table: SourceTable,
  filter: FilterSpec,
  shadeBy: 'countries' | 'regions' | null,
  viewport: MapViewport,
  signal?: AbortSignal,
  columns: WorldColumns = 'stored',
  binsFirst = false,
  tiles = false,
): Promise<PointFrame> {
  const ignored = shadeBy === null ? [] : shadeBy === 'countries' ? (['country'] as const) : (['region'] as const)
  const where = filterSql(filter, ignored, table.text)
  const world = worldOf(columns, viewport)
  const projected = `SELECT seq, level, approximate,
      ${world.x} * {v_scale:Float64} - {v_ox:Float64} AS x,
      ${world.y} * {v_scale:Float64} - {v_oy:Float64} AS y
    FROM ${readFrom(table)}
    WHERE ${world.where.sql} AND ${where.sql}`
  const inView = `FROM (${projected}) WHERE x >= -${MARGIN} AND x <= {v_w:Float64} + ${MARGIN} AND y >= -${MARGIN} AND y <= {v_h:Float64} + ${MARGIN}`
  const params = { ...where.params, ...world.where.params, v_scale: viewport.scale, v_ox: viewport.originX, v_oy: viewport.originY, v_w: viewport.width, v_h: viewport.height }
  const points = async (): Promise<PointFrame | null> => {
    const rows = await client.rows<{ seq: number; level: number; approximate: number; x: number; y: number }>(
      `SELECT seq, level, approximate, x, y ${inView} LIMIT {limit:UInt32}`,
      { ...params, limit: POINT_LIMIT + 1 },
      { signal },
    )
    return rows.length <= POINT_LIMIT ? pointsFrame(viewport, rows) : null
  }
  // The bins' centres take names of their own: an alias `x` would stand for the aggregate in WHERE and GROUP BY.
  const bins = async (): Promise<PointFrame> => {
    const rows = await client.rows<BinRow>(
      `SELECT toUInt32(count()) AS n, avg(x) AS bin_x, avg(y) AS bin_y, max(level) AS level, min(approximate) AS approximate, min(seq) AS first
       ${inView} GROUP BY intDiv(toUInt32(x + ${MARGIN}), ${BIN_PX}), intDiv(toUInt32(y + ${MARGIN}), ${BIN_PX})`,
      params,
      { signal },
    )
    return binsFrame(viewport, rows)
  }
  const fromTiles = tiles && columns === 'stored' && table.view !== true && tilesAnswer(filter)
  const zoom = fromTiles ? tileZoomOf(viewport) : null
  const nearZoom = fromTiles && zoom === null ? nearTileZoomOf(viewport) : null
  if (zoom !== null || nearZoom !== null) {
    const rows = zoom !== null ? await tileBins(client, table, filter, ignored, viewport, zoom, signal) : await nearTileBins(client, table, filter, ignored, viewport, nearZoom!, signal)
    const binned = binsFrame(viewport, rows)
    return binned.visible > POINT_LIMIT ? binned : ((await points()) ?? binned)
  }
  if (!binsFirst) return (await points()) ?? (await bins())
  const binned = await bins()
  return binned.visible > POINT_LIMIT ? binned : ((await points()) ?? binned)
}

function pointsFrame(viewport: MapViewport, points: readonly { seq: number; level: number; approximate: number; x: number; y: number }[]): PointFrame {
  const n = points.length
  const frame = frameItems(n)
  points.forEach((p, i) => {
    frame.x[i] = p.x
    frame.y[i] = p.y
    frame.ref[i] = Number(p.seq)
    frame.count[i] = 1
    frame.level[i] = p.level
    frame.approximate[i] = p.approximate
  })
  return { viewport, mode: 'points', size: n, ...frame, visible: n }
}

function binsFrame(viewport: MapViewport, bins: readonly BinRow[]): PointFrame {
  const frame = frameItems(bins.length)
  let visible = 0
  bins.forEach((b, i) => {
    frame.x[i] = b.bin_x
    frame.y[i] = b.bin_y
    frame.ref[i] = Number(b.first)
    frame.count[i] = Number(b.n)
    frame.level[i] = b.level
    frame.approximate[i] = b.approximate
    visible += Number(b.n)
  })
  // Overlapping discs merged, as the local engine does.
  return separateBins({ viewport, mode: 'bins', size: bins.length, ...frame, visible })
}
