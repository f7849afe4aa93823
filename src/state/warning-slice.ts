import type { StateCreator } from 'zustand'
import type { WarningResult } from '../domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS, type WarningSettings } from '../domain/warning/settings.ts'
import type { WatchfloorState } from './store-types.ts'

/** Early warning's state: computing (with progress), ready (for the data of one load: its dataToken), or failed. */
export type WarningState =
  | { readonly status: 'idle' }
  | { readonly status: 'computing'; readonly fraction: number }
  | { readonly status: 'ready'; readonly dataToken: object; readonly result: WarningResult }
  | { readonly status: 'failed'; readonly reason: string }

export interface WarningSlice {
  readonly warningSettings: WarningSettings
  readonly warning: WarningState
  setWarningSettings(patch: Partial<Pick<WarningSettings, 'method' | 'measure' | 'falseDiscoveryRate' | 'acledRatio'>>): void
  setWarning(state: WarningState): void
}

export const IDLE_WARNING: WarningState = { status: 'idle' }

export const createWarningSlice: StateCreator<WatchfloorState, [], [], WarningSlice> = (set) => ({
  warningSettings: DEFAULT_WARNING_SETTINGS,
  warning: IDLE_WARNING,
  setWarningSettings: (patch) => set((s) => ({ warningSettings: { ...s.warningSettings, ...patch } })),
  setWarning: (warning) => set({ warning }),
})
