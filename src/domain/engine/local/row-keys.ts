import type { EventTable } from '../../table-types.ts'

/**
 * Per row, the keys a count pass reads instead of its place set, category and actors: one id
 * for the row's cell (its place set, category and first actor together) and its second actor.
 * A pass then adds each row once to a small per-(cell, level) histogram and once to a
 * per-(second actor, level) one, and spreads the histograms over the views' per-(value, level)
 * counts afterwards (view-counts.ts): a table's rows share a few thousand cells, so that is
 * two increments a row where the views took four or more, and no loop over the row's actors.
 */
export interface RowKeys {
  /** Per row: its cell's id. */
  readonly cell: Uint8Array | Uint16Array | Uint32Array
  /** Per cell: its place set. */
  readonly cellPlace: Uint32Array
  /** Per cell: its category. */
  readonly cellCategory: Uint32Array
  /** Per cell: its first actor's code + 1; 0 for rows without actors. */
  readonly cellActor: Uint32Array
  /** Per row: its second actor's code + 1, 0 when it has fewer than two; null when no row has two. */
  readonly second: Uint8Array | Uint16Array | Uint32Array | null
  /** The rows with three actors or more, ascending: their actors past the second are counted one by one. */
  readonly moreActors: Uint32Array
}

const keysOf = new WeakMap<EventTable, RowKeys | null>()

/**
 * A table whose rows fall into more than one cell per this many rows gets no keys: its
 * histograms would be about as long as the table, and spreading them would cost what the keys save.
 */
export const ROWS_PER_CELL = 16

/**
 * The table's row keys, made on first use (one pass over the place, category and actor columns)
 * and kept with the table; null when the table has too many cells for them to pay (see
 * ROWS_PER_CELL). At a million rows of the synthetic generator (249 place sets, 9 categories,
 * 1,494 actors): 11,952 cells, 2 bytes a row for the cell and 2 for the second actor, 4 MB.
 */
export function rowKeys(table: EventTable): RowKeys | null {
  let keys = keysOf.get(table)
  if (keys === undefined) {
    keys = makeRowKeys(table)
    keysOf.set(table, keys !== null && keys.cellPlace.length * ROWS_PER_CELL <= table.size ? keys : null)
    keys = keysOf.get(table)!
  }
  return keys
}

/** Per row, the narrowest array that holds 0 … `max`. */
function codesFor(size: number, max: number): Uint8Array | Uint16Array | Uint32Array {
  return max < 256 ? new Uint8Array(size) : max < 65536 ? new Uint16Array(size) : new Uint32Array(size)
}

/**
 * Makes the keys of every table, however many cells it has (rowKeys drops them when too many).
 * Cells are numbered in order of first appearance through an open-addressing hash on
 * (place set, category, first actor), held in typed arrays: no object per row.
 */
export function makeRowKeys(table: EventTable): RowKeys {
  const n = table.size
  const { place, category } = table
  const { offsets, values } = table.actors
  const actorCount = table.actors.dict.values.length
  let cell = codesFor(n, 0)
  let cellCap = 256
  let cellPlace: Uint32Array = new Uint32Array(cellCap)
  let cellCategory: Uint32Array = new Uint32Array(cellCap)
  let cellActor: Uint32Array = new Uint32Array(cellCap)
  let cells = 0
  // Slots hold cell id + 1 (0 empty); the table is kept at most half full.
  let slots: Int32Array = new Int32Array(1024)
  let slotMask = slots.length - 1
  let shift = 32 - 10
  const second = codesFor(n, actorCount)
  let seconds = 0
  let more = 0
  for (let row = 0; row < n; row++) {
    const p = place[row]!
    const c = category[row]!
    const from = offsets[row]!
    const length = offsets[row + 1]! - from
    const a = length > 0 ? values[from]! + 1 : 0
    if (length > 1) {
      second[row] = values[from + 1]! + 1
      seconds++
      if (length > 2) more++
    }
    let at = hashOf(p, c, a) >>> shift
    let id = -1
    for (;;) {
      const s = slots[at]!
      if (s === 0) break
      if (cellPlace[s - 1] === p && cellCategory[s - 1] === c && cellActor[s - 1] === a) {
        id = s - 1
        break
      }
      at = (at + 1) & slotMask
    }
    if (id < 0) {
      id = cells++
      if (id === cellCap) {
        cellCap *= 2
        cellPlace = grown(cellPlace, cellCap)
        cellCategory = grown(cellCategory, cellCap)
        cellActor = grown(cellActor, cellCap)
      }
      cellPlace[id] = p
      cellCategory[id] = c
      cellActor[id] = a
      slots[at] = id + 1
      if (cells * 2 > slots.length) {
        slots = rehashed(slots, cellPlace, cellCategory, cellActor, cells)
        slotMask = slots.length - 1
        shift--
      }
      if (id === 256 || id === 65536) cell = widened(cell, n, id)
    }
    cell[row] = id
  }
  const moreActors = new Uint32Array(more)
  for (let row = 0, k = 0; k < more; row++) if (offsets[row + 1]! - offsets[row]! > 2) moreActors[k++] = row
  return {
    cell,
    cellPlace: cellPlace.slice(0, cells),
    cellCategory: cellCategory.slice(0, cells),
    cellActor: cellActor.slice(0, cells),
    second: seconds === 0 ? null : second,
    moreActors,
  }
}

/** A 32-bit hash of a cell; its high bits pick the slot (a multiply mixes upwards). */
function hashOf(p: number, c: number, a: number): number {
  return Math.imul(Math.imul(p, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca77) ^ Math.imul(a + 7, 0xc2b2ae3d), 0x27d4eb2f) >>> 0
}

function grown(array: Uint32Array, size: number): Uint32Array {
  const out = new Uint32Array(size)
  out.set(array)
  return out
}

/** The hash slots twice as many, every cell placed again. */
function rehashed(old: Int32Array, cellPlace: Uint32Array, cellCategory: Uint32Array, cellActor: Uint32Array, cells: number): Int32Array {
  const slots = new Int32Array(old.length * 2)
  const slotMask = slots.length - 1
  const shift = 32 - Math.log2(slots.length)
  for (let id = 0; id < cells; id++) {
    let at = hashOf(cellPlace[id]!, cellCategory[id]!, cellActor[id]!) >>> shift
    while (slots[at] !== 0) at = (at + 1) & slotMask
    slots[at] = id + 1
  }
  return slots
}

/** The cell ids written so far, in an array wide enough for `id`. */
function widened(cell: Uint8Array | Uint16Array | Uint32Array, n: number, id: number): Uint8Array | Uint16Array | Uint32Array {
  const out = codesFor(n, id)
  out.set(cell)
  return out
}
