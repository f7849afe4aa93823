import { csvEventAt } from '../../domain/ingest/csv-event-at.ts'
import type { ThreatEvent } from '../../domain/model.ts'
import type { EventSource } from '../../domain/ingest/ingest-protocol.ts'

/** The eventAt function of a table the worker built: from its events, or re-read from its CSV text. */
export function eventsFor(source: EventSource): (row: number) => ThreatEvent {
  if (source.kind === 'csv') return csvEventAt(source)
  const events = source.events
  return (row) => events[row]!
}
