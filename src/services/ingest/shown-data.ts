import type { StringColumn } from '../../domain/string-column.ts'
import { prepareEngine } from '../../state/run-views.ts'
import { useWatchfloor } from '../../state/store.ts'
import type { EventTable } from '../../domain/table-types.ts'
import { eventsOfRows, rowRange } from '../../domain/table.ts'
import type { ImportedData } from '../../lib/ingest/ingest-client.ts'
import { countClashes } from './preview.ts'

/** The data on screen up to this many rows sends its ids with an import, which counts the clashes off the main thread. */
const MAX_IDS_TO_SEND = 200_000

/** Data without known ids (the sample) is read for them before an import starts only when it is this small. */
const MAX_ROWS_TO_READ_FIRST = 10_000

/**
 * The ids of the data on screen, to send to the import worker; null when they are too many, or
 * would take a while to read (they are then counted after the import: `clashesWithShown`).
 */
export async function idsToSend(): Promise<StringColumn | null> {
  const { table, currentIds } = useWatchfloor.getState()
  if (table.size === 0) return []
  if (table.size > MAX_IDS_TO_SEND) return null
  if (currentIds) return currentIds
  return table.size <= MAX_ROWS_TO_READ_FIRST ? currentIdsOf(table, null) : null
}

/** How many of an import's ids the data on screen already has (the worker's count when it made one). */
export async function clashesWithShown(data: ImportedData): Promise<number> {
  if (data.clashes !== undefined) return data.clashes
  const { table, currentIds } = useWatchfloor.getState()
  return table.size > 0 ? countClashes(await currentIdsOf(table, currentIds), data.ids) : 0
}

/** Makes the views of an import's data while its preview is read, so that confirming only puts it on screen. */
export function prepareToShow(data: ImportedData): Promise<void> {
  return prepareEngine(data.table, useWatchfloor.getState())
}

/** Rows read per ask when finding a table's ids: building a slice's events stays well under a 50 ms task. */
const ID_SLICE_ROWS = 10_000

const idsRead = new WeakMap<EventTable, StringColumn>()

export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * The ids of the data on screen by row: known for imports (the worker posts them); for data
 * loaded without them (the sample, `?synthetic=` data) taken from its events, read a slice at a
 * time (`eventsOfRows`, in the thread that keeps them) so the page stays responsive, and
 * remembered for the table. A row whose event has no id gets `row-N`.
 */
export async function currentIdsOf(table: EventTable, known: StringColumn | null): Promise<StringColumn> {
  if (known) return known
  const cached = idsRead.get(table)
  if (cached) return cached
  const ids = new Array<string>(table.size)
  for (let start = 0; start < table.size; start += ID_SLICE_ROWS) {
    if (start > 0) await nextTask()
    const end = Math.min(table.size, start + ID_SLICE_ROWS)
    const events = await eventsOfRows(table, rowRange(start, end))
    events.forEach((event, i) => (ids[start + i] = event.id || `row-${start + i}`))
  }
  idsRead.set(table, ids)
  return ids
}
