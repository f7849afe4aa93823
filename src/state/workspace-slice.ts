import type { StateCreator } from 'zustand'
import { DEFAULT_MAX_BYTES, type IngestReport } from '../domain/ingest/ingest-protocol.ts'
import { stringAt, stringCount, type StringColumn } from '../domain/string-column.ts'
import { answerNow } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

/** A saved dataset as the list of saved datasets shows it. */
export interface SavedDatasetInfo {
  readonly id: string
  readonly name: string
  readonly eventCount: number
  readonly savedAtMs: number
  readonly origin: string
  /** The record is kept but cannot be read (damaged, or from another version): it can only be deleted. */
  readonly damaged?: boolean
}

/** An import that replaced the data on screen and can be undone (import-undo.ts keeps the data). */
export interface ImportUndoOffer {
  readonly importedName: string
  readonly replacedName: string
  readonly replacedCount: number
  /** When the offer ends (ms since the epoch). */
  readonly untilMs: number
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
  /**
   * How many events removed upstream were dropped from the data on screen after its import
   * (they can be put back); null when none were. Any other report (other data) clears it.
   */
  readonly droppedUpstream: number | null
  /** The ids of the current data by row, when known (imports; packed as they arrived); for duplicate checks and merges. */
  readonly currentIds: StringColumn | null
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
  /**
   * The same as a row-indexed flag (1 = new) over `currentIds`, built once per refresh so that
   * lists and the map's draw loop test a row without a Set lookup; null when nothing is new.
   */
  readonly newRows: Uint8Array | null
  /** Imports larger than this are refused (bytes; the user's setting). */
  readonly maxImportBytes: number
  /** Whether the import dialog is open. */
  readonly importOpen: boolean
  /**
   * The last session's view (filters and as-of, a query string) offered on a bare address, or
   * null: the URL wins, so a saved view is offered rather than applied (saved-view.ts).
   */
  readonly savedViewOffer: string | null
  /** The import that can be undone, or null. */
  readonly importUndo: ImportUndoOffer | null
  setImportOpen(open: boolean): void
  /** The report of the data now on screen; clears `droppedUpstream`. */
  setImportReport(report: IngestReport | null, open: boolean): void
  setDroppedUpstream(count: number | null): void
  closeReport(): void
  setCurrentIds(ids: StringColumn | null): void
  setActiveDatasetId(id: string | null): void
  setSavedDatasets(list: readonly SavedDatasetInfo[]): void
  addNotice(message: string): void
  dismissNotice(index: number): void
  setDataUpdatedAt(ms: number | null): void
  setStaleAfter(ms: number): void
  setLiveSource(source: LiveSource | null): void
  /** Marks what a refresh brought; call after `setCurrentIds` for the refreshed data. */
  setNewIds(ids: ReadonlySet<string>): void
  setMaxImportBytes(bytes: number): void
  setSavedViewOffer(view: string | null): void
  setImportUndo(offer: ImportUndoOffer | null): void
}

/** Row flags (1 = new) for `ids` by row; null when none of them is new. */
export function newRowFlags(ids: StringColumn | null, newIds: ReadonlySet<string>): Uint8Array | null {
  if (!ids || newIds.size === 0) return null
  const flags = new Uint8Array(stringCount(ids))
  let any = false
  for (let row = 0; row < flags.length; row++) {
    if (newIds.has(stringAt(ids, row))) {
      flags[row] = 1
      any = true
    }
  }
  return any ? flags : null
}

export const DEFAULT_STALE_AFTER_MS = 15 * 60_000
const NO_IDS: ReadonlySet<string> = new Set()

export const createWorkspaceSlice: StateCreator<WatchfloorState, [], [], WorkspaceSlice> = (set) => ({
  importReport: null,
  reportOpen: false,
  droppedUpstream: null,
  importOpen: false,
  currentIds: null,
  activeDatasetId: null,
  savedDatasets: [],
  notices: [],
  dataUpdatedAtMs: null,
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
  liveSource: null,
  newIds: NO_IDS,
  newRows: null,
  maxImportBytes: DEFAULT_MAX_BYTES,
  savedViewOffer: null,
  importUndo: null,
  setImportOpen: (importOpen) => set({ importOpen }),
  setImportReport: (importReport, reportOpen) => set({ importReport, reportOpen, droppedUpstream: null }),
  setDroppedUpstream: (droppedUpstream) => set({ droppedUpstream }),
  closeReport: () => set({ reportOpen: false }),
  // Other data on screen: what was new belongs to the data before.
  setCurrentIds: (currentIds) =>
    set((s) => {
      s.engine.markNew(null)
      return answerNow(s, { currentIds, newIds: NO_IDS, newRows: null })
    }),
  setActiveDatasetId: (activeDatasetId) => set({ activeDatasetId }),
  setSavedDatasets: (savedDatasets) => set({ savedDatasets }),
  addNotice: (message) => set((s) => ({ notices: [...s.notices, message] })),
  dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
  setDataUpdatedAt: (dataUpdatedAtMs) => set({ dataUpdatedAtMs }),
  setStaleAfter: (staleAfterMs) => set({ staleAfterMs }),
  setLiveSource: (liveSource) => set({ liveSource }),
  setNewIds: (newIds) =>
    set((s) => {
      const newRows = newRowFlags(s.currentIds, newIds)
      s.engine.markNew(newRows)
      return answerNow(s, { newIds, newRows })
    }),
  setMaxImportBytes: (maxImportBytes) => set({ maxImportBytes }),
  setSavedViewOffer: (savedViewOffer) => set({ savedViewOffer }),
  setImportUndo: (importUndo) => set({ importUndo }),
})
