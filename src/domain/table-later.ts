import type { ThreatEvent } from './model.ts'
import { inputRowOf } from './table.ts'
import type { EventTable } from './table-types.ts'

/**
 * A table whose columns are at hand but whose whole events are read later (`readWhole`, in the
 * table's input order: the bundled sample's details come after the first paint). Every reader of
 * events goes through `eventsOfRows`, which waits for them; `eventAt` answers once they are read.
 * A failed read rejects that call only: the next one asks `readWhole` again.
 */
export function withLaterEvents(table: EventTable, readWhole: () => Promise<readonly ThreatEvent[]>): EventTable {
  let whole: readonly ThreatEvent[] | null = null
  const at = (events: readonly ThreatEvent[], row: number): ThreatEvent => {
    const event = events[inputRowOf(table, row)]
    if (event === undefined) throw new Error(`row ${row} is not a row of this table`)
    return event
  }
  return {
    ...table,
    eventAt: (row) => {
      if (whole === null) throw new Error(`row ${row}'s whole event is still being read: read it with eventsOfRows`)
      return at(whole, row)
    },
    readEvents: async (rows) => {
      const events = whole ?? (whole = await readWhole())
      return Array.from(rows, (row) => at(events, row))
    },
  }
}
