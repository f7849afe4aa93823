/**
 * Messages between the app (src/lib/warning) and the early-warning worker (src/workers). They
 * live in the domain because both sides may import only the domain. Types only.
 */
import type { EpochMs } from '../model.ts'
import type { BandRequest, WarningResult } from './dashboard-warning.ts'
import type { WarningCounts } from './warning-counts.ts'
import type { WarningSettings } from './settings.ts'
import type { WeeklyInput } from './weekly-counts.ts'

export interface WarningRequest {
  readonly type: 'compute'
  /**
   * The columns the counts need, copied (the app keeps its table), or the weekly counts
   * themselves when they were made elsewhere (a warehouse counts its own rows).
   */
  readonly input: { readonly table: WeeklyInput } | { readonly counts: WarningCounts }
  readonly asOfMs: EpochMs
  readonly settings: WarningSettings
  readonly bandPlaces: readonly BandRequest[]
}

export type WarningResponse =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'done'; readonly result: WarningResult }
  | { readonly type: 'failed'; readonly reason: string }
