import type { WarningCounts } from './warning-counts.ts'

/**
 * The buffers of every kind's counts, each once: what crosses to or from a worker transferred.
 * A module of its own (types only besides), so the app's door to the worker stays small.
 */
export function countsBuffers(counts: WarningCounts): ArrayBuffer[] {
  const kinds = [counts.all, counts.country, counts.region, counts.actor]
  return [...new Set(kinds.flatMap((k) => [k.counts.buffer as ArrayBuffer, k.weighted.buffer as ArrayBuffer]))]
}
