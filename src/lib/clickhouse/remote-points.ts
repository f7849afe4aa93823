import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { BIN_PX, frameItems, POINT_LIMIT, type MapViewport, type PointFrame } from '../../domain/engine/map-points.ts'
import { separateBins } from '../../domain/engine/bin-spacing.ts'
import { WORLD_SIZE, MAX_LATITUDE_DEG, latOfMercatorY } from '../../domain/geo/mercator.ts'
import { filterSql, type SqlPart } from '../../domain/warehouse/filter-sql.ts'
import type { TableName } from '../../domain/warehouse/table-layout.ts'
import { readFrom } from '../../domain/warehouse/source-table.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/** Margin (px) so a point half off the edge is still drawn (as the local engine's). */
const MARGIN = 8

/** Slack (degrees) around the box, so rounding never drops a point the exact test keeps. */
const BOX_SLACK_DEG = 1e-6

/**
 * The viewport (with its margin) as a longitude and latitude box: rows outside it cannot
 * project into view, so the warehouse skips them before projecting any row. A box edge at the
 * clamped latitude is left open (Web Mercator draws the poles at ±85.05°).
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
 * The map's event layer from the warehouse: the events in the viewport, projected to its pixels
 * by the server (Web Mercator, as Leaflet draws it), as points up to the point limit, else binned
 * on the server into a screen grid (discs that would overlap merged: bin-spacing.ts) — one query for points, one more for bins, whatever the
 * table's size. The map ignores only its own selection (the places it shades).
 */
export async function remotePoints(
  client: WarehouseClient,
  table: TableName,
  filter: FilterSpec,
  shadeBy: 'countries' | 'regions',
  viewport: MapViewport,
  signal?: AbortSignal,
): Promise<PointFrame> {
  const where = filterSql(filter, [shadeBy === 'countries' ? 'country' : 'region'])
  const lat = `greatest(-${MAX_LATITUDE_DEG}, least(${MAX_LATITUDE_DEG}, lat))`
  const box = viewportBox(viewport)
  const projected = `SELECT seq, level, approximate,
      ((lon + 180) / 360 * ${WORLD_SIZE}) * {v_scale:Float64} - {v_ox:Float64} AS x,
      (0.5 - log((1 + sin(radians(${lat}))) / (1 - sin(radians(${lat})))) / (4 * pi())) * ${WORLD_SIZE} * {v_scale:Float64} - {v_oy:Float64} AS y
    FROM ${readFrom(table)}
    WHERE lat IS NOT NULL AND lon IS NOT NULL AND ${box.sql} AND ${where.sql}`
  const inView = `FROM (${projected}) WHERE x >= -${MARGIN} AND x <= {v_w:Float64} + ${MARGIN} AND y >= -${MARGIN} AND y <= {v_h:Float64} + ${MARGIN}`
  const params = { ...where.params, ...box.params, v_scale: viewport.scale, v_ox: viewport.originX, v_oy: viewport.originY, v_w: viewport.width, v_h: viewport.height }
  const points = await client.rows<{ seq: number; level: number; approximate: number; x: number; y: number }>(
    `SELECT seq, level, approximate, x, y ${inView} LIMIT {limit:UInt32}`,
    { ...params, limit: POINT_LIMIT + 1 },
    { signal },
  )
  if (points.length <= POINT_LIMIT) {
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
  // The bins' centres take names of their own: an alias `x` would stand for the aggregate in WHERE and GROUP BY.
  const bins = await client.rows<{ n: number; bin_x: number; bin_y: number; level: number; approximate: number; first: number }>(
    `SELECT toUInt32(count()) AS n, avg(x) AS bin_x, avg(y) AS bin_y, max(level) AS level, min(approximate) AS approximate, min(seq) AS first
     ${inView} GROUP BY intDiv(toUInt32(x + ${MARGIN}), ${BIN_PX}), intDiv(toUInt32(y + ${MARGIN}), ${BIN_PX})`,
    params,
    { signal },
  )
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
