import type { Memo } from './level-split.ts'
import type { EpochMs } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import { rowsInWindowsOfMask, tallySets, type IndexSettings } from '../../threat-index.ts'

/** The rows near the index windows that pass a set of filters, and their tallies per place set (`tallySets`). */
export interface WindowTallies {
  readonly rows: Uint32Array
  readonly perSet: Float64Array
}

/** The window tallies of the rows whose mask byte has none of `bits` set. */
export type WindowTallying = (bits: number) => WindowTallies

/**
 * Window tallies over `mask` for any filter bits. With a memo, the gauges and the map shading
 * share one pass when they ask for the same rows: `filterBits` are the bits of the filters that
 * are set (a filter not set leaves its bit 0 on every row), so two sets of bits that differ only
 * outside them select the same rows and are one entry.
 */
export function windowTallying(
  table: EventTable,
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
  memo?: { readonly kept: Memo<WindowTallies>; readonly filterBits: number },
): WindowTallying {
  const make = (bits: number): WindowTallies => {
    const rows = rowsInWindowsOfMask(table, mask, bits, asOfMs, settings)
    return { rows, perSet: tallySets(table, rows, asOfMs, settings) }
  }
  if (memo === undefined) return make
  return (bits) => memo.kept.get([table, mask, bits & memo.filterBits, asOfMs, settings], () => make(bits))
}
