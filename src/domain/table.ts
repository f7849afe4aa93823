import { DAY_MS } from './dates.ts'
import type { DatePrecision, EpochMs, ThreatEvent } from './model.ts'
import { stringAt } from './string-column.ts'
import type { CodeArray, Dictionary, EventAtRow, EventTable, MultiColumn, PlaceSets, TableColumns } from './table-types.ts'
import { isIdentity, permuteColumns, sortByDateDesc } from './table-order.ts'

export const PRECISION_CODES: readonly DatePrecision[] = ['year', 'month', 'day', 'instant']


/** The input row of a table row (see `EventTable.sourceRow`). */
export function inputRowOf(table: Pick<EventTable, 'sourceRow'>, row: number): number {
  return table.sourceRow === null ? row : table.sourceRow[row]!
}

/** The title of a table row. A packed column makes a new string each call: not for hot loops over every row. */
export function titleAt(table: Pick<EventTable, 'titles'>, row: number): string {
  return stringAt(table.titles, row)
}

/**
 * The events of `rows`, in that order: asked of the thread that keeps them (`readEvents`), or
 * built here (`eventAt`). Rejects when they cannot be read.
 */
export function eventsOfRows(table: Pick<EventTable, 'eventAt' | 'readEvents'>, rows: ArrayLike<number>): Promise<ThreatEvent[]> {
  if (table.readEvents) return table.readEvents(rows)
  try {
    return Promise.resolve(Array.from(rows, (row) => table.eventAt(row)))
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

/** The rows start, start + 1, …, end - 1. */
export function rowRange(start: number, end: number): Uint32Array {
  const rows = new Uint32Array(Math.max(0, end - start))
  for (let i = 0; i < rows.length; i++) rows[i] = start + i
  return rows
}

/** The table's rows in input order (the inverse of `sourceRow`). Allocates: not for hot loops. */
export function rowsInInputOrder(table: Pick<EventTable, 'sourceRow' | 'size'>): Uint32Array {
  const rows = new Uint32Array(table.size)
  for (let row = 0; row < table.size; row++) rows[inputRowOf(table, row)] = row
  return rows
}

/**
 * Completes a table from its columns (rows in input order): stores the rows newest first
 * (`sortByDateDesc`; `sourceRow` null when they already are), narrows the code columns to the
 * width their dictionaries need (builders may hand over Uint32 codes), and derives the long rows
 * and the extent. The builder's arrays are not modified; a reordered or narrowed column is a new
 * array.
 */
export function assembleTable(columns: TableColumns, eventAt: EventAtRow): EventTable {
  const order = sortByDateDesc(columns.startMs)
  const sourceRow = isIdentity(order) ? null : order
  const c = sourceRow === null ? columns : permuteColumns(columns, sourceRow)
  const table: EventTable = {
    ...c,
    category: narrowCodes(c.category, c.categories.values.length),
    place: narrowCodes(c.place, c.places.size),
    places: {
      size: c.places.size,
      countries: narrowColumn(c.places.countries),
      regions: narrowColumn(c.places.regions),
      named: narrowColumn(c.places.named),
    },
    actors: narrowColumn(c.actors),
    sourceRow,
    longByEnd: longRowsByEnd(c.startMs, c.endMs),
    extentMs: extentOf(c.startMs, c.endMs),
    eventAt: sourceRow === null ? (row) => eventAt(table, row, row) : (row) => eventAt(table, row, sourceRow[row]!),
  }
  return table
}

/** The narrowest code array that holds codes below `distinct` with these values (the same array when it is already that narrow). */
export function narrowCodes(codes: CodeArray, distinct: number): CodeArray {
  if (distinct <= 0x100) return codes instanceof Uint8Array ? codes : new Uint8Array(codes)
  if (distinct <= 0x10000) return codes instanceof Uint16Array ? codes : new Uint16Array(codes)
  return codes instanceof Uint32Array ? codes : new Uint32Array(codes)
}

function narrowColumn(column: MultiColumn): MultiColumn {
  return { offsets: column.offsets, values: narrowCodes(column.values, column.dict.values.length), dict: column.dict }
}

/** A row whose end is not within a day after its start: a span, an imprecise date, or bad data (NaN). */
export function isLongSpan(spanMs: number): boolean {
  return !(spanMs >= 0 && spanMs <= DAY_MS)
}

/** The rows covering more than a day (see `isLongSpan`), by end ascending, then row. */
export function longRowsByEnd(startMs: Float64Array, endMs: Float64Array): Uint32Array {
  let count = 0
  for (let row = 0; row < startMs.length; row++) if (isLongSpan(endMs[row]! - startMs[row]!)) count++
  const out = new Uint32Array(count)
  let k = 0
  for (let row = 0; row < startMs.length; row++) if (isLongSpan(endMs[row]! - startMs[row]!)) out[k++] = row
  // With NaN dates (bad data) the order is unspecified; such a table is not searched by time (time-edges.ts).
  out.sort((a, b) => endMs[a]! - endMs[b]! || a - b)
  return out
}

/** Every typed array of a table: what its columns weigh, and what a worker transfers. */
export function tableArrays(table: Omit<EventTable, 'eventAt' | 'readEvents'>): ArrayBufferView[] {
  return [
    table.startMs,
    table.endMs,
    table.precision,
    table.level,
    table.latDeg,
    table.lonDeg,
    table.approximate,
    table.category,
    table.place,
    table.actors.offsets,
    table.actors.values,
    table.places.countries.offsets,
    table.places.countries.values,
    table.places.regions.offsets,
    table.places.regions.values,
    table.places.named.offsets,
    table.places.named.values,
    ...(table.sourceRow === null ? [] : [table.sourceRow]),
    table.longByEnd,
  ]
}

/**
 * Bytes held by a table's typed arrays: every per-row column, the input rows, the long rows, and the place-set
 * columns (dictionaries and titles not counted). Filters and views derive nothing else per row.
 */
export function columnBytes(table: EventTable): number {
  let bytes = 0
  for (const a of tableArrays(table)) bytes += a.byteLength
  return bytes
}

/** Builds a dictionary that can grow while a table is being built. */
export class DictionaryBuilder {
  private readonly values: string[] = []
  private readonly indexOf = new Map<string, number>()

  constructor(initial: readonly string[] = []) {
    for (const v of initial) this.code(v)
  }

  code(value: string): number {
    let i = this.indexOf.get(value)
    if (i === undefined) {
      i = this.values.length
      this.values.push(value)
      this.indexOf.set(value, i)
    }
    return i
  }

  build(): Dictionary {
    return { values: this.values, indexOf: this.indexOf }
  }
}

/** Builds a MultiColumn row by row. Values within a row are de-duplicated. */
export class MultiColumnBuilder {
  readonly dict: DictionaryBuilder
  private offsets: Uint32Array
  private values: Uint32Array
  private length = 0
  private row = 0

  constructor(rows: number, expectedPerRow = 2, initial: readonly string[] = []) {
    this.dict = new DictionaryBuilder(initial)
    this.offsets = new Uint32Array(rows + 1)
    this.values = new Uint32Array(Math.max(16, Math.ceil(rows * expectedPerRow)))
  }

  /** Appends the next row's values (strings are coded through the dictionary). */
  pushRow(values: Iterable<string>): void {
    const start = this.length
    for (const v of values) this.pushCode(this.dict.code(v), start)
    this.endRow()
  }

  private endRow(): void {
    if (this.row + 1 >= this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    this.offsets[++this.row] = this.length
  }

  /** Appends the next row's values as dictionary codes. */
  pushCodes(codes: ArrayLike<number>, count = codes.length): void {
    const start = this.length
    for (let i = 0; i < count; i++) this.pushCode(codes[i]!, start)
    this.endRow()
  }

  private pushCode(code: number, rowStart: number): void {
    for (let j = rowStart; j < this.length; j++) if (this.values[j] === code) return
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = code
  }

  build(): MultiColumn {
    return {
      offsets: this.offsets.slice(0, this.row + 1),
      values: this.values.slice(0, this.length),
      dict: this.dict.build(),
    }
  }
}

/** Earliest start and latest end; [0, 0] when empty. */
export function extentOf(startMs: Float64Array, endMs: Float64Array): [EpochMs, EpochMs] {
  if (startMs.length === 0) return [0, 0]
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < startMs.length; i++) {
    if (startMs[i]! < lo) lo = startMs[i]!
    if (endMs[i]! > hi) hi = endMs[i]!
  }
  return [lo, hi]
}

/** Builds place sets, giving each distinct combination of countries and regions one id. */
export class PlaceSetBuilder {
  private readonly idOf = new Map<string, number>()
  private readonly countries: MultiColumnBuilder
  private readonly regions: MultiColumnBuilder
  private readonly named: MultiColumnBuilder
  private size = 0

  constructor(expectedSets = 256) {
    this.countries = new MultiColumnBuilder(expectedSets, 1.2)
    this.regions = new MultiColumnBuilder(expectedSets, 5)
    this.named = new MultiColumnBuilder(expectedSets, 1)
  }

  /**
   * The id of the set with these countries and these (already expanded) regions. `key` must
   * identify the combination; `expand` is called only for a combination not seen before.
   */
  idFor(
    key: string,
    expand: () => { countries: readonly string[]; regions: readonly string[]; named?: readonly string[] },
  ): number {
    let id = this.idOf.get(key)
    if (id === undefined) {
      id = this.size++
      this.idOf.set(key, id)
      const { countries, regions, named = [] } = expand()
      this.countries.pushRow(countries)
      this.regions.pushRow(regions)
      this.named.pushRow(named)
    }
    return id
  }

  build(): PlaceSets {
    return { size: this.size, countries: this.countries.build(), regions: this.regions.build(), named: this.named.build() }
  }
}

/** The values of one row (or place set) of a multi-valued column, as strings. Allocates: not for hot loops. */
export function rowValues(column: MultiColumn, row: number): string[] {
  const out: string[] = []
  for (let j = column.offsets[row]!; j < column.offsets[row + 1]!; j++) out.push(column.dict.values[column.values[j]!]!)
  return out
}

/** The countries of one row (alpha-2 codes). Allocates: not for hot loops. */
export function rowCountries(table: EventTable, row: number): string[] {
  return rowValues(table.places.countries, table.place[row]!)
}

/** Every region one row belongs to (slugs). Allocates: not for hot loops. */
export function rowRegions(table: EventTable, row: number): string[] {
  return rowValues(table.places.regions, table.place[row]!)
}
