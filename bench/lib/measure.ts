/**
 * Timing helpers shared by the benchmarks: medians of several runs after a warm-up, and the
 * row shape `npm run bench -- --json` prints.
 */
import { performance } from 'node:perf_hooks'

/** One line of the benchmark table. `ours_ms` / `peer_ms` are medians; null when not measured. */
export interface BenchRow {
  readonly name: string
  readonly n: number
  readonly ours_ms: number | null
  readonly peer: string | null
  readonly peer_ms: number | null
  /** Free text: units other than ms, what is pending, what the figure covers. */
  readonly note?: string
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Rounds a figure for the table: 3 significant decimals under 10, 1 above. */
export function round(ms: number): number {
  return ms < 10 ? Math.round(ms * 1000) / 1000 : Math.round(ms * 10) / 10
}

let sink = 0
/** Keeps a result alive so that the optimiser cannot drop the work that produced it. */
export function consume(value: unknown): void {
  if (typeof value === 'number') sink += value
  else if (value !== null && typeof value === 'object') sink += 1
  if (sink < -1) console.log(sink)
}

/** Median ms of `runs` calls of `run` after `warmup` untimed calls. */
export function timeMedian(run: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) consume(run())
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    consume(run())
    samples.push(performance.now() - t0)
  }
  return median(samples)
}

/** Heap in use after a full collection when Node runs with --expose-gc (else without one). */
export function heapUsedBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
}

export function mb(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10
}

/**
 * Medians of a change made and undone in turn (`run(true)` makes it, `run(false)` undoes it),
 * `runs` of each after one untimed pair: a filter's apply and remove cost differently.
 */
export function timeFlips(run: (on: boolean) => unknown, runs: number): { readonly on: number; readonly off: number } {
  consume(run(true))
  consume(run(false))
  const on: number[] = []
  const off: number[] = []
  for (let i = 0; i < runs; i++) {
    for (const [flag, samples] of [[true, on], [false, off]] as const) {
      const t0 = performance.now()
      consume(run(flag))
      samples.push(performance.now() - t0)
    }
  }
  return { on: median(on), off: median(off) }
}
