/**
 * Filter change + every view, ours against crossfilter2 doing the same filters and groups.
 *
 * Ours: updateMask for the dimension that changed, then computeViews (counts, timeline per day
 * and level, per country/region/actor/category tallies, the newest-first matching rows).
 * Peer: crossfilter2 with dimensions time (day), level, region (array dimension), country and
 * actor (array dimension), each with group().reduceCount(), plus a groupAll count; the same
 * filters are set on it and the same change is made, then every group is read.
 * Both flip between two filter states on every run, so each run is a real change.
 */
import crossfilter from 'crossfilter2'
import { performance } from 'node:perf_hooks'
import { DAY_MS } from '../../src/domain/dates.ts'
import { computeMask, updateMask } from '../../src/domain/engine/local/mask.ts'
import { type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { columnBytes, rowsInInputOrder } from '../../src/domain/table.ts'
import { type EventTable } from '../../src/domain/table-types.ts'
import { computeViews } from '../../src/domain/engine/local/views.ts'
import { consume, heapUsedBytes, mb, round, timeMedian, type BenchRow } from '../lib/measure.ts'

interface CfRecord {
  readonly day: number
  readonly level: number
  readonly country: number
  readonly regions: readonly number[]
  readonly actors: number[]
}

const REGIONS = ['europe', 'asia', 'africa']

/** The filter state both engines start from: a time brush, three regions and levels 2–5. */
export function baseSpec(table: EventTable): FilterSpec {
  const [lo, hi] = table.extentMs
  return {
    timeRange: { fromMs: lo + (hi - lo) * 0.3, toMs: hi },
    regions: REGIONS,
    countries: [],
    actors: [],
    levels: [2, 3, 4, 5],
    categories: [],
    text: '',
  }
}

/** The code columns' widths, e.g. "category u8, place u8, actors u16". */
function codeWidths(table: EventTable): string {
  const width = (a: ArrayBufferView & { BYTES_PER_ELEMENT: number }): string => `u${a.BYTES_PER_ELEMENT * 8}`
  return `category ${width(table.category)}, place ${width(table.place)}, actors ${width(table.actors.values)}`
}

function records(table: EventTable): CfRecord[] {
  const { regions, countries } = table.places
  const setRegions: number[][] = []
  for (let s = 0; s < table.places.size; s++) setRegions.push(Array.from(regions.values.subarray(regions.offsets[s]!, regions.offsets[s + 1]!)))
  const setCountry: number[] = []
  for (let s = 0; s < table.places.size; s++) setCountry.push(countries.offsets[s + 1]! > countries.offsets[s]! ? countries.values[countries.offsets[s]!]! : -1)
  const out: CfRecord[] = new Array<CfRecord>(table.size)
  const { offsets, values } = table.actors
  // The records in input order, as the data came (ours stores rows newest first; records in that
  // order would also spare crossfilter's time brush most of its cache misses).
  const inInputOrder = rowsInInputOrder(table)
  for (let i = 0; i < table.size; i++) {
    const row = inInputOrder[i]!
    const set = table.place[row]!
    out[i] = {
      day: Math.floor(table.startMs[row]! / DAY_MS),
      level: table.level[row]!,
      country: setCountry[set]!,
      regions: setRegions[set]!,
      actors: Array.from(values.subarray(offsets[row]!, offsets[row + 1]!)),
    }
  }
  return out
}

export interface FilterBenchOptions {
  readonly runs: number
}

/** Rows for one table size: index/build, memory, level toggle + views, time brush + views. */
export function benchFilterVsCrossfilter(table: EventTable, buildMs: number, heapBytes: number, options: FilterBenchOptions): BenchRow[] {
  const n = table.size
  const rows: BenchRow[] = []
  const spec = baseSpec(table)
  const toggled: FilterSpec = { ...spec, levels: [3, 4, 5] }
  const fromMs = spec.timeRange!.fromMs
  const moved: FilterSpec = { ...spec, timeRange: { fromMs: fromMs + 30 * DAY_MS, toMs: spec.timeRange!.toMs } }

  // --- peer: crossfilter2 index ---
  const before = heapUsedBytes()
  const t0 = performance.now()
  const recs = records(table)
  const tRecords = performance.now()
  const cf = crossfilter(recs)
  const time = cf.dimension((r) => r.day)
  const level = cf.dimension((r) => r.level)
  const region = cf.dimension((r) => r.regions as number[], true)
  const country = cf.dimension((r) => r.country)
  const actor = cf.dimension((r) => r.actors, true)
  const groups = [time, level, region, country, actor].map((d) => d.group().reduceCount())
  const all = cf.groupAll().reduceCount()
  const cfIndexMs = performance.now() - tRecords
  const cfRecordsMs = tRecords - t0
  const cfHeap = heapUsedBytes() - before

  const regionCodes = new Set(REGIONS.map((r) => table.places.regions.dict.indexOf.get(r)))
  const dayFrom = (ms: number): number => Math.floor(ms / DAY_MS)
  time.filterRange([dayFrom(fromMs), dayFrom(spec.timeRange!.toMs) + 1])
  region.filterFunction((r) => regionCodes.has(r as number))
  level.filterRange([2, 6])
  const readAll = (): number => {
    let sum = all.value() as number
    for (const g of groups) sum += g.all().length
    return sum
  }

  // --- ours: first mask + views (what a load does after the columns exist) ---
  let mask = computeMask(table, spec)
  const firstViewsMs = timeMedian(() => computeViews(table, computeMask(table, spec)), options.runs)

  rows.push({ name: 'build columns / crossfilter index (5 dims + groups)', n, ours_ms: round(buildMs), peer: 'crossfilter2', peer_ms: round(cfIndexMs), note: `ours = generate the synthetic table column by column; peer excludes ${round(cfRecordsMs)} ms to make its record objects` })
  rows.push({ name: 'memory MB: columns / crossfilter records + index', n, ours_ms: mb(columnBytes(table)), peer: 'crossfilter2', peer_ms: mb(cfHeap), note: `MB, not ms; ours = columnBytes(table): every typed array the table keeps or filters and views derive (columns with ${codeWidths(table)}, stored newest first with ${table.sourceRow === null ? 'no input-row map' : 'the input row of each row'}, ${table.longByEnd.length.toLocaleString('en-GB')} long rows by end); table heap incl. strings ${mb(heapBytes)} MB` })
  rows.push({ name: 'first mask + all views (all filters set)', n, ours_ms: round(firstViewsMs), peer: null, peer_ms: null })

  // --- level toggle: [2..5] <-> [3..5] ---
  let flip = false
  const oursLevel = timeMedian(() => {
    const [from, to] = flip ? [toggled, spec] : [spec, toggled]
    flip = !flip
    mask = updateMask(table, mask, from, to)
    return computeViews(table, mask)
  }, options.runs + (options.runs % 2), 2)
  let cfFlip = false
  const peerLevel = timeMedian(() => {
    level.filterRange(cfFlip ? [2, 6] : [3, 6])
    cfFlip = !cfFlip
    return readAll()
  }, options.runs + (options.runs % 2), 2)
  const peerLevelFn = timeMedian(() => {
    level.filterFunction(cfFlip ? (l) => l !== 1 : (l) => l !== 1 && l !== 2)
    cfFlip = !cfFlip
    return readAll()
  }, options.runs + (options.runs % 2), 2)
  rows.push({ name: 'filter change (level toggle) + all views', n, ours_ms: round(oursLevel), peer: 'crossfilter2 filterRange (incremental)', peer_ms: round(peerLevel) })
  rows.push({ name: 'filter change (level toggle) + all views', n, ours_ms: round(oursLevel), peer: 'crossfilter2 filterFunction', peer_ms: round(peerLevelFn) })
  level.filterRange([2, 6])

  // --- time brush moved by 30 days ---
  mask = computeMask(table, spec)
  flip = false
  const oursTime = timeMedian(() => {
    const [from, to] = flip ? [moved, spec] : [spec, moved]
    flip = !flip
    mask = updateMask(table, mask, from, to)
    return computeViews(table, mask)
  }, options.runs + (options.runs % 2), 2)
  cfFlip = false
  const peerTime = timeMedian(() => {
    time.filterRange([dayFrom(cfFlip ? fromMs : fromMs + 30 * DAY_MS), dayFrom(spec.timeRange!.toMs) + 1])
    cfFlip = !cfFlip
    return readAll()
  }, options.runs + (options.runs % 2), 2)
  rows.push({ name: 'filter change (time brush +30 days) + all views', n, ours_ms: round(oursTime), peer: 'crossfilter2 filterRange (incremental)', peer_ms: round(peerTime) })

  consume(recs.length)
  cf.remove(() => true)
  return rows
}
