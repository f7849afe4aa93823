import type { StateCreator } from 'zustand'
import type { EpochMs } from '../domain/model.ts'
import type { PlaceBand, WarningResult } from '../domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS, type WarningSettings } from '../domain/warning/settings.ts'
import type { WatchfloorState } from './store-types.ts'

/**
 * The bands of a computation still looking for its surges (they are made first): for the data of
 * one load (its dataToken) at one as-of.
 */
export interface EarlyBands {
  readonly dataToken: object
  readonly asOfMs: EpochMs
  readonly bands: readonly PlaceBand[]
}

/**
 * Early warning's state: computing (with progress, and its bands once made), ready (for the data
 * of one load: its dataToken), or failed.
 */
export type WarningState =
  | { readonly status: 'idle' }
  | { readonly status: 'computing'; readonly fraction: number; readonly early?: EarlyBands }
  | { readonly status: 'ready'; readonly dataToken: object; readonly result: WarningResult }
  | { readonly status: 'failed'; readonly reason: string }

/** The early-warning settings a user sets (Surges tab, links). */
export type WarningSettingsPatch = Partial<Pick<WarningSettings, 'method' | 'measure' | 'falseDiscoveryRate' | 'acledRatio'>>

export interface WarningSlice {
  readonly warningSettings: WarningSettings
  readonly warning: WarningState
  /** The expected bands drawn on the timeline, by `bandKey` (`all`, `region:europe`…). */
  readonly timelineBands: readonly string[]
  setWarningSettings(patch: WarningSettingsPatch): void
  setWarning(state: WarningState): void
  setTimelineBands(keys: readonly string[]): void
}

export const IDLE_WARNING: WarningState = { status: 'idle' }

/** At first, the band of all events. */
export const DEFAULT_TIMELINE_BANDS: readonly string[] = ['all']

export const createWarningSlice: StateCreator<WatchfloorState, [], [], WarningSlice> = (set) => ({
  warningSettings: DEFAULT_WARNING_SETTINGS,
  warning: IDLE_WARNING,
  timelineBands: DEFAULT_TIMELINE_BANDS,
  // Only a real change makes a new settings object (and so a new computation).
  setWarningSettings: (patch) =>
    set((s) => {
      const changed = (Object.keys(patch) as (keyof WarningSettingsPatch)[]).some((k) => patch[k] !== undefined && patch[k] !== s.warningSettings[k])
      return changed ? { warningSettings: { ...s.warningSettings, ...patch } } : {}
    }),
  setWarning: (warning) => set({ warning }),
  setTimelineBands: (timelineBands) => set({ timelineBands }),
})
