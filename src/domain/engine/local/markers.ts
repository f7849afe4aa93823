import { DIM } from './mask.ts'
import type { EventTable } from '../../table-types.ts'
import type { Span } from '../../timeline/buckets.ts'

/** Events of these levels and above get a marker on the chart. */
export const MARKER_MIN_LEVEL = 4

/** Beyond this many marked events in view, markers merge into one per bar. */
export const MAX_MARKERS = 300

/** Rows that the timeline draws: every filter applies but time (the timeline is the time filter). */
export function passesAllButTime(mask: Uint8Array, row: number): boolean {
  return (mask[row]! & ~DIM.time) === 0
}

export interface MarkerSet {
  /** Rows of level 4–5 overlapping the span, longest span first, then oldest; empty when `merged` is used. */
  readonly rows: readonly number[]
  /** How many level 4–5 rows overlap the span. */
  readonly total: number
  /** True when there were more than MAX_MARKERS and the chart should merge them per bar. */
  readonly merged: boolean
}

/**
 * The level 4–5 events to mark in `span`: rows passing every filter but time whose date span
 * overlaps it. One pass over the rows, no allocation per row beyond the output list.
 */
export function selectMarkers(table: EventTable, mask: Uint8Array, span: Span): MarkerSet {
  const rows: number[] = []
  let total = 0
  const { startMs, endMs, level } = table
  for (let row = 0; row < table.size; row++) {
    if (level[row]! < MARKER_MIN_LEVEL || startMs[row]! >= span.toMs || endMs[row]! <= span.fromMs) continue
    if (!passesAllButTime(mask, row)) continue
    total++
    if (total <= MAX_MARKERS) rows.push(row)
  }
  if (total > MAX_MARKERS) return { rows: [], total, merged: true }
  // Longest spans first, so that they are drawn underneath and the day markers stay on top.
  const length = (r: number): number => endMs[r]! - startMs[r]!
  rows.sort((a, b) => length(b) - length(a) || startMs[a]! - startMs[b]! || a - b)
  return { rows, total, merged: false }
}
