/**
 * Restores the saved workspace on start: the active imported dataset (re-read from its saved
 * inputs in the worker) and the saved filters and view. Anything unreadable is set aside with a
 * notice and the app starts clean; it never leaves a blank page.
 */
import { combineTables, keepRowsNotIn } from '../../domain/ingest/combine-tables.ts'
import { stringSet, type StringColumn } from '../../domain/string-column.ts'
import { startIngest, type ImportedData } from '../../lib/ingest/ingest-client.ts'
import { loadDataset, loadSetting, saveSetting, type SavedDataset, type SavedInput } from '../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../state/store.ts'
import { ACTIVE_KEY, LIVE_KEY, parseLiveSource, queueWorkspaceWrite, refreshSavedList, setActiveSavedDataset, storeInputsAsBlobs, VIEW_KEY } from './persist.ts'
import { savedRead } from './saved-input.ts'
import { offerSavedView } from './saved-view.ts'
import { isSavedDataset } from './saved-record.ts'
import { savedIdForUrl } from './url-source.ts'

/**
 * Keeps a saved record that cannot be restored where it is: it stays in the list of saved
 * datasets (to open again, or delete), nothing is deleted. Only the active key is cleared, and
 * only when trying again cannot help (the record is damaged); a failure to read it (a worker that
 * failed, storage busy) leaves it active so the next start tries again.
 */
async function keepAside(name: string, why: string, retryNextStart: boolean): Promise<void> {
  const next = retryNextStart ? 'it will be tried again the next time the app starts' : 'it is set aside'
  useWatchfloor
    .getState()
    .addNotice(`Your saved dataset${name ? ` ${name}` : ''} could not be restored (${why}); nothing was deleted: ${next}, and it stays under “Saved in this browser” in the import dialog.`)
  if (retryNextStart) return
  try {
    await queueWorkspaceWrite(() => saveSetting(ACTIVE_KEY, null))
    await refreshSavedList()
  } catch {
    // Storage is failing too: the notice says enough.
  }
}

/** Reads a saved input again, in the import worker; rejects when it cannot be read. */
export async function readSavedInput(input: SavedInput): Promise<ImportedData> {
  const { source, companions, format, overrides, ...choices } = savedRead(input)
  // A saved input is read whatever its size: it was within the limit when imported.
  const job = startIngest(source, { format, overrides, maxBytes: Number.POSITIVE_INFINITY, companions, ...choices })
  const outcome = await job.done
  if (outcome.kind !== 'done') throw new Error(outcome.kind === 'failed' ? outcome.reason : `the import was ${outcome.kind}`)
  return outcome.data
}

/** Rebuilds a saved dataset: its base and inputs in order, later events replacing same ids. */
export async function rebuildSaved(record: SavedDataset): Promise<ImportedData> {
  const parts: ImportedData[] = []
  if (record.json) parts.push(await readSavedInput({ text: record.json, name: `${record.name}.json`, format: 'json', overrides: [] }))
  for (const input of record.inputs ?? []) parts.push(await readSavedInput(input))
  if (parts.length === 0) throw new Error('it holds no data')
  let { table } = parts[0]!
  let ids: StringColumn = parts[0]!.ids
  for (const next of parts.slice(1)) {
    const { keep } = keepRowsNotIn(ids, stringSet(next.ids))
    ;({ table, ids } = combineTables([{ table, ids, keep }, { table: next.table, ids: next.ids }]))
  }
  const last = parts[parts.length - 1]!
  return { ...last, table, ids, meta: { ...last.meta, name: record.name } }
}

/** Rebuilds a saved dataset, trying once more when the first attempt fails (a worker can fail once). */
async function rebuildWithRetry(record: SavedDataset): Promise<ImportedData> {
  try {
    return await rebuildSaved(record)
  } catch {
    return rebuildSaved(record)
  }
}

/**
 * Shows a saved dataset: rebuilds it and puts it on screen. False (with a notice) when it cannot;
 * the record is then kept as it is (`retryNextStart`: and stays the one restored on the next start).
 */
export async function openSaved(record: SavedDataset, retryNextStart = false): Promise<boolean> {
  const store = useWatchfloor.getState()
  store.setLoadStatus({ kind: 'loading', message: `Opening ${record.name}…` })
  try {
    const data = await rebuildWithRetry(record)
    store.loadTable(data.table, data.meta)
    const after = useWatchfloor.getState()
    after.setCurrentIds(data.ids)
    after.setImportReport(data.report, false)
    after.setDataUpdatedAt(record.savedAtMs)
    // A live source refreshes only its own dataset: another one on screen stops it.
    const live = after.liveSource
    if (live && savedIdForUrl(live.url) !== record.id) after.setLiveSource(null)
    setActiveSavedDataset(record)
    await queueWorkspaceWrite(() => saveSetting(ACTIVE_KEY, record.id).catch(() => undefined))
    void storeInputsAsBlobs(record)
    return true
  } catch (error) {
    // The data on screen stays; only the loading message goes. The record stays too.
    useWatchfloor.getState().setLoadStatus({ kind: 'ready' })
    const why = error instanceof Error ? error.message : String(error)
    if (retryNextStart) await keepAside(`“${record.name}”`, why, true)
    else useWatchfloor.getState().addNotice(`Could not open “${record.name}” (${why}); it is kept: try again, or delete it.`)
    return false
  }
}

/**
 * Restores the active saved dataset, if there is one, and offers the saved view (filters and
 * as-of) when the page's URL leaves the view open. Returns whether data was put on screen
 * (false: load the default data), and the saved view as a query string (or null).
 */
export async function restoreWorkspace(): Promise<{ restored: boolean; view: string | null }> {
  let id: unknown
  let view: unknown
  try {
    ;[id, view] = await Promise.all([loadSetting(ACTIVE_KEY), loadSetting(VIEW_KEY)])
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    useWatchfloor.getState().addNotice(`Your saved workspace is not available (${why}); starting clean.`)
    return { restored: false, view: null }
  }
  void refreshSavedList()
  const savedView = typeof view === 'string' ? view : null
  // The URL wins: the saved view is offered ("Restore last session"), never applied by itself.
  offerSavedView(savedView, window.location.search)
  if (id === null || id === undefined) return { restored: false, view: savedView }
  if (typeof id !== 'string') {
    await keepAside('', 'the active dataset is not an id', false)
    return { restored: false, view: savedView }
  }
  let raw: unknown
  try {
    raw = await loadDataset(id)
  } catch (error) {
    await keepAside(`(${id})`, error instanceof Error ? error.message : String(error), true)
    return { restored: false, view: savedView }
  }
  if (raw === undefined) return { restored: false, view: savedView }
  if (!isSavedDataset(raw)) {
    await keepAside(`(${id})`, 'the saved record is damaged or from another version', false)
    return { restored: false, view: savedView }
  }
  const restored = await openSaved(raw, true)
  if (restored) await resumeLiveSource(raw.id)
  return { restored, view: savedView }
}

/** Resumes refreshing the live source whose dataset was just restored (validators start afresh). */
async function resumeLiveSource(datasetId: string): Promise<void> {
  let live: { url: string; intervalMs: number } | null
  try {
    live = parseLiveSource(await loadSetting(LIVE_KEY))
  } catch {
    return
  }
  if (live && savedIdForUrl(live.url) === datasetId) useWatchfloor.getState().setLiveSource(live)
}
