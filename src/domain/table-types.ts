/**
 * The event table's types, apart from the functions that build and read it (table.ts) and the
 * row order (table-order.ts), which both use them.
 */
import type { EpochMs, ThreatEvent } from './model.ts'
import type { StringColumn } from './string-column.ts'

/** A string column's values, each stored once; rows hold indices into `values`. */
export interface Dictionary {
  readonly values: readonly string[]
  readonly indexOf: ReadonlyMap<string, number>
}

/**
 * Dictionary codes, one per row (or per value of a multi-column), in the narrowest width the
 * dictionary allows: `assembleTable` picks Uint8 up to 256 values, Uint16 up to 65,536, else
 * Uint32. Readers only index it; they must not assume a width.
 */
export type CodeArray = Uint8Array | Uint16Array | Uint32Array

/** A multi-valued column in compressed sparse row form: row r holds values[offsets[r] .. offsets[r+1]). */
export interface MultiColumn {
  readonly offsets: Uint32Array
  readonly values: CodeArray
  readonly dict: Dictionary
}

/**
 * The distinct combinations of places that events belong to. Most events share a handful of
 * combinations (one per country, plus a few multi-country ones), so rows store one set id and
 * filters and tallies work per set, not per row and region.
 * `countries` and `regions` are multi-columns whose "rows" are set ids; a set's regions are
 * every region it belongs to: explicit ones with their ancestors, and its countries' regions.
 */
export interface PlaceSets {
  readonly size: number
  readonly countries: MultiColumn
  readonly regions: MultiColumn
  /** The regions the events of each set name themselves (not implied by a country or an ancestor). */
  readonly named: MultiColumn
}

/**
 * Events as typed columns plus dictionaries: what filters and views read. Rows are stored
 * newest first (start descending, ties in input order), so a stretch of time is a stretch of
 * rows; `sourceRow` gives each row's input row and `longByEnd` lists the rows that cover more
 * than a day. Columns are never mutated after building.
 */
export interface EventTable {
  readonly size: number
  /** First instant each event covers (ms, UTC). */
  readonly startMs: Float64Array
  /** First instant after each event (exclusive): the end of its precision or of its end date. */
  readonly endMs: Float64Array
  /** Index into PRECISION_CODES. */
  readonly precision: Uint8Array
  /** Threat level 1–5. */
  readonly level: Uint8Array
  /** Where to draw the event; NaN when neither the event nor its country gives a place. */
  readonly latDeg: Float32Array
  readonly lonDeg: Float32Array
  /** 1 when the position is a country or region centroid rather than the event's own place. */
  readonly approximate: Uint8Array
  /** Index into `categories`; 0 is "no category". */
  readonly category: CodeArray
  readonly categories: Dictionary
  /** Index into `places`: the set of countries and regions the event belongs to. */
  readonly place: CodeArray
  readonly places: PlaceSets
  readonly actors: MultiColumn
  /**
   * Each row's title: a list, or packed as an import's worker sent it (string-column.ts). Read
   * it with `titleAt`, never by index. Empty when the titles are kept by another thread
   * (`remoteTitles`).
   */
  readonly titles: StringColumn
  /**
   * Where the titles are when they are not on the page (an import's worker keeps them): searched
   * and read by message. Absent for titles in `titles`.
   */
  readonly remoteTitles?: RemoteTitles
  /**
   * The input row (the builder's row: event, accepted CSV record, part row) of each row; null
   * when the input was already newest first, so that row r is input row r. Side data kept per
   * input row (ids, CSV offsets, event objects) is read through it (`inputRowOf`).
   */
  readonly sourceRow: Uint32Array | null
  /**
   * The rows whose end is not within a day after their start (imprecise dates, spans, bad
   * dates), by end ascending (ties by row): what a moved time brush searches besides the rows'
   * own (newest-first) order. 3 % of the rows of a synthetic table.
   */
  readonly longByEnd: Uint32Array
  /** Earliest start and latest end over all rows; 0 for an empty table. */
  readonly extentMs: readonly [EpochMs, EpochMs]
  /**
   * The full event for a row, for detail views; built on demand for generated tables. A table
   * whose events are kept in another thread (`readEvents`) throws here: read through
   * `eventsOfRows` (table.ts), which serves both.
   */
  eventAt(row: number): ThreatEvent
  /**
   * Reads rows' events (in the order asked) where they are kept when that is another thread: an
   * import's worker keeps its CSV rows (as a Blob) or events. Absent when `eventAt` answers at once.
   */
  readonly readEvents?: (rows: ArrayLike<number>) => Promise<ThreatEvent[]>
}

/** The columns a table is built from, rows in input order; the stored order, long rows and extent are derived. */
export type TableColumns = Omit<EventTable, 'sourceRow' | 'longByEnd' | 'extentMs' | 'eventAt' | 'readEvents'>

/**
 * How a builder makes the event of a row: `row` is the table's (newest-first) row, whose columns
 * `table` holds; `inputRow` is the builder's own row number, for side data kept in input order.
 */
export type EventAtRow = (table: EventTable, row: number, inputRow: number) => ThreatEvent

/**
 * A table's titles kept by another thread, asked by table row. A search answers as the engine's
 * text search of the titles would (`stringsContaining`: 1 for each row whose title holds the
 * lower-case needle, ignoring case).
 */
export interface RemoteTitles {
  search(needle: string): Promise<Uint8Array>
  read(rows: ArrayLike<number>): Promise<string[]>
  /** The data's fingerprint (view-file.ts `dataHash`) of `table`, whose titles these are. */
  hash(table: Pick<EventTable, 'sourceRow' | 'startMs' | 'endMs' | 'level' | 'size'>): Promise<string>
}
