import { DAY_MS } from './dates.ts'
import type { EpochMs, ThreatEvent, ThreatLevel } from './model.ts'
import type { EventTable } from './table-types.ts'
import { indexOfTarget, type IndexSettings, type IndexTarget, type TargetKind, type ThreatIndex } from './threat-index.ts'

/**
 * The watchlist and its alerts: pure evaluation of watched regions, countries and actors
 * against their thresholds. The caller passes `nowMs` (when the alert is raised) and the alerts
 * already raised, so the same crossing is not raised twice when the same data loads again.
 */

export interface WatchItem extends IndexTarget {
  /** `kind:value`; one item per target. */
  readonly id: string
  /** What the analyst reads: "Eastern Europe", "France", "Wagner Group". */
  readonly label: string
  /** Alert when the level is at or above this. */
  readonly thresholdLevel: ThreatLevel
  /** Alert when the score rises by at least this many points against the previous window; null: never. */
  readonly risePoints: number | null
  /** A muted item is evaluated but raises nothing. */
  readonly muted: boolean
  /** Alert when early warning finds a surge for this place (docs/early-warning.md); absent: no. */
  readonly surge?: boolean
}

export type AlertReason = 'level' | 'rise' | 'surge'

/** An event behind an alert, copied so the alert still reads after other data loads. */
export interface AlertEvent {
  readonly id: string
  readonly title: string
  /** The date as the source gave it (`2025-11-04`, `2025`); a span reads `2024-05 – 2025-10`. */
  readonly date: string
  readonly level: ThreatLevel
  /** Share of the index, 0–1. */
  readonly share: number
}

export interface Alert {
  /** Identifies the crossing: item, as-of day, reasons, level and event count. */
  readonly id: string
  readonly itemId: string
  readonly itemLabel: string
  readonly kind: TargetKind
  readonly reasons: readonly AlertReason[]
  readonly raisedAtMs: EpochMs
  /** The as-of instant the index was computed at. */
  readonly asOfMs: EpochMs
  readonly windowDays: number
  /** The level of the previous window and of this one (null: no recent activity). */
  readonly oldLevel: ThreatLevel | null
  readonly newLevel: ThreatLevel | null
  readonly oldScore: number
  readonly newScore: number
  readonly delta: number
  /** The contributing events, largest share first (at most MAX_ALERT_EVENTS). */
  readonly events: readonly AlertEvent[]
  readonly eventCount: number
  readonly acknowledged: boolean
  /** For a surge alert: the judged week and how it stood out. */
  readonly surge?: AlertSurge
}

/** What a surge alert records of the surge. */
export interface AlertSurge {
  /** Monday of the judged week, `YYYY-MM-DD`. */
  readonly weekStart: string
  readonly observed: number
  readonly expected: number
  readonly p?: number
  readonly rule?: string
}

export const MAX_ALERT_EVENTS = 5
/** The alert list keeps at most this many; the oldest acknowledged ones go first. */
export const MAX_ALERTS = 200

/** The id of a watch item for a target. */
export function watchItemId(target: IndexTarget): string {
  return `${target.kind}:${target.value}`
}

/**
 * Why an item is in alert, if it is: its level reached the threshold, and/or its score rose by
 * at least the rise threshold. Empty when neither (or when the item is muted).
 */
export function alertReasons(item: WatchItem, level: ThreatLevel | null, delta: number): AlertReason[] {
  if (item.muted) return []
  const reasons: AlertReason[] = []
  if (level !== null && level >= item.thresholdLevel) reasons.push('level')
  if (item.risePoints !== null && delta >= item.risePoints) reasons.push('rise')
  return reasons
}

/** Reads the events of rows (or refs) in the same order, asynchronously: their text may live elsewhere. */
export type EventsReader = (refs: readonly number[]) => Promise<ThreatEvent[]>

/**
 * Evaluates every watch item on the whole table (dashboard filters do not apply: a watch is a
 * standing order) at `asOfMs`, and returns the alerts to add: those whose id is not among
 * `existing`, each with copies of the events behind it, read through `eventsOf`. Returns [] for
 * an empty table. Does not modify its inputs.
 */
export function evaluateWatchlist(
  table: EventTable,
  items: readonly WatchItem[],
  asOfMs: EpochMs,
  settings: IndexSettings,
  existing: readonly Pick<Alert, 'id'>[],
  nowMs: EpochMs,
  eventsOf: EventsReader,
): Promise<Alert[]> {
  if (table.size === 0) return Promise.resolve([])
  const indexes = items.map((item) => indexOfTarget(table, item, asOfMs, settings))
  return alertsOfCrossings(watchCrossings(items, indexes, asOfMs, existing), asOfMs, settings, nowMs, eventsOf)
}

/** The alerts of crossings, each with its largest contributions' events read through `eventsOf`. */
export function alertsOfCrossings(
  crossings: readonly WatchCrossing[],
  asOfMs: EpochMs,
  settings: IndexSettings,
  nowMs: EpochMs,
  eventsOf: EventsReader,
): Promise<Alert[]> {
  return Promise.all(
    crossings.map(async (crossing) => {
      const top = crossing.index.contributions.slice(0, MAX_ALERT_EVENTS)
      const events = await eventsOf(top.map((c) => c.row))
      return alertOf(crossing, events.map((event, k) => alertEventOf(event, top[k]?.share ?? 0)), asOfMs, settings, nowMs)
    }),
  )
}

/** A watch item whose index crosses its threshold, not raised before. */
export interface WatchCrossing {
  readonly id: string
  readonly item: WatchItem
  readonly index: ThreatIndex
  readonly reasons: readonly AlertReason[]
}

/**
 * The items (with their indexes, in the same order) that cross a threshold, each once per as-of
 * day and crossing: `existing` alerts and crossings already found are skipped.
 */
export function watchCrossings(items: readonly WatchItem[], indexes: readonly ThreatIndex[], asOfMs: EpochMs, existing: readonly Pick<Alert, 'id'>[]): WatchCrossing[] {
  const known = new Set(existing.map((a) => a.id))
  const out: WatchCrossing[] = []
  items.forEach((item, i) => {
    const index = indexes[i]!
    const reasons = alertReasons(item, index.level, index.delta)
    if (reasons.length === 0) return
    // By as-of day, not instant: with as-of "today" the instant moves with the clock, and the
    // same crossing must not be raised again on every refresh of the day.
    const id = `${item.id}@d${Math.ceil(asOfMs / DAY_MS)}:${reasons.join('+')}:L${index.level ?? 0}:n${index.eventCount}`
    if (known.has(id)) return
    known.add(id)
    out.push({ id, item, index, reasons })
  })
  return out
}

/** The alert for a crossing, with the events behind it (largest share first, at most MAX_ALERT_EVENTS). */
export function alertOf(crossing: WatchCrossing, events: readonly AlertEvent[], asOfMs: EpochMs, settings: IndexSettings, nowMs: EpochMs): Alert {
  const { id, item, index, reasons } = crossing
  return {
    id,
    itemId: item.id,
    itemLabel: item.label,
    kind: item.kind,
    reasons,
    raisedAtMs: nowMs,
    asOfMs,
    ...alertLevels(index, settings),
    eventCount: index.eventCount,
    events,
    acknowledged: false,
  }
}

/** An alert's copy of an event behind it, with its share of the index. */
export function alertEventOf(event: ThreatEvent, share: number): AlertEvent {
  const date = event.endDate ? `${event.date.text} – ${event.endDate.text}` : event.date.text
  return { id: event.id, title: event.title, date, level: event.threatLevel, share }
}

/** The threat index an alert records: the window, the levels and scores of both windows. */
export function alertLevels(
  index: ThreatIndex,
  settings: IndexSettings,
): Pick<Alert, 'windowDays' | 'oldLevel' | 'newLevel' | 'oldScore' | 'newScore' | 'delta'> {
  return {
    windowDays: settings.windowDays,
    oldLevel: index.previousLevel,
    newLevel: index.level,
    oldScore: index.previousScore,
    newScore: index.score,
    delta: index.delta,
  }
}

/**
 * The alert list after adding `raised`: newest first, at most `limit`, dropping the oldest
 * acknowledged alerts before any unacknowledged one.
 */
export function mergeAlerts(existing: readonly Alert[], raised: readonly Alert[], limit = MAX_ALERTS): Alert[] {
  const all = [...raised, ...existing].sort((a, b) => b.raisedAtMs - a.raisedAtMs)
  if (all.length <= limit) return all
  let excess = all.length - limit
  const drop = new Set<Alert>()
  for (let i = all.length - 1; i >= 0 && excess > 0; i--) {
    if (all[i]!.acknowledged) {
      drop.add(all[i]!)
      excess--
    }
  }
  const kept = all.filter((a) => !drop.has(a))
  return kept.slice(0, limit)
}
