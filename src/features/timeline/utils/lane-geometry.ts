/** The lanes' sizes, shared by the lanes, their density cells and the panel's layout. */

/** Height of one lane, px. */
export const LANE_PX = 18

/**
 * Width of one density cell, px: room for a count ("1.2K") inside it, so a dense lane reads as a
 * row of counted cells, not a solid bar.
 */
export const DENSITY_CELL_PX = 28

/** Density cells across the plot: one per DENSITY_CELL_PX. */
export function densityColumns(plotWidthPx: number): number {
  return Math.max(1, Math.floor(plotWidthPx / DENSITY_CELL_PX))
}
