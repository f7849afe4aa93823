/**
 * The titles of a combined table (combine-tables.ts) when some part keeps its titles in another
 * thread (`remoteTitles`): each part is searched or read for its own rows — through its thread, or
 * on the page for a part whose titles are there — and the answers put in the combined table's rows.
 */
import { dataHash } from '../export/view-file.ts'
import { stringAt, stringsContaining } from '../string-column.ts'
import { inputRowOf } from '../table.ts'
import type { EventTable, RemoteTitles } from '../table-types.ts'

type Part = Pick<EventTable, 'titles' | 'remoteTitles'>

/**
 * Titles for `table`, whose input row i is row `rowIn[i]` of part `partOf[i]`: searched and read
 * from the parts.
 */
export function titlesFromParts(table: Pick<EventTable, 'sourceRow' | 'size'>, parts: readonly Part[], partOf: Uint16Array, rowIn: Uint32Array): RemoteTitles {
  const read = async (rows: ArrayLike<number>): Promise<string[]> => {
    const asked = parts.map(() => ({ at: [] as number[], rows: [] as number[] }))
    for (let i = 0; i < rows.length; i++) {
      const inputRow = inputRowOf(table, rows[i]!)
      const part = asked[partOf[inputRow]!]!
      part.at.push(i)
      part.rows.push(rowIn[inputRow]!)
    }
    const out = new Array<string>(rows.length)
    await Promise.all(
      asked.map(async (part, p) => {
        if (part.rows.length === 0) return
        const { titles, remoteTitles } = parts[p]!
        const found = remoteTitles ? await remoteTitles.read(part.rows) : part.rows.map((row) => stringAt(titles, row))
        part.at.forEach((i, k) => (out[i] = found[k]!))
      }),
    )
    return out
  }
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
