import type { StateCreator } from 'zustand'
import { EMPTY_FILTER } from '../domain/filter.ts'
import type { EpochMs } from '../domain/model.ts'
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from '../domain/threat-index.ts'
import type { Views } from '../domain/views.ts'
import { EMPTY_TABLE } from './data-slice.ts'
import { LATEST_AS_OF, recomputeAll, resolveAsOf, type AsOfSetting } from './derive.ts'
import type { WatchfloorState } from './store-types.ts'

export interface ViewSlice {
  /** Row masks for the current filter (see domain/filter.ts). */
  readonly mask: Uint8Array
  readonly views: Views
  readonly asOfSetting: AsOfSetting
  /** The as-of instant in force, resolved from the setting and the data. */
  readonly asOfMs: EpochMs
  readonly indexSettings: IndexSettings
  /** The row whose detail is open, or null. */
  readonly selectedRow: number | null
  setAsOf(setting: AsOfSetting): void
  setIndexSettings(settings: IndexSettings): void
  selectRow(row: number | null): void
  /** Selects the next (+1) or previous (−1) matching event in list order (newest first). */
  selectAdjacentEvent(step: 1 | -1): void
}

const initial = recomputeAll(EMPTY_TABLE, EMPTY_FILTER, LATEST_AS_OF)

export const createViewSlice: StateCreator<WatchfloorState, [], [], ViewSlice> = (set) => ({
  mask: initial.mask,
  views: initial.views,
  asOfSetting: LATEST_AS_OF,
  asOfMs: initial.asOfMs,
  indexSettings: DEFAULT_INDEX_SETTINGS,
  selectedRow: null,
  setAsOf: (asOfSetting) =>
    set((state) => ({ asOfSetting, asOfMs: resolveAsOf(state.table, asOfSetting, Date.now(), state.filter) })),
  setIndexSettings: (indexSettings) => set({ indexSettings }),
  selectRow: (selectedRow) => set({ selectedRow }),
  selectAdjacentEvent: (step) =>
    set((state) => {
      const rows = state.views.matchedRows
      if (rows.length === 0) return {}
      const at = state.selectedRow === null ? -1 : rows.indexOf(state.selectedRow)
      const next = at === -1 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step))
      return { selectedRow: rows[next]! }
    }),
})
