import { csvEventAt } from '../../domain/ingest/csv-event-at.ts'
import type { ThreatEvent } from '../../domain/model.ts'
import type { EventSource } from '../../domain/ingest/ingest-protocol.ts'
import type { EventTable } from '../../domain/table-types.ts'

/**
 * The eventAt function of a table the worker built: from its events, or re-read from its CSV
 * text. Both are kept by input row, which `sourceRow` gives for each table row.
 */
export function eventsFor(source: EventSource, sourceRow: EventTable['sourceRow']): (row: number) => ThreatEvent {
  const byInputRow = source.kind === 'csv' ? csvEventAt(source) : eventByIndex(source.events)
  return sourceRow === null ? byInputRow : (row) => byInputRow(sourceRow[row]!)
}

function eventByIndex(events: readonly ThreatEvent[]): (row: number) => ThreatEvent {
  return (row) => events[row]!
}
