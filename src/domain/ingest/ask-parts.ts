import { inputRowOf } from '../table.ts'
import type { EventTable } from '../table-types.ts'

/**
 * Reads rows of a combined table of `partCount` parts whose input row i is row `rowIn[i]` of part `partOf[i]`
 * (combine-tables.ts): the rows asked are grouped by the part they came from, each part is asked
 * once for its own rows (`readPart`), and the answers are put back in the order asked.
 */
export async function readByPart<T>(
  table: Pick<EventTable, 'sourceRow'>,
  partCount: number,
  partOf: Uint16Array,
  rowIn: Uint32Array,
  rows: ArrayLike<number>,
  readPart: (part: number, rows: number[]) => Promise<readonly T[]> | readonly T[],
): Promise<T[]> {
  const asked = Array.from({ length: partCount }, () => ({ at: [] as number[], rows: [] as number[] }))
  for (let i = 0; i < rows.length; i++) {
    const inputRow = inputRowOf(table, rows[i]!)
    const part = asked[partOf[inputRow]!]!
    part.at.push(i)
    part.rows.push(rowIn[inputRow]!)
  }
  const out = new Array<T>(rows.length)
  await Promise.all(
    asked.map(async (part, p) => {
      if (part.rows.length === 0) return
      const found = await readPart(p, part.rows)
      part.at.forEach((i, k) => (out[i] = found[k]!))
    }),
  )
  return out
}
