/**
 * Undo for an import that replaced the data on screen: the data it replaced is kept, with its
 * view, until the user moves on — other data is put on screen (the next import, a saved dataset
 * opened, a refresh), the offer is dismissed, or UNDO_FOR_MS passes — and one action brings it
 * back as it was: events, filters, as-of, map view, live source and the saved dataset restored
 * on the next start.
 */
import type { AsOfSetting } from '../../domain/engine/views-engine.ts'
import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import type { IngestReport } from '../../domain/ingest/ingest-protocol.ts'
import type { StringColumn } from '../../domain/string-column.ts'
import type { EventTable } from '../../domain/table-types.ts'
import { saveSetting, type SavedDataset } from '../../lib/storage/workspace-db.ts'
import type { DatasetMeta } from '../../state/data-slice.ts'
import type { MapView } from '../../state/map-slice.ts'
import { useWatchfloor } from '../../state/store.ts'
import type { LiveSource } from '../../state/workspace-slice.ts'
import { ACTIVE_KEY, persistDataset, queueWorkspaceWrite, refreshSavedList, setActiveSavedDataset } from './persist.ts'

/** How long an import can be undone (ms): long enough to look at the new data, short enough not to hold two datasets for long. */
export const UNDO_FOR_MS = 5 * 60_000

/** The data on screen before an import replaced it, and how it was shown. */
interface Replaced {
  readonly table: EventTable
  readonly meta: DatasetMeta | null
  readonly currentIds: StringColumn | null
  readonly importReport: IngestReport | null
  readonly dataUpdatedAtMs: number | null
  readonly filter: FilterSpec
  readonly asOfSetting: AsOfSetting
  readonly mapView: MapView | null
  readonly liveSource: LiveSource | null
  readonly record: SavedDataset | null
}

interface Kept {
  readonly replaced: Replaced
  readonly importedToken: object
  readonly timer: ReturnType<typeof setTimeout>
  readonly stop: () => void
  /** The import's save: an undo waits for it, so that its "active dataset" is not written after the undo's. */
  saved: Promise<unknown>
}

let kept: Kept | null = null

/** What is on screen now, to keep before an import replaces it. */
export function snapshotShown(record: SavedDataset | null): Replaced {
  const s = useWatchfloor.getState()
  return {
    table: s.table,
    meta: s.meta,
    currentIds: s.currentIds,
    importReport: s.importReport,
    dataUpdatedAtMs: s.dataUpdatedAtMs,
    filter: s.filter,
    asOfSetting: s.asOfSetting,
    mapView: s.mapView,
    liveSource: s.liveSource,
    record,
  }
}

/** Drops the kept data and the offer (the user moved on). */
export function forgetUndo(): void {
  if (!kept) return
  clearTimeout(kept.timer)
  kept.stop()
  kept = null
  useWatchfloor.getState().setImportUndo(null)
}

/**
 * Keeps `replaced` (taken before the import) and offers to undo the import whose data is on
 * screen now. A replace of nothing (no events on screen) offers nothing.
 */
export function offerUndo(replaced: Replaced, importedName: string, nowMs: number = Date.now()): void {
  forgetUndo()
  if (replaced.table.size === 0) return
  const store = useWatchfloor.getState()
  const importedToken = store.dataToken
  // Other data on screen ends the offer: undoing would then throw that data away too.
  const stop = useWatchfloor.subscribe((state) => {
    if (state.dataToken !== importedToken) forgetUndo()
  })
  kept = { replaced, importedToken, timer: setTimeout(forgetUndo, UNDO_FOR_MS), stop, saved: Promise.resolve() }
  store.setImportUndo({
    importedName,
    replacedName: replaced.meta?.name ?? 'the data before',
    replacedCount: replaced.table.size,
    untilMs: nowMs + UNDO_FOR_MS,
  })
}

/** The offered import's save in the workspace, once it is under way. */
export function undoWaitsFor(saved: Promise<unknown>): void {
  if (kept) kept.saved = saved
}

/**
 * Puts the replaced data back as it was shown, and makes its saved dataset (if any) the one the
 * next start restores. The imported data stays saved in this browser (listed in the import
 * dialog), so nothing is lost either way. False when there is nothing to undo.
 */
export async function undoImport(): Promise<boolean> {
  if (!kept || useWatchfloor.getState().dataToken !== kept.importedToken) {
    forgetUndo()
    return false
  }
  const { replaced, saved } = kept
  const imported = useWatchfloor.getState().activeDatasetId
  forgetUndo()
  const store = useWatchfloor.getState()
  store.loadTable(replaced.table, replaced.meta ?? { name: 'Data', customRegions: [] })
  const after = useWatchfloor.getState()
  after.setCurrentIds(replaced.currentIds)
  after.setImportReport(replaced.importReport, false)
  after.setDataUpdatedAt(replaced.dataUpdatedAtMs)
  after.setFilter(replaced.filter)
  after.setAsOf(replaced.asOfSetting)
  after.setMapView(replaced.mapView)
  after.setLiveSource(replaced.liveSource)
  setActiveSavedDataset(replaced.record)
  const record = replaced.record
  await saved.catch(() => undefined)
  // A URL source is saved under one id: its import overwrote the record undone to, so save it again.
  if (record && record.id === imported) return persistDataset(record)
  await queueWorkspaceWrite(() => saveSetting(ACTIVE_KEY, record?.id ?? null)).catch(() => undefined)
  await refreshSavedList().catch(() => undefined)
  return true
}
