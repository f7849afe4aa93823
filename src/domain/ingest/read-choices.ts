/**
 * What the person importing chose about how inputs are read, beyond their format: GDELT's
 * duplicate rule, ACLED events removed upstream left out, reviewed duplicate groups merged. They
 * travel with an import request and are saved with its input, so a restored dataset is read the
 * same way.
 */
import type { DateOrder } from './date-order.ts'

// Spelled out rather than imported from date-order.ts: this file is in the first download, the readers are not.
const isDateOrder = (value: unknown): value is DateOrder => value === 'dmy' || value === 'mdy'

export interface ReadChoices {
  /** Merge duplicate GDELT records by GDELT's rule (gdelt-dedupe.ts). */
  readonly dedupe?: boolean
  /** ACLED updates: leave out the events the newer export no longer has. */
  readonly dropRemovedUpstream?: boolean
  /** Groups of possible duplicates (event ids) to merge, each into its first event (merge-groups.ts). */
  readonly mergeGroups?: readonly (readonly string[])[]
  /** CSV: the order of dates with slashes, as chosen for the whole file (date-order.ts). */
  readonly dateOrder?: DateOrder
}

/** Only the choices made (no false, no empty list), to spread into a request or a saved record. */
export function madeChoices(choices: ReadChoices): ReadChoices {
  return {
    ...(choices.dedupe ? { dedupe: true } : {}),
    ...(choices.dropRemovedUpstream ? { dropRemovedUpstream: true } : {}),
    ...(choices.mergeGroups && choices.mergeGroups.length > 0 ? { mergeGroups: choices.mergeGroups } : {}),
    ...(isDateOrder(choices.dateOrder) ? { dateOrder: choices.dateOrder } : {}),
  }
}

/** Saved choices that make sense (from IndexedDB, where anything may be), or null. */
export function parseReadChoices(value: unknown): ReadChoices | null {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null) return null
  const r = value as Record<string, unknown>
  const flag = (v: unknown): boolean => v === undefined || typeof v === 'boolean'
  const groups = r.mergeGroups
  const groupsOk = groups === undefined || (Array.isArray(groups) && groups.every((g) => Array.isArray(g) && g.every((id) => typeof id === 'string')))
  if (!flag(r.dedupe) || !flag(r.dropRemovedUpstream) || !groupsOk || (r.dateOrder !== undefined && !isDateOrder(r.dateOrder))) return null
  return madeChoices(r as ReadChoices)
}
