/**
 * Dropping the ACLED events removed upstream from the data on screen, after the import that
 * flagged them (acled-update.ts), and undoing it. The drop is saved as a reading choice of the
 * saved dataset's inputs, so a reload rebuilds the data without them; the undo puts the data
 * before the drop back on screen and saves the inputs without the choice again.
 */
import { combineTables, keepRowsNotIn } from '../../domain/ingest/combine-tables.ts'
import type { IngestReport } from '../../domain/ingest/ingest-protocol.ts'
import { madeChoices } from '../../domain/ingest/read-choices.ts'
import type { StringColumn } from '../../domain/string-column.ts'
import type { EventTable } from '../../domain/table-types.ts'
import type { SavedDataset } from '../../lib/storage/workspace-db.ts'
import type { DatasetMeta } from '../../state/data-slice.ts'
import { useWatchfloor } from '../../state/store.ts'
import { activeSavedDataset, persistDataset, setActiveSavedDataset } from './persist.ts'
import { currentIdsOf } from './shown-data.ts'

/** The data on screen before a drop, and the table the drop put there (the undo holds only while it is on screen). */
interface BeforeDrop {
  readonly table: EventTable
  readonly ids: StringColumn
  readonly meta: DatasetMeta
  readonly report: IngestReport
  readonly record: SavedDataset | null
  readonly after: EventTable
}

let beforeDrop: BeforeDrop | null = null

/** `record` with every input read with (or without) the events removed upstream. */
export function withDropChoice(record: SavedDataset, drop: boolean, eventCount: number, nowMs: number): SavedDataset {
  const inputs = (record.inputs ?? []).map((input) => {
    const { choices: _old, ...rest } = input
    const choices = madeChoices({ ...(input.choices ?? {}), dropRemovedUpstream: drop })
    return Object.keys(choices).length > 0 ? { ...rest, choices } : rest
  })
  return { ...record, inputs, eventCount, savedAtMs: nowMs }
}

/**
 * The report of the data once `count` events removed upstream are dropped: as the reader says it
 * when the choice is made before the import (read-many.ts), every row still accounted for.
 */
export function reportAfterDrop(report: IngestReport, count: number): IngestReport {
  const { removedUpstream: _dropped, ...rest } = report
  return {
    ...rest,
    total: report.total - count,
    accepted: report.accepted - count,
    merged: report.merged + count,
    notes: [...(report.notes ?? []), `${count} removed upstream left out`],
  }
}

/**
 * Drops the events the import report lists as removed upstream from the data on screen and
 * from its saved copy. Resolves once the data is on screen (the save goes on behind it).
 * Does nothing when the data on screen has none.
 */
export async function dropRemovedUpstream(): Promise<void> {
  const state = useWatchfloor.getState()
  const report = state.importReport
  const removed = report?.removedUpstream
  if (!report || !removed || removed.ids.length === 0 || !state.meta) return
  const ids = await currentIdsOf(state.table, state.currentIds)
  const { keep, dropped } = keepRowsNotIn(ids, new Set(removed.ids))
  const combined = combineTables([{ table: state.table, ids, keep }])
  const record = activeSavedDataset()
  beforeDrop = { table: state.table, ids, meta: state.meta, report, record, after: combined.table }
  state.loadTable(combined.table, state.meta)
  const after = useWatchfloor.getState()
  after.setCurrentIds(combined.ids)
  after.setImportReport(reportAfterDrop(report, dropped), state.reportOpen)
  after.setDroppedUpstream(dropped)
  if (record) save(withDropChoice(record, true, combined.table.size, Date.now()))
}

/** Whether the last drop can still be undone: the data it left is the data on screen. */
export function canUndoDrop(): boolean {
  return beforeDrop !== null && beforeDrop.after === useWatchfloor.getState().table
}

/** Puts the events the last drop left out back, on screen and in the saved copy. */
export function undoDropRemovedUpstream(): void {
  const before = beforeDrop
  if (!before || !canUndoDrop()) return
  beforeDrop = null
  const state = useWatchfloor.getState()
  state.loadTable(before.table, before.meta)
  const after = useWatchfloor.getState()
  after.setCurrentIds(before.ids)
  after.setImportReport(before.report, state.reportOpen)
  if (before.record) save(withDropChoice(before.record, false, before.table.size, Date.now()))
}

function save(record: SavedDataset): void {
  setActiveSavedDataset(record)
  void persistDataset(record).then(() => performance.mark('watchfloor:workspace-saved'))
}
