/**
 * A filter change the first time, its mask and its views apart, in CPU time (not part of
 * `npm test`): `npx tsx bench/node/widening-probe.ts [--size N] [--rounds N] [--only PATTERN]`
 * on the synthetic table (the bench's seed) from the filter-kinds bench's base state. Each round
 * starts from a fresh mask and views of its own, the time brush moved by another hour, so no state
 * repeats (as `bench/node/filter-kinds.ts` times the first time), then times `updateMask` and
 * `computeViews` apart; prints the median CPU ms of each (user and system time of this process)
 * with the load average. Run it from two checkouts, alternating, to compare two versions.
 */
import { loadavg } from 'node:os'
import { baseSpec } from './filter-kinds.ts'
import type { FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { computeMask, updateMask } from '../../src/domain/engine/local/mask.ts'
import { installRowSearch } from '../../src/domain/engine/local/search-indexes.ts'
import { buildTextIndex } from '../../src/domain/engine/local/text-index.ts'
import { adoptTextIndex } from '../../src/domain/engine/local/text-search.ts'
import { computeViews } from '../../src/domain/engine/local/views.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const size = Number(option('--size') ?? 1_000_000)
const rounds = Number(option('--rounds') ?? 15)
const only = option('--only') === undefined ? null : new RegExp(option('--only')!)
const loads = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ')

console.log(`load ${loads()}`)
installRowSearch()
const table = generateSyntheticTable({ size, seed: 20251104 })
adoptTextIndex(table.titles, buildTextIndex(table.titles))
const base = baseSpec(table)

/** The most frequent code of a code column. */
function mostFrequent(values: ArrayLike<number>, distinct: number): number {
  const counts = new Uint32Array(distinct)
  for (let i = 0; i < values.length; i++) counts[values[i]!]!++
  return counts.indexOf(Math.max(...counts))
}

const actor = table.actors.dict.values[mostFrequent(table.actors.values, table.actors.dict.values.length)]!
const category = table.categories.values[mostFrequent(table.category, table.categories.values.length)]!
const changes: readonly (readonly [string, FilterSpec, FilterSpec])[] = [
  ['actor widened (one → none)', { ...base, actors: [actor] }, base],
  ['category widened (one → none)', { ...base, categories: [category] }, base],
  ['text widened ("syria" → none)', { ...base, text: 'syria' }, base],
  ['country widened (CA → none)', { ...base, countries: ['CA'] }, base],
  ['actor applied (none → one)', base, { ...base, actors: [actor] }],
  ['category applied (none → one)', base, { ...base, categories: [category] }],
]

/** `spec` with its time brush moved by `hours`: a state of its own. */
function shifted(spec: FilterSpec, hours: number): FilterSpec {
  const range = spec.timeRange!
  return { ...spec, timeRange: { fromMs: range.fromMs + hours * 3_600_000, toMs: range.toMs + hours * 3_600_000 } }
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!
let hours = 0
for (const [name, from, to] of changes) {
  if (only !== null && !only.test(name)) continue
  const maskMs: number[] = []
  const viewsMs: number[] = []
  // The first run warms up.
  for (let run = 0; run <= rounds; run++) {
    hours++
    const a = shifted(from, hours)
    const b = shifted(to, hours)
    const mask = computeMask(table, a)
    computeViews(table, mask)
    const t0 = cpuMs()
    const next = updateMask(table, mask, a, b)
    const t1 = cpuMs()
    computeViews(table, next)
    const t2 = cpuMs()
    if (run > 0) {
      maskMs.push(t1 - t0)
      viewsMs.push(t2 - t1)
    }
  }
  const m = median(maskMs)
  const v = median(viewsMs)
  console.log(`${name}: mask ${m.toFixed(2)}, views ${v.toFixed(2)}, both ${(m + v).toFixed(2)} CPU ms (medians of ${rounds})`)
}
console.log(`load ${loads()}`)
