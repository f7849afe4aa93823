/**
 * A column of strings, one per row, either as a list or packed (packed-strings.ts: one text and
 * the end of each string). A table imported in a worker keeps its packed column as it arrived:
 * a million strings made on the main thread would each be an object for the garbage collector
 * to copy, while one long text is one object. A packed string is sliced out only when it is read.
 *
 * Read a column through `stringAt` and `stringCount`, never by indexing it.
 */
import { packStrings, type PackedStrings } from './ingest/packed-strings.ts'

export type StringColumn = readonly string[] | PackedStrings

export function isPackedColumn(column: StringColumn): column is PackedStrings {
  return !Array.isArray(column)
}

/** How many strings the column holds. */
export function stringCount(column: StringColumn): number {
  return isPackedColumn(column) ? column.ends.length : column.length
}

/** String `i` of the column; '' past its end. A packed column makes a new string each call: not for hot loops over every row. */
export function stringAt(column: StringColumn, i: number): string {
  if (!isPackedColumn(column)) return column[i] ?? ''
  const { text, ends } = column
  if (!(i >= 0 && i < ends.length)) return ''
  return text.slice(i === 0 ? 0 : ends[i - 1]!, ends[i]!)
}

/** The column packed: itself when it already is, else a new packing (packStrings). */
export function packedColumn(column: StringColumn): PackedStrings {
  return isPackedColumn(column) ? column : packStrings(column)
}

/** The distinct strings of the column. Allocates a string per row of a packed column. */
export function stringSet(column: StringColumn): Set<string> {
  if (!isPackedColumn(column)) return new Set(column)
  const out = new Set<string>()
  const { text, ends } = column
  let start = 0
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!
    out.add(text.slice(start, end))
    start = end
  }
  return out
}

/** The column as a new list. Allocates a string per row of a packed column. */
export function stringList(column: StringColumn): string[] {
  if (!isPackedColumn(column)) return column.slice()
  const out = new Array<string>(column.ends.length)
  const { text, ends } = column
  let start = 0
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!
    out[i] = text.slice(start, end)
    start = end
  }
  return out
}

/**
 * Which strings hold `needle`, ignoring case (as a case-insensitive RegExp does, one UTF-16 unit
 * at a time): 1 for a string that holds it, else 0. A packed column is searched in one pass over
 * its text, an occurrence that runs over the end of a string not counting: no string is made per
 * row, and rows without an occurrence cost no call at all.
 */
export function stringsContaining(column: StringColumn, needle: string): Uint8Array {
  const count = stringCount(column)
  const hits = new Uint8Array(count)
  if (needle === '') return hits.fill(1)
  const source = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  if (!isPackedColumn(column)) {
    const pattern = new RegExp(source, 'i')
    for (let i = 0; i < count; i++) hits[i] = pattern.test(column[i]!) ? 1 : 0
    return hits
  }
  const { text, ends } = column
  const search = new RegExp(source, 'gi')
  let row = 0
  let match: RegExpExecArray | null
  while ((match = search.exec(text)) !== null) {
    const at = match.index
    while (row < count && ends[row]! <= at) row++
    if (row === count) break
    if (at + match[0].length <= ends[row]!) {
      hits[row] = 1
      // The rest of this string need not be searched.
      search.lastIndex = ends[row]!
      row++
    } else {
      // The occurrence runs into the next string: look again one unit further on.
      search.lastIndex = at + 1
    }
  }
  return hits
}
