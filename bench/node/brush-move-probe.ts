/**
 * A time-brush move the first time, as `bench/node/filter-kinds.ts` times it ("+30 days" from its
 * base state), alone and many times (not part of `npm test`):
 *
 *   npx tsx bench/node/brush-move-probe.ts [--size 10000] [--moves 1500] [--profile]
 *
 * Each move starts from a fresh mask and views of their own (the brush shifted by another hour,
 * so no state repeats), then `updateMask` and `computeViews` are timed; prints the wall median
 * per move and the mask's part, with the load average. `--profile` also prints the heaviest
 * functions (self time) of the moves alone, from a CPU profile taken through `node:inspector`
 * around the timed calls only. Run it from two checkouts, alternating, to compare two versions.
 */
import { Session } from 'node:inspector/promises'
import { loadavg } from 'node:os'
import { baseSpec } from './filter-kinds.ts'
import { DAY_MS } from '../../src/domain/dates.ts'
import type { FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { computeMask, updateMask } from '../../src/domain/engine/local/mask.ts'
import { computeViews } from '../../src/domain/engine/local/views.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { summarise, type Profile } from '../lib/cpu-profile.ts'
import { consume } from '../lib/measure.ts'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const size = Number(option('--size') ?? 10_000)
const moves = Number(option('--moves') ?? 1500)
const profiling = args.includes('--profile')

const table = generateSyntheticTable({ size, seed: 20251104 })
const base = baseSpec(table)
const to: FilterSpec = { ...base, timeRange: { fromMs: base.timeRange!.fromMs + 30 * DAY_MS, toMs: base.timeRange!.toMs } }
const shifted = (spec: FilterSpec, hours: number): FilterSpec => ({
  ...spec,
  timeRange: { fromMs: spec.timeRange!.fromMs + hours * 3_600_000, toMs: spec.timeRange!.toMs + hours * 3_600_000 },
})
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 50 })
const self = new Map<string, number>()
const warmup = 200
for (const [label, from, next] of [['apply', base, to], ['reverse', to, base]] as const) {
  const total: number[] = []
  const mask: number[] = []
  for (let run = 0; run < warmup + moves; run++) {
    const a = shifted(from, run % 3000)
    const b = shifted(next, run % 3000)
    const first = computeMask(table, a)
    computeViews(table, first)
    const timed = profiling && run >= warmup
    if (timed) await session.post('Profiler.start')
    const t0 = performance.now()
    const moved = updateMask(table, first, a, b)
    const t1 = performance.now()
    consume(computeViews(table, moved))
    const t2 = performance.now()
    if (timed) {
      const { profile } = await session.post('Profiler.stop')
      for (const [name, ms] of summarise(profile as unknown as Profile, 30).top) self.set(name, (self.get(name) ?? 0) + ms)
    }
    if (run >= warmup) {
      total.push(t2 - t0)
      mask.push(t1 - t0)
    }
  }
  console.log(`${label} at ${size.toLocaleString('en-GB')}, load ${loadavg()[0]!.toFixed(2)}: ${(median(total) * 1000).toFixed(1)} µs a move (mask ${(median(mask) * 1000).toFixed(1)} µs), wall median of ${moves}`)
}
if (profiling) for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`)
