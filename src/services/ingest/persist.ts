/**
 * Saving the workspace: imported datasets, the active one, and the filters and view. Storage
 * failures never break the app: they become a notice.
 */
import {
  deleteDataset,
  isQuotaError,
  listDatasets,
  loadSetting,
  saveDataset,
  saveDatasetIfVersion,
  saveSetting,
  versionOf,
  type SavedDataset,
  type VersionedSave,
} from '../../lib/storage/workspace-db.ts'
import type { SavedDatasetInfo } from '../../state/workspace-slice.ts'
import { useWatchfloor } from '../../state/store.ts'
import { isSavedDataset } from './saved-record.ts'

export const ACTIVE_KEY = 'workspace.active'
export const VIEW_KEY = 'workspace.view'
/** The user's import settings: `{ maxImportBytes, staleAfterMs }`. */
export const SETTINGS_KEY = 'workspace.settings'
/** The live URL source, `{ url, intervalMs }` or null: a reload resumes refreshing it. */
export const LIVE_KEY = 'workspace.live'

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

/** A record that cannot be read, listed so that it stays visible (and can be deleted) rather than vanishing. */
function damagedInfo(record: { readonly id: string }): SavedDatasetInfo {
  const r = record as Partial<Record<keyof SavedDataset, unknown>>
  return {
    id: record.id,
    name: typeof r.name === 'string' ? r.name : `Unreadable dataset (${record.id})`,
    eventCount: typeof r.eventCount === 'number' ? r.eventCount : 0,
    savedAtMs: typeof r.savedAtMs === 'number' ? r.savedAtMs : 0,
    origin: typeof r.origin === 'string' ? r.origin : '',
    damaged: true,
  }
}

/** Re-reads the list of saved datasets (readable or not) into the store. */
export async function refreshSavedList(): Promise<void> {
  try {
    const all = await listDatasets()
    const listed = all.filter((r) => typeof r?.id === 'string').map((r) => (isSavedDataset(r) ? infoOf(r) : damagedInfo(r)))
    useWatchfloor.getState().setSavedDatasets(listed.sort((a, b) => b.savedAtMs - a.savedAtMs))
  } catch {
    // No IndexedDB (private mode, some embedded browsers): the list stays empty.
  }
}

/** The last queued change of saved datasets and the active id; each waits for the one before. */
let writes: Promise<unknown> = Promise.resolve()

/**
 * Runs `write` after every write queued before it. Saving a large input takes many tasks, so a
 * later change (another import, a delete, the sample opened) must not finish first and then be
 * overwritten by it. `write` must not reject (turn failures into notices).
 */
export function queueWorkspaceWrite<T>(write: () => Promise<T>): Promise<T> {
  const next = writes.then(write)
  writes = next.catch(() => undefined)
  return next
}

/** Saves a dataset and makes it the active one; a failure becomes a notice. */
export function persistDataset(record: SavedDataset): Promise<boolean> {
  return queueWorkspaceWrite(async () => {
    try {
      const stored = await saveDataset(record)
      // A later merge appends to the stored inputs (Blobs), not to the text kept in memory.
      if (activeRecord === record) activeRecord = stored
      await saveSetting(ACTIVE_KEY, record.id)
      await refreshSavedList()
      return true
    } catch (error) {
      useWatchfloor.getState().addNotice(describeStorageError(error))
      return false
    }
  })
}

/**
 * Saves a merge made from version `expectedVersion` of its record and makes it the active one,
 * only if no other tab saved that record since (see saveDatasetIfVersion). Null when storage
 * failed (a notice says so).
 */
export function persistMerge(record: SavedDataset, expectedVersion: number): Promise<VersionedSave | null> {
  return queueWorkspaceWrite(async () => {
    try {
      const outcome = await saveDatasetIfVersion(record, expectedVersion)
      if (outcome.kind === 'conflict') return outcome
      if (activeRecord === record) activeRecord = outcome.stored
      await saveSetting(ACTIVE_KEY, record.id)
      await refreshSavedList()
      return outcome
    } catch (error) {
      useWatchfloor.getState().addNotice(describeStorageError(error))
      return null
    }
  })
}

/**
 * Stores again, with its inputs as Blobs, a dataset saved before inputs were Blobs (its text then
 * costs the page a long task each time the list of saved datasets is read). Quiet: when this
 * fails the record stays readable as it is.
 */
export function storeInputsAsBlobs(record: SavedDataset): Promise<void> {
  if (!record.inputs?.some((input) => typeof input.text === 'string')) return Promise.resolve()
  return queueWorkspaceWrite(async () => {
    try {
      // Only over the version read: another tab's newer save is never replaced by this copy.
      const outcome = await saveDatasetIfVersion(record, versionOf(record))
      if (outcome.kind === 'saved' && activeRecord === record) activeRecord = outcome.stored
    } catch {
      // Still readable as text.
    }
  })
}

export async function forgetDataset(id: string): Promise<void> {
  await queueWorkspaceWrite(async () => {
    try {
      await deleteDataset(id)
      if ((await loadSetting(ACTIVE_KEY)) === id) await saveSetting(ACTIVE_KEY, null)
    } catch (error) {
      useWatchfloor.getState().addNotice(describeStorageError(error))
    }
  })
  if (activeRecord?.id === id) setActiveSavedDataset(null)
  await refreshSavedList()
}

/** Marks that the sample (or generated data) is on screen: nothing to restore on reload. */
export async function clearActive(): Promise<void> {
  setActiveSavedDataset(null)
  await queueWorkspaceWrite(async () => {
    try {
      await saveSetting(ACTIVE_KEY, null)
    } catch {
      // Nothing saved to clear.
    }
  })
}

/**
 * Saves the filters and as-of (as a query string) a moment after they change, while `saving()`
 * says so (not while a link's data is on screen: link-visit.ts).
 */
export function startViewPersistence(serialise: () => string, saving: () => boolean = () => true): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let failed = false
  const unsubscribe = useWatchfloor.subscribe((state, previous) => {
    if (state.filter === previous.filter && state.asOfSetting === previous.asOfSetting) return
    if (!saving()) return
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

/** The import settings a user can set, as saved. */
export interface ImportSettings {
  readonly maxImportBytes: number
  readonly staleAfterMs: number
}

const MIB = 1024 * 1024

/** Saved settings that make sense (numbers in range), or null: anything else is ignored. */
export function parseImportSettings(value: unknown): Partial<ImportSettings> | null {
  if (typeof value !== 'object' || value === null) return null
  const r = value as Record<string, unknown>
  const ok = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max
  const out: { maxImportBytes?: number; staleAfterMs?: number } = {}
  if (ok(r.maxImportBytes, MIB, 64 * 1024 * MIB)) out.maxImportBytes = r.maxImportBytes
  if (ok(r.staleAfterMs, 60_000, 365 * 24 * 3_600_000)) out.staleAfterMs = r.staleAfterMs
  return Object.keys(out).length > 0 ? out : null
}

/** Puts the saved import settings (file size limit, stale threshold) back into the store. */
export async function restoreImportSettings(): Promise<void> {
  let saved: Partial<ImportSettings> | null
  try {
    saved = parseImportSettings(await loadSetting(SETTINGS_KEY))
  } catch {
    return // No IndexedDB: the defaults stay.
  }
  const store = useWatchfloor.getState()
  if (saved?.maxImportBytes !== undefined) store.setMaxImportBytes(saved.maxImportBytes)
  if (saved?.staleAfterMs !== undefined) store.setStaleAfter(saved.staleAfterMs)
}

/** Saves the import settings a moment after either changes. Returns the stop function. */
export function startSettingsPersistence(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = useWatchfloor.subscribe((state, previous) => {
    if (state.maxImportBytes === previous.maxImportBytes && state.staleAfterMs === previous.staleAfterMs) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      const { maxImportBytes, staleAfterMs } = useWatchfloor.getState()
      const settings: ImportSettings = { maxImportBytes, staleAfterMs }
      saveSetting(SETTINGS_KEY, settings).catch((error: unknown) => useWatchfloor.getState().addNotice(describeStorageError(error)))
    }, 300)
  })
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}

/** Saves the live source whenever it changes (set, changed or stopped) while `saving()` says so. Returns the stop function. */
export function startLivePersistence(saving: () => boolean = () => true): () => void {
  return useWatchfloor.subscribe((state, previous) => {
    if (state.liveSource === previous.liveSource || !saving()) return
    const live = state.liveSource
    saveSetting(LIVE_KEY, live ? { url: live.url, intervalMs: live.intervalMs } : null).catch(() => undefined)
  })
}

/** A saved live source that makes sense, or null. */
export function parseLiveSource(value: unknown): { url: string; intervalMs: number } | null {
  if (typeof value !== 'object' || value === null) return null
  const { url, intervalMs } = value as Record<string, unknown>
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return null
  if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs < 5000) return null
  return { url, intervalMs }
}
