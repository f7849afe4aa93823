import { assembleTable, DictionaryBuilder, eventsOfRows, inputRowOf, MultiColumnBuilder, PlaceSetBuilder, rowValues, titleAt } from '../table.ts'
import type { ThreatEvent } from '../model.ts'
import { type EventTable } from '../table-types.ts'
import { stringAt, stringCount, type StringColumn } from '../string-column.ts'
import { allocateRowColumns } from '../table-order.ts'
import { titlesFromParts } from './combined-titles.ts'
import { readByPart } from './ask-parts.ts'

/** One table to combine, with its event ids by (stored) row and, optionally, which rows to keep. */
export interface TablePart {
  readonly table: EventTable
  readonly ids: StringColumn
  /** 1 keeps a row; absent keeps every row. */
  readonly keep?: Uint8Array
}

export interface CombinedTable {
  readonly table: EventTable
  /** The event id of each row of `table`. */
  readonly ids: readonly string[]
}

/**
 * Concatenates tables column by column (several imported files, or the current data merged with
 * an import), re-coding their dictionaries into one. The combined table stores its rows newest
 * first like any table (ties: earlier part first, then the part's own order); eventAt() and
 * readEvents() ask the part a row came from (readEvents when a part's events are kept in a
 * worker). O(rows); no event objects are built.
 */
export function combineTables(parts: readonly TablePart[]): CombinedTable {
  let n = 0
  for (const part of parts) {
    if (!part.keep) n += part.table.size
    else for (let r = 0; r < part.table.size; r++) n += part.keep[r]!
  }
  const { startMs, endMs, precision, level, latDeg, lonDeg, approximate } = allocateRowColumns(n)
  const category = new Uint32Array(n)
  const place = new Uint32Array(n)
  const categories = new DictionaryBuilder([''])
  const places = new PlaceSetBuilder()
  const actors = new MultiColumnBuilder(n, 2)
  // Titles kept by another thread are searched and read through the parts (combined-titles.ts).
  const remote = parts.some((part) => part.table.remoteTitles)
  const titles: string[] = new Array<string>(remote ? 0 : n)
  const inputIds: string[] = new Array<string>(n)
  const partOf = new Uint16Array(n)
  const rowIn = new Uint32Array(n)

  let i = 0
  parts.forEach((part, p) => {
    const t = part.table
    const categoryCode = t.categories.values.map((v) => categories.code(v))
    const placeCode = new Int32Array(t.places.size).fill(-1)
    const actorCode = new Int32Array(t.actors.dict.values.length).fill(-1)
    let codes = new Uint32Array(16)
    for (let r = 0; r < t.size; r++) {
      if (part.keep && part.keep[r] === 0) continue
      startMs[i] = t.startMs[r]!
      endMs[i] = t.endMs[r]!
      precision[i] = t.precision[r]!
      level[i] = t.level[r]!
      latDeg[i] = t.latDeg[r]!
      lonDeg[i] = t.lonDeg[r]!
      approximate[i] = t.approximate[r]!
      category[i] = categoryCode[t.category[r]!]!
      const set = t.place[r]!
      if (placeCode[set] === -1) {
        const countries = rowValues(t.places.countries, set)
        const regions = rowValues(t.places.regions, set)
        const named = rowValues(t.places.named, set)
        placeCode[set] = places.idFor(`${[...countries].sort().join(',')}|${[...regions].sort().join(',')}`, () => ({
          countries,
          regions,
          named,
        }))
      }
      place[i] = placeCode[set]!
      const from = t.actors.offsets[r]!
      const count = t.actors.offsets[r + 1]! - from
      if (count > codes.length) codes = new Uint32Array(count * 2)
      for (let j = 0; j < count; j++) {
        const old = t.actors.values[from + j]!
        if (actorCode[old] === -1) actorCode[old] = actors.dict.code(t.actors.dict.values[old]!)
        codes[j] = actorCode[old]!
      }
      actors.pushCodes(codes, count)
      if (!remote) titles[i] = titleAt(t, r)
      inputIds[i] = stringAt(part.ids, r)
      partOf[i] = p
      rowIn[i] = r
      i++
    }
  })

  const assembled = assembleTable(
    {
      size: n,
      startMs,
      endMs,
      precision,
      level,
      latDeg,
      lonDeg,
      approximate,
      category,
      categories: categories.build(),
      place,
      places: places.build(),
      actors: actors.build(),
      titles,
    },
    (_, _row, inputRow) => parts[partOf[inputRow]!]!.table.eventAt(rowIn[inputRow]!),
  )
  const elsewhere = parts.some((part) => part.table.readEvents)
  const withEvents = elsewhere ? { ...assembled, readEvents: readFromParts(assembled, parts, partOf, rowIn) } : assembled
  const partTables = parts.map((part) => part.table)
  const table = remote ? { ...withEvents, remoteTitles: titlesFromParts(assembled, partTables, partOf, rowIn) } : withEvents
  return { table, ids: idsByRow(table, inputIds) }
}

/** A combined table's reader: each part is asked once for its own rows (readByPart). */
function readFromParts(
  table: Pick<EventTable, 'sourceRow'>,
  parts: readonly TablePart[],
  partOf: Uint16Array,
  rowIn: Uint32Array,
): (rows: ArrayLike<number>) => Promise<ThreatEvent[]> {
  return (rows) => readByPart(table, parts.length, partOf, rowIn, rows, (p, partRows) => eventsOfRows(parts[p]!.table, partRows))
}

/** Ids given in input-row order, put in the table's row order (the same array when they already are). */
export function idsByRow(table: Pick<EventTable, 'sourceRow' | 'size'>, inputIds: readonly string[]): readonly string[] {
  if (table.sourceRow === null) return inputIds
  const ids = new Array<string>(table.size)
  for (let row = 0; row < table.size; row++) ids[row] = inputIds[inputRowOf(table, row)]!
  return ids
}

/**
 * Which rows of each part to keep so that an id appears once: the first occurrence wins, and
 * each later one is listed (part index, 0-based row, id) to be reported as a duplicate.
 */
export function firstOccurrences(partIds: readonly StringColumn[]): {
  keeps: Uint8Array[]
  duplicates: { part: number; row: number; id: string; firstPart: number }[]
} {
  const seen = new Map<string, number>()
  const duplicates: { part: number; row: number; id: string; firstPart: number }[] = []
  const keeps = partIds.map((ids, part) => {
    const keep = new Uint8Array(stringCount(ids))
    for (let row = 0; row < keep.length; row++) {
      const id = stringAt(ids, row)
      const firstPart = seen.get(id)
      if (firstPart === undefined) {
        seen.set(id, part)
        keep[row] = 1
      } else duplicates.push({ part, row, id, firstPart })
    }
    return keep
  })
  return { keeps, duplicates }
}

/**
 * Rows of `table` whose id is not in `replaced`: what survives of the current data when an
 * import's events replace the ones with the same ids.
 */
export function keepRowsNotIn(ids: StringColumn, replaced: ReadonlySet<string>): { keep: Uint8Array; dropped: number } {
  const keep = new Uint8Array(stringCount(ids))
  let dropped = 0
  for (let r = 0; r < keep.length; r++) {
    if (replaced.has(stringAt(ids, r))) dropped++
    else keep[r] = 1
  }
  return { keep, dropped }
}
