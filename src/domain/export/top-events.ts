import { appendAll } from '../arrays.ts'
import type { EventTable } from '../table-types.ts'

/**
 * The `limit` highest-level rows among `rowsNewestFirst`, highest level first and, within a
 * level, newest first. One pass with five buckets: O(rows), no sort of the whole list.
 */
export function topEventRows(table: EventTable, rowsNewestFirst: ArrayLike<number>, limit: number): number[] {
  const byLevel: number[][] = [[], [], [], [], [], []]
  for (let i = 0; i < rowsNewestFirst.length; i++) {
    const row = rowsNewestFirst[i]!
    const bucket = byLevel[table.level[row]!]
    if (bucket && bucket.length < limit) bucket.push(row)
  }
  const out: number[] = []
  for (let level = 5; level >= 1 && out.length < limit; level--) appendAll(out, byLevel[level]!.slice(0, limit - out.length))
  return out
}
