/**
 * The titles of a combined table (combine-tables.ts) when some part keeps its titles in another
 * thread (`remoteTitles`): each part is searched or read for its own rows — through its thread, or
 * on the page for a part whose titles are there — and the answers put in the combined table's rows.
 */
import { dataHash } from '../export/view-file.ts'
import { readByPart } from './ask-parts.ts'
import { stringAt, stringsContaining } from '../string-column.ts'
import { inputRowOf } from '../table.ts'
import type { EventTable, RemoteTitles } from '../table-types.ts'

type Part = Pick<EventTable, 'titles' | 'remoteTitles'>

/**
 * Titles for `table`, whose input row i is row `rowIn[i]` of part `partOf[i]`: searched and read
 * from the parts.
 */
export function titlesFromParts(table: Pick<EventTable, 'sourceRow' | 'size'>, parts: readonly Part[], partOf: Uint16Array, rowIn: Uint32Array): RemoteTitles {
  const read = (rows: ArrayLike<number>): Promise<string[]> =>
    readByPart(table, parts.length, partOf, rowIn, rows, (p, partRows) => {
      const { titles, remoteTitles } = parts[p]!
      return remoteTitles ? remoteTitles.read(partRows) : partRows.map((row) => stringAt(titles, row))
    })
  return {
    read,
    search: async (needle) => {
      const partHits = await Promise.all(parts.map((part) => (part.remoteTitles ? part.remoteTitles.search(needle) : Promise.resolve(stringsContaining(part.titles, needle)))))
      const hits = new Uint8Array(table.size)
      for (let row = 0; row < hits.length; row++) {
        const inputRow = inputRowOf(table, row)
        hits[row] = partHits[partOf[inputRow]!]![rowIn[inputRow]!]!
      }
      return hits
    },
    hash: async (columns) => {
      const all = new Uint32Array(columns.size)
      for (let row = 0; row < all.length; row++) all[row] = row
      return dataHash({ ...columns, titles: await read(all) })
    },
  }
}
