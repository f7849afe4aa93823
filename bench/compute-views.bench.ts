/**
 * Micro-benchmark of the views engine in Node: computeMask with every filter dimension set,
 * updateMask for one level toggle, and computeViews, on seeded synthetic tables of 100k and 1M
 * rows. Prints the median of 7 timed runs (after one warm-up) in ms.
 *
 *   npx tsx bench/compute-views.bench.ts
 *
 * A benchmark, not a test: the budgets (docs/PERFORMANCE.md) are for a 2-core machine in
 * headless Chromium; Node figures are a first look.
 */
import { performance } from 'node:perf_hooks'
import { EMPTY_FILTER, computeMask, updateMask, type FilterSpec } from '../src/domain/filter.ts'
import { generateSyntheticTable } from '../src/domain/synthetic.ts'
import type { EventTable } from '../src/domain/table.ts'
import { computeViews } from '../src/domain/views.ts'

const RUNS = 7
const SEED = 20251104

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Median ms of RUNS calls after one warm-up; `sink` keeps results alive so nothing is optimised away. */
function time(run: () => { length: number } | { matched: number }): number {
  let sink = 0
  const once = (): void => {
    const out = run()
    sink += 'length' in out ? out.length : out.matched
  }
  once()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    once()
    samples.push(performance.now() - t0)
  }
  if (sink < 0) console.log(sink)
  return median(samples)
}

/** The most common values of a multi-column, so that the filters select a realistic share. */
function topValues(column: EventTable['actors'], count: number, rowOf?: Uint32Array): string[] {
  const counts = new Uint32Array(column.dict.values.length)
  if (rowOf) {
    // A place-set column: weigh each set's values by how many rows use the set.
    const rowsPerSet = new Uint32Array(column.offsets.length - 1)
    for (const set of rowOf) rowsPerSet[set]!++
    for (let set = 0; set < rowsPerSet.length; set++) {
      for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) counts[column.values[j]!]! += rowsPerSet[set]!
    }
  } else for (const v of column.values) counts[v]!++
  return [...counts.keys()]
    .sort((a, b) => counts[b]! - counts[a]!)
    .slice(0, count)
    .map((i) => column.dict.values[i]!)
}

function allDimensions(table: EventTable): FilterSpec {
  const [lo, hi] = table.extentMs
  return {
    timeRange: { fromMs: lo + (hi - lo) * 0.3, toMs: hi },
    regions: ['europe', 'asia', 'africa'],
    countries: topValues(table.places.countries, 40, table.place),
    actors: topValues(table.actors, 200),
    levels: [2, 3, 4, 5],
    categories: ['', 'armed-conflict', 'civil-unrest', 'terrorism', 'missile-test', 'cyber'],
    text: 'e',
  }
}

function bench(size: number): void {
  const t0 = performance.now()
  const table = generateSyntheticTable({ size, seed: SEED })
  const genMs = performance.now() - t0

  const spec = allDimensions(table)
  const mask = computeMask(table, spec)
  const toggled: FilterSpec = { ...spec, levels: [3, 4, 5] }
  const maskMs = time(() => computeMask(table, spec))
  const toggleMs = time(() => updateMask(table, mask, spec, toggled))
  const viewsMs = time(() => computeViews(table, mask))
  const noFilter = computeMask(table, EMPTY_FILTER)
  const viewsAllMs = time(() => computeViews(table, noFilter))
  const matched = computeViews(table, mask).matched

  const fmt = (ms: number): string => ms.toFixed(2).padStart(8)
  console.log(`\n${size.toLocaleString('en-GB')} rows (generated in ${genMs.toFixed(0)} ms; ${matched.toLocaleString('en-GB')} match all filters)`)
  console.log(`  computeMask, all 7 dimensions   ${fmt(maskMs)} ms`)
  console.log(`  updateMask, one level toggled   ${fmt(toggleMs)} ms`)
  console.log(`  computeViews (filtered mask)    ${fmt(viewsMs)} ms`)
  console.log(`  computeViews (no filter)        ${fmt(viewsAllMs)} ms`)
}

console.log(`Node ${process.version}, median of ${RUNS} runs after one warm-up`)
for (const size of [100_000, 1_000_000]) bench(size)
