import Papa from 'papaparse'
import type { ImportIssue } from '../model.ts'
import { stringAt, stringList } from '../string-column.ts'
import { DictionaryBuilder, MultiColumnBuilder, rowValues } from '../table.ts'
import { type MultiColumn, type PlaceSets, type TableColumns } from '../table-types.ts'
import type { CsvColumns } from './csv-columns.ts'
import { StringIndex } from './string-index.ts'

/**
 * Joins what two threads read from the two halves of one CSV text (csv-split.ts) into what
 * readCsvColumns would have read from the whole: rows of the second half are renumbered after
 * the first, its dictionary codes re-coded, and an id it shares with the first half rejected as
 * a duplicate there, as a single reader would. Issues and warnings are the same as one pass's
 * while they fit under the listing limit; over it, the counts are still exact.
 */

/** The second half as read: `head + text.slice(at)`, so its positions are shifted by `at - head.length`. */
export interface SecondHalf {
  readonly read: CsvColumns
  /** The line break both halves were read with (csv-split.ts). */
  readonly newline: '\n' | '\r\n'
  /** Index in the whole text where the second half starts, and the length of the header line read before it. */
  readonly at: number
  readonly headLength: number
}

const DUPLICATE = /^(duplicate id "[\s\S]*") \(first in row (\d+)\)$/

function duplicateMessage(id: string, firstRow: number): string {
  return `duplicate id "${id}" (first in row ${firstRow})`
}

/**
 * An issue of the second half, renumbered by `by`. A duplicate id there points at its first
 * row, which is in the first half when the first half has the id (`firstRowOf`).
 */
function shiftIssue(issue: ImportIssue, by: number, firstRowOf: (id: string) => number | undefined): ImportIssue {
  const match = issue.field === 'id' ? DUPLICATE.exec(issue.message) : null
  if (!match) return { row: issue.row + by, field: issue.field, message: issue.message }
  const id = match[1]!.slice('duplicate id "'.length, -1)
  const firstRow = firstRowOf(id) ?? Number(match[2]) + by
  return { row: issue.row + by, field: issue.field, message: duplicateMessage(id, firstRow) }
}

function asUint32(codes: Uint8Array | Uint16Array | Uint32Array): Uint32Array {
  return codes instanceof Uint32Array ? codes : Uint32Array.from(codes)
}

/** Row numbers (1-based) of the accepted rows of a read, in order: every row not rejected. */
function acceptedRowNumbers(read: CsvColumns): Uint32Array {
  const out = new Uint32Array(read.columns.size)
  let k = 0
  let r = 0
  for (let row = 1; row <= read.total; row++) {
    if (r < read.rejected && read.rejectedRows[r] === row) r++
    else out[k++] = row
  }
  return out
}

function joinPlaces(a: PlaceSets, b: PlaceSets): { places: PlaceSets; codeOfB: Uint32Array } {
  const countries = new MultiColumnBuilder(a.size + b.size, 1.2)
  const regions = new MultiColumnBuilder(a.size + b.size, 5)
  const named = new MultiColumnBuilder(a.size + b.size, 1)
  const idOf = new Map<string, number>()
  let size = 0
  const add = (sets: PlaceSets, set: number, isA: boolean): number => {
    const c = rowValues(sets.countries, set)
    const r = rowValues(sets.regions, set)
    const n = rowValues(sets.named, set)
    const key = `${c.join(',')}|${r.join(',')}|${n.join(',')}`
    const found = idOf.get(key)
    if (found !== undefined && !isA) return found
    if (found === undefined) idOf.set(key, size)
    countries.pushRow(c)
    regions.pushRow(r)
    named.pushRow(n)
    return size++
  }
  // The first half's sets keep their ids (its rows are not re-coded).
  for (let set = 0; set < a.size; set++) add(a, set, true)
  const codeOfB = new Uint32Array(b.size)
  for (let set = 0; set < b.size; set++) codeOfB[set] = add(b, set, false)
  return { places: { size, countries: countries.build(), regions: regions.build(), named: named.build() }, codeOfB }
}

function joinActors(a: MultiColumn, b: MultiColumn, keepB: Uint8Array, rowsB: number): MultiColumn {
  const dict = new DictionaryBuilder(a.dict.values)
  const codeOfB = Uint32Array.from(b.dict.values, (v) => dict.code(v))
  const rowsA = a.offsets.length - 1
  let valuesB = 0
  for (let r = 0; r < rowsB; r++) if (keepB[r]) valuesB += b.offsets[r + 1]! - b.offsets[r]!
  let kept = 0
  for (let r = 0; r < rowsB; r++) kept += keepB[r]!
  const offsets = new Uint32Array(rowsA + kept + 1)
  offsets.set(a.offsets)
  const values = new Uint32Array(a.values.length + valuesB)
  values.set(a.values)
  let row = rowsA
  let j = a.values.length
  for (let r = 0; r < rowsB; r++) {
    if (!keepB[r]) continue
    for (let k = b.offsets[r]!; k < b.offsets[r + 1]!; k++) values[j++] = codeOfB[b.values[k]!]!
    offsets[++row] = j
  }
  return { offsets, values, dict: dict.build() }
}

function indexOf(ids: readonly string[]): StringIndex {
  const index = new StringIndex(ids.length)
  for (const id of ids) index.indexOrAdd(id)
  return index
}

/**
 * Copies `a` then the kept rows of `b` (every row when `keepB` is null), re-coded through `map`
 * when given, into a new array of the same kind.
 */
function joinColumn<T extends Float64Array | Float32Array | Uint8Array | Uint16Array | Uint32Array>(a: T, b: T, keepB: Uint8Array | null, n: number, map?: Uint32Array): T {
  const out = new (a.constructor as new (length: number) => T)(n)
  out.set(a)
  if (keepB === null && map === undefined) {
    out.set(b, a.length)
    return out
  }
  let i = a.length
  if (map === undefined) {
    for (let r = 0; r < b.length; r++) if (keepB![r]) out[i++] = b[r]!
  } else if (keepB === null) {
    for (let r = 0; r < b.length; r++) out[i++] = map[b[r]!]!
  } else {
    for (let r = 0; r < b.length; r++) if (keepB[r]) out[i++] = map[b[r]!]!
  }
  return out
}

/**
 * The whole text's read from its first half's read (`first`, read from `text.slice(0, at)`) and
 * its second's. `body` is the whole text. The caller checks `first.endsInOpenQuote` first: a
 * cut inside a quoted cell cannot be joined.
 */
export function joinCsvHalves(first: CsvColumns, second: SecondHalf, body: string, options: { maxListed?: number } = {}): CsvColumns {
  const a = first
  const b = second.read
  const maxListed = options.maxListed ?? 50_000
  const by = a.total
  const shift = second.at - second.headLength

  // Ids the second half shares with the first are duplicates there, rejected like any other.
  const firstRows = acceptedRowNumbers(a)
  // The first half's ids are unique, so each one's number is its accepted row: the index its
  // read made, when it was read in this thread, else one made here.
  const firstIndex = a.idIndex ?? indexOf(a.ids)
  const bRows = acceptedRowNumbers(b)
  const keepB = new Uint8Array(b.columns.size).fill(1)
  const duplicates: { row: number; issue: ImportIssue; cells: string[] }[] = []
  for (let i = 0; i < b.ids.length; i++) {
    const at = firstIndex.indexOf(b.ids[i]!)
    if (at === -1) continue
    keepB[i] = 0
    const row = bRows[i]! + by
    const text = body.slice(b.rowStart[i]! + shift, b.rowEnd[i]! + shift)
    const cells = Papa.parse<string[]>(text, { header: false, delimiter: a.delimiter, newline: second.newline, skipEmptyLines: 'greedy' }).data[0] ?? []
    duplicates.push({ row, cells, issue: { row, field: 'id', message: duplicateMessage(b.ids[i]!, firstRows[at]!) } })
  }
  const firstRowOf = (id: string): number | undefined => {
    const at = firstIndex.indexOf(id)
    return at === -1 ? undefined : firstRows[at]
  }
  const dropped = new Set(duplicates.map((d) => d.row))

  // Rejections in row order: the second half's own, then the new duplicates, interleaved.
  const rejectedRows = new Uint32Array(a.rejected + b.rejected + duplicates.length)
  rejectedRows.set(a.rejectedRows)
  const rejectedCells: (readonly string[])[] = [...a.rejectedCells]
  let k = a.rejected
  for (let r = 0, d = 0; r < b.rejected || d < duplicates.length; ) {
    const own = r < b.rejected ? b.rejectedRows[r]! + by : Infinity
    if (d < duplicates.length && duplicates[d]!.row < own) {
      rejectedRows[k++] = duplicates[d]!.row
      rejectedCells.push(duplicates[d++]!.cells)
    } else {
      rejectedRows[k++] = own
      rejectedCells.push(b.rejectedCells[r++]!)
    }
  }
  const secondIssues = [...b.issues.map((i) => shiftIssue(i, by, firstRowOf)), ...duplicates.map((d) => d.issue)].sort((x, y) => x.row - y.row)
  // A duplicate row is rejected before its places are read: its warnings go.
  const secondWarnings = b.warnings.map((w) => shiftIssue(w, by, firstRowOf)).filter((w) => !dropped.has(w.row))
  let issues = [...a.issues, ...secondIssues]
  let warnings = [...a.warnings, ...secondWarnings]
  let unlisted = a.unlisted + b.unlisted
  const over = issues.length + warnings.length - maxListed
  if (over > 0) {
    const fromWarnings = Math.min(over, warnings.length)
    warnings = warnings.slice(0, warnings.length - fromWarnings)
    issues = issues.slice(0, issues.length - (over - fromWarnings))
    unlisted += over
  }

  const ac = a.columns
  const bc = b.columns
  const n = ac.size + b.columns.size - duplicates.length
  const categories = new DictionaryBuilder(ac.categories.values)
  const categoryOfB = Uint32Array.from(bc.categories.values, (v) => categories.code(v))
  const { places, codeOfB: placeOfB } = joinPlaces(ac.places, bc.places)
  // Most texts repeat no id across the cut: the second half's rows are then copied whole.
  const keep = duplicates.length === 0 ? null : keepB
  let titles: string[]
  let ids: string[]
  if (keep === null) {
    titles = stringList(ac.titles).concat(stringList(bc.titles))
    ids = a.ids.concat(b.ids)
  } else {
    titles = stringList(ac.titles)
    ids = a.ids.slice()
    for (let i = 0; i < bc.size; i++) {
      if (!keep[i]) continue
      titles.push(stringAt(bc.titles, i))
      ids.push(b.ids[i]!)
    }
  }
  const columns: TableColumns = {
    size: n,
    startMs: joinColumn(ac.startMs, bc.startMs, keep, n),
    endMs: joinColumn(ac.endMs, bc.endMs, keep, n),
    precision: joinColumn(ac.precision, bc.precision, keep, n),
    level: joinColumn(ac.level, bc.level, keep, n),
    latDeg: joinColumn(ac.latDeg, bc.latDeg, keep, n),
    lonDeg: joinColumn(ac.lonDeg, bc.lonDeg, keep, n),
    approximate: joinColumn(ac.approximate, bc.approximate, keep, n),
    category: joinColumn(asUint32(ac.category), asUint32(bc.category), keep, n, categoryOfB),
    categories: categories.build(),
    place: joinColumn(asUint32(ac.place), asUint32(bc.place), keep, n, placeOfB),
    places,
    actors: joinActors(ac.actors, bc.actors, keepB, bc.size),
    titles,
  }
  const rowStart = new Uint32Array(n)
  const rowEnd = new Uint32Array(n)
  rowStart.set(a.rowStart)
  rowEnd.set(a.rowEnd)
  for (let i = 0, j = a.rowStart.length; i < bc.size; i++) {
    if (!keepB[i]) continue
    rowStart[j] = b.rowStart[i]! + shift
    rowEnd[j++] = b.rowEnd[i]! + shift
  }
  // The first half's id index holds its ids alone: the joined read has none.
  const { idIndex: _firstHalfIndex, ...firstRead } = a
  return {
    ...firstRead,
    total: a.total + b.total,
    rejected: rejectedRows.length,
    rejectedRows,
    issues,
    warnings,
    unlisted,
    columns,
    ids,
    body,
    rowStart,
    rowEnd,
    rejectedCells,
    endsInOpenQuote: b.endsInOpenQuote,
    quoteLeftOpen: a.quoteLeftOpen || b.quoteLeftOpen,
  }
}
