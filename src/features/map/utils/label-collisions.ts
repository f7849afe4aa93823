/**
 * Which place-level chips to write on the map without covering a bin's disc (and its count) or
 * another chip: greedy label placement, most severe level first, as map renderers place labels
 * (a label that would collide with one already placed is left out). A left-out place keeps its
 * shading and its row in the map's Table tab.
 */

/** A chip's radius, px (drawPlaceLabels draws a 14 px round chip). */
export const CHIP_RADIUS_PX = 7
/** Clear space kept around a chip, px (its outline and the discs' halos). */
const CLEAR_PX = 2

export interface ChipAt {
  readonly x: number
  readonly y: number
  readonly level: number
}

export interface DiscAt {
  readonly x: number
  readonly y: number
  readonly r: number
}

/** The chips that fit, in the order given among equals; `discs` are the drawn bins in the same (container) pixels. */
export function chipsClearOf<T extends ChipAt>(chips: readonly T[], discs: readonly DiscAt[]): T[] {
  const order = chips.map((_, i) => i).sort((a, b) => chips[b]!.level - chips[a]!.level || a - b)
  const kept: T[] = []
  const apart = (x: number, y: number, other: { x: number; y: number }, reach: number): boolean =>
    (x - other.x) ** 2 + (y - other.y) ** 2 >= reach * reach
  for (const i of order) {
    const chip = chips[i]!
    if (!discs.every((d) => apart(chip.x, chip.y, d, CHIP_RADIUS_PX + d.r + CLEAR_PX))) continue
    if (!kept.every((k) => apart(chip.x, chip.y, k, 2 * CHIP_RADIUS_PX + CLEAR_PX))) continue
    kept.push(chip)
  }
  return kept
}
