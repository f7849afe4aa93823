/**
 * Messages between the app (src/lib/synthetic) and the synthetic-data worker (src/workers).
 * They live in the domain because both sides may import only the domain. Types only.
 *
 * The worker generates the table's columns and sends them back with their buffers transferred,
 * not copied. Titles travel as codes into a short list of distinct titles: a generated table
 * has a few thousand distinct titles, and cloning a million strings across threads would cost
 * the main thread more than rebuilding the array from codes.
 */
import type { EventTable } from './table-types.ts'

export interface SyntheticRequest {
  readonly type: 'generate'
  readonly size: number
  readonly seed: number
}

/** `generating`: rows being made (fraction of rows); `ordering`: dictionaries, date order and extent. */
export type SyntheticPhase = 'generating' | 'ordering'

/** A generated table as it crosses threads: no eventAt, and titles coded. */
export interface SyntheticTransfer {
  readonly table: Omit<EventTable, 'eventAt' | 'titles'>
  /** Row r's title is titleValues[titleCodes[r]]. */
  readonly titleCodes: Uint32Array
  readonly titleValues: readonly string[]
}

export type SyntheticResponse =
  | { readonly type: 'progress'; readonly phase: SyntheticPhase; readonly fraction: number }
  | { readonly type: 'done'; readonly transfer: SyntheticTransfer }
  | { readonly type: 'failed'; readonly reason: string }
