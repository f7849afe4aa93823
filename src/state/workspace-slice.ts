import type { StateCreator } from 'zustand'
import type { IngestReport } from '../domain/ingest/ingest-protocol.ts'
import type { WatchfloorState } from './store-types.ts'

/** A saved dataset as the list of saved datasets shows it. */
export interface SavedDatasetInfo {
  readonly id: string
  readonly name: string
  readonly eventCount: number
  readonly savedAtMs: number
  readonly origin: string
}

/** A URL source that refreshes on an interval. */
export interface LiveSource {
  readonly url: string
  readonly intervalMs: number
}

export interface WorkspaceSlice {
  /** The report of the import that produced the current data; null for the sample or generated data. */
  readonly importReport: IngestReport | null
  /** Whether that report is on screen (after a `?data=` load it shows without a preview step). */
  readonly reportOpen: boolean
  /** The ids of the current data by row, when known (imports); for duplicate checks and merges. */
  readonly currentIds: readonly string[] | null
  /** The saved dataset on screen, if any. */
  readonly activeDatasetId: string | null
  readonly savedDatasets: readonly SavedDatasetInfo[]
  /** Messages about the workspace (storage full, saved state set aside), newest last. */
  readonly notices: readonly string[]
  /** When the data on screen was last loaded or refreshed (ms since the epoch). */
  readonly dataUpdatedAtMs: number | null
  /** Data older than this reads as stale (ms). */
  readonly staleAfterMs: number
  readonly liveSource: LiveSource | null
  /** Ids that arrived with the latest refresh of a live source. */
  readonly newIds: ReadonlySet<string>
  /** Whether the import dialog is open. */
  readonly importOpen: boolean
  setImportOpen(open: boolean): void
  setImportReport(report: IngestReport | null, open: boolean): void
  closeReport(): void
  setCurrentIds(ids: readonly string[] | null): void
  setActiveDatasetId(id: string | null): void
  setSavedDatasets(list: readonly SavedDatasetInfo[]): void
  addNotice(message: string): void
  dismissNotice(index: number): void
  setDataUpdatedAt(ms: number | null): void
  setStaleAfter(ms: number): void
  setLiveSource(source: LiveSource | null): void
  setNewIds(ids: ReadonlySet<string>): void
}

export const DEFAULT_STALE_AFTER_MS = 15 * 60_000
const NO_IDS: ReadonlySet<string> = new Set()

export const createWorkspaceSlice: StateCreator<WatchfloorState, [], [], WorkspaceSlice> = (set) => ({
  importReport: null,
  reportOpen: false,
  importOpen: false,
  currentIds: null,
  activeDatasetId: null,
  savedDatasets: [],
  notices: [],
  dataUpdatedAtMs: null,
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
  liveSource: null,
  newIds: NO_IDS,
  setImportOpen: (importOpen) => set({ importOpen }),
  setImportReport: (importReport, reportOpen) => set({ importReport, reportOpen }),
  closeReport: () => set({ reportOpen: false }),
  setCurrentIds: (currentIds) => set({ currentIds }),
  setActiveDatasetId: (activeDatasetId) => set({ activeDatasetId }),
  setSavedDatasets: (savedDatasets) => set({ savedDatasets }),
  addNotice: (message) => set((s) => ({ notices: [...s.notices, message] })),
  dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
  setDataUpdatedAt: (dataUpdatedAtMs) => set({ dataUpdatedAtMs }),
  setStaleAfter: (staleAfterMs) => set({ staleAfterMs }),
  setLiveSource: (liveSource) => set({ liveSource }),
  setNewIds: (newIds) => set({ newIds }),
})
