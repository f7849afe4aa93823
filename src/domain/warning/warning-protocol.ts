/**
 * Messages between the app (src/lib/warning) and the early-warning worker (src/workers). They
 * live in the domain because both sides may import only the domain. Types only.
 *
 * A table's rows are counted once: its columns are copied to a worker (`table`), which answers
 * the weekly counts of the data's own frame (`counted`, buffers transferred) and is then ended,
 * the copy of the columns with it. A kept worker is handed those counts (`counts`, transferred)
 * and each computation sends only its as-of, settings and places (`compute`), so moving the
 * as-of — a time brush does — copies nothing and reads no row.
 */
import type { EpochMs } from '../model.ts'
import type { BandRequest, PlaceBand, WarningResult } from './dashboard-warning.ts'
import type { WarningCounts } from './warning-counts.ts'
import type { WarningSettings } from './settings.ts'
import type { WeeklyInput } from './weekly-counts.ts'

/** The columns the counts need, copied (the app keeps its table), to be counted; answered by `counted` with the same id. */
export interface WarningTable {
  readonly type: 'table'
  readonly id: number
  readonly table: WeeklyInput
}

/** Counts of the data's own frame (`countsThrough` stretches them to an as-of) to keep. Replaces any earlier ones. */
export interface WarningKeep {
  readonly type: 'counts'
  readonly counts: WarningCounts
}

export interface WarningRequest {
  readonly type: 'compute'
  /** Echoed in every response, so the app can tell which computation answered. */
  readonly id: number
  /**
   * The weekly counts when they were made elsewhere (a warehouse counts its own rows); absent,
   * the counts kept last, stretched to the as-of.
   */
  readonly counts?: WarningCounts
  readonly asOfMs: EpochMs
  readonly settings: WarningSettings
  readonly bandPlaces: readonly BandRequest[]
}

export type WarningMessage = WarningTable | WarningKeep | WarningRequest

export type WarningResponse =
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number }
  /** A computation's bands, made before its surges (the timeline draws them meanwhile); its `done` follows. */
  | { readonly type: 'bands'; readonly id: number; readonly bands: readonly PlaceBand[] }
  | { readonly type: 'counted'; readonly id: number; readonly counts: WarningCounts }
  | { readonly type: 'done'; readonly id: number; readonly result: WarningResult }
  | { readonly type: 'failed'; readonly id: number; readonly reason: string }
