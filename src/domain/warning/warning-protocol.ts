/**
 * Messages between the app (src/lib/warning) and the early-warning worker (src/workers). They
 * live in the domain because both sides may import only the domain. Types only.
 *
 * The worker is kept while a table is open: the table's columns are copied to it once
 * (`table`), and each computation then sends only its as-of, settings and places (`compute`),
 * so moving the as-of — a time brush does — copies nothing.
 */
import type { EpochMs } from '../model.ts'
import type { BandRequest, WarningResult } from './dashboard-warning.ts'
import type { WarningCounts } from './warning-counts.ts'
import type { WarningSettings } from './settings.ts'
import type { WeeklyInput } from './weekly-counts.ts'

/** The columns the counts need, copied (the app keeps its table). Replaces any earlier table. */
export interface WarningTable {
  readonly type: 'table'
  readonly table: WeeklyInput
}

export interface WarningRequest {
  readonly type: 'compute'
  /** Echoed in every response, so the app can tell which computation answered. */
  readonly id: number
  /**
   * The weekly counts when they were made elsewhere (a warehouse counts its own rows); absent,
   * the counts are made from the table sent last.
   */
  readonly counts?: WarningCounts
  readonly asOfMs: EpochMs
  readonly settings: WarningSettings
  readonly bandPlaces: readonly BandRequest[]
}

export type WarningMessage = WarningTable | WarningRequest

export type WarningResponse =
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number }
  | { readonly type: 'done'; readonly id: number; readonly result: WarningResult }
  | { readonly type: 'failed'; readonly id: number; readonly reason: string }
