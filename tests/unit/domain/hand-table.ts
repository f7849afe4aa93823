import { parsePartialDate } from '../../../src/domain/dates.ts'
import type { ThreatEvent, ThreatLevel } from '../../../src/domain/model.ts'
import { DictionaryBuilder, MultiColumnBuilder, PlaceSetBuilder, PRECISION_CODES, assembleTable, inputRowOf, rowsInInputOrder } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'

/** One row of a hand-made table; regions are given already expanded (no regions.ts needed). */
export interface HandRow {
  readonly date: string
  readonly endDate?: string
  readonly level: ThreatLevel
  readonly title: string
  readonly countries?: readonly string[]
  readonly regions?: readonly string[]
  readonly actors?: readonly string[]
  readonly category?: string
}

/** Builds an EventTable straight from rows, so filter and view tests depend only on table.ts. */
export function handTable(rows: readonly HandRow[]): EventTable {
  const n = rows.length
  const startMs = new Float64Array(n)
  const endMs = new Float64Array(n)
  const precision = new Uint8Array(n)
  const level = new Uint8Array(n)
  const category = new Uint32Array(n)
  const categories = new DictionaryBuilder([''])
  const place = new Uint32Array(n)
  const places = new PlaceSetBuilder()
  const actors = new MultiColumnBuilder(n)
  rows.forEach((r, i) => {
    const date = parsePartialDate(r.date)
    if (!date) throw new Error(`bad date in fixture: ${r.date}`)
    const end = r.endDate ? parsePartialDate(r.endDate) : null
    startMs[i] = date.startMs
    endMs[i] = Math.max(date.endMs, end?.endMs ?? date.endMs)
    precision[i] = PRECISION_CODES.indexOf(date.precision)
    level[i] = r.level
    category[i] = categories.code(r.category ?? '')
    const countries = r.countries ?? []
    const regions = r.regions ?? []
    place[i] = places.idFor(`${countries.join(',')}|${regions.join(',')}`, () => ({ countries, regions }))
    actors.pushRow(r.actors ?? [])
  })
  return assembleTable(
    {
      size: n,
      startMs,
      endMs,
      precision,
      level,
      latDeg: new Float32Array(n).fill(Number.NaN),
      lonDeg: new Float32Array(n).fill(Number.NaN),
      approximate: new Uint8Array(n),
      category,
      categories: categories.build(),
      place,
      places: places.build(),
      actors: actors.build(),
      titles: rows.map((r) => r.title),
    },
    (): ThreatEvent => {
      throw new Error('not used by these tests')
    },
  )
}

/**
 * Five events, hand-made so that every filter dimension splits them differently.
 * Row: date (precision), level, countries, regions (expanded), actors, category.
 */
export const FIVE_ROWS: readonly HandRow[] = [
  {
    // 0: year precision, covers all of 2022
    date: '2022',
    level: 3,
    title: 'Russia invades Ukraine',
    countries: ['RU', 'UA'],
    regions: ['eastern-europe', 'europe'],
    actors: ['Russia'],
    category: 'armed-conflict',
  },
  {
    // 1: the seed event
    date: '2025-11-04',
    level: 3,
    title: 'Xi Jinping meets Mikhail Mishustin in Beijing',
    countries: ['CN', 'RU'],
    regions: ['eastern-asia', 'asia', 'eastern-europe', 'europe'],
    actors: ['Xi Jinping', 'Mikhail Mishustin'],
    category: 'diplomacy',
  },
  {
    // 2: an instant
    date: '2023-06-15T10:00Z',
    level: 5,
    title: 'Missile strike on Odesa port',
    countries: ['UA'],
    regions: ['eastern-europe', 'europe'],
    actors: ['Russia', 'Wagner Group'],
    category: 'armed-conflict',
  },
  {
    // 3: month precision, nowhere, nobody, no category
    date: '2024-03',
    level: 1,
    title: 'Cyber incident reported',
  },
  {
    // 4: a day
    date: '2022-06-10',
    level: 4,
    title: 'Naval drills near Taiwan',
    countries: ['CN'],
    regions: ['eastern-asia', 'asia'],
    actors: ['PLA Navy'],
    category: 'military-exercise',
  },
]

/**
 * A per-row array read in input order (the order of the rows handed to `handTable`), so that
 * hand-checked values can name rows as they were given; tables store them newest first.
 */
export function byInputRow(table: EventTable, perRow: ArrayLike<number>): number[] {
  return Array.from(rowsInInputOrder(table), (row) => perRow[row]!)
}

/** Table rows as input rows, ascending. */
export function asInputRows(table: EventTable, rows: Iterable<number>): number[] {
  return Array.from(rows, (row) => inputRowOf(table, row)).sort((a, b) => a - b)
}

/** Table rows as input rows, in the order given (e.g. a newest-first list of matching rows). */
export function inputRowsOf(table: EventTable, rows: ArrayLike<number>): number[] {
  return Array.from(rows, (row) => inputRowOf(table, row))
}
