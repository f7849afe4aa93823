import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { BIN_PX, type MapViewport } from '../../domain/engine/map-points.ts'
import { filterSql, type FilterDim, type SqlPart } from '../../domain/warehouse/filter-sql.ts'
import { TILE_TOP_ZOOM, UNPLACED_ZOOM, tilesTableName } from '../../domain/warehouse/map-tiles.ts'
import { quotedTable, type TableName } from '../../domain/warehouse/table-layout.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/** Margin (px) so a point half off the edge is still drawn (as remote-points.ts and the local engine). */
const MARGIN = 8

/** The viewport's whole zoom when the kept tiles can bin it: a power-of-two scale up to the tiles' deepest zoom, whole-pixel origin and size. */
export function tileZoomOf(viewport: MapViewport): number | null {
  const zoom = Math.log2(viewport.scale)
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > TILE_TOP_ZOOM || 2 ** zoom !== viewport.scale) return null
  const whole = [viewport.originX, viewport.originY, viewport.width, viewport.height].every((v) => Number.isSafeInteger(v))
  return whole ? zoom : null
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
  const { originX, originY, width, height } = viewport
  // The tiles' columns take names of their own below: the answer's aliases (`n`, `level`, …) would stand for the aggregates.
  const sql = `SELECT toUInt32(sum(t_n)) AS n, sum(t_x) / sum(t_n) * {t_scale:Float64} - {t_ox:Float64} AS bin_x, sum(t_y) / sum(t_n) * {t_scale:Float64} - {t_oy:Float64} AS bin_y,
      max(t_level) AS level, min(t_approximate) AS approximate, min(t_first) AS first
    FROM (
      SELECT cx, cy, n AS t_n, sum_x AS t_x, sum_y AS t_y, level AS t_level, approximate AS t_approximate, first AS t_first
      FROM ${quotedTable(tilesTableName(table))}
      WHERE zoom = {t_zoom:UInt8} AND zoom != ${UNPLACED_ZOOM}
        AND cx >= {t_x0:Int64} AND cx <= {t_x1:Int64} AND cy >= {t_y0:Int64} AND cy <= {t_y1:Int64}
        AND (cx < {t_x1:Int64} OR bitAnd(edge, 1) = 1) AND (cy < {t_y1:Int64} OR bitAnd(edge, 2) = 2)
        AND ${where.sql})
    GROUP BY intDiv(toInt64(cx) - {t_ox:Int64} + ${MARGIN}, ${BIN_PX}), intDiv(toInt64(cy) - {t_oy:Int64} + ${MARGIN}, ${BIN_PX})`
  return client.rows<TileBinRow>(
    sql,
    {
      ...where.params,
      t_zoom: zoom,
      t_scale: viewport.scale,
      t_ox: originX,
      t_oy: originY,
      t_x0: Math.max(0, originX - MARGIN),
      t_x1: originX + width + MARGIN,
      t_y0: Math.max(0, originY - MARGIN),
      t_y1: originY + height + MARGIN,
    },
    { signal },
  )
}

/** Events the kept tiles hold (every zoom holds each placed event once; unplaced ones are counted apart), or null when the warehouse keeps none for `table`. */
export async function keptTilesEvents(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<number | null> {
  const tiles = tilesTableName(table)
  const [exists] = await client.rows<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: table.database, name: tiles.table }, { signal })
  if (exists === undefined || Number(exists.n) === 0) return null
  const [row] = await client.rows<{ n: number }>(`SELECT toUInt64(sum(n)) AS n FROM ${quotedTable(tiles)} WHERE zoom IN (0, ${UNPLACED_ZOOM})`, {}, { signal })
  return Number(row?.n ?? 0)
}
