import type { EventTable } from '../../../domain/table-types.ts'
import { useWatchfloor } from '../../../state/store.ts'

/** The row flags (1 = brought by the latest live refresh) for `table`, or null when none apply. */
export function useNewRows(table: EventTable): Uint8Array | null {
  const flags = useWatchfloor((s) => s.newRows)
  // Flags built for another table (a load raced a refresh) mark nothing.
  return flags !== null && flags.length === table.size ? flags : null
}
