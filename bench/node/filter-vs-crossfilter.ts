/**
 * Building the index, its memory, and the first mask with every view: ours against crossfilter2
 * building the same dimensions and groups (bench/lib/crossfilter-peer.ts). The filter changes
 * are in filter-kinds.ts, on the peer made here.
 */
import { performance } from 'node:perf_hooks'
import { computeMask } from '../../src/domain/engine/local/mask.ts'
import { computeViews } from '../../src/domain/engine/local/views.ts'
import { columnBytes } from '../../src/domain/table.ts'
import { type EventTable } from '../../src/domain/table-types.ts'
import { crossfilterPeer, crossfilterRecords } from '../lib/crossfilter-peer.ts'
import { heapUsedBytes, mb, round, timeMedian, type BenchRow } from '../lib/measure.ts'
import { baseSpec } from './filter-kinds.ts'

/** The code columns' widths, e.g. "category u8, place u8, actors u16". */
function codeWidths(table: EventTable): string {
  const width = (a: ArrayBufferView & { BYTES_PER_ELEMENT: number }): string => `u${a.BYTES_PER_ELEMENT * 8}`
  return `category ${width(table.category)}, place ${width(table.place)}, actors ${width(table.actors.values)}`
}

export interface FilterBenchOptions {
  readonly runs: number
  /** Build the peer (false where its records would not fit in memory). */
  readonly withPeer: boolean
}

/** Rows for one table size: index/build, memory, first mask + views; and the peer for the change rows. */
export function benchFilterVsCrossfilter(
  table: EventTable,
  buildMs: number,
  heapBytes: number,
  options: FilterBenchOptions,
): { rows: BenchRow[]; peer: ReturnType<typeof crossfilterPeer> | null } {
  const n = table.size
  const rows: BenchRow[] = []
  const spec = baseSpec(table)
  const firstViewsMs = timeMedian(() => computeViews(table, computeMask(table, spec)), options.runs)
  if (!options.withPeer) {
    rows.push({ name: 'build columns (synthetic generator)', n, ours_ms: round(buildMs), peer: null, peer_ms: null, note: 'crossfilter2 not run at this size: its records and index would not fit in memory' })
    rows.push({ name: 'memory MB: columns', n, ours_ms: mb(columnBytes(table)), peer: null, peer_ms: null, note: `MB, not ms; columns with ${codeWidths(table)}; table heap incl. strings ${mb(heapBytes)} MB` })
    rows.push({ name: 'first mask + all views (all filters set)', n, ours_ms: round(firstViewsMs), peer: null, peer_ms: null })
    return { rows, peer: null }
  }

  const before = heapUsedBytes()
  const t0 = performance.now()
  const records = crossfilterRecords(table)
  const tRecords = performance.now()
  const peer = crossfilterPeer(records)
  const cfIndexMs = performance.now() - tRecords
  const cfHeap = heapUsedBytes() - before

  rows.push({ name: 'build columns / crossfilter index (6 dims + groups)', n, ours_ms: round(buildMs), peer: 'crossfilter2', peer_ms: round(cfIndexMs), note: `ours = generate the synthetic table column by column; peer excludes ${round(tRecords - t0)} ms to make its record objects` })
  rows.push({ name: 'memory MB: columns / crossfilter records + index', n, ours_ms: mb(columnBytes(table)), peer: 'crossfilter2', peer_ms: mb(cfHeap), note: `MB, not ms; ours = columnBytes(table): every typed array the table keeps or filters and views derive (columns with ${codeWidths(table)}, stored newest first with ${table.sourceRow === null ? 'no input-row map' : 'the input row of each row'}, ${table.longByEnd.length.toLocaleString('en-GB')} long rows by end); table heap incl. strings ${mb(heapBytes)} MB` })
  rows.push({ name: 'first mask + all views (all filters set)', n, ours_ms: round(firstViewsMs), peer: null, peer_ms: null })
  return { rows, peer }
}
