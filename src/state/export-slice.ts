import type { StateCreator } from 'zustand'
import type { PanelName } from '../domain/panels.ts'
import type { WatchfloorState } from './store-types.ts'

/** What can be exported as a picture: one panel or the whole dashboard. */
export type ExportTarget = PanelName | 'dashboard'

export interface ExportSlice {
  /** The export dialog's target while it is open; null when closed. */
  readonly exportTarget: ExportTarget | null
  /** Opens the export dialog (panels' export buttons call this; the export feature listens). */
  openExport(target: ExportTarget): void
  closeExport(): void
}

export const createExportSlice: StateCreator<WatchfloorState, [], [], ExportSlice> = (set) => ({
  exportTarget: null,
  openExport: (exportTarget) => set({ exportTarget }),
  closeExport: () => set({ exportTarget: null }),
})
