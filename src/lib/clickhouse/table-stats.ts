import { quotedTable } from '../../domain/warehouse/table-layout.ts'
import { readFrom, type SourceTable } from '../../domain/warehouse/source-table.ts'
import type { TableStats } from './cube-counts.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * The table's size and extent (TableStats) as `count()`, `min(start_ms)`, `max(start_ms)` and
 * `max(end_ms)` under FINAL answer them, without reading every row.
 *
 * A partition held in one merged part (level above 0, no rows deleted in place) holds each
 * sorting key once, so FINAL changes nothing in it, and rows of one key never sit in two
 * partitions (the partition is the month of `day`, the key's first column): such a partition's
 * rows are counted from the parts' metadata (system.parts), its earliest start is on its first
 * day and its latest start on its last day (the part's own day range, exact for the rows it
 * holds), and its latest end is at or after that latest start, so only the rows ending then are
 * read (the span index skips the others). The other partitions (rows loaded and not merged yet,
 * a re-load's versions) are read whole under FINAL, as before. A view, a table without a date
 * partition key or one whose merged partitions say nothing useful is read whole, as before.
 */
export async function tableStats(client: WarehouseClient, table: SourceTable, signal?: AbortSignal): Promise<TableStats> {
  if (table.view === true) return wholeStats(client, table, signal)
  const partitions = await client
    .rows<PartitionRow>(
    `SELECT partition_id AS id, toUInt32(count()) AS parts, toUInt32(min(level)) AS min_level, toUInt8(max(has_lightweight_delete)) AS deleted,
            toUInt64(sum(rows)) AS rows, toString(min(min_date)) AS min_date, toString(max(max_date)) AS max_date
     FROM system.parts WHERE database = {db:String} AND table = {name:String} AND active GROUP BY partition_id`,
    { db: table.database, name: table.table },
    { signal },
    )
    // A server that does not show the user its parts: every row is read, as before.
    .catch((error: unknown) => {
      if (signal?.aborted) throw error
      return []
    })
  const { merged, unmerged } = splitPartitions(partitions)
  if (merged.length === 0) return wholeStats(client, table, signal)
  const [kept, rest] = await Promise.all([mergedStats(client, table, merged, signal), unmerged.length === 0 ? null : wholeStats(client, table, signal, unmerged)])
  if (kept === null) return wholeStats(client, table, signal)
  return rest === null ? kept : combineStats(kept, rest)
}

/** A partition as system.parts describes its active parts. */
export interface PartitionRow {
  readonly id: string
  readonly parts: number
  readonly min_level: number
  /** 1 when a part has rows deleted in place (still counted in `rows`). */
  readonly deleted: number
  readonly rows: number
  /** The partition key's date range (`1970-01-01` for both when the key has no date). */
  readonly min_date: string
  readonly max_date: string
}

const NO_DATE = '1970-01-01'

/**
 * The partitions whose stats come from their parts (one merged part, nothing deleted in place,
 * a date range) and the others, read under FINAL.
 */
export function splitPartitions(partitions: readonly PartitionRow[]): { merged: PartitionRow[]; unmerged: string[] } {
  const merged: PartitionRow[] = []
  const unmerged: string[] = []
  for (const p of partitions) {
    const settled = Number(p.parts) === 1 && Number(p.min_level) > 0 && Number(p.deleted) === 0 && p.max_date !== NO_DATE
    if (settled) merged.push(p)
    else unmerged.push(p.id)
  }
  return { merged, unmerged }
}

/** Two disjoint sets of events' stats as one. */
export function combineStats(a: TableStats, b: TableStats): TableStats {
  if (a.size === 0) return b
  if (b.size === 0) return a
  return {
    size: a.size + b.size,
    minStartMs: Math.min(a.minStartMs, b.minStartMs),
    maxEndMs: Math.max(a.maxEndMs, b.maxEndMs),
    maxStartMs: Math.max(a.maxStartMs, b.maxStartMs),
  }
}

/** The stats of every row under FINAL (of the partitions `only` when given): the straightforward reading. */
export async function wholeStats(client: WarehouseClient, table: SourceTable, signal?: AbortSignal, only?: readonly string[]): Promise<TableStats> {
  const where = only === undefined ? '' : ' WHERE _partition_id IN {partitions:Array(String)}'
  const [row] = await client.rows<{ size: number; min_start: number; max_end: number; max_start: number }>(
    `SELECT count() AS size, min(start_ms) AS min_start, max(end_ms) AS max_end, max(start_ms) AS max_start FROM ${readFrom(table)}${where}`,
    only === undefined ? {} : { partitions: only },
    { signal },
  )
  return { size: Number(row?.size ?? 0), minStartMs: Number(row?.min_start ?? 0), maxEndMs: Number(row?.max_end ?? 0), maxStartMs: Number(row?.max_start ?? 0) }
}

/**
 * The merged partitions' stats: the size from the parts, the earliest and latest start from the
 * rows of the first and last day, the latest end from the rows ending at or after the latest
 * start. Null when a day read finds no rows (the parts' day range was not the rows'): the caller
 * reads every row then.
 */
async function mergedStats(client: WarehouseClient, table: SourceTable, merged: readonly PartitionRow[], signal?: AbortSignal): Promise<TableStats | null> {
  const from = quotedTable(table)
  const ids = merged.map((p) => p.id)
  const size = merged.reduce((n, p) => n + Number(p.rows), 0)
  const first = merged.reduce((d, p) => (p.min_date < d ? p.min_date : d), merged[0]!.min_date)
  const last = merged.reduce((d, p) => (p.max_date > d ? p.max_date : d), merged[0]!.max_date)
  const inMerged = '_partition_id IN {partitions:Array(String)}'
  const [starts] = await client.rows<{ min_start: number; first_n: number; max_start: number; last_n: number }>(
    `SELECT min_start, first_n, max_start, last_n FROM
       (SELECT min(start_ms) AS min_start, count() AS first_n FROM ${from} WHERE ${inMerged} AND day = {first:Date}) AS first_day,
       (SELECT max(start_ms) AS max_start, count() AS last_n FROM ${from} WHERE ${inMerged} AND day = {last:Date}) AS last_day`,
    { partitions: ids, first, last },
    { signal },
  )
  if (starts === undefined || Number(starts.first_n) === 0 || Number(starts.last_n) === 0) return null
  const maxStartMs = Number(starts.max_start)
  const [ends] = await client.rows<{ max_end: number; n: number }>(
    `SELECT max(end_ms) AS max_end, count() AS n FROM ${from} WHERE ${inMerged} AND end_ms >= {from_ms:Int64}`,
    { partitions: ids, from_ms: maxStartMs },
    { signal },
  )
  if (ends === undefined || Number(ends.n) === 0) return null
  return { size, minStartMs: Number(starts.min_start), maxEndMs: Number(ends.max_end), maxStartMs }
}
