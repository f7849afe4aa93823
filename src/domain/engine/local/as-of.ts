import type { EpochMs } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import { defaultAsOf } from '../../threat-index.ts'
import type { FilterSpec } from '../filter-spec.ts'
import type { AsOfSetting } from '../views-engine.ts'

/**
 * The data's default as-of per table: a pass over every row, so it is made once per table
 * (tables are never mutated) rather than on every filter change.
 */
const latestAsOf = new WeakMap<EventTable, EpochMs>()

function latestOf(table: EventTable): EpochMs {
  let ms = latestAsOf.get(table)
  if (ms === undefined) {
    ms = defaultAsOf(table)
    latestAsOf.set(table, ms)
  }
  return ms
}

/**
 * The as-of instant in force. "Latest" means the end of the latest event's day — or the end of
 * the time filter when one is set and ends earlier, so that narrowing the time range to 2024
 * shows the threat as it stood at the end of 2024.
 */
export function resolveAsOf(table: EventTable, setting: AsOfSetting, nowMs: EpochMs, filter?: FilterSpec): EpochMs {
  switch (setting.mode) {
    case 'latest': {
      const latest = latestOf(table)
      const rangeEnd = filter?.timeRange?.toMs
      return rangeEnd !== undefined && rangeEnd < latest ? rangeEnd : latest
    }
    case 'today':
      return nowMs
    case 'fixed':
      return setting.ms
  }
}
