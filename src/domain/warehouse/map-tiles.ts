import { quotedTable, type TableName } from './table-layout.ts'

/**
 * The map tiles the warehouse keeps beside the events table (docs/warehouse.md, "The map
 * tiles"): for every whole zoom up to TILE_TOP_ZOOM, the events counted per pixel of that zoom
 * (Web Mercator world units times 2^zoom, floored) and per level, category and place set, with
 * the sums of their world positions, their first event and whether all are approximate. A map
 * at a whole zoom whose origin falls on whole pixels bins its screen grid from the pixels of its
 * zoom (every pixel lies in one 32-pixel bin), so the bins of a busy view come from a few hundred
 * thousand tile rows instead of tens of millions of events. `NAME_tiles`, fed by `NAME_tiles_mv`
 * at insert as the kept cube is.
 */

/** The deepest zoom the tiles hold; a map zoomed further in reads the events. */
export const TILE_TOP_ZOOM = 6

/** The kept tiles' table. */
export function tilesTableName(name: TableName): TableName {
  return { database: name.database, table: `${name.table}_tiles` }
}

function tilesViewName(name: TableName): TableName {
  return { database: name.database, table: `${name.table}_tiles_mv` }
}

/**
 * A pixel's edge flags: bit 0 when the event sits exactly on the pixel's left edge (its world x
 * times 2^zoom is a whole number), bit 1 on its top edge. The map's view includes its right and
 * bottom margin lines, so the pixel column just past them holds events in view only on that edge.
 */
const EDGE_SQL = (zoom: string): string =>
  `toUInt8((map_x * ${pixels(zoom)} = floor(map_x * ${pixels(zoom)})) + 2 * (map_y * ${pixels(zoom)} = floor(map_y * ${pixels(zoom)})))`

/** 2^zoom as an exact Float64 (a shift, not a library power). */
function pixels(zoom: string): string {
  return `toFloat64(bitShiftLeft(toUInt64(1), ${zoom}))`
}

const TILE_COLUMNS = `
    zoom          UInt8,
    cy            UInt32,
    cx            UInt32,
    edge          UInt8,
    level         UInt8,
    category      LowCardinality(String),
    place         UInt64,
    countries     SimpleAggregateFunction(any, Array(String)),
    regions       SimpleAggregateFunction(any, Array(String)),
    n             SimpleAggregateFunction(sum, UInt64),
    sum_x         SimpleAggregateFunction(sum, Float64),
    sum_y         SimpleAggregateFunction(sum, Float64),
    first         SimpleAggregateFunction(min, UInt64),
    approximate   SimpleAggregateFunction(min, UInt8)`

const TILE_KEY = 'zoom, cy, cx, edge, level, category, place'

/** Events without a position (NaN) are counted at this zoom alone, so the tiles' events add up to the table's. */
export const UNPLACED_ZOOM = 255

/** The tiles of the rows `source` yields (the events layout, `map_x`/`map_y` and `place_set` included), every zoom. */
function tilesOfRowsSql(source: string): string {
  return `SELECT zoom, cy, cx, edge, level, category, place, any(countries) AS countries, any(regions) AS regions,
       count() AS n, sum(map_x) AS sum_x, sum(map_y) AS sum_y, min(seq) AS first, min(approximate) AS approximate
FROM (
  SELECT arrayJoin(if(isNaN(map_x) OR isNaN(map_y), [${UNPLACED_ZOOM}], range(${TILE_TOP_ZOOM + 1}))) AS zoom,
         if(zoom = ${UNPLACED_ZOOM}, 0, toUInt32(floor(map_y * ${pixels('zoom')}))) AS cy,
         if(zoom = ${UNPLACED_ZOOM}, 0, toUInt32(floor(map_x * ${pixels('zoom')}))) AS cx,
         if(zoom = ${UNPLACED_ZOOM}, 0, ${EDGE_SQL('zoom')}) AS edge,
         level, category, place_set AS place, countries, regions, map_x, map_y, seq, approximate
  FROM ${source})
GROUP BY ${TILE_KEY}`
}

/**
 * The kept tiles' DDL: an AggregatingMergeTree whose parts add up (counts and sums summed, the
 * first event the least), sorted by zoom and pixel so a view reads the rows of its box alone,
 * and a materialised view that adds every inserted block's tiles. Create both before loading, or
 * fill them from a loaded table with `fillTilesSql`. The engine reads them while their events add
 * up to the table's (FINAL) count, and the events otherwise (a re-load that replaced events counts
 * them twice here until the tiles are refilled).
 */
export function createTilesSql(name: TableName): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${quotedTable(tilesTableName(name))}
(${TILE_COLUMNS}
)
ENGINE = AggregatingMergeTree
ORDER BY (${TILE_KEY})`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${quotedTable(tilesViewName(name))} TO ${quotedTable(tilesTableName(name))}
AS ${tilesOfRowsSql(quotedTable(name))}`,
  ]
}

/**
 * Fills (or refills) the kept tiles from the table as it stands: the deepest zoom from the
 * events, each zoom above it from the one below (a pixel is four of the next zoom's; an event
 * is on a pixel's left edge exactly when it is on the left edge of an even pixel of the next
 * zoom), so the events are read once.
 */
export function fillTilesSql(name: TableName): string[] {
  const tiles = quotedTable(tilesTableName(name))
  const fromRows = tilesOfRowsSql(`${quotedTable(name)} FINAL`).replace(`range(${TILE_TOP_ZOOM + 1})`, `[${TILE_TOP_ZOOM}]`)
  const up = (zoom: number): string =>
    `INSERT INTO ${tiles} SELECT toUInt8(${zoom}) AS zoom_up, intDiv(cy, 2) AS cy2, intDiv(cx, 2) AS cx2,
       toUInt8(bitAnd(edge, 1) * (cx % 2 = 0) + bitAnd(edge, 2) * (cy % 2 = 0)) AS edge2,
       level, category, place, any(countries), any(regions), sum(n), sum(sum_x), sum(sum_y), min(first), min(approximate)
FROM ${tiles} WHERE zoom = ${zoom + 1}
GROUP BY zoom_up, cy2, cx2, edge2, level, category, place`
  return [
    `TRUNCATE TABLE IF EXISTS ${tiles}`,
    `INSERT INTO ${tiles} ${fromRows}`,
    ...Array.from({ length: TILE_TOP_ZOOM }, (_, i) => up(TILE_TOP_ZOOM - 1 - i)),
  ]
}
