/**
 * ACLED as a living dataset. ACLED revises and deletes events after publication: a revised event
 * keeps its `event_id_cnty` and gets a new `timestamp`. Merging a newer export into an older one
 * updates the events whose newer copy has a later timestamp, adds the new ones, and flags the
 * older events that the newer export no longer has although it covers their country and date
 * ("removed upstream"): they are kept, flagged, until the analyst drops them.
 */
import type { ThreatEvent } from '../model.ts'
import { isRemovedUpstream, REMOVED_UPSTREAM_TAG } from '../removed-upstream.ts'

export interface AcledUpdateCounts {
  readonly updated: number
  readonly unchanged: number
  readonly new: number
  readonly removed: number
}

export interface AcledUpdate {
  /** The older export's events (updated in place), then the new ones. */
  readonly events: ThreatEvent[]
  readonly counts: AcledUpdateCounts
  /** Ids of the events flagged "removed upstream" (`extra.removedUpstream = true`). */
  readonly removedIds: readonly string[]
}

/** ACLED's `timestamp` (Unix seconds, as text in `extra`); -1 when absent. */
function timestampOf(event: ThreatEvent): number {
  const value = Number(event.extra?.timestamp)
  return Number.isFinite(value) ? value : -1
}

/** The day an event starts on, `yyyy-mm-dd` (or `yyyy-mm` for month precision), for comparing. */
function dayOf(event: ThreatEvent): string {
  return event.date.text.slice(0, 10)
}

interface Coverage {
  readonly countries: ReadonlySet<string>
  readonly from: string
  readonly to: string
}

/** The countries and the date range the newer export covers. */
function coverageOf(events: readonly ThreatEvent[]): Coverage | null {
  if (events.length === 0) return null
  const countries = new Set<string>()
  let from = dayOf(events[0]!)
  let to = from
  for (const e of events) {
    for (const c of e.countries) countries.add(c)
    const day = dayOf(e)
    if (day < from) from = day
    if (day > to) to = day
  }
  return { countries, from, to }
}

function covers(coverage: Coverage | null, event: ThreatEvent): boolean {
  if (!coverage) return false
  const day = dayOf(event)
  return day >= coverage.from && day <= coverage.to && event.countries.some((c) => coverage.countries.has(c))
}

function flagRemoved(event: ThreatEvent): ThreatEvent {
  return {
    ...event,
    tags: event.tags.includes(REMOVED_UPSTREAM_TAG) ? event.tags : [...event.tags, REMOVED_UPSTREAM_TAG],
    extra: { ...(event.extra ?? {}), removedUpstream: true },
  }
}

/**
 * Merges `newer` (a later ACLED export) into `older`, matching events by id (`acled-` +
 * event_id_cnty). The copy with the later `timestamp` wins (a tie, or an older copy in the newer
 * export, keeps the older file's: "unchanged"); ids only in `newer` are added; ids only in
 * `older` whose country and date the newer export covers (any of its countries, between its
 * first and last day) are flagged removed upstream and kept. Inputs are not changed.
 */
export function mergeAcledUpdate(older: readonly ThreatEvent[], newer: readonly ThreatEvent[]): AcledUpdate {
  const newerById = new Map(newer.map((e) => [e.id, e]))
  const coverage = coverageOf(newer)
  const seen = new Set<string>()
  const events: ThreatEvent[] = []
  const removedIds: string[] = []
  let updated = 0
  let unchanged = 0
  for (const old of older) {
    seen.add(old.id)
    const next = newerById.get(old.id)
    if (next) {
      // A later timestamp wins; so does any copy of an event an earlier update had flagged removed.
      if (timestampOf(next) > timestampOf(old) || isRemovedUpstream(old)) {
        updated++
        events.push(next)
      } else {
        unchanged++
        events.push(old)
      }
    } else if (covers(coverage, old)) {
      removedIds.push(old.id)
      events.push(flagRemoved(old))
    } else events.push(old)
  }
  let added = 0
  for (const e of newer) {
    if (seen.has(e.id)) continue
    added++
    events.push(e)
  }
  return { events, counts: { updated, unchanged, new: added, removed: removedIds.length }, removedIds }
}

/** The report's line for an update. */
export function describeAcledUpdate(counts: AcledUpdateCounts): string {
  return `ACLED update: ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.new} new, ${counts.removed} removed upstream (kept, tagged "${REMOVED_UPSTREAM_TAG}")`
}

/** An event flagged removed upstream, as the import report lists it. */
export interface RemovedUpstreamEvent {
  readonly id: string
  readonly title: string
  /** The date as given (`yyyy-mm-dd`). */
  readonly date: string
  readonly country: string
}

/** The events flagged removed upstream, and the first `max` of them to list. */
export interface RemovedUpstreamList {
  readonly count: number
  readonly listed: readonly RemovedUpstreamEvent[]
  /** Every flagged event's id (`count` of them): what dropping them after the import leaves out. */
  readonly ids: readonly string[]
}

/** The events of `events` flagged removed upstream (mergeAcledUpdate); null when there are none. */
export function removedUpstreamOf(events: readonly ThreatEvent[], max: number): RemovedUpstreamList | null {
  const listed: RemovedUpstreamEvent[] = []
  const ids: string[] = []
  for (const e of events) {
    if (!isRemovedUpstream(e)) continue
    ids.push(e.id)
    if (listed.length < max) listed.push({ id: e.id, title: e.title, date: e.date.text, country: e.countries[0] ?? '' })
  }
  return ids.length > 0 ? { count: ids.length, listed, ids } : null
}
