/**
 * The count pass from scratch, row by row against through the row keys, alternated at the same
 * load (not part of `npm test`): `npx tsx bench/node/count-pass-probe.ts [--size N] [--rounds N]`
 * on the synthetic table (the bench's seed). Each round times 5 calls of each pass, every row
 * counting and then a country widening (the map's counts kept, as recountedCounts asks), and
 * prints the min and median CPU ms per call (user time of this process) with the load average.
 */
import { loadavg } from 'node:os'
import { makeRowKeys } from '../../src/domain/engine/local/row-keys.ts'
import { DIM } from '../../src/domain/engine/local/mask.ts'
import { countsByKeys, countsByRow } from '../../src/domain/engine/local/view-counts.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'

const args = process.argv.slice(2)
const option = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
const size = option('--size', 1_000_000)
const rounds = option('--rounds', 25)
const loads = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ')
const MAP_VIEW = 8

console.log(`load ${loads()}`)
const table = generateSyntheticTable({ size, seed: 20251104 })
const keys = makeRowKeys(table)
console.log(`${size.toLocaleString('en-GB')} rows, ${keys.cellPlace.length.toLocaleString('en-GB')} cells, keys ${((keys.cell.byteLength + (keys.second?.byteLength ?? 0)) / 1e6).toFixed(1)} MB`)
const mask = new Uint8Array(size)

/** CPU ms per call of `pass`, over 5 calls. */
function cpuPerCall(pass: () => unknown): number {
  const before = process.cpuUsage()
  for (let i = 0; i < 5; i++) pass()
  return process.cpuUsage(before).user / 5000
}

const passes: Record<string, () => unknown> = {
  'every view, row by row': () => countsByRow(table, mask),
  'every view, keys': () => countsByKeys(table, mask, 0, 0, keys),
  'country widening, row by row': () => countsByRow(table, mask, DIM.country, MAP_VIEW),
  'country widening, keys': () => countsByKeys(table, mask, DIM.country, MAP_VIEW, keys),
}
const samples: Record<string, number[]> = {}
for (let round = 0; round < rounds; round++) for (const [name, pass] of Object.entries(passes)) (samples[name] ??= []).push(cpuPerCall(pass))
const at = (values: number[], q: number): string => values.slice().sort((a, b) => a - b)[Math.floor(values.length * q)]!.toFixed(1)
for (const [name, values] of Object.entries(samples)) console.log(`${name.padEnd(30)} min ${at(values, 0)}  median ${at(values, 0.5)} ms CPU`)
console.log(`load ${loads()}`)
