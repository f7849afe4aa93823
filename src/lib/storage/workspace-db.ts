import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { fileToBlob, textToBlob } from './stored-blob.ts'

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
  /**
   * The input as read: its bytes (a copy of the imported file's, or its text in UTF-8), read
   * again as a file; or its text (datasets saved before inputs were stored as Blobs). Before it
   * is saved it may also be the imported File itself. saveDataset stores every input as a Blob
   * of its own: cloning a long string into IndexedDB blocks the page for as long as it takes,
   * storing a Blob does not.
   */
  readonly text: string | Blob
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

/** Whether an input must be turned into a Blob before it is stored: text, or a File (see stored-blob.ts). */
function needsCopy(text: string | Blob): boolean {
  return typeof text === 'string' || (typeof File !== 'undefined' && text instanceof File)
}

/**
 * `dataset` with each input as a Blob the database stores by value: text encoded, a File's bytes
 * copied, a slice at a time (stored-blob.ts). The same object when every input already is one.
 */
export async function withInputBlobs(dataset: SavedDataset): Promise<SavedDataset> {
  if (!dataset.inputs?.some((input) => needsCopy(input.text))) return dataset
  const inputs: SavedInput[] = []
  for (const input of dataset.inputs) {
    if (!needsCopy(input.text)) inputs.push(input)
    else inputs.push({ ...input, text: typeof input.text === 'string' ? await textToBlob(input.text) : await fileToBlob(input.text) })
  }
  return { ...dataset, inputs }
}

/**
 * Saves a dataset, its inputs as Blobs (see SavedInput.text), and resolves with what was stored.
 * Rejects with the browser's error (QuotaExceededError when storage is full).
 */
export async function saveDataset(dataset: SavedDataset): Promise<SavedDataset> {
  const stored = await withInputBlobs(dataset)
  await (await workspaceDb()).put('datasets', stored)
  return stored
}

export async function deleteDataset(id: string): Promise<void> {
  await (await workspaceDb()).delete('datasets', id)
}

/** True when `error` says the browser's storage is full. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
}
