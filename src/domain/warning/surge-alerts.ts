import { alertEventOf, alertLevels, MAX_ALERT_EVENTS, type Alert, type AlertEvent, type EventsReader, type WatchItem } from '../alerts.ts'
import type { EpochMs } from '../model.ts'
import type { EventTable } from '../table-types.ts'
import { indexOfTarget, type IndexSettings, type ThreatIndex } from '../threat-index.ts'
import type { PlaceSurge, WarningResult } from './dashboard-warning.ts'
import { subjectEventRows } from '../engine/local/events-of.ts'
import { weekStartIso, weekStartMs } from './weeks.ts'

/** A watched item that early warning flags, with the id its alert takes and the window of its events. */
export interface SurgeCandidate {
  readonly item: WatchItem
  readonly surge: PlaceSurge
  readonly id: string
  /** The surge's weeks: from the first week of its run to the end of the judged week. */
  readonly fromMs: EpochMs
  readonly toMs: EpochMs
}

/**
 * The "surge" rule of the watchlist: each watched place (with `surge` on, not muted) that early
 * warning flags in the judged week, unless an alert with the same id is among `existing`. The id
 * names the item and the week, so the same surge is raised once however often it is evaluated.
 */
export function surgeCandidates(items: readonly WatchItem[], result: WarningResult, existing: readonly Pick<Alert, 'id'>[]): SurgeCandidate[] {
  const known = new Set(existing.map((a) => a.id))
  const out: SurgeCandidate[] = []
  for (const item of items) {
    if (item.muted || item.surge !== true) continue
    const surge = result.surges.find((s) => s.kind === item.kind && s.place === item.value)
    if (surge === undefined) continue
    const id = `${item.id}@w${weekStartIso(surge.week)}:surge:${result.settings.method}`
    if (known.has(id)) continue
    known.add(id)
    out.push({ item, surge, id, fromMs: weekStartMs(surge.sinceWeek), toMs: weekStartMs(surge.week + 1) })
  }
  return out
}

/**
 * The alert of a surge candidate: the place's threat index at the as-of instant, and the most
 * severe events of the surge's weeks (`events`, of `eventCount` in all), each an equal share.
 */
export function surgeAlertOf(
  candidate: SurgeCandidate,
  result: WarningResult,
  index: ThreatIndex,
  behind: { readonly total: number; readonly events: readonly AlertEvent[] },
  settings: IndexSettings,
  nowMs: EpochMs,
): Alert {
  const { item, surge } = candidate
  return {
    id: candidate.id,
    itemId: item.id,
    itemLabel: item.label,
    kind: item.kind,
    reasons: ['surge'],
    raisedAtMs: nowMs,
    asOfMs: result.asOfMs,
    ...alertLevels(index, settings),
    eventCount: behind.total,
    events: behind.events,
    acknowledged: false,
    surge: {
      weekStart: weekStartIso(surge.week),
      observed: surge.observed,
      expected: surge.expected,
      ...(surge.p === undefined ? {} : { p: surge.p }),
      ...(surge.rule === undefined ? {} : { rule: surge.rule }),
    },
  }
}

/**
 * The surge rule over the tab's table (see surgeCandidates and surgeAlertOf), the events behind
 * each surge read through `eventsOf`. Does not modify its inputs.
 */
export function surgeAlerts(
  table: EventTable,
  items: readonly WatchItem[],
  result: WarningResult,
  settings: IndexSettings,
  existing: readonly Pick<Alert, 'id'>[],
  nowMs: EpochMs,
  eventsOf: EventsReader,
): Promise<Alert[]> {
  return Promise.all(
    surgeCandidates(items, result, existing).map(async (candidate) => {
      const index = indexOfTarget(table, candidate.item, result.asOfMs, settings)
      const behind = subjectEventRows(table, candidate.surge.kind, candidate.surge.place, candidate.fromMs, candidate.toMs, MAX_ALERT_EVENTS)
      const share = 1 / Math.max(1, behind.rows.length)
      const events = await eventsOf(behind.rows)
      return surgeAlertOf(candidate, result, index, { total: behind.total, events: events.map((event) => alertEventOf(event, share)) }, settings, nowMs)
    }),
  )
}
