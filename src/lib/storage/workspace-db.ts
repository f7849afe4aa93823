import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { ReadChoices } from '../../domain/ingest/read-choices.ts'
import { fileToBlob, textToBlob } from './stored-blob.ts'
import { comingCopy } from './file-copies.ts'

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
  /**
   * How many times the record was written (absent on records saved before writes were counted:
   * read as 0). A merge is saved only over the version it was made from (saveDatasetIfVersion),
   * so a second tab never overwrites another's merge unseen.
   */
  readonly version?: number
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
  /**
   * Inputs read together with this one as one dataset (GDELT mentions tables with their events
   * file, newer ACLED exports of one dataset), each kept as `text` is. `name` is then the names of
   * all joined by " + ", this input's first.
   */
  readonly companions?: readonly SavedCompanion[]
  /** How the inputs were read (GDELT duplicates merged, reviewed groups merged, events dropped). */
  readonly choices?: ReadChoices
}

/** An input read together with a saved input (see SavedInput.companions). */
export interface SavedCompanion {
  readonly name: string
  readonly text: string | Blob
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
  const copies = (input: SavedInput): boolean => needsCopy(input.text) || (input.companions ?? []).some((c) => needsCopy(c.text))
  if (!dataset.inputs?.some(copies)) return dataset
  const inputs: SavedInput[] = []
  for (const input of dataset.inputs) {
    if (!copies(input)) {
      inputs.push(input)
      continue
    }
    const companions: SavedCompanion[] = []
    for (const c of input.companions ?? []) companions.push({ ...c, text: await storedBlob(c.text) })
    inputs.push({ ...input, text: await storedBlob(input.text), ...(input.companions ? { companions } : {}) })
  }
  return { ...dataset, inputs }
}

/** An input's text or bytes as a Blob stored by value (the same Blob when it already is one). */
async function storedBlob(text: string | Blob): Promise<Blob> {
  if (typeof text === 'string') return textToBlob(text)
  if (!needsCopy(text)) return text
  // A picked file's copy made by its import worker, else one made here.
  return (await comingCopy(text)) ?? fileToBlob(text)
}

/**
 * Saves a dataset, its inputs as Blobs (see SavedInput.text), and resolves with what was stored.
 * Rejects with the browser's error (QuotaExceededError when storage is full).
 */
export async function saveDataset(dataset: SavedDataset): Promise<SavedDataset> {
  const withBlobs = await withInputBlobs(dataset)
  const tx = (await workspaceDb()).transaction('datasets', 'readwrite')
  // Each write counts up from what is stored, so a tab holding an older version sees the change.
  const stored = { ...withBlobs, version: versionOf(await tx.store.get(dataset.id)) + 1 }
  await tx.store.put(stored)
  await tx.done
  return stored
}

/** A saved record's version (0 for a record saved before writes were counted). */
export function versionOf(record: Pick<SavedDataset, 'version'> | undefined): number {
  return typeof record?.version === 'number' && Number.isInteger(record.version) ? record.version : 0
}

/** What a versioned save did: stored (with its new version), or found another version stored. */
export type VersionedSave = { readonly kind: 'saved'; readonly stored: SavedDataset } | { readonly kind: 'conflict'; readonly current: SavedDataset | undefined }

/**
 * Saves `dataset` only when the stored record with its id is still at `expectedVersion` (0: none
 * stored yet, or one saved before versions), as version `expectedVersion + 1`; else changes
 * nothing and answers with what is stored. The check and the write are one transaction, so two
 * tabs saving at once cannot both pass it. Rejects with the browser's error, as saveDataset.
 */
export async function saveDatasetIfVersion(dataset: SavedDataset, expectedVersion: number): Promise<VersionedSave> {
  const withBlobs = await withInputBlobs(dataset)
  const tx = (await workspaceDb()).transaction('datasets', 'readwrite')
  const current = await tx.store.get(dataset.id)
  if (versionOf(current) !== expectedVersion) {
    await tx.done
    return { kind: 'conflict', current }
  }
  const stored = { ...withBlobs, version: expectedVersion + 1 }
  await tx.store.put(stored)
  await tx.done
  return { kind: 'saved', stored }
}

export async function deleteDataset(id: string): Promise<void> {
  await (await workspaceDb()).delete('datasets', id)
}

/** True when `error` says the browser's storage is full. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
}
