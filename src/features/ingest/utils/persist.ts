/**
 * Saving the workspace: imported datasets, the active one, and the filters and view. Storage
 * failures never break the app: they become a notice.
 */
import { loadSetting, saveDataset, deleteDataset, isQuotaError, listDatasets, saveSetting, type SavedDataset } from '../../../lib/storage/workspace-db.ts'
import type { SavedDatasetInfo } from '../../../state/workspace-slice.ts'
import { useWatchfloor } from '../../../state/store.ts'

export const ACTIVE_KEY = 'workspace.active'
export const VIEW_KEY = 'workspace.view'

/** The active dataset's saved record, so that a merge can append to its inputs. */
let activeRecord: SavedDataset | null = null

export function activeSavedDataset(): SavedDataset | null {
  return activeRecord
}

export function setActiveSavedDataset(record: SavedDataset | null): void {
  activeRecord = record
  useWatchfloor.getState().setActiveDatasetId(record?.id ?? null)
}

function describeStorageError(error: unknown): string {
  if (isQuotaError(error)) return 'Not saved: the browser’s storage for this site is full. Delete a saved dataset and import again to keep it.'
  return `Not saved: the browser refused to store the workspace (${error instanceof Error ? error.message : String(error)}).`
}

export function infoOf(record: SavedDataset): SavedDatasetInfo {
  return { id: record.id, name: record.name, eventCount: record.eventCount, savedAtMs: record.savedAtMs, origin: record.origin }
}

/** Re-reads the list of saved datasets into the store. */
export async function refreshSavedList(): Promise<void> {
  try {
    const all = await listDatasets()
    const valid = all.filter((r) => typeof r?.id === 'string' && typeof r.name === 'string')
    useWatchfloor.getState().setSavedDatasets(valid.map(infoOf).sort((a, b) => b.savedAtMs - a.savedAtMs))
  } catch {
    // No IndexedDB (private mode, some embedded browsers): the list stays empty.
  }
}

/** Saves a dataset and makes it the active one; a failure becomes a notice. */
export async function persistDataset(record: SavedDataset): Promise<boolean> {
  try {
    await saveDataset(record)
    await saveSetting(ACTIVE_KEY, record.id)
    await refreshSavedList()
    return true
  } catch (error) {
    useWatchfloor.getState().addNotice(describeStorageError(error))
    return false
  }
}

export async function forgetDataset(id: string): Promise<void> {
  try {
    await deleteDataset(id)
    if ((await loadSetting(ACTIVE_KEY)) === id) await saveSetting(ACTIVE_KEY, null)
  } catch (error) {
    useWatchfloor.getState().addNotice(describeStorageError(error))
  }
  if (activeRecord?.id === id) setActiveSavedDataset(null)
  await refreshSavedList()
}

/** Marks that the sample (or generated data) is on screen: nothing to restore on reload. */
export async function clearActive(): Promise<void> {
  setActiveSavedDataset(null)
  try {
    await saveSetting(ACTIVE_KEY, null)
  } catch {
    // Nothing saved to clear.
  }
}

/** Saves the filters and as-of (as a query string) a moment after they change. */
export function startViewPersistence(serialise: () => string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let failed = false
  const unsubscribe = useWatchfloor.subscribe((state, previous) => {
    if (state.filter === previous.filter && state.asOfSetting === previous.asOfSetting) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      saveSetting(VIEW_KEY, serialise()).catch((error: unknown) => {
        if (!failed) useWatchfloor.getState().addNotice(describeStorageError(error))
        failed = true
      })
    }, 300)
  })
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}
