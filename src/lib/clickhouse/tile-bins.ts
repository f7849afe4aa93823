import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { BIN_PX, type MapViewport } from '../../domain/engine/map-points.ts'
import { filterSql, type FilterDim, type SqlPart } from '../../domain/warehouse/filter-sql.ts'
import { TILE_TOP_ZOOM, UNPLACED_ZOOM, tilesTableName } from '../../domain/warehouse/map-tiles.ts'
import { quotedTable, type TableName } from '../../domain/warehouse/table-layout.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/** Margin (px) so a point half off the edge is still drawn (as remote-points.ts and the local engine). */
const MARGIN = 8

/** A bin from its tile rows (TILE_ROW_SQL): events, mean position on screen, highest level, approximate flag, first event. */
const BIN_OF_TILES_SQL = `SELECT toUInt32(sum(t_n)) AS n, sum(t_x) / sum(t_n) * {t_scale:Float64} - {t_ox:Float64} AS bin_x, sum(t_y) / sum(t_n) * {t_scale:Float64} - {t_oy:Float64} AS bin_y,
      max(t_level) AS level, min(t_approximate) AS approximate, min(t_first) AS first`

/** A tile row's columns, named apart from the answer's aliases (which would stand for the aggregates). */
const TILE_ROW_SQL = 'n AS t_n, sum_x AS t_x, sum_y AS t_y, level AS t_level, approximate AS t_approximate, first AS t_first'

/** The viewport's whole zoom when the kept tiles can bin it: a power-of-two scale up to the tiles' deepest zoom, whole-pixel origin and size. */
export function tileZoomOf(viewport: MapViewport): number | null {
  const zoom = Math.log2(viewport.scale)
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > TILE_TOP_ZOOM || 2 ** zoom !== viewport.scale) return null
  const whole = [viewport.originX, viewport.originY, viewport.width, viewport.height].every((v) => Number.isSafeInteger(v))
  return whole ? zoom : null
}

/**
 * The whole zoom whose tiles bin a viewport the tiles cannot bin exactly (a fractional zoom, as
 * Leaflet rests at after a fit, or an origin between pixels): the next whole zoom up, so that each
 * tile pixel is no wider than a screen pixel; null past the tiles' deepest zoom (the map then
 * reads the events).
 */
export function nearTileZoomOf(viewport: MapViewport): number | null {
  const zoom = Math.ceil(Math.log2(viewport.scale) - 1e-9)
  const finite = [viewport.scale, viewport.originX, viewport.originY, viewport.width, viewport.height].every((v) => Number.isFinite(v))
  return finite && zoom >= 0 && zoom <= TILE_TOP_ZOOM ? zoom : null
}

/** Whether the tiles can answer `filter`: no time range, actor or text (the tiles keep level, category and places alone). */
export function tilesAnswer(filter: FilterSpec): boolean {
  return filter.timeRange === null && filter.actors.length === 0 && filter.text.trim() === ''
}

/** The bins' rows, from the tiles here and from the events in remote-points.ts. */
export interface TileBinRow {
  readonly n: number
  readonly bin_x: number
  readonly bin_y: number
  readonly level: number
  readonly approximate: number
  readonly first: number
}

/**
 * The map's screen bins from the kept tiles, for a viewport at whole zoom `zoom` whose origin is
 * on whole pixels. An event at world x is at container pixel x × 2^zoom − originX, so the pixel it
 * falls in is its tile's `cx` less the origin, and its bin that pixel's (pixel + margin) / 32,
 * floored — the same bin as its exact position's, for the bin edges fall on whole pixels. The
 * view holds pixels from −margin to width + margin inclusive: the column (or row) just past it
 * counts its events on the left (top) edge alone (`edge`). A bin's position is its events' mean,
 * from the tiles' sums.
 */
export async function tileBins(client: WarehouseClient, table: TableName, filter: FilterSpec, ignored: readonly FilterDim[], viewport: MapViewport, zoom: number, signal?: AbortSignal): Promise<TileBinRow[]> {
  const where: SqlPart = filterSql(filter, ignored)
  // The tiles' columns take names of their own below: the answer's aliases (`n`, `level`, …) would stand for the aggregates.
  const sql = `${BIN_OF_TILES_SQL}
    FROM (
      SELECT cx, cy, ${TILE_ROW_SQL}
      FROM ${quotedTable(tilesTableName(table))}
      WHERE zoom = {t_zoom:UInt8} AND zoom != ${UNPLACED_ZOOM}
        AND cx >= {t_x0:Int64} AND cx <= {t_x1:Int64} AND cy >= {t_y0:Int64} AND cy <= {t_y1:Int64}
        AND (cx < {t_x1:Int64} OR bitAnd(edge, 1) = 1) AND (cy < {t_y1:Int64} OR bitAnd(edge, 2) = 2)
        AND ${where.sql})
    GROUP BY intDiv(toInt64(cx) - {t_ox:Int64} + ${MARGIN}, ${BIN_PX}), intDiv(toInt64(cy) - {t_oy:Int64} + ${MARGIN}, ${BIN_PX})`
  return client.rows<TileBinRow>(
    sql,
    tileParams(where, viewport, zoom, 1),
    { signal },
  )
}

/**
 * A tile query's parameters: the filter's, the tiles' zoom, the viewport's scale and origin, and
 * the box of tile pixels the view and its margin span, `k` screen pixels to a tile pixel (1 at
 * the viewport's own zoom, less below it: nearTileBins).
 */
function tileParams(where: SqlPart, viewport: MapViewport, zoom: number, k: number): Record<string, unknown> {
  const { originX, originY, width, height } = viewport
  return {
    ...where.params,
    t_zoom: zoom,
    t_scale: viewport.scale,
    t_ox: originX,
    t_oy: originY,
    t_x0: Math.max(0, Math.floor((originX - MARGIN) / k)),
    t_x1: Math.floor((originX + width + MARGIN) / k),
    t_y0: Math.max(0, Math.floor((originY - MARGIN) / k)),
    t_y1: Math.floor((originY + height + MARGIN) / k),
  }
}

/** Events the kept tiles hold (every zoom holds each placed event once; unplaced ones are counted apart), or null when the warehouse keeps none for `table`. */
export async function keptTilesEvents(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<number | null> {
  const tiles = tilesTableName(table)
  const [exists] = await client.rows<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: table.database, name: tiles.table }, { signal })
  if (exists === undefined || Number(exists.n) === 0) return null
  const [row] = await client.rows<{ n: number }>(`SELECT toUInt64(sum(n)) AS n FROM ${quotedTable(tiles)} WHERE zoom IN (0, ${UNPLACED_ZOOM})`, {}, { signal })
  return Number(row?.n ?? 0)
}

/**
 * The map's screen bins from the kept tiles of whole zoom `zoom` (nearTileZoomOf) for a viewport
 * at another scale or between pixels. A tile pixel is then no wider than a screen pixel but may
 * straddle a bin's edge or the view's margin line: each tile row goes whole to the bin (and is in
 * view or not) by its events' mean position. So an event within one screen pixel of a bin's edge
 * may be counted in the bin beside it, and one within a pixel of the margin line (8 px outside
 * the view) in or out of view; a bin's position is still its events' mean, from the tiles' sums.
 */
export async function nearTileBins(client: WarehouseClient, table: TableName, filter: FilterSpec, ignored: readonly FilterDim[], viewport: MapViewport, zoom: number, signal?: AbortSignal): Promise<TileBinRow[]> {
  const where: SqlPart = filterSql(filter, ignored)
  const sql = `${BIN_OF_TILES_SQL}
    FROM (
      SELECT ${TILE_ROW_SQL},
        sum_x / n * {t_scale:Float64} - {t_ox:Float64} AS px, sum_y / n * {t_scale:Float64} - {t_oy:Float64} AS py
      FROM ${quotedTable(tilesTableName(table))}
      WHERE zoom = {t_zoom:UInt8} AND zoom != ${UNPLACED_ZOOM}
        AND cx >= {t_x0:Int64} AND cx <= {t_x1:Int64} AND cy >= {t_y0:Int64} AND cy <= {t_y1:Int64}
        AND ${where.sql})
    WHERE px >= -${MARGIN} AND px <= {t_w:Float64} + ${MARGIN} AND py >= -${MARGIN} AND py <= {t_h:Float64} + ${MARGIN}
    GROUP BY intDiv(toUInt32(px + ${MARGIN}), ${BIN_PX}), intDiv(toUInt32(py + ${MARGIN}), ${BIN_PX})`
  return client.rows<TileBinRow>(
    sql,
    { ...tileParams(where, viewport, zoom, viewport.scale / 2 ** zoom), t_w: viewport.width, t_h: viewport.height },
    { signal },
  )
}
