import { combineTables, keepRowsNotIn } from '../../domain/ingest/combine-tables.ts'
import { stringSet, type StringColumn } from '../../domain/string-column.ts'
import type { ImportedData } from '../../lib/ingest/ingest-client.ts'
import type { SavedDataset, SavedInput } from '../../lib/storage/workspace-db.ts'
import { isPrepared, prepareEngine } from '../../state/run-views.ts'
import { currentIdsOf, nextTask } from './shown-data.ts'
import { eventsOfRows, rowRange } from '../../domain/table.ts'
import { useWatchfloor } from '../../state/store.ts'
import { acledUpdateInput } from './acled-update-merge.ts'
import { offerUndo, snapshotShown, undoWaitsFor } from './import-undo.ts'
import { saveMerge } from './merge-save.ts'
import { afterPanelsDrawn } from './panels-drawn.ts'
import { activeSavedDataset, persistDataset, setActiveSavedDataset } from './persist.ts'

export type CommitMode = 'replace' | 'merge'


/** Data on screen with no saved record (generated data) is saved as the base of a merge only up to this size. */
const MAX_BASE_ROWS_TO_SAVE = 200_000

/** Ids already read from a table's events (the sample, generated data), so each table is read once. */
export interface CommitOptions {
  readonly mode: CommitMode
  readonly inputs: readonly SavedInput[]
  /** Show the report after committing (a `?data=` load, which has no preview). */
  readonly showReport: boolean
  /** Save to the workspace, so that a reload restores it. */
  readonly persist: boolean
  /**
   * The saved dataset to overwrite (a URL source saves under one id however often it is loaded
   * or refreshed); a new one when absent. Ignored when merging into a saved dataset.
   */
  readonly savedId?: string
  /** A replace keeps the data it replaces and offers "Undo import" (import-undo.ts): the import dialog's commits. */
  readonly undoable?: boolean
}

function newId(): string {
  return `ds-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`
}

/**
 * Puts imported data on screen — replacing the current data, or merging into it so that
 * imported events replace those with the same id — and saves it to the workspace. Resolves once
 * the data is on screen; the save goes on in the background.
 */
export async function commitImport(data: ImportedData, options: CommitOptions): Promise<void> {
  if (options.mode === 'merge' && (await commitAcledUpdate(data, options))) return
  const state = useWatchfloor.getState()
  let table = data.table
  let ids: StringColumn = data.ids
  let baseJson = ''
  let tooLargeToSave = false
  let inputs = [...options.inputs]
  const previous = activeSavedDataset()
  const currentIds = options.mode === 'merge' && state.table.size > 0 ? await currentIdsOf(state.table, state.currentIds) : null
  const merging = currentIds !== null
  if (currentIds) {
    const { keep } = keepRowsNotIn(currentIds, stringSet(data.ids))
    ;({ table, ids } = combineTables([{ table: state.table, ids: currentIds, keep }, { table: data.table, ids: data.ids }]))
    if (previous) {
      baseJson = previous.json
      inputs = [...(previous.inputs ?? []), ...inputs]
    } else if (state.table.size > MAX_BASE_ROWS_TO_SAVE) {
      // Large generated data as JSON would be hundreds of MB: the merge is on screen, not saved.
      tooLargeToSave = true
    } else {
      // Merging into the sample or generated data: keep its events as the saved base.
      const [{ serialiseDataset }] = await Promise.all([import('../../domain/export/dataset-json.ts')])
      const events = await eventsOfRows(state.table, rowRange(0, state.table.size))
      baseJson = serialiseDataset({ schemaVersion: 1, name: state.meta?.name ?? 'Base', regions: state.meta?.customRegions ?? [], events })
    }
  }
  const name = merging ? `${state.meta?.name ?? 'Data'} + ${data.meta.name}` : data.meta.name
  // The new data's engine, masks and counts: made while its preview was read, or else in tasks
  // of their own, after the click's, and on screen in the next (at a million rows each is tens
  // of milliseconds, together too long a block).
  if (!isPrepared(table)) {
    await nextTask()
    await prepareEngine(table, useWatchfloor.getState())
    await nextTask()
  }
  const replaced = options.undoable && !merging ? snapshotShown(previous) : null
  performance.mark('watchfloor:ingest-commit')
  useWatchfloor.getState().loadTable(table, { ...data.meta, name })
  performance.mark('watchfloor:ingest-committed')
  const after = useWatchfloor.getState()
  after.setCurrentIds(ids)
  after.setImportReport(data.report, options.showReport)
  after.setDataUpdatedAt(data.receivedAtMs)
  if (replaced) offerUndo(replaced, name)
  if (tooLargeToSave && options.persist) {
    setActiveSavedDataset(null)
    after.addNotice(
      `Merged and on screen, but not saved: the data merged into has ${state.table.size.toLocaleString('en-GB')} events, too many to keep in this browser. Import the files into a smaller base to keep them.`,
    )
    return
  }
  if (!options.persist) {
    setActiveSavedDataset(null)
    return
  }
  const record: SavedDataset = {
    ...(merging && previous?.version !== undefined ? { version: previous.version } : {}),
    id: merging && previous ? previous.id : (options.savedId ?? newId()),
    name,
    savedAtMs: Date.now(),
    eventCount: table.size,
    origin: inputs.map((i) => i.name).join(', '),
    json: baseJson,
    inputs,
  }
  setActiveSavedDataset(record)
  // The save waits until every panel of the new data is drawn, then stores each input as a Blob:
  // a picked file's copy asked of its import's worker now (file-copies.ts), else the file's bytes
  // copied and text encoded in short idle tasks (stored-blob.ts).
  // The caller goes on once the data is on screen (a dialog closes, a kiosk source starts
  // refreshing); the save finishes behind it and never rejects (a failure becomes a notice).
  const saved = afterPanelsDrawn()
    .then((): Promise<unknown> => (merging && previous ? saveMerge(record, previous, options.inputs, data.meta.name) : persistDataset(record)))
    .then(() => performance.mark('watchfloor:workspace-saved'))
  if (replaced) undoWaitsFor(saved)
}

/**
 * A newer ACLED export merged into saved ACLED data: the exports read again together as one
 * update (acled-update-merge.ts), which replaces the saved dataset and shows its report (the
 * counts of updated, unchanged, new and removed upstream). False when the merge is not an
 * update, or the joined read failed (the plain merge by id goes on).
 */
async function commitAcledUpdate(data: ImportedData, options: CommitOptions): Promise<boolean> {
  const base = activeSavedDataset()
  const input = acledUpdateInput(base, options.inputs)
  if (!base || !input) return false
  let updated: ImportedData
  try {
    const { readSavedInput } = await import('./restore.ts')
    updated = await readSavedInput(input)
  } catch {
    return false
  }
  await commitImport({ ...updated, receivedAtMs: data.receivedAtMs }, { ...options, mode: 'replace', inputs: [input], showReport: true, savedId: base.id })
  return true
}
