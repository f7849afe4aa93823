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
  /** The dataset v1 JSON document. */
  readonly json: string
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
