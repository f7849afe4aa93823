/**
 * Events removed upstream: an ACLED event that a newer export of the same dataset no longer has,
 * though it covers the event's country and date (ingest/acled-update.ts). It is kept, flagged in
 * `extra.removedUpstream` and tagged, until the analyst drops it.
 */
import type { ThreatEvent } from './model.ts'

/** The tag a flagged event carries (and keeps in exports). */
export const REMOVED_UPSTREAM_TAG = 'removed upstream'

/** Whether `event` is flagged removed upstream. */
export function isRemovedUpstream(event: ThreatEvent): boolean {
  return event.extra?.removedUpstream === true
}
