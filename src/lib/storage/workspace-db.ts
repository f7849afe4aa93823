import { openDB, type DBSchema, type IDBPDatabase } from 'idb'

/**
 * The workspace in IndexedDB: saved datasets and small settings (filters, view, watchlist,
 * alerts). One database, opened once; every feature goes through this door.
 */

export const WORKSPACE_DB = 'watchfloor'
export const WORKSPACE_DB_VERSION = 1

/** A saved dataset: the dataset v1 document as text, with what the list of saved datasets shows. */
export interface SavedDataset {
  readonly id: string
  readonly name: string
  readonly savedAtMs: number
  readonly eventCount: number
  /** Where it came from: a file name or URL. */
  readonly origin: string
  /** The dataset v1 JSON document ('' when the dataset is kept as its `inputs`). */
  readonly json: string
  /**
   * The inputs the dataset was imported from, in order (a merge appends): re-importing them,
   * later ones replacing events with the same id, rebuilds it. Kept instead of `json` for
   * imports, since the original CSV is far smaller than the same events as JSON.
   */
  readonly inputs?: readonly SavedInput[]
}

/** One imported input: its text as read, its format and any hand-made CSV column mapping. */
export interface SavedInput {
  readonly name: string
  readonly text: string
  readonly format: string
  readonly overrides: readonly (readonly [number, string])[]
}

interface WorkspaceSchema extends DBSchema {
  datasets: { key: string; value: SavedDataset }
  settings: { key: string; value: unknown }
}

let db: Promise<IDBPDatabase<WorkspaceSchema>> | undefined

/** Opens (once) the workspace database. Rejects when IndexedDB is unavailable or refuses. */
export function workspaceDb(): Promise<IDBPDatabase<WorkspaceSchema>> {
  db ??= openDB<WorkspaceSchema>(WORKSPACE_DB, WORKSPACE_DB_VERSION, {
    upgrade(database) {
      if (!database.objectStoreNames.contains('datasets')) database.createObjectStore('datasets', { keyPath: 'id' })
      if (!database.objectStoreNames.contains('settings')) database.createObjectStore('settings')
    },
  }).catch((error: unknown) => {
    db = undefined
    throw error
  })
  return db
}

/** Reads a setting; undefined when absent. Callers validate what they read (it may be stale or corrupt). */
export async function loadSetting(key: string): Promise<unknown> {
  return (await workspaceDb()).get('settings', key)
}

export async function saveSetting(key: string, value: unknown): Promise<void> {
  await (await workspaceDb()).put('settings', value, key)
}

export async function deleteSetting(key: string): Promise<void> {
  await (await workspaceDb()).delete('settings', key)
}

/** Every saved dataset (with its contents: list them only to show or restore them). */
export async function listDatasets(): Promise<SavedDataset[]> {
  return (await workspaceDb()).getAll('datasets')
}

export async function loadDataset(id: string): Promise<SavedDataset | undefined> {
  return (await workspaceDb()).get('datasets', id)
}

/** Saves a dataset. Rejects with the browser's error (QuotaExceededError when storage is full). */
export async function saveDataset(dataset: SavedDataset): Promise<void> {
  await (await workspaceDb()).put('datasets', dataset)
}

export async function deleteDataset(id: string): Promise<void> {
  await (await workspaceDb()).delete('datasets', id)
}

/** True when `error` says the browser's storage is full. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
}
