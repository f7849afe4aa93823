import type { ThreatLevel } from '../../model.ts'
import { PRECISION_CODES, titleAt } from '../../table.ts'
import { type EventTable } from '../../table-types.ts'
import type { EventMarkData } from '../views-engine.ts'

/** A row as a timeline mark draws it: only the few hundred marks in view are built. */
export function markOf(table: EventTable, row: number, newRows: Uint8Array | null): EventMarkData {
  return {
    ref: row,
    title: titleAt(table, row),
    startMs: table.startMs[row]!,
    endMs: table.endMs[row]!,
    precision: PRECISION_CODES[table.precision[row]!] ?? 'day',
    level: table.level[row] as ThreatLevel,
    isNew: newRows !== null && newRows[row] === 1,
  }
}
