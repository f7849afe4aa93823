import { combineTables, keepRowsNotIn } from '../../../domain/ingest/combine-tables.ts'
import type { EventTable } from '../../../domain/table.ts'
import type { ImportedData } from '../../../lib/ingest/ingest-client.ts'
import type { SavedDataset, SavedInput } from '../../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { activeSavedDataset, persistDataset, setActiveSavedDataset } from './persist.ts'

export type CommitMode = 'replace' | 'merge'

/** Larger current data is not turned into events to find its ids: merging needs an imported base. */
const MAX_ROWS_TO_SCAN = 200_000

/** The ids of the data on screen: known for imports, read from the events for the sample. */
export function currentIdsOf(table: EventTable, known: readonly string[] | null): readonly string[] | null {
  if (known) return known
  if (table.size > MAX_ROWS_TO_SCAN) return null
  return Array.from({ length: table.size }, (_, row) => table.eventAt(row).id)
}

export interface CommitOptions {
  readonly mode: CommitMode
  readonly inputs: readonly SavedInput[]
  /** Show the report after committing (a `?data=` load, which has no preview). */
  readonly showReport: boolean
  /** Save to the workspace (not for a `?data=` load, which the URL reproduces). */
  readonly persist: boolean
}

function newId(): string {
  return `ds-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`
}

/**
 * Puts imported data on screen — replacing the current data, or merging into it so that
 * imported events replace those with the same id — and saves it to the workspace.
 */
export async function commitImport(data: ImportedData, options: CommitOptions): Promise<void> {
  const state = useWatchfloor.getState()
  let table = data.table
  let ids = data.ids
  let baseJson = ''
  let inputs = [...options.inputs]
  const previous = activeSavedDataset()
  // Data whose ids are unknown (a large generated table) cannot be merged into: it is replaced.
  const currentIds = options.mode === 'merge' && state.table.size > 0 ? currentIdsOf(state.table, state.currentIds) : null
  const merging = currentIds !== null
  if (currentIds) {
    const { keep } = keepRowsNotIn(currentIds, new Set(data.ids))
    ;({ table, ids } = combineTables([{ table: state.table, ids: currentIds, keep }, { table: data.table, ids: data.ids }]))
    if (previous) {
      baseJson = previous.json
      inputs = [...(previous.inputs ?? []), ...inputs]
    } else {
      // Merging into the sample: keep its events as the saved base.
      const [{ serialiseDataset }] = await Promise.all([import('../../../domain/export/dataset-json.ts')])
      const events = Array.from({ length: state.table.size }, (_, row) => state.table.eventAt(row))
      baseJson = serialiseDataset({ schemaVersion: 1, name: state.meta?.name ?? 'Base', regions: state.meta?.customRegions ?? [], events })
    }
  }
  const name = merging ? `${state.meta?.name ?? 'Data'} + ${data.meta.name}` : data.meta.name
  performance.mark('watchfloor:ingest-commit')
  state.setTable(table, { ...data.meta, name }, data.report)
  performance.mark('watchfloor:ingest-committed')
  const after = useWatchfloor.getState()
  after.setCurrentIds(ids)
  after.setImportReport(data.report, options.showReport)
  after.setDataUpdatedAt(data.receivedAtMs)
  if (!options.persist) {
    setActiveSavedDataset(null)
    return
  }
  const record: SavedDataset = {
    id: merging && previous ? previous.id : newId(),
    name,
    savedAtMs: Date.now(),
    eventCount: table.size,
    origin: inputs.map((i) => i.name).join(', '),
    json: baseJson,
    inputs,
  }
  setActiveSavedDataset(record)
  await persistDataset(record)
}
